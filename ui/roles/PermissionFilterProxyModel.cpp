#include "roles/PermissionFilterProxyModel.h"

namespace tessera::ui {

PermissionFilterProxyModel::PermissionFilterProxyModel(QObject* parent) : QSortFilterProxyModel(parent) {}

void PermissionFilterProxyModel::setText(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text) {
        return;
    }
    m_text = trimmed;
    invalidateColumnsFilter();
}

bool PermissionFilterProxyModel::filterAcceptsColumn(int sourceColumn, const QModelIndex& sourceParent) const
{
    if (m_text.isEmpty() || sourceModel() == nullptr) {
        return true;
    }
    Q_UNUSED(sourceParent);
    return sourceModel()
        ->headerData(sourceColumn, Qt::Horizontal, Qt::DisplayRole)
        .toString()
        .contains(m_text, Qt::CaseInsensitive);
}

} // namespace tessera::ui
