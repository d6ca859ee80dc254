#pragma once

#include "access/Permission.h"
#include "access/RoleDefinition.h"
#include "common/Error.h"

#include <QList>
#include <QMap>
#include <QSet>
#include <QStringList>

namespace tessera {

// Roles, the permissions each grants directly, and the roles each includes (composite roles), plus the
// catalog of known permissions (the columns of the GUI's matrix, granted or not; admin:all is always
// there). Includes never form a cycle: an include that would is refused with the cycle spelt out.
// Plain value type with no storage; every change takes a new generation() stamp.
class RoleGraph
{
public:
    static constexpr qsizetype kMaxRoleNameLength = 64;

    // 1-64 lower-case letters, digits, '_' or '-', like a permission's parts.
    static Status validateRoleName(const QString& name);

    // For a storage layer: validates names, duplicates, unknown includes and cycles.
    static Result<RoleGraph> fromDefinitions(const QList<RoleDefinition>& roles,
                                             const QList<Permission>& catalog = {});

    RoleGraph();

    quint64 generation() const { return m_generation; }

    qsizetype roleCount() const { return m_roles.size(); }
    QStringList roleNames() const { return m_roles.keys(); } // sorted
    bool hasRole(const QString& name) const { return m_roles.contains(name); }
    const RoleDefinition* role(const QString& name) const;                 // nullptr when unknown
    QList<RoleDefinition> definitions() const { return m_roles.values(); } // sorted by name
    QList<Permission> permissionCatalog() const;                           // sorted

    Status addRole(const QString& name, const QString& description = {});
    Status removeRole(const QString& name); // also dropped from the roles that included it
    Status renameRole(const QString& from, const QString& to);
    Status setDescription(const QString& role, const QString& description);
    // Replaces an existing role's description, permissions and includes, or adds the role.
    Status replaceRole(const RoleDefinition& definition);

    Status grant(const QString& role, const Permission& permission);  // no-op when already granted
    Status revoke(const QString& role, const Permission& permission); // NotFound when not granted
    Status include(const QString& role, const QString& included);     // no-op when already included
    Status removeInclude(const QString& role, const QString& included);

    // The matrix columns. Removing or renaming a permission also revokes or renames it in every role.
    Status addPermission(const Permission& permission);
    Status removePermission(const Permission& permission);
    Status renamePermission(const Permission& from, const Permission& to);

    // The cycle `role -> included -> ... -> role` that including `included` in `role` would make, or
    // empty when the include is safe. Lets a GUI warn before the user commits.
    QStringList cycleIfIncluded(const QString& role, const QString& included) const;

    QStringList includedRoles(const QString& role) const;  // transitive, without `role`, sorted
    QStringList rolesIncluding(const QString& role) const; // transitive, without `role`, sorted
    // The closure: the role's own permissions and those of every role it includes, sorted.
    QList<Permission> effectivePermissions(const QString& role) const;

private:
    Status requireRole(const QString& name) const;
    void touch();

    QMap<QString, RoleDefinition> m_roles;
    QSet<Permission> m_catalog; // admin:all is implied, never stored
    quint64 m_generation = 0;
};

} // namespace tessera
