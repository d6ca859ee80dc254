#pragma once

#include "access/AccessModel.h"
#include "access/Permission.h"
#include "access/RoleGraph.h"
#include "common/Error.h"

#include <QList>
#include <QMap>
#include <QStringList>

namespace tessera {

// A proposed edit to one role, as the GUI collects it before saving.
struct RoleChange
{
    QString role;
    QList<Permission> grant;
    QList<Permission> revoke;
    QStringList include;
    QStringList removeInclude;
    bool removeRole = false; // delete the role (the other fields are then ignored)

    // The change that turns `before` into `after` (same role; a rename is not a permission change).
    static RoleChange between(const RoleDefinition& before, const RoleDefinition& after);
};

// What a user would gain and lose. Effective permissions are compared, so a user who holds admin:all
// before and after gains and loses nothing whatever else changes.
struct UserPermissionChange
{
    QString username;
    QStringList gained; // sorted
    QStringList lost;   // sorted
};

// "Before a role change is saved, show which users gain and which lose which permissions."
// Only users holding the role, or a role that includes it, can be affected; users with the same set
// of roles share one computation, so previews stay quick with 100,000 users.
class RoleChangePreview
{
public:
    // Fails as the change itself would: unknown role, a permission revoked that the role does not
    // grant, an include that makes a cycle (the message names it).
    static Result<RoleChangePreview> compute(const AccessModel& model, const RoleChange& change);

    // The graph with the change applied: save exactly what was previewed.
    const RoleGraph& rolesAfter() const { return m_after; }
    // Users whose permissions change, sorted by username ignoring case.
    const QList<UserPermissionChange>& users() const { return m_users; }
    bool isEmpty() const { return m_users.isEmpty(); }
    // Per permission, how many users gain (lose) it.
    const QMap<QString, int>& gainCounts() const { return m_gainCounts; }
    const QMap<QString, int>& lossCounts() const { return m_lossCounts; }
    // "2 users gain write:posts; 1 user loses delete:posts", or "no user's permissions change".
    QString summary() const;

private:
    RoleGraph m_after;
    QList<UserPermissionChange> m_users;
    QMap<QString, int> m_gainCounts;
    QMap<QString, int> m_lossCounts;
};

} // namespace tessera
