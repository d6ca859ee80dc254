#pragma once

#include "access/AccessExplanation.h"
#include "access/AccessModel.h"
#include "access/NameIndex.h"
#include "access/Permission.h"

#include <QList>
#include <QStringList>
#include <vector>

namespace tessera {

// Answers "may this user do this" fast, and "why (not)" in full, from an AccessModel.
//
// Permissions are interned to small ids; each role's closure and, lazily, each user's effective
// permissions are bitsets, so a warm check is two flat-table lookups and a bit test. The cache is keyed on
// the model's generation stamp and rebuilt on first use after any change. The model must outlive the
// evaluator. Not thread-safe: the cache fills in on const calls, so use one evaluator per thread.
class AccessEvaluator
{
public:
    explicit AccessEvaluator(const AccessModel& model) : m_model(&model) {}

    // Role-level permissions (and admin:all) apply to every object. With an objectId, object grants
    // on exactly that id count too; without one they do not. Unknown users and null permissions are
    // denied.
    bool check(const QString& username, const Permission& permission, const QString& objectId = {}) const;
    AccessExplanation explain(const QString& username, const Permission& permission,
                              const QString& objectId = {}) const;

    // Through roles only (object grants are per object), sorted; admin:all appears as itself.
    QList<Permission> effectivePermissions(const QString& username) const;
    // Roles whose closure grants the permission, admin:all included; sorted.
    QStringList rolesGranting(const Permission& permission) const;
    // Users who hold the permission through their roles (admin:all included); sorted ignoring case.
    QStringList usersWith(const Permission& permission) const;

    // Drops the cache now instead of at the next call (frees memory; never needed for correctness).
    void invalidate() const
    {
        m_cache = Cache{};
        m_names = Names{};
    }

private:
    struct Cache
    {
        quint64 generation = 0;              // 0 = empty; stamps start at 1
        qsizetype words = 0;                 // quint64 words per bitset
        NameIndex permissionIds;             // ids follow the catalog's sorted order
        std::vector<Permission> permissions; // by id
        std::vector<int> resourceIds;        // by permission id, into `resources`
        std::vector<int> actionIds;          // by permission id, into `actions`
        NameIndex resources;
        NameIndex actions;
        int wildcardId = -1;
        NameIndex roleIds;                          // ids follow sorted role names
        std::vector<QString> roleNames;             // by role id
        std::vector<std::vector<int>> roleIncludes; // by role id
        std::vector<quint64> roleDirect;            // roleCount x words
        std::vector<quint64> roleEffective;         // roleCount x words
        std::vector<quint64> userBits;              // userCount x words, valid where userState has kReady
        std::vector<quint8> userState;              // kReady | kWildcard; small, so it stays in cache
        std::vector<int> cameFrom;                  // scratch for explain(), sized to the roles
        std::vector<int> queue;
    };

    // Exact usernames to model indices; rebuilt only when users come, go or are renamed.
    struct Names
    {
        quint64 generation = 0;
        NameIndex index;
    };

    static constexpr quint8 kReady = 1;
    static constexpr quint8 kWildcard = 2;

    void refresh() const;
    qsizetype userIndex(const QString& username) const;
    // Fills the user's bitset on first use; returns kReady, plus kWildcard when a role grants admin:all.
    quint8 userState(qsizetype userIndex) const;
    const quint64* userBits(qsizetype userIndex) const;
    const quint64* roleEffective(int roleId) const;
    const quint64* roleDirect(int roleId) const;
    std::vector<int> roleChainTo(const UserAccess& user, int permissionId) const;
    void explainDenial(const UserAccess& user, const Permission& permission, int permissionId,
                       AccessExplanation& out) const;

    const AccessModel* m_model;
    mutable Cache m_cache;
    mutable Names m_names;
};

} // namespace tessera
