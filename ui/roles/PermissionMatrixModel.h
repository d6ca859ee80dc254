#pragma once

#include "access/Permission.h"
#include "roles/PendingRoleChanges.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <vector>

namespace tessera::ui {

// Roles x permissions. A cell's check box is a direct grant; a permission the role holds only through
// an included role, or through admin:all, shows a partial check whose tooltip names the role it comes
// through. Checking a cell does not save anything: it records a pending change (PendingRoleChanges),
// highlighted until the changes are reviewed and applied, or discarded.
class PermissionMatrixModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum DataRole
    {
        PendingRole = Qt::UserRole + 1, // bool: this cell differs from the saved roles
        InheritedRole,                  // bool: held through an included role or admin:all, not directly
        PermissionRole,                 // QString: the column's permission
        RoleNameRole,                   // QString: the row's role
    };

    explicit PermissionMatrixModel(QObject* parent = nullptr);

    // The roles as saved; pending edits that still apply are kept.
    void setSavedRoles(RoleGraph roles);
    void clear(); // forgets everything (locking)

    const PendingRoleChanges& changes() const { return m_changes; }
    PendingRoleChanges& changes() { return m_changes; }
    const RoleGraph& pendingRoles() const { return m_changes.pending(); }
    bool hasPendingChanges() const { return !m_changes.isEmpty(); }
    void discardChanges();
    Status setIncluded(const QString& role, const QString& included, bool include);

    QString roleAt(int row) const { return m_roles.value(row); }
    Permission permissionAt(int column) const;
    int rowOf(const QString& role) const { return static_cast<int>(m_roles.indexOf(role)); }
    int columnOf(const Permission& permission) const;
    // "Granted through the included role viewer", or empty when the role does not hold it indirectly.
    QString throughText(const QString& role, const Permission& permission) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QColor pendingColor(); // the accent of unsaved edits, shared with the role list

Q_SIGNALS:
    // The pending edits changed (a cell, an include, a discard, or a reload that dropped some).
    void pendingChanged();

private:
    struct RowInfo
    {
        QSet<Permission> direct;
        QHash<Permission, QString> through; // held through this included role
        QString wildcardVia;                // role whose admin:all covers everything (may be the row's own)
    };

    void rebuildRows();
    void refreshAll();

    PendingRoleChanges m_changes;
    QStringList m_roles;
    QList<Permission> m_permissions;
    std::vector<RowInfo> m_rows;
};

} // namespace tessera::ui
