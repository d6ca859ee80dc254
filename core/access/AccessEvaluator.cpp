#include "access/AccessEvaluator.h"

#include "access/AccessNames.h"

#include <algorithm>
#include <bit>

namespace tessera {

namespace {

bool testBit(const quint64* bits, int id)
{
    return id >= 0 && (bits[id / 64] >> (id % 64)) & 1U;
}

void setBit(quint64* bits, int id)
{
    bits[id / 64] |= quint64{1} << (id % 64);
}

// Calls f(id) for every set bit, in ascending id order.
template <typename F> void forEachBit(const quint64* bits, qsizetype words, F f)
{
    for (qsizetype w = 0; w < words; ++w) {
        for (quint64 word = bits[w]; word != 0; word &= word - 1)
            f(static_cast<int>(w * 64 + std::countr_zero(word)));
    }
}

// The exact grant on the object first, so the explanation names the narrowest reason.
const ObjectGrant* findObjectGrant(const UserAccess& user, const Permission& permission,
                                   const QString& objectId)
{
    const ObjectGrant* wildcard = nullptr;
    for (const ObjectGrant& grant : user.objectGrants) {
        if (grant.objectId != objectId)
            continue;
        if (grant.permission == permission)
            return &grant;
        if (grant.permission.isWildcard())
            wildcard = &grant;
    }
    return wildcard;
}

QString listObjects(QStringList ids)
{
    constexpr qsizetype kShown = 5;
    ids.sort();
    QString text = ids.size() == 1 ? QStringLiteral("object ") : QStringLiteral("objects ");
    text += ids.mid(0, kShown).join(QStringLiteral(", "));
    if (ids.size() > kShown)
        text += QStringLiteral(" and %1 more").arg(ids.size() - kShown);
    return text;
}

} // namespace

void AccessEvaluator::refresh() const
{
    if (m_cache.generation == m_model->generation())
        return;

    if (m_names.generation != m_model->userListGeneration()) {
        Names names;
        names.generation = m_model->userListGeneration();
        const QList<UserAccess>& users = m_model->users();
        names.index.reserve(users.size());
        for (const UserAccess& user : users)
            names.index.insert(user.username); // ids follow the model's order: unique, so id == index
        m_names = std::move(names);
    }

    Cache cache;
    cache.generation = m_model->generation();
    const RoleGraph& graph = m_model->roles();

    // The catalog holds every permission any role grants, and admin:all.
    const QList<Permission> catalog = graph.permissionCatalog();
    cache.permissions.assign(catalog.cbegin(), catalog.cend());
    cache.permissionIds.reserve(catalog.size());
    for (const Permission& permission : catalog) {
        const int id = cache.permissionIds.insert(permission.toString());
        cache.actionIds.push_back(cache.actions.insert(permission.action()));
        cache.resourceIds.push_back(cache.resources.insert(permission.resource()));
        if (permission.isWildcard())
            cache.wildcardId = id;
    }
    cache.words = (static_cast<qsizetype>(catalog.size()) + 63) / 64;

    const QStringList names = graph.roleNames();
    const auto roleCount = static_cast<int>(names.size());
    cache.roleNames.assign(names.cbegin(), names.cend());
    cache.roleIds.reserve(roleCount);
    for (const QString& name : names)
        cache.roleIds.insert(name);
    cache.roleIncludes.resize(roleCount);
    cache.roleDirect.assign(roleCount * cache.words, 0);
    for (int id = 0; id < roleCount; ++id) {
        const RoleDefinition* definition = graph.role(names.at(id));
        for (const Permission& permission : definition->permissions)
            setBit(&cache.roleDirect[id * cache.words], cache.permissionIds.find(permission.toString()));
        for (const QString& included : definition->includes)
            cache.roleIncludes[id].push_back(cache.roleIds.find(included));
    }

    // Closures, depth first with memo. RoleGraph refuses cycles; the visiting mark only keeps a bad
    // graph from recursing for ever.
    cache.roleEffective.assign(roleCount * cache.words, 0);
    std::vector<quint8> state(roleCount, 0); // 0 new, 1 visiting, 2 done
    auto close = [&](auto& self, int id) -> void {
        if (state[id] != 0)
            return;
        state[id] = 1;
        quint64* effective = &cache.roleEffective[id * cache.words];
        const quint64* direct = &cache.roleDirect[id * cache.words];
        std::copy(direct, direct + cache.words, effective);
        for (const int included : cache.roleIncludes[id]) {
            self(self, included);
            const quint64* more = &cache.roleEffective[included * cache.words];
            for (qsizetype w = 0; w < cache.words; ++w)
                effective[w] |= more[w];
        }
        state[id] = 2;
    };
    for (int id = 0; id < roleCount; ++id)
        close(close, id);

    cache.userBits.assign(m_model->userCount() * cache.words, 0);
    cache.userState.assign(m_model->userCount(), 0);
    cache.cameFrom.resize(roleCount);
    cache.queue.reserve(roleCount);
    m_cache = std::move(cache);
}

qsizetype AccessEvaluator::userIndex(const QString& username) const
{
    // Exact spelling first (the flat index); other spellings through the model, which folds case.
    const int exact = m_names.index.find(username);
    return exact >= 0 ? exact : m_model->indexOfUser(username);
}

const quint64* AccessEvaluator::roleDirect(int roleId) const
{
    return &m_cache.roleDirect[roleId * m_cache.words];
}

const quint64* AccessEvaluator::roleEffective(int roleId) const
{
    return &m_cache.roleEffective[roleId * m_cache.words];
}

quint8 AccessEvaluator::userState(qsizetype userIndex) const
{
    quint8 state = m_cache.userState[userIndex];
    if (state == 0) {
        quint64* bits = &m_cache.userBits[userIndex * m_cache.words];
        for (const QString& role : m_model->users().at(userIndex).roles) {
            const int roleId = m_cache.roleIds.find(role);
            if (roleId < 0)
                continue;
            const quint64* more = roleEffective(roleId);
            for (qsizetype w = 0; w < m_cache.words; ++w)
                bits[w] |= more[w];
        }
        state = static_cast<quint8>(kReady | (testBit(bits, m_cache.wildcardId) ? kWildcard : 0));
        m_cache.userState[userIndex] = state;
    }
    return state;
}

const quint64* AccessEvaluator::userBits(qsizetype userIndex) const
{
    userState(userIndex);
    return &m_cache.userBits[userIndex * m_cache.words];
}

bool AccessEvaluator::check(const QString& username, const Permission& permission,
                            const QString& objectId) const
{
    if (permission.isNull())
        return false;
    refresh();
    const qsizetype index = userIndex(username);
    if (index < 0)
        return false;
    // The wildcard flag sits in a byte per user, so a superadmin costs no bitset read at all.
    if (userState(index) & kWildcard)
        return true;
    const int permissionId = m_cache.permissionIds.find(permission.toString());
    if (testBit(&m_cache.userBits[index * m_cache.words], permissionId))
        return true;
    return !objectId.isEmpty() && findObjectGrant(m_model->users().at(index), permission, objectId);
}

std::vector<int> AccessEvaluator::roleChainTo(const UserAccess& user, int permissionId) const
{
    // Breadth first from all of the user's roles at once: the shortest chain wins, ties go to the
    // role first in name order, so the same question always gets the same answer.
    std::vector<int>& cameFrom = m_cache.cameFrom; // -2 unseen, -1 a role the user holds
    std::vector<int>& queue = m_cache.queue;
    std::fill(cameFrom.begin(), cameFrom.end(), -2);
    queue.clear();
    for (const QString& role : user.roles) {
        const int id = m_cache.roleIds.find(role);
        if (id >= 0 && cameFrom[id] == -2) {
            cameFrom[id] = -1;
            queue.push_back(id);
        }
    }
    for (std::size_t head = 0; head < queue.size(); ++head) {
        const int id = queue[head];
        if (testBit(roleDirect(id), permissionId)) {
            std::vector<int> chain;
            for (int step = id; step >= 0; step = cameFrom[step])
                chain.push_back(step);
            std::reverse(chain.begin(), chain.end());
            return chain;
        }
        for (const int next : m_cache.roleIncludes[id]) {
            if (cameFrom[next] == -2) {
                cameFrom[next] = id;
                queue.push_back(next);
            }
        }
    }
    return {};
}

AccessExplanation AccessEvaluator::explain(const QString& username, const Permission& permission,
                                           const QString& objectId) const
{
    AccessExplanation out;
    out.username = username;
    out.permission = permission.toString();
    out.objectId = objectId;
    if (permission.isNull()) {
        out.reason = QStringLiteral("no permission given");
        return out;
    }
    refresh();
    const qsizetype index = userIndex(username);
    if (index < 0) {
        out.reason = QStringLiteral("no user named %1").arg(quoteForMessage(username));
        return out;
    }
    const UserAccess& user = m_model->users().at(index);
    out.userKnown = true;
    out.username = user.username;

    const quint64* bits = userBits(index);
    const int permissionId = m_cache.permissionIds.find(permission.toString());
    const bool exact = testBit(bits, permissionId);
    if (exact || testBit(bits, m_cache.wildcardId)) {
        out.allowed = true;
        out.basis = exact ? AccessExplanation::Basis::Role : AccessExplanation::Basis::Wildcard;
        const std::vector<int> chain = roleChainTo(user, exact ? permissionId : m_cache.wildcardId);
        out.path.reserve(static_cast<qsizetype>(chain.size()) + 2);
        out.path.append(AccessStep{AccessStep::Kind::User, user.username, {}});
        for (const int roleId : chain)
            out.path.append(AccessStep{AccessStep::Kind::Role, m_cache.roleNames[roleId], {}});
        if (exact) {
            out.path.append(AccessStep{AccessStep::Kind::Permission, out.permission, {}});
            out.reason = out.pathText();
        } else {
            out.path.append(AccessStep{
                AccessStep::Kind::Wildcard, m_cache.permissions[m_cache.wildcardId].toString(), {}});
            out.reason = out.pathText() + QStringLiteral(" (the wildcard grants every permission)");
        }
        return out;
    }
    if (!objectId.isEmpty()) {
        if (const ObjectGrant* grant = findObjectGrant(user, permission, objectId)) {
            out.allowed = true;
            out.basis = AccessExplanation::Basis::ObjectGrant;
            out.path = {AccessStep{AccessStep::Kind::User, user.username, {}},
                        AccessStep{AccessStep::Kind::ObjectGrant, grant->permission.toString(), objectId}};
            out.reason = out.pathText() + (grant->permission.isWildcard()
                                               ? QStringLiteral(" (object grant of the wildcard)")
                                               : QStringLiteral(" (object grant)"));
            return out;
        }
    }
    explainDenial(user, permission, permissionId, out);
    return out;
}

void AccessEvaluator::explainDenial(const UserAccess& user, const Permission& permission, int permissionId,
                                    AccessExplanation& out) const
{
    const QString& name = user.username;
    const QString& wanted = out.permission;
    std::vector<int> roleIds;
    roleIds.reserve(static_cast<std::size_t>(user.roles.size()));
    for (const QString& role : user.roles) {
        if (const int id = m_cache.roleIds.find(role); id >= 0)
            roleIds.push_back(id);
    }

    QString reason = roleIds.empty()
                         ? QStringLiteral("%1 has no roles, so nothing grants %2").arg(name, wanted)
                         : QStringLiteral("no role of %1 grants %2").arg(name, wanted);
    if (!out.objectId.isEmpty())
        reason += QStringLiteral(", and %1 holds no grant of it on object %2").arg(name, out.objectId);

    QStringList otherObjects;
    for (const ObjectGrant& grant : user.objectGrants) {
        if (grant.permission == permission && grant.objectId != out.objectId)
            otherObjects.append(grant.objectId);
    }
    if (!otherObjects.isEmpty())
        reason += QStringLiteral("; %1 holds %2 only on %3").arg(name, wanted, listObjects(otherObjects));

    // Nearest misses: what the user's roles grant on the same resource, else for the same action.
    const QString resource = permission.resource();
    const QString action = permission.action();
    const int resourceId = m_cache.resources.find(resource);
    const int actionId = m_cache.actions.find(action);
    for (const bool byResource : {true, false}) {
        const std::vector<int>& partIds = byResource ? m_cache.resourceIds : m_cache.actionIds;
        const int wantedPart = byResource ? resourceId : actionId;
        if (wantedPart < 0)
            continue;
        for (const int roleId : roleIds) {
            QStringList near;
            forEachBit(roleEffective(roleId), m_cache.words, [&](int id) {
                if (partIds[id] == wantedPart)
                    near.append(m_cache.permissions[id].toString());
            });
            if (!near.isEmpty())
                out.closest.append(ClosestGrant{m_cache.roleNames[roleId], near});
        }
        if (!out.closest.isEmpty())
            break;
    }
    if (!out.closest.isEmpty()) {
        QStringList parts;
        parts.reserve(out.closest.size());
        for (const ClosestGrant& grant : out.closest)
            parts.append(grant.role + QStringLiteral(" grants ") +
                         grant.permissions.join(QStringLiteral(", ")));
        reason += QStringLiteral("; closest: ") + parts.join(QStringLiteral("; "));
    } else if (!roleIds.empty()) {
        reason += QStringLiteral("; no role of %1 grants anything on %2 or any %3 permission")
                      .arg(name, resource, action);
    }
    if (permissionId < 0)
        reason += QStringLiteral("; %1 is not a known permission (check the spelling)").arg(wanted);
    out.reason = reason;
}

QList<Permission> AccessEvaluator::effectivePermissions(const QString& username) const
{
    refresh();
    const qsizetype index = userIndex(username);
    if (index < 0)
        return {};
    QList<Permission> result;
    forEachBit(userBits(index), m_cache.words, [&](int id) { result.append(m_cache.permissions[id]); });
    return result;
}

QStringList AccessEvaluator::rolesGranting(const Permission& permission) const
{
    refresh();
    const int permissionId = m_cache.permissionIds.find(permission.toString());
    QStringList result;
    for (int id = 0; id < static_cast<int>(m_cache.roleNames.size()); ++id) {
        if (testBit(roleEffective(id), permissionId) || testBit(roleEffective(id), m_cache.wildcardId))
            result.append(m_cache.roleNames[id]);
    }
    return result;
}

QStringList AccessEvaluator::usersWith(const Permission& permission) const
{
    refresh();
    const int permissionId = m_cache.permissionIds.find(permission.toString());
    QStringList result;
    const QList<UserAccess>& users = m_model->users();
    for (qsizetype i = 0; i < users.size(); ++i) {
        const quint64* bits = userBits(i);
        if (testBit(bits, permissionId) || testBit(bits, m_cache.wildcardId))
            result.append(users.at(i).username);
    }
    std::sort(result.begin(), result.end(),
              [](const QString& a, const QString& b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    return result;
}

} // namespace tessera
