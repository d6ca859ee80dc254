#include "roles/PendingRoleChanges.h"

#include "identity/Directory.h"

#include <QSet>
#include <iterator>
#include <optional>

namespace tessera::ui {

void PendingRoleChanges::setSaved(RoleGraph saved)
{
    m_saved = std::move(saved);
    rebuild();
}

void PendingRoleChanges::clear()
{
    m_grants.clear();
    m_includes.clear();
    m_pending = m_saved;
}

void PendingRoleChanges::setGranted(const QString& role, const Permission& permission, bool granted)
{
    if (!m_saved.hasRole(role) || permission.isNull()) {
        return;
    }
    m_grants[role][permission] = granted;
    rebuild();
}

Status PendingRoleChanges::setIncluded(const QString& role, const QString& included, bool include)
{
    if (include) {
        // Ask the core on a copy first: its refusal names the cycle.
        RoleGraph trial = m_pending;
        TESSERA_TRY(trial.include(role, included));
    } else if (!m_saved.hasRole(role) || !m_saved.hasRole(included)) {
        return {};
    }
    m_includes[role][included] = include;
    rebuild();
    return {};
}

void PendingRoleChanges::rebuild()
{
    m_pending = m_saved;
    const QList<Permission> catalog = m_saved.permissionCatalog();
    // Grants first; includes after, removals before additions so that swapping one include for
    // another never looks like a cycle half way.
    for (auto role = m_grants.begin(); role != m_grants.end();) {
        const RoleDefinition* saved = m_saved.role(role.key());
        if (saved == nullptr) {
            role = m_grants.erase(role);
            continue;
        }
        for (auto it = role->begin(); it != role->end();) {
            const bool savedState = saved->permissions.contains(it.key());
            if (!catalog.contains(it.key()) || savedState == it.value()) {
                it = role->erase(it);
                continue;
            }
            if (it.value()) {
                (void)m_pending.grant(role.key(), it.key());
            } else {
                (void)m_pending.revoke(role.key(), it.key());
            }
            ++it;
        }
        role = role->isEmpty() ? m_grants.erase(role) : std::next(role);
    }
    for (auto role = m_includes.begin(); role != m_includes.end();) {
        const RoleDefinition* saved = m_saved.role(role.key());
        if (saved == nullptr) {
            role = m_includes.erase(role);
            continue;
        }
        for (auto it = role->begin(); it != role->end();) {
            if (!m_saved.hasRole(it.key()) || saved->includes.contains(it.key()) == it.value()) {
                it = role->erase(it);
                continue;
            }
            if (!it.value()) {
                (void)m_pending.removeInclude(role.key(), it.key());
            }
            ++it;
        }
        role = role->isEmpty() ? m_includes.erase(role) : std::next(role);
    }
    for (auto role = m_includes.begin(); role != m_includes.end();) {
        for (auto it = role->begin(); it != role->end();) {
            // An include that has become a cycle (the saved roles changed meanwhile) is dropped.
            if (it.value() && !m_pending.include(role.key(), it.key())) {
                it = role->erase(it);
                continue;
            }
            ++it;
        }
        role = role->isEmpty() ? m_includes.erase(role) : std::next(role);
    }
}

bool PendingRoleChanges::isGrantPending(const QString& role, const Permission& permission) const
{
    const auto it = m_grants.constFind(role);
    return it != m_grants.cend() && it->contains(permission);
}

bool PendingRoleChanges::isIncludePending(const QString& role, const QString& included) const
{
    const auto it = m_includes.constFind(role);
    return it != m_includes.cend() && it->contains(included);
}

bool PendingRoleChanges::isRolePending(const QString& role) const
{
    return m_grants.contains(role) || m_includes.contains(role);
}

QStringList PendingRoleChanges::pendingRoles() const
{
    QStringList roles = m_grants.keys();
    for (const QString& role : m_includes.keys()) {
        if (!roles.contains(role)) {
            roles.append(role);
        }
    }
    roles.sort();
    return roles;
}

int PendingRoleChanges::editCount() const
{
    int count = 0;
    for (const auto& role : m_grants) {
        count += static_cast<int>(role.size());
    }
    for (const auto& role : m_includes) {
        count += static_cast<int>(role.size());
    }
    return count;
}

QList<RoleChange> PendingRoleChanges::changes() const
{
    QList<RoleChange> list;
    for (const QString& role : pendingRoles()) {
        const RoleDefinition* before = m_saved.role(role);
        const RoleDefinition* after = m_pending.role(role);
        if (before == nullptr || after == nullptr) {
            continue;
        }
        RoleChange change = RoleChange::between(*before, *after);
        if (!change.grant.isEmpty() || !change.revoke.isEmpty() || !change.include.isEmpty() ||
            !change.removeInclude.isEmpty()) {
            list.append(change);
        }
    }
    return list;
}

void PendingRoleChanges::renameRole(const QString& from, const QString& to)
{
    if (m_grants.contains(from)) {
        m_grants.insert(to, m_grants.take(from));
    }
    if (m_includes.contains(from)) {
        m_includes.insert(to, m_includes.take(from));
    }
    for (auto& role : m_includes) {
        if (role.contains(from)) {
            role.insert(to, role.take(from));
        }
    }
}

void PendingRoleChanges::renamePermission(const Permission& from, const Permission& to)
{
    for (auto& role : m_grants) {
        if (role.contains(from)) {
            role.insert(to, role.take(from));
        }
    }
}

Result<RoleChangePlan> planRoleChanges(const Directory& directory, const QList<RoleChange>& changes)
{
    RoleChangePlan plan;
    plan.generation = directory.model().generation();
    if (changes.size() == 1) {
        TESSERA_TRY_ASSIGN(preview, directory.previewRoleChange(changes.first()));
        plan.steps.append(RoleChangeStep{changes.first(), std::move(preview)});
        return plan;
    }
    // Several roles: each step is previewed on the model the earlier steps leave behind, exactly as
    // applyRoleChange will meet it.
    AccessModel model = directory.model();
    QList<RoleChange> remaining = changes;
    while (!remaining.isEmpty()) {
        std::optional<Error> firstError;
        bool progressed = false;
        for (qsizetype i = 0; i < remaining.size(); ++i) {
            Result<RoleChangePreview> preview = RoleChangePreview::compute(model, remaining.at(i));
            if (!preview) {
                if (!firstError) {
                    firstError = preview.error();
                }
                continue;
            }
            TESSERA_TRY(model.setRoles(preview->rolesAfter()));
            plan.steps.append(RoleChangeStep{remaining.takeAt(i), std::move(*preview)});
            progressed = true;
            break;
        }
        if (!progressed) {
            return std::unexpected(*firstError);
        }
    }
    return plan;
}

Status applyRoleChangePlan(Directory& directory, const RoleChangePlan& plan)
{
    if (directory.model().generation() != plan.generation) {
        return fail(
            ErrorKind::Conflict,
            QStringLiteral("the roles changed since these changes were previewed; review them again"));
    }
    for (const RoleChangeStep& step : plan.steps) {
        TESSERA_TRY(directory.applyRoleChange(step.change));
    }
    return {};
}

QString describeRoleChange(const RoleChange& change)
{
    QStringList parts;
    auto names = [](const QList<Permission>& permissions) {
        QStringList list;
        for (const Permission& permission : permissions) {
            list.append(permission.toString());
        }
        return list.join(QStringLiteral(", "));
    };
    if (change.removeRole) {
        return QStringLiteral("delete the role");
    }
    if (!change.grant.isEmpty()) {
        parts.append(QStringLiteral("grant %1").arg(names(change.grant)));
    }
    if (!change.revoke.isEmpty()) {
        parts.append(QStringLiteral("revoke %1").arg(names(change.revoke)));
    }
    if (!change.include.isEmpty()) {
        parts.append(QStringLiteral("include %1").arg(change.include.join(QStringLiteral(", "))));
    }
    if (!change.removeInclude.isEmpty()) {
        parts.append(
            QStringLiteral("stop including %1").arg(change.removeInclude.join(QStringLiteral(", "))));
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace tessera::ui
