#include "settings/Preferences.h"

#include "keys/KeysTableModel.h"

#include <QDir>
#include <QFileInfo>
#include <algorithm>

namespace tessera::ui {

namespace {

const QString kLockOnMinimise = QStringLiteral("lockOnMinimise");
const QString kClipboardClearSeconds = QStringLiteral("clipboardClearSeconds");
const QString kKeyRotationDays = QStringLiteral("keys/rotationDays");
const QString kRecentVaults = QStringLiteral("recentVaults");
const QString kWindowGeometry = QStringLiteral("mainWindow/geometry");

// A stored number, or `fallback` when it is missing, not a number or out of [min, max] (a hand-edited file).
int boundedInt(const QSettings& settings, const QString& key, int fallback, int min, int max)
{
    bool ok = false;
    const int value = settings.value(key, fallback).toInt(&ok);
    return ok && value >= min && value <= max ? value : fallback;
}

QString normalised(const QString& path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

} // namespace

bool Preferences::lockOnMinimise() const
{
    return m_settings.value(kLockOnMinimise, false).toBool();
}

void Preferences::setLockOnMinimise(bool enabled)
{
    m_settings.setValue(kLockOnMinimise, enabled);
}

int Preferences::clipboardClearSeconds() const
{
    return boundedInt(m_settings, kClipboardClearSeconds, kDefaultClipboardClearSeconds, 0, kMaxClipboardClearSeconds);
}

void Preferences::setClipboardClearSeconds(int seconds)
{
    m_settings.setValue(kClipboardClearSeconds, std::clamp(seconds, 0, kMaxClipboardClearSeconds));
}

int Preferences::keyRotationDays() const
{
    return boundedInt(m_settings, kKeyRotationDays, KeysTableModel::DefaultRotationDays, 1,
                      KeysTableModel::MaxRotationDays);
}

void Preferences::setKeyRotationDays(int days)
{
    m_settings.setValue(kKeyRotationDays, std::clamp(days, 1, KeysTableModel::MaxRotationDays));
}

QStringList Preferences::recentVaults() const
{
    QStringList paths = m_settings.value(kRecentVaults).toStringList();
    paths.removeAll(QString());
    paths.removeDuplicates();
    return paths.mid(0, kMaxRecentVaults);
}

void Preferences::addRecentVault(const QString& path)
{
    const QString clean = normalised(path);
    QStringList paths = recentVaults();
    paths.removeAll(clean);
    paths.prepend(clean);
    m_settings.setValue(kRecentVaults, paths.mid(0, kMaxRecentVaults));
}

void Preferences::removeRecentVault(const QString& path)
{
    QStringList paths = recentVaults();
    paths.removeAll(path);
    paths.removeAll(normalised(path));
    m_settings.setValue(kRecentVaults, paths);
}

QByteArray Preferences::windowGeometry() const
{
    return m_settings.value(kWindowGeometry).toByteArray();
}

void Preferences::setWindowGeometry(const QByteArray& geometry)
{
    // Every quit passes here; rewriting (and fsyncing) an unchanged settings file would slow it down.
    if (windowGeometry() == geometry) {
        return;
    }
    m_settings.setValue(kWindowGeometry, geometry);
}

} // namespace tessera::ui
