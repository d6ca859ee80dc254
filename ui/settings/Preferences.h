#pragma once

#include <QByteArray>
#include <QSettings>
#include <QStringList>

namespace tessera::ui {

// Per-user GUI preferences in QSettings. Policies that must travel with a vault (auto-lock limits)
// are vault settings instead, stored inside the vault.
class Preferences
{
public:
    static constexpr int kMaxRecentVaults = 10;
    static constexpr int kDefaultClipboardClearSeconds = 10;
    static constexpr int kMaxClipboardClearSeconds = 300;

    Preferences() = default;

    bool lockOnMinimise() const;
    void setLockOnMinimise(bool enabled);

    int clipboardClearSeconds() const; // 0 = never
    void setClipboardClearSeconds(int seconds);

    // The Keys page's rotation reminder: keys in use longer than this are marked.
    int keyRotationDays() const; // KeysTableModel::DefaultRotationDays unless set
    void setKeyRotationDays(int days);

    QStringList recentVaults() const; // most recent first
    void addRecentVault(const QString& path);
    void removeRecentVault(const QString& path);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& geometry);

    QString fileName() const { return m_settings.fileName(); }
    void sync() { m_settings.sync(); }

private:
    QSettings m_settings;
};

} // namespace tessera::ui
