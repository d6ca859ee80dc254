#include "access/RoleChangePreview.h"

#include "access/AccessNames.h"
#include "access/NameIndex.h"

#include <QByteArray>
#include <QHash>
#include <algorithm>
#include <bit>
#include <vector>

namespace tessera {

namespace {

Status applyChange(RoleGraph& graph, const RoleChange& change)
{
    if (!graph.hasRole(change.role))
        return fail(ErrorKind::NotFound,
                    QStringLiteral("no role named %1").arg(quoteForMessage(change.role)));
    if (change.removeRole)
        return graph.removeRole(change.role);
    // Removals first, so swapping one include for another never looks like a cycle half way.
    for (const Permission& permission : change.revoke) {
        if (auto done = graph.revoke(change.role, permission); !done)
            return done;
    }
    for (const QString& included : change.removeInclude) {
        if (auto done = graph.removeInclude(change.role, included); !done)
            return done;
    }
    for (const Permission& permission : change.grant) {
        if (auto done = graph.grant(change.role, permission); !done)
            return done;
    }
    for (const QString& included : change.include) {
        if (auto done = graph.include(change.role, included); !done)
            return done;
    }
    return {};
}

// Effective permissions as bitsets over one numbering shared by the graphs before and after.
class PermissionBits
{
public:
    PermissionBits(const RoleGraph& before, const RoleGraph& after)
    {
        QList<Permission> all = before.permissionCatalog() + after.permissionCatalog();
        std::sort(all.begin(), all.end());
        all.erase(std::unique(all.begin(), all.end()), all.end());
        for (const Permission& permission : all)
            m_ids.insert(permission.toString());
        m_permissions = all;
        m_words = (all.size() + 63) / 64;
        m_wildcard = m_ids.find(Permission::wildcard().toString());
    }

    qsizetype words() const { return m_words; }
    int wildcard() const { return m_wildcard; }

    std::vector<quint64> effective(const RoleGraph& graph, const QString& role) const
    {
        std::vector<quint64> bits(static_cast<std::size_t>(m_words), 0);
        for (const Permission& permission : graph.effectivePermissions(role)) {
            const int id = m_ids.find(permission.toString());
            bits[static_cast<std::size_t>(id / 64)] |= quint64{1} << (id % 64);
        }
        return bits;
    }

    static bool has(const std::vector<quint64>& bits, int id)
    {
        return id >= 0 && (bits[static_cast<std::size_t>(id / 64)] >> (id % 64)) & 1U;
    }

    QString nameOf(int id) const { return m_permissions.at(id).toString(); }

    QStringList names(const std::vector<quint64>& bits) const
    {
        QStringList list;
        for (std::size_t w = 0; w < bits.size(); ++w) {
            for (quint64 word = bits[w]; word != 0; word &= word - 1)
                list.append(
                    m_permissions.at(static_cast<qsizetype>(w * 64) + std::countr_zero(word)).toString());
        }
        return list; // ids follow sorted order, so the list is sorted
    }

private:
    NameIndex m_ids;
    QList<Permission> m_permissions;
    qsizetype m_words = 0;
    int m_wildcard = -1;
};

QString countedUsers(int count)
{
    return count == 1 ? QStringLiteral("1 user") : QStringLiteral("%1 users").arg(count);
}

} // namespace

RoleChange RoleChange::between(const RoleDefinition& before, const RoleDefinition& after)
{
    RoleChange change;
    change.role = before.name;
    for (const Permission& permission : after.permissions) {
        if (!before.permissions.contains(permission))
            change.grant.append(permission);
    }
    for (const Permission& permission : before.permissions) {
        if (!after.permissions.contains(permission))
            change.revoke.append(permission);
    }
    for (const QString& included : after.includes) {
        if (!before.includes.contains(included))
            change.include.append(included);
    }
    for (const QString& included : before.includes) {
        if (!after.includes.contains(included))
            change.removeInclude.append(included);
    }
    return change;
}

Result<RoleChangePreview> RoleChangePreview::compute(const AccessModel& model, const RoleChange& change)
{
    const RoleGraph& before = model.roles();
    RoleChangePreview preview;
    preview.m_after = before;
    if (auto applied = applyChange(preview.m_after, change); !applied)
        return std::unexpected(applied.error());
    const RoleGraph& after = preview.m_after;

    // Only the changed role and the roles that include it can change their closure.
    QStringList affectedNames = before.rolesIncluding(change.role);
    affectedNames.append(change.role);
    const PermissionBits numbering(before, after);
    NameIndex roleIds;
    std::vector<std::vector<quint64>> was;
    std::vector<std::vector<quint64>> now;
    for (const QString& role : before.roleNames()) {
        roleIds.insert(role);
        was.push_back(numbering.effective(before, role));
        now.push_back(affectedNames.contains(role) ? numbering.effective(after, role) : was.back());
    }
    std::vector<bool> affected(was.size(), false);
    for (const QString& role : affectedNames)
        affected[static_cast<std::size_t>(roleIds.find(role))] = true;

    const qsizetype words = numbering.words();
    std::vector<quint64> wasBits(static_cast<std::size_t>(words));
    std::vector<quint64> nowBits(static_cast<std::size_t>(words));
    std::vector<quint64> gainedBits(static_cast<std::size_t>(words));
    std::vector<quint64> lostBits(static_cast<std::size_t>(words));
    std::vector<int> gainCounts(static_cast<std::size_t>(words * 64), 0);
    std::vector<int> lossCounts(static_cast<std::size_t>(words * 64), 0);
    // Many users share a delta: share its lists too (implicitly shared, so 100,000 rows stay small).
    QHash<QByteArray, std::pair<QStringList, QStringList>> lists;
    std::vector<std::pair<QString, qsizetype>> order; // folded username, row

    for (const UserAccess& user : model.users()) {
        std::fill(wasBits.begin(), wasBits.end(), 0);
        std::fill(nowBits.begin(), nowBits.end(), 0);
        bool touched = false;
        for (const QString& role : user.roles) {
            const int id = roleIds.find(role);
            if (id < 0)
                continue;
            const auto at = static_cast<std::size_t>(id);
            touched = touched || affected[at];
            for (std::size_t w = 0; w < wasBits.size(); ++w) {
                wasBits[w] |= was[at][w];
                nowBits[w] |= now[at][w];
            }
        }
        if (!touched)
            continue;
        // With the wildcard, holding more or fewer named permissions changes nothing in practice.
        const bool wildcardBefore = PermissionBits::has(wasBits, numbering.wildcard());
        const bool wildcardAfter = PermissionBits::has(nowBits, numbering.wildcard());
        bool changed = false;
        for (std::size_t w = 0; w < wasBits.size(); ++w) {
            gainedBits[w] = wildcardBefore ? 0 : nowBits[w] & ~wasBits[w];
            lostBits[w] = wildcardAfter ? 0 : wasBits[w] & ~nowBits[w];
            changed = changed || gainedBits[w] != 0 || lostBits[w] != 0;
        }
        if (!changed)
            continue;
        QByteArray key(reinterpret_cast<const char*>(gainedBits.data()),
                       static_cast<qsizetype>(gainedBits.size() * sizeof(quint64)));
        key.append(reinterpret_cast<const char*>(lostBits.data()),
                   static_cast<qsizetype>(lostBits.size() * sizeof(quint64)));
        auto it = lists.constFind(key);
        if (it == lists.cend())
            it = lists.insert(key, {numbering.names(gainedBits), numbering.names(lostBits)});
        for (std::size_t w = 0; w < gainedBits.size(); ++w) {
            for (quint64 word = gainedBits[w]; word != 0; word &= word - 1)
                ++gainCounts[w * 64 + static_cast<std::size_t>(std::countr_zero(word))];
            for (quint64 word = lostBits[w]; word != 0; word &= word - 1)
                ++lossCounts[w * 64 + static_cast<std::size_t>(std::countr_zero(word))];
        }
        order.emplace_back(user.username.toCaseFolded(), preview.m_users.size());
        preview.m_users.append(UserPermissionChange{user.username, it->first, it->second});
    }

    // Sorted ignoring case: compare folded names once each rather than folding inside every comparison.
    std::sort(order.begin(), order.end());
    QList<UserPermissionChange> sorted;
    sorted.reserve(preview.m_users.size());
    for (const auto& entry : order)
        sorted.append(preview.m_users.at(entry.second));
    preview.m_users = std::move(sorted);

    for (std::size_t id = 0; id < gainCounts.size(); ++id) {
        if (gainCounts[id] == 0 && lossCounts[id] == 0)
            continue;
        const QString name = numbering.nameOf(static_cast<int>(id));
        if (gainCounts[id] > 0)
            preview.m_gainCounts.insert(name, gainCounts[id]);
        if (lossCounts[id] > 0)
            preview.m_lossCounts.insert(name, lossCounts[id]);
    }
    return preview;
}

QString RoleChangePreview::summary() const
{
    if (m_users.isEmpty())
        return QStringLiteral("no user's permissions change");
    QStringList parts;
    for (auto it = m_gainCounts.cbegin(); it != m_gainCounts.cend(); ++it)
        parts.append(QStringLiteral("%1 %2 %3")
                         .arg(countedUsers(it.value()),
                              it.value() == 1 ? QStringLiteral("gains") : QStringLiteral("gain"), it.key()));
    for (auto it = m_lossCounts.cbegin(); it != m_lossCounts.cend(); ++it)
        parts.append(QStringLiteral("%1 %2 %3")
                         .arg(countedUsers(it.value()),
                              it.value() == 1 ? QStringLiteral("loses") : QStringLiteral("lose"), it.key()));
    return parts.join(QStringLiteral("; "));
}

} // namespace tessera
