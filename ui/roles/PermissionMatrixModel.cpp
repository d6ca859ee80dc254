#include "roles/PermissionMatrixModel.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace tessera::ui {

PermissionMatrixModel::PermissionMatrixModel(QObject* parent) : QAbstractTableModel(parent) {}

QColor PermissionMatrixModel::pendingColor()
{
    return QColor(0xe0, 0x9b, 0x1a); // amber: readable on light and dark palettes
}

void PermissionMatrixModel::setSavedRoles(RoleGraph roles)
{
    const int before = m_changes.editCount();
    beginResetModel();
    m_changes.setSaved(std::move(roles));
    m_roles = m_changes.pending().roleNames();
    m_permissions = m_changes.pending().permissionCatalog();
    rebuildRows();
    endResetModel();
    if (before != 0 || m_changes.editCount() != 0) {
        Q_EMIT pendingChanged();
    }
}

void PermissionMatrixModel::clear()
{
    beginResetModel();
    m_changes = PendingRoleChanges();
    m_roles.clear();
    m_permissions.clear();
    m_rows.clear();
    endResetModel();
    Q_EMIT pendingChanged();
}

void PermissionMatrixModel::discardChanges()
{
    if (m_changes.isEmpty()) {
        return;
    }
    m_changes.clear();
    refreshAll();
}

Status PermissionMatrixModel::setIncluded(const QString& role, const QString& included, bool include)
{
    TESSERA_TRY(m_changes.setIncluded(role, included, include));
    refreshAll();
    return {};
}

void PermissionMatrixModel::refreshAll()
{
    rebuildRows();
    if (!m_roles.isEmpty() && !m_permissions.isEmpty()) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    }
    Q_EMIT headerDataChanged(Qt::Vertical, 0, std::max(0, rowCount() - 1));
    Q_EMIT pendingChanged();
}

void PermissionMatrixModel::rebuildRows()
{
    const RoleGraph& graph = m_changes.pending();
    m_rows.assign(static_cast<std::size_t>(m_roles.size()), RowInfo{});
    for (qsizetype row = 0; row < m_roles.size(); ++row) {
        RowInfo& info = m_rows[static_cast<std::size_t>(row)];
        const QString& name = m_roles.at(row);
        const RoleDefinition* definition = graph.role(name);
        if (definition == nullptr) {
            continue;
        }
        for (const Permission& permission : definition->permissions) {
            info.direct.insert(permission);
        }
        for (const QString& included : graph.includedRoles(name)) {
            if (const RoleDefinition* other = graph.role(included)) {
                for (const Permission& permission : other->permissions) {
                    if (!info.direct.contains(permission) && !info.through.contains(permission)) {
                        info.through.insert(permission, included);
                    }
                }
            }
        }
        const Permission wildcard = Permission::wildcard();
        if (info.direct.contains(wildcard)) {
            info.wildcardVia = name;
        } else if (info.through.contains(wildcard)) {
            info.wildcardVia = info.through.value(wildcard);
        }
    }
}

Permission PermissionMatrixModel::permissionAt(int column) const
{
    return column >= 0 && column < m_permissions.size() ? m_permissions.at(column) : Permission();
}

int PermissionMatrixModel::columnOf(const Permission& permission) const
{
    return static_cast<int>(m_permissions.indexOf(permission));
}

QString PermissionMatrixModel::throughText(const QString& role, const Permission& permission) const
{
    const int row = rowOf(role);
    if (row < 0) {
        return {};
    }
    const RowInfo& info = m_rows[static_cast<std::size_t>(row)];
    if (info.direct.contains(permission)) {
        return {};
    }
    if (const auto it = info.through.constFind(permission); it != info.through.cend()) {
        return tr("Granted through the included role %1").arg(*it);
    }
    if (!info.wildcardVia.isEmpty()) {
        return info.wildcardVia == role
                   ? tr("Covered by admin:all, which %1 grants directly").arg(role)
                   : tr("Covered by admin:all, through the included role %1").arg(info.wildcardVia);
    }
    return {};
}

int PermissionMatrixModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_roles.size());
}

int PermissionMatrixModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_permissions.size());
}

QVariant PermissionMatrixModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) {
        return {};
    }
    const QString& roleName = m_roles.at(index.row());
    const Permission& permission = m_permissions.at(index.column());
    const RowInfo& info = m_rows[static_cast<std::size_t>(index.row())];
    const bool direct = info.direct.contains(permission);
    const QString through = direct ? QString() : throughText(roleName, permission);
    const bool pending = m_changes.isGrantPending(roleName, permission);
    switch (role) {
    case Qt::CheckStateRole:
        return direct ? Qt::Checked : (through.isEmpty() ? Qt::Unchecked : Qt::PartiallyChecked);
    case PendingRole:
        return pending;
    case InheritedRole:
        return !direct && !through.isEmpty();
    case PermissionRole:
        return permission.toString();
    case RoleNameRole:
        return roleName;
    case Qt::AccessibleTextRole:
    case Qt::ToolTipRole: {
        QString text = direct ? tr("%1 grants %2 directly").arg(roleName, permission.toString())
                       : through.isEmpty()
                           ? tr("%1 does not grant %2").arg(roleName, permission.toString())
                           : tr("%1 holds %2. %3.").arg(roleName, permission.toString(), through);
        if (pending) {
            text += QLatin1Char('\n') + (direct ? tr("Unsaved: will be granted directly")
                                                : tr("Unsaved: the direct grant will be revoked"));
        }
        return text;
    }
    case Qt::BackgroundRole:
        if (pending) {
            QColor tint = pendingColor();
            tint.setAlpha(70);
            return QBrush(tint);
        }
        return {};
    default:
        return {};
    }
}

bool PermissionMatrixModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::CheckStateRole || !index.isValid() || index.row() >= rowCount() ||
        index.column() >= columnCount()) {
        return false;
    }
    const bool granted = static_cast<Qt::CheckState>(value.toInt()) == Qt::Checked;
    m_changes.setGranted(m_roles.at(index.row()), m_permissions.at(index.column()), granted);
    // Inherited cells follow: every role including this one may change too.
    refreshAll();
    return true;
}

Qt::ItemFlags PermissionMatrixModel::flags(const QModelIndex& index) const
{
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable;
}

QVariant PermissionMatrixModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal) {
        if (section < 0 || section >= columnCount()) {
            return {};
        }
        const Permission& permission = m_permissions.at(section);
        switch (role) {
        case Qt::DisplayRole:
            return permission.toString();
        case Qt::ToolTipRole:
            return permission.isWildcard()
                       ? tr("admin:all is the wildcard: a role granting it holds every permission")
                       : tr("Action “%1” on “%2”. Select the column to see who holds it.")
                             .arg(permission.action(), permission.resource());
        default:
            return {};
        }
    }
    if (section < 0 || section >= rowCount()) {
        return {};
    }
    const QString& name = m_roles.at(section);
    const bool pending = m_changes.isRolePending(name);
    switch (role) {
    case Qt::DisplayRole:
        return pending ? tr("%1 •").arg(name) : name;
    case Qt::ForegroundRole:
        return pending ? QVariant(QBrush(pendingColor().darker(115))) : QVariant();
    case Qt::ToolTipRole:
        return pending ? tr("%1 has unsaved changes").arg(name) : name;
    default:
        return {};
    }
}

} // namespace tessera::ui
