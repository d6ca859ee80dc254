#pragma once

#include "access/RoleGraph.h"
#include "access/UserAccess.h"
#include "common/Error.h"

#include <QHash>
#include <QList>

namespace tessera {

// Everything an access decision depends on: the role graph, each user's roles and object grants.
// Plain data with no storage; a storage layer fills it (fromData) and mirrors each change. Role and
// permission edits go through this class so removals and renames follow into user assignments and
// object grants. Every change takes a new generation() stamp, which is how AccessEvaluator knows to
// drop its cache.
class AccessModel
{
public:
    static constexpr qsizetype kMaxObjectIdLength = 256;

    // 1-256 characters, no control characters.
    static Status validateObjectId(const QString& objectId);

    // Validates unique usernames (ignoring case), known roles and object ids.
    static Result<AccessModel> fromData(RoleGraph roles, const QList<UserAccess>& users);

    AccessModel();
    explicit AccessModel(RoleGraph roles);

    quint64 generation() const { return m_generation; }
    // Changes only when users are added, removed or renamed: the list of names and their order. Lets
    // a cache keyed on names survive role edits.
    quint64 userListGeneration() const { return m_userListGeneration; }
    const RoleGraph& roles() const { return m_roles; }

    // Roles (see RoleGraph for the rules).
    Status addRole(const QString& name, const QString& description = {});
    Status removeRole(const QString& name);                    // also unassigned from every user
    Status renameRole(const QString& from, const QString& to); // assignments follow
    Status setRoleDescription(const QString& role, const QString& description);
    Status replaceRole(const RoleDefinition& definition);
    Status grant(const QString& role, const Permission& permission);
    Status revoke(const QString& role, const Permission& permission);
    Status include(const QString& role, const QString& included);
    Status removeInclude(const QString& role, const QString& included);
    Status addPermission(const Permission& permission);
    Status removePermission(const Permission& permission);                 // also drops object grants of it
    Status renamePermission(const Permission& from, const Permission& to); // object grants follow
    Status setRoles(RoleGraph roles); // replaces the graph; assignments to vanished roles are dropped

    // Users. Order of users() is unspecified (removal swaps the last user into the gap).
    qsizetype userCount() const { return m_users.size(); }
    const QList<UserAccess>& users() const { return m_users; }
    qsizetype indexOfUser(const QString& username) const;  // -1 when unknown; ignores case
    const UserAccess* user(const QString& username) const; // nullptr when unknown
    Status addUser(const QString& username, const QStringList& roles = {});
    Status removeUser(const QString& username);
    Status renameUser(const QString& from, const QString& to);
    Status assignRole(const QString& username, const QString& role);   // no-op when held
    Status unassignRole(const QString& username, const QString& role); // NotFound when not held
    Status grantObject(const QString& username, const Permission& permission, const QString& objectId);
    Status revokeObject(const QString& username, const Permission& permission, const QString& objectId);

private:
    // Runs an edit on the graph and takes a new stamp only when the graph really changed.
    template <typename Edit> Status editRoles(Edit edit)
    {
        const quint64 before = m_roles.generation();
        Status status = edit(m_roles);
        if (m_roles.generation() != before)
            touch();
        return status;
    }
    Result<qsizetype> requireUser(const QString& username) const;
    void touch();
    void touchUserList();

    RoleGraph m_roles;
    QList<UserAccess> m_users;
    QHash<QString, qsizetype> m_userIndex; // case-folded username -> index in m_users
    quint64 m_generation = 0;
    quint64 m_userListGeneration = 0;
};

} // namespace tessera
