#include "audit/AuditFilterProxyModel.h"

#include "audit/AuditTableModel.h"

namespace tessera::ui {

AuditFilterProxyModel::AuditFilterProxyModel(QObject* parent) : QSortFilterProxyModel(parent)
{
    setFilterKeyColumn(-1);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setSortRole(AuditTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void AuditFilterProxyModel::setText(const QString& text)
{
    setFilterFixedString(text.trimmed());
}

void AuditFilterProxyModel::setAction(const QString& action)
{
    if (action == m_action) {
        return;
    }
    m_action = action;
    invalidateFilter();
}

bool AuditFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (!m_action.isEmpty()) {
        const QModelIndex actionIndex =
            sourceModel()->index(sourceRow, AuditTableModel::ActionColumn, sourceParent);
        if (actionIndex.data(Qt::DisplayRole).toString() != m_action) {
            return false;
        }
    }
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

} // namespace tessera::ui
