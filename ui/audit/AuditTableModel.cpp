#include "audit/AuditTableModel.h"

#include <QDateTime>
#include <QSet>
#include <algorithm>

namespace tessera::ui {

AuditTableModel::AuditTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void AuditTableModel::setEntries(std::vector<AuditEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

void AuditTableModel::clear()
{
    setEntries({});
}

QStringList AuditTableModel::actions() const
{
    QSet<QString> distinct;
    for (const AuditEntry& entry : m_entries) {
        distinct.insert(entry.action);
    }
    QStringList sorted(distinct.begin(), distinct.end());
    std::sort(sorted.begin(), sorted.end());
    return sorted;
}

int AuditTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int AuditTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const AuditEntry& e = entry(index.row());
    if (role == Qt::DisplayRole || role == SortRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case TimeColumn:
            if (role == SortRole) {
                return e.atMs;
            }
            return QDateTime::fromMSecsSinceEpoch(e.atMs).toLocalTime().toString(
                role == Qt::ToolTipRole ? QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz t")
                                        : QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case UserColumn:
            return e.osUser;
        case ViaColumn:
            return e.via;
        case ActionColumn:
            return e.action;
        case TargetColumn:
            return e.target;
        case SummaryColumn:
            return e.summary;
        default:
            return {};
        }
    }
    return {};
}

QVariant AuditTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case UserColumn:
        return tr("User");
    case ViaColumn:
        return tr("Via");
    case ActionColumn:
        return tr("Action");
    case TargetColumn:
        return tr("Target");
    case SummaryColumn:
        return tr("Summary");
    default:
        return {};
    }
}

} // namespace tessera::ui
