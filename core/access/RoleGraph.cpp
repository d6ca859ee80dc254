#include "access/RoleGraph.h"

#include "access/AccessGeneration.h"
#include "access/AccessNames.h"

#include <QQueue>
#include <algorithm>

namespace tessera {

namespace {

template <typename T> void insertSorted(QList<T>& list, const T& value)
{
    list.insert(std::lower_bound(list.begin(), list.end(), value) - list.begin(), value);
}

template <typename T> void sortUnique(QList<T>& list)
{
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
}

} // namespace

Status RoleGraph::validateRoleName(const QString& name)
{
    if (name.isEmpty())
        return fail(ErrorKind::Input, QStringLiteral("role name must not be empty"));
    if (name.size() > kMaxRoleNameLength)
        return fail(ErrorKind::Input,
                    QStringLiteral("role name %1... is longer than %2 characters")
                        .arg(quoteForMessage(name.left(16)), QString::number(kMaxRoleNameLength)));
    for (const QChar c : name) {
        if (isAsciiUpper(c))
            return fail(ErrorKind::Input,
                        QStringLiteral("role name %1 must be lower-case").arg(quoteForMessage(name)));
    }
    for (const QChar c : name) {
        if (!isAccessNameChar(c))
            return fail(ErrorKind::Input,
                        QStringLiteral("role name %1 contains %2; only lower-case letters a-z, "
                                       "digits, '_' and '-' are allowed")
                            .arg(quoteForMessage(name), describeAccessChar(c)));
    }
    return {};
}

Result<RoleGraph> RoleGraph::fromDefinitions(const QList<RoleDefinition>& roles,
                                             const QList<Permission>& catalog)
{
    RoleGraph graph;
    for (const Permission& permission : catalog) {
        if (auto added = graph.addPermission(permission); !added)
            return std::unexpected(added.error());
    }
    for (const RoleDefinition& definition : roles) {
        if (graph.hasRole(definition.name))
            return fail(ErrorKind::Conflict, QStringLiteral("role %1 is defined twice").arg(definition.name));
        if (auto added = graph.addRole(definition.name, definition.description); !added)
            return std::unexpected(added.error());
        for (const Permission& permission : definition.permissions) {
            if (auto granted = graph.grant(definition.name, permission); !granted)
                return std::unexpected(granted.error());
        }
    }
    // Includes last, so a role may include one defined after it.
    for (const RoleDefinition& definition : roles) {
        for (const QString& included : definition.includes) {
            if (auto added = graph.include(definition.name, included); !added)
                return std::unexpected(added.error());
        }
    }
    return graph;
}

RoleGraph::RoleGraph() : m_generation(nextAccessGeneration()) {}

void RoleGraph::touch()
{
    m_generation = nextAccessGeneration();
}

Status RoleGraph::requireRole(const QString& name) const
{
    if (!m_roles.contains(name))
        return fail(ErrorKind::NotFound, QStringLiteral("no role named %1").arg(quoteForMessage(name)));
    return {};
}

const RoleDefinition* RoleGraph::role(const QString& name) const
{
    const auto it = m_roles.constFind(name);
    return it == m_roles.cend() ? nullptr : &it.value();
}

QList<Permission> RoleGraph::permissionCatalog() const
{
    QList<Permission> all(m_catalog.cbegin(), m_catalog.cend());
    all.append(Permission::wildcard());
    std::sort(all.begin(), all.end());
    return all;
}

Status RoleGraph::addRole(const QString& name, const QString& description)
{
    if (auto valid = validateRoleName(name); !valid)
        return valid;
    if (m_roles.contains(name))
        return fail(ErrorKind::Conflict, QStringLiteral("role %1 already exists").arg(name));
    m_roles.insert(name, RoleDefinition{name, description, {}, {}});
    touch();
    return {};
}

Status RoleGraph::removeRole(const QString& name)
{
    if (auto known = requireRole(name); !known)
        return known;
    m_roles.remove(name);
    for (RoleDefinition& definition : m_roles)
        definition.includes.removeOne(name);
    touch();
    return {};
}

Status RoleGraph::renameRole(const QString& from, const QString& to)
{
    if (auto known = requireRole(from); !known)
        return known;
    if (from == to)
        return {};
    if (auto valid = validateRoleName(to); !valid)
        return valid;
    if (m_roles.contains(to))
        return fail(ErrorKind::Conflict, QStringLiteral("role %1 already exists").arg(to));
    RoleDefinition definition = m_roles.take(from);
    definition.name = to;
    m_roles.insert(to, definition);
    for (RoleDefinition& other : m_roles) {
        if (other.includes.removeOne(from))
            insertSorted(other.includes, to);
    }
    touch();
    return {};
}

Status RoleGraph::setDescription(const QString& role, const QString& description)
{
    if (auto known = requireRole(role); !known)
        return known;
    RoleDefinition& definition = m_roles[role];
    if (definition.description != description) {
        definition.description = description;
        touch();
    }
    return {};
}

Status RoleGraph::replaceRole(const RoleDefinition& definition)
{
    // Built on a copy so a refused include leaves this graph as it was.
    RoleGraph next = *this;
    if (next.hasRole(definition.name)) {
        RoleDefinition& existing = next.m_roles[definition.name];
        existing.description = definition.description;
        existing.permissions.clear();
        existing.includes.clear();
    } else if (auto added = next.addRole(definition.name, definition.description); !added) {
        return added;
    }
    for (const Permission& permission : definition.permissions) {
        if (auto granted = next.grant(definition.name, permission); !granted)
            return granted;
    }
    for (const QString& included : definition.includes) {
        if (auto added = next.include(definition.name, included); !added)
            return added;
    }
    *this = std::move(next);
    touch();
    return {};
}

Status RoleGraph::grant(const QString& role, const Permission& permission)
{
    if (auto known = requireRole(role); !known)
        return known;
    if (permission.isNull())
        return fail(ErrorKind::Input, QStringLiteral("cannot grant an empty permission"));
    QList<Permission>& permissions = m_roles[role].permissions;
    if (std::binary_search(permissions.cbegin(), permissions.cend(), permission))
        return {};
    insertSorted(permissions, permission);
    if (!permission.isWildcard())
        m_catalog.insert(permission);
    touch();
    return {};
}

Status RoleGraph::revoke(const QString& role, const Permission& permission)
{
    if (auto known = requireRole(role); !known)
        return known;
    if (!m_roles[role].permissions.removeOne(permission))
        return fail(ErrorKind::NotFound,
                    QStringLiteral("role %1 does not grant %2 directly").arg(role, permission.toString()));
    touch();
    return {};
}

QStringList RoleGraph::cycleIfIncluded(const QString& role, const QString& included) const
{
    if (role == included)
        return {role, role};
    // Breadth-first from `included` towards `role`: the shortest cycle reads best in a message.
    QHash<QString, QString> cameFrom;
    QQueue<QString> queue;
    queue.enqueue(included);
    cameFrom.insert(included, QString());
    while (!queue.isEmpty()) {
        const QString current = queue.dequeue();
        if (current == role) {
            QStringList path;
            for (QString step = current; !step.isEmpty(); step = cameFrom.value(step))
                path.prepend(step);
            path.prepend(role);
            return path;
        }
        const RoleDefinition* definition = this->role(current);
        if (!definition)
            continue;
        for (const QString& next : definition->includes) {
            if (!cameFrom.contains(next)) {
                cameFrom.insert(next, current);
                queue.enqueue(next);
            }
        }
    }
    return {};
}

Status RoleGraph::include(const QString& role, const QString& included)
{
    if (auto known = requireRole(role); !known)
        return known;
    if (auto known = requireRole(included); !known)
        return fail(ErrorKind::NotFound, QStringLiteral("role %1 cannot include %2: no role by that name")
                                             .arg(role, quoteForMessage(included)));
    QStringList& includes = m_roles[role].includes;
    if (std::binary_search(includes.cbegin(), includes.cend(), included))
        return {};
    if (const QStringList cycle = cycleIfIncluded(role, included); !cycle.isEmpty())
        return fail(ErrorKind::Input, QStringLiteral("role %1 cannot include %2: that would make a cycle %3")
                                          .arg(role, included, cycle.join(QStringLiteral(" -> "))));
    insertSorted(includes, included);
    touch();
    return {};
}

Status RoleGraph::removeInclude(const QString& role, const QString& included)
{
    if (auto known = requireRole(role); !known)
        return known;
    if (!m_roles[role].includes.removeOne(included))
        return fail(ErrorKind::NotFound, QStringLiteral("role %1 does not include %2").arg(role, included));
    touch();
    return {};
}

Status RoleGraph::addPermission(const Permission& permission)
{
    if (permission.isNull())
        return fail(ErrorKind::Input, QStringLiteral("cannot add an empty permission"));
    if (permission.isWildcard() || m_catalog.contains(permission))
        return {};
    m_catalog.insert(permission);
    touch();
    return {};
}

Status RoleGraph::removePermission(const Permission& permission)
{
    if (permission.isWildcard())
        return fail(ErrorKind::Input,
                    QStringLiteral("admin:all is the built-in wildcard and cannot be removed; revoke it from "
                                   "roles instead"));
    if (!m_catalog.contains(permission))
        return fail(ErrorKind::NotFound, QStringLiteral("no permission %1").arg(permission.toString()));
    m_catalog.remove(permission);
    for (RoleDefinition& definition : m_roles)
        definition.permissions.removeOne(permission);
    touch();
    return {};
}

Status RoleGraph::renamePermission(const Permission& from, const Permission& to)
{
    if (from.isWildcard() || to.isWildcard())
        return fail(ErrorKind::Input,
                    QStringLiteral("admin:all is the built-in wildcard and cannot be renamed"));
    if (to.isNull())
        return fail(ErrorKind::Input, QStringLiteral("cannot rename a permission to an empty one"));
    if (!m_catalog.contains(from))
        return fail(ErrorKind::NotFound, QStringLiteral("no permission %1").arg(from.toString()));
    if (from == to)
        return {};
    if (m_catalog.contains(to))
        return fail(ErrorKind::Conflict, QStringLiteral("permission %1 already exists").arg(to.toString()));
    m_catalog.remove(from);
    m_catalog.insert(to);
    for (RoleDefinition& definition : m_roles) {
        if (definition.permissions.removeOne(from))
            insertSorted(definition.permissions, to);
    }
    touch();
    return {};
}

QStringList RoleGraph::includedRoles(const QString& role) const
{
    QSet<QString> seen;
    QStringList stack;
    if (const RoleDefinition* definition = this->role(role))
        stack = definition->includes;
    while (!stack.isEmpty()) {
        const QString current = stack.takeLast();
        if (current == role || seen.contains(current))
            continue;
        seen.insert(current);
        if (const RoleDefinition* definition = this->role(current))
            stack.append(definition->includes);
    }
    QStringList result(seen.cbegin(), seen.cend());
    result.sort();
    return result;
}

QStringList RoleGraph::rolesIncluding(const QString& role) const
{
    QStringList result;
    for (auto it = m_roles.cbegin(); it != m_roles.cend(); ++it) {
        if (it.key() != role && includedRoles(it.key()).contains(role))
            result.append(it.key());
    }
    return result;
}

QList<Permission> RoleGraph::effectivePermissions(const QString& role) const
{
    const RoleDefinition* definition = this->role(role);
    if (!definition)
        return {};
    QList<Permission> result = definition->permissions;
    for (const QString& included : includedRoles(role))
        result.append(m_roles.value(included).permissions);
    sortUnique(result);
    return result;
}

} // namespace tessera
