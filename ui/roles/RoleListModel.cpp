#include "roles/RoleListModel.h"

#include "roles/PermissionMatrixModel.h"

#include <QLocale>

namespace tessera::ui {

RoleListModel::RoleListModel(const PermissionMatrixModel& matrix, QObject* parent)
    : QAbstractListModel(parent), m_matrix(matrix)
{
    connect(&m_matrix, &QAbstractItemModel::modelReset, this, &RoleListModel::reload);
    connect(&m_matrix, &PermissionMatrixModel::pendingChanged, this, &RoleListModel::refreshRows);
    reload();
}

void RoleListModel::setUserCounts(QHash<QString, int> counts, const QString& defaultRole)
{
    m_userCounts = std::move(counts);
    m_defaultRole = defaultRole;
    refreshRows();
}

void RoleListModel::reload()
{
    beginResetModel();
    m_names = m_matrix.pendingRoles().roleNames();
    endResetModel();
}

void RoleListModel::refreshRows()
{
    if (m_names != m_matrix.pendingRoles().roleNames()) {
        reload();
        return;
    }
    if (!m_names.isEmpty()) {
        Q_EMIT dataChanged(index(0), index(rowCount() - 1));
    }
}

int RoleListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_names.size());
}

QVariant RoleListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const QString& name = m_names.at(index.row());
    const RoleDefinition* definition = m_matrix.pendingRoles().role(name);
    if (definition == nullptr) {
        return {};
    }
    const int users = m_userCounts.value(name);
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return name;
    case DescriptionRole:
        return definition->description;
    case IncludesRole:
        return definition->includes;
    case UserCountRole:
        return users;
    case PendingRole:
        return m_matrix.changes().isRolePending(name);
    case DefaultRole:
        return name == m_defaultRole;
    case Qt::AccessibleTextRole:
    case Qt::ToolTipRole: {
        QStringList lines{
            definition->description.isEmpty() ? name : tr("%1: %2").arg(name, definition->description)};
        lines.append(users == 1 ? tr("1 user holds this role")
                                : tr("%1 users hold this role").arg(QLocale().toString(users)));
        if (!definition->includes.isEmpty()) {
            lines.append(tr("Includes %1").arg(definition->includes.join(QStringLiteral(", "))));
        }
        if (name == m_defaultRole) {
            lines.append(tr("New users get this role"));
        }
        if (m_matrix.changes().isRolePending(name)) {
            lines.append(tr("Unsaved changes"));
        }
        return lines.join(QLatin1Char('\n'));
    }
    default:
        return {};
    }
}

} // namespace tessera::ui
