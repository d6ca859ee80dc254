#pragma once

#include "access/Permission.h"
#include "access/RoleChangePreview.h"
#include "access/RoleGraph.h"
#include "common/Error.h"

#include <QList>
#include <QMap>
#include <QStringList>

namespace tessera {
class Directory;
}

namespace tessera::ui {

// Edits to roles' direct grants and includes made in the Roles page but not yet saved.
//
// Each touched (role, permission) and (role, included role) pair keeps the state the admin wants, not
// a toggle, so the edits survive a reload of the saved roles (after a rename, or a change made
// elsewhere) and an edit back to the saved state simply disappears. The pending graph is the saved
// graph with every intent applied through RoleGraph itself, so cycles and unknown names are refused
// by the core's own rules and messages.
class PendingRoleChanges
{
public:
    // Replaces the saved graph; intents that now match it, or name a role or permission that no longer
    // exists, are dropped.
    void setSaved(RoleGraph saved);
    const RoleGraph& saved() const { return m_saved; }
    const RoleGraph& pending() const { return m_pending; } // saved + every intent

    bool isEmpty() const { return m_grants.isEmpty() && m_includes.isEmpty(); }
    void clear(); // discards every intent

    void setGranted(const QString& role, const Permission& permission, bool granted);
    // Refuses (with the core's message naming the cycle) an include that would make one.
    Status setIncluded(const QString& role, const QString& included, bool include);

    bool isGrantPending(const QString& role, const Permission& permission) const;
    bool isIncludePending(const QString& role, const QString& included) const;
    bool isRolePending(const QString& role) const;
    QStringList pendingRoles() const; // sorted
    int editCount() const;            // cells and includes that differ from the saved graph
    // One change per pending role, each turning the saved role into the pending one.
    QList<RoleChange> changes() const;

    // Keep intents attached to what they were about when the saved graph is edited.
    void renameRole(const QString& from, const QString& to);
    void renamePermission(const Permission& from, const Permission& to);

private:
    void rebuild();

    RoleGraph m_saved;
    RoleGraph m_pending;
    QMap<QString, QMap<Permission, bool>> m_grants; // role -> permission -> granted directly
    QMap<QString, QMap<QString, bool>> m_includes;  // role -> included role -> included
};

// One role change in the order it will be saved, with what it does to users.
struct RoleChangeStep
{
    RoleChange change;
    RoleChangePreview preview;
};

// Everything the review dialog shows and the Apply button saves.
struct RoleChangePlan
{
    quint64 generation = 0; // the access model's stamp the previews were computed on
    QList<RoleChangeStep> steps;
};

// Worker thread: previews `changes` as they will be saved, one role at a time with
// Directory::applyRoleChange. The first step is Directory::previewRoleChange itself; each later one
// is computed on the model as the earlier steps leave it. When one role's edit only works after
// another's (an include swapped between two roles), that one is ordered later.
Result<RoleChangePlan> planRoleChanges(const Directory& directory, const QList<RoleChange>& changes);

// Worker thread: saves a plan, refusing when the roles changed since it was previewed.
Status applyRoleChangePlan(Directory& directory, const RoleChangePlan& plan);

// "grant write:posts; revoke delete:posts; include viewer" for one change.
QString describeRoleChange(const RoleChange& change);

} // namespace tessera::ui
