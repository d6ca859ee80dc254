#include "access/AccessModel.h"

#include "access/AccessGeneration.h"
#include "access/AccessNames.h"

#include <algorithm>

namespace tessera {

namespace {

QString folded(const QString& username)
{
    return username.toCaseFolded();
}

void insertSorted(QStringList& list, const QString& value)
{
    list.insert(std::lower_bound(list.begin(), list.end(), value) - list.begin(), value);
}

} // namespace

Status AccessModel::validateObjectId(const QString& objectId)
{
    if (objectId.isEmpty())
        return fail(ErrorKind::Input, QStringLiteral("object id must not be empty"));
    if (objectId.size() > kMaxObjectIdLength)
        return fail(ErrorKind::Input,
                    QStringLiteral("object id is longer than %1 characters").arg(kMaxObjectIdLength));
    for (const QChar c : objectId) {
        if (c.category() == QChar::Other_Control)
            return fail(ErrorKind::Input, QStringLiteral("object id %1 contains the control character %2")
                                              .arg(quoteForMessage(objectId), describeAccessChar(c)));
    }
    return {};
}

Result<AccessModel> AccessModel::fromData(RoleGraph roles, const QList<UserAccess>& users)
{
    AccessModel model(std::move(roles));
    model.m_users.reserve(users.size());
    model.m_userIndex.reserve(users.size());
    for (const UserAccess& user : users) {
        if (user.username.isEmpty())
            return fail(ErrorKind::Input, QStringLiteral("a user has an empty username"));
        const QString key = folded(user.username);
        if (model.m_userIndex.contains(key))
            return fail(ErrorKind::Conflict,
                        QStringLiteral("users %1 and %2 differ only in case")
                            .arg(model.m_users.at(model.m_userIndex.value(key)).username, user.username));
        UserAccess copy = user;
        for (const QString& role : copy.roles) {
            if (!model.m_roles.hasRole(role))
                return fail(ErrorKind::Input, QStringLiteral("user %1 holds unknown role %2")
                                                  .arg(user.username, quoteForMessage(role)));
        }
        copy.roles.sort();
        copy.roles.removeDuplicates();
        for (const ObjectGrant& grant : copy.objectGrants) {
            if (grant.permission.isNull())
                return fail(ErrorKind::Input,
                            QStringLiteral("user %1 has an empty object grant").arg(user.username));
            if (auto valid = validateObjectId(grant.objectId); !valid)
                return fail(ErrorKind::Input,
                            QStringLiteral("user %1: %2").arg(user.username, valid.error().message));
            // Known permissions are the matrix columns; an object grant names one like a role does.
            if (auto added = model.m_roles.addPermission(grant.permission); !added)
                return std::unexpected(added.error());
        }
        model.m_userIndex.insert(key, model.m_users.size());
        model.m_users.append(std::move(copy));
    }
    model.touchUserList();
    return model;
}

AccessModel::AccessModel()
    : m_generation(nextAccessGeneration()), m_userListGeneration(nextAccessGeneration())
{}

AccessModel::AccessModel(RoleGraph roles)
    : m_roles(std::move(roles)), m_generation(nextAccessGeneration()),
      m_userListGeneration(nextAccessGeneration())
{}

void AccessModel::touch()
{
    m_generation = nextAccessGeneration();
}

void AccessModel::touchUserList()
{
    m_userListGeneration = nextAccessGeneration();
    touch();
}

Status AccessModel::addRole(const QString& name, const QString& description)
{
    return editRoles([&](RoleGraph& graph) { return graph.addRole(name, description); });
}

Status AccessModel::removeRole(const QString& name)
{
    Status status = editRoles([&](RoleGraph& graph) { return graph.removeRole(name); });
    if (status) {
        for (UserAccess& user : m_users)
            user.roles.removeOne(name);
    }
    return status;
}

Status AccessModel::renameRole(const QString& from, const QString& to)
{
    Status status = editRoles([&](RoleGraph& graph) { return graph.renameRole(from, to); });
    if (status && from != to) {
        for (UserAccess& user : m_users) {
            if (user.roles.removeOne(from))
                insertSorted(user.roles, to);
        }
    }
    return status;
}

Status AccessModel::setRoleDescription(const QString& role, const QString& description)
{
    return editRoles([&](RoleGraph& graph) { return graph.setDescription(role, description); });
}

Status AccessModel::replaceRole(const RoleDefinition& definition)
{
    return editRoles([&](RoleGraph& graph) { return graph.replaceRole(definition); });
}

Status AccessModel::grant(const QString& role, const Permission& permission)
{
    return editRoles([&](RoleGraph& graph) { return graph.grant(role, permission); });
}

Status AccessModel::revoke(const QString& role, const Permission& permission)
{
    return editRoles([&](RoleGraph& graph) { return graph.revoke(role, permission); });
}

Status AccessModel::include(const QString& role, const QString& included)
{
    return editRoles([&](RoleGraph& graph) { return graph.include(role, included); });
}

Status AccessModel::removeInclude(const QString& role, const QString& included)
{
    return editRoles([&](RoleGraph& graph) { return graph.removeInclude(role, included); });
}

Status AccessModel::addPermission(const Permission& permission)
{
    return editRoles([&](RoleGraph& graph) { return graph.addPermission(permission); });
}

Status AccessModel::removePermission(const Permission& permission)
{
    Status status = editRoles([&](RoleGraph& graph) { return graph.removePermission(permission); });
    if (status) {
        for (UserAccess& user : m_users)
            user.objectGrants.removeIf([&](const ObjectGrant& g) { return g.permission == permission; });
    }
    return status;
}

Status AccessModel::renamePermission(const Permission& from, const Permission& to)
{
    Status status = editRoles([&](RoleGraph& graph) { return graph.renamePermission(from, to); });
    if (status && !(from == to)) {
        for (UserAccess& user : m_users) {
            QList<ObjectGrant> renamed;
            for (const ObjectGrant& grant : std::as_const(user.objectGrants)) {
                const ObjectGrant next{grant.permission == from ? to : grant.permission, grant.objectId};
                if (!renamed.contains(next))
                    renamed.append(next);
            }
            user.objectGrants = std::move(renamed);
        }
    }
    return status;
}

Status AccessModel::setRoles(RoleGraph roles)
{
    m_roles = std::move(roles);
    for (UserAccess& user : m_users)
        user.roles.removeIf([&](const QString& role) { return !m_roles.hasRole(role); });
    touch();
    return {};
}

qsizetype AccessModel::indexOfUser(const QString& username) const
{
    // toCaseFolded() hands back the same shared string when nothing changes, so the hot path does not
    // allocate for names typed in lower case.
    return m_userIndex.value(folded(username), -1);
}

const UserAccess* AccessModel::user(const QString& username) const
{
    const qsizetype index = indexOfUser(username);
    return index < 0 ? nullptr : &m_users.at(index);
}

Result<qsizetype> AccessModel::requireUser(const QString& username) const
{
    const qsizetype index = indexOfUser(username);
    if (index < 0)
        return fail(ErrorKind::NotFound, QStringLiteral("no user named %1").arg(quoteForMessage(username)));
    return index;
}

Status AccessModel::addUser(const QString& username, const QStringList& roles)
{
    if (username.isEmpty())
        return fail(ErrorKind::Input, QStringLiteral("username must not be empty"));
    if (const qsizetype existing = indexOfUser(username); existing >= 0)
        return fail(ErrorKind::Conflict,
                    QStringLiteral("user %1 already exists").arg(m_users.at(existing).username));
    UserAccess user{username, roles, {}};
    for (const QString& role : roles) {
        if (!m_roles.hasRole(role))
            return fail(ErrorKind::NotFound, QStringLiteral("no role named %1").arg(quoteForMessage(role)));
    }
    user.roles.sort();
    user.roles.removeDuplicates();
    m_userIndex.insert(folded(username), m_users.size());
    m_users.append(std::move(user));
    touchUserList();
    return {};
}

Status AccessModel::removeUser(const QString& username)
{
    const auto index = requireUser(username);
    if (!index)
        return std::unexpected(index.error());
    const qsizetype last = m_users.size() - 1;
    m_userIndex.remove(folded(m_users.at(*index).username));
    if (*index != last) {
        m_users.swapItemsAt(*index, last);
        m_userIndex.insert(folded(m_users.at(*index).username), *index);
    }
    m_users.removeLast();
    touchUserList();
    return {};
}

Status AccessModel::renameUser(const QString& from, const QString& to)
{
    const auto index = requireUser(from);
    if (!index)
        return std::unexpected(index.error());
    if (to.isEmpty())
        return fail(ErrorKind::Input, QStringLiteral("username must not be empty"));
    const qsizetype other = indexOfUser(to);
    if (other >= 0 && other != *index)
        return fail(ErrorKind::Conflict,
                    QStringLiteral("user %1 already exists").arg(m_users.at(other).username));
    m_userIndex.remove(folded(m_users.at(*index).username));
    m_users[*index].username = to;
    m_userIndex.insert(folded(to), *index);
    touchUserList();
    return {};
}

Status AccessModel::assignRole(const QString& username, const QString& role)
{
    const auto index = requireUser(username);
    if (!index)
        return std::unexpected(index.error());
    if (!m_roles.hasRole(role))
        return fail(ErrorKind::NotFound, QStringLiteral("no role named %1").arg(quoteForMessage(role)));
    QStringList& roles = m_users[*index].roles;
    if (std::binary_search(roles.cbegin(), roles.cend(), role))
        return {};
    insertSorted(roles, role);
    touch();
    return {};
}

Status AccessModel::unassignRole(const QString& username, const QString& role)
{
    const auto index = requireUser(username);
    if (!index)
        return std::unexpected(index.error());
    UserAccess& user = m_users[*index];
    if (!user.roles.removeOne(role))
        return fail(
            ErrorKind::NotFound,
            QStringLiteral("user %1 does not hold role %2").arg(user.username, quoteForMessage(role)));
    touch();
    return {};
}

Status AccessModel::grantObject(const QString& username, const Permission& permission,
                                const QString& objectId)
{
    const auto index = requireUser(username);
    if (!index)
        return std::unexpected(index.error());
    if (permission.isNull())
        return fail(ErrorKind::Input, QStringLiteral("cannot grant an empty permission"));
    if (auto valid = validateObjectId(objectId); !valid)
        return valid;
    const ObjectGrant grant{permission, objectId};
    QList<ObjectGrant>& grants = m_users[*index].objectGrants;
    if (grants.contains(grant))
        return {};
    if (auto added = editRoles([&](RoleGraph& graph) { return graph.addPermission(permission); }); !added)
        return added;
    grants.append(grant);
    touch();
    return {};
}

Status AccessModel::revokeObject(const QString& username, const Permission& permission,
                                 const QString& objectId)
{
    const auto index = requireUser(username);
    if (!index)
        return std::unexpected(index.error());
    UserAccess& user = m_users[*index];
    if (!user.objectGrants.removeOne(ObjectGrant{permission, objectId}))
        return fail(ErrorKind::NotFound,
                    QStringLiteral("user %1 holds no grant of %2 on object %3")
                        .arg(user.username, permission.toString(), quoteForMessage(objectId)));
    touch();
    return {};
}

} // namespace tessera
