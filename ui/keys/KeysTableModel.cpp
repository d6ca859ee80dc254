#include "keys/KeysTableModel.h"

#include "common/DialogStyle.h"
#include "common/Icons.h"
#include "keyring/KeyRing.h"

#include <QApplication>
#include <QDateTime>
#include <QPalette>

#include <algorithm>

namespace tessera::ui {

namespace {

constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;

QString stateText(keys::KeyState state)
{
    switch (state) {
    case keys::KeyState::Active:
        return QObject::tr("Active");
    case keys::KeyState::Passive:
        return QObject::tr("Passive (verifies only)");
    case keys::KeyState::Retired:
        return QObject::tr("Retired");
    }
    return {};
}

// "RS256/384/512, PS256/384/512": the list reads at a glance in a narrow column.
QString compactAlgorithms(const QStringList& algorithms)
{
    QStringList groups;
    QString family;
    for (const QString& alg : algorithms) {
        qsizetype digits = alg.size();
        while (digits > 0 && alg.at(digits - 1).isDigit()) {
            --digits;
        }
        const QString prefix = alg.left(digits);
        if (!groups.isEmpty() && prefix == family && digits < alg.size()) {
            groups.last() += u'/' + alg.mid(digits);
        } else {
            groups.append(alg);
            family = prefix;
        }
    }
    return groups.join(QStringLiteral(", "));
}

QString dateText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd"));
}

} // namespace

KeysTableModel::KeysTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void KeysTableModel::setKeys(QList<keys::VaultKey> list, qint64 nowMs)
{
    beginResetModel();
    m_keys = std::move(list);
    m_nowMs = nowMs;
    endResetModel();
}

void KeysTableModel::clear()
{
    setKeys({}, 0);
}

int KeysTableModel::rowOf(const QString& kid) const
{
    for (int row = 0; row < m_keys.size(); ++row) {
        if (m_keys.at(row).kid == kid) {
            return row;
        }
    }
    return -1;
}

bool KeysTableModel::isOld(const keys::VaultKey& key) const
{
    return !keys::KeyRing::olderThan({key}, m_rotationDays * kDayMs, m_nowMs).isEmpty();
}

void KeysTableModel::setRotationDays(int days)
{
    days = std::clamp(days, 1, MaxRotationDays);
    if (days == m_rotationDays) {
        return;
    }
    m_rotationDays = days;
    // Only the Created column's text, mark and tip depend on it; its sort key (the date) does not.
    if (!m_keys.isEmpty()) {
        Q_EMIT dataChanged(index(0, CreatedColumn), index(rowCount() - 1, CreatedColumn));
    }
}

int KeysTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_keys.size());
}

int KeysTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KeysTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_keys.size()) {
        return {};
    }
    const keys::VaultKey& key = m_keys.at(index.row());
    const QPalette palette = QApplication::palette();
    switch (index.column()) {
    case KidColumn:
        if (role == Qt::DisplayRole || role == SortRole || role == Qt::ToolTipRole) {
            return key.kid;
        }
        if (role == Qt::DecorationRole) {
            return Icons::get(QStringLiteral("key"));
        }
        break;
    case TypeColumn:
        if (role == Qt::DisplayRole || role == SortRole) {
            return key.description;
        }
        break;
    case AlgorithmsColumn:
        if (role == Qt::DisplayRole) {
            return compactAlgorithms(key.algorithms);
        }
        if (role == SortRole || role == Qt::ToolTipRole) {
            return key.algorithms.join(QStringLiteral(", "));
        }
        break;
    case StateColumn:
        if (role == Qt::DisplayRole) {
            return key.isExpiredAt(m_nowMs) && key.state != keys::KeyState::Retired
                       ? tr("%1, past its end date").arg(stateText(key.state))
                       : stateText(key.state);
        }
        if (role == SortRole) {
            return static_cast<int>(key.state);
        }
        if (role == Qt::ForegroundRole && key.state == keys::KeyState::Retired) {
            return palette.color(QPalette::Disabled, QPalette::Text);
        }
        if (role == Qt::ForegroundRole && key.state == keys::KeyState::Active) {
            return DialogStyle::successColor(palette);
        }
        break;
    case CreatedColumn:
        if (role == Qt::DisplayRole) {
            const qint64 days = (m_nowMs - key.createdMs) / kDayMs;
            return isOld(key) ? tr("%1 (%2 days old: rotate)").arg(dateText(key.createdMs)).arg(days)
                              : dateText(key.createdMs);
        }
        if (role == SortRole) {
            return key.createdMs;
        }
        if (role == Qt::DecorationRole && isOld(key)) {
            return Icons::get(QStringLiteral("warning"), DialogStyle::failureColor(palette));
        }
        if (role == Qt::ToolTipRole && isOld(key)) {
            return tr("In use for more than %1: rotate it (a new Active key; this one verifies until its tokens "
                      "expire).")
                .arg(m_rotationDays == 1 ? tr("1 day") : tr("%1 days").arg(m_rotationDays));
        }
        break;
    case NotAfterColumn:
        if (role == Qt::DisplayRole) {
            return key.notAfterMs == 0 ? tr("—") : dateText(key.notAfterMs);
        }
        if (role == SortRole) {
            return key.notAfterMs;
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant KeysTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case KidColumn:
        return tr("Key ID");
    case TypeColumn:
        return tr("Type");
    case AlgorithmsColumn:
        return tr("Algorithms");
    case StateColumn:
        return tr("State");
    case CreatedColumn:
        return tr("Created");
    case NotAfterColumn:
        return tr("Not after");
    default:
        return {};
    }
}

} // namespace tessera::ui
