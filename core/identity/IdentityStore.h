#pragma once

#include "access/RoleGraph.h"
#include "access/UserAccess.h"
#include "common/Error.h"
#include "identity/User.h"
#include "identity/UserRecord.h"

#include <QList>
#include <QStringList>
#include <optional>
#include <vector>

namespace tessera {

class Database;

// Brute-force state of one account, as the sign-in service reads and writes it.
struct LoginState
{
    int failedLogins = 0;
    qint64 firstFailureMs = 0;
    qint64 lockedUntilMs = 0;
    int lockCount = 0;
    qint64 lastLoginMs = 0;
};

// The SQL behind users, roles, permissions and grants (schema v2, core/vault/Migrations.cpp). Row-level
// reads and writes only: rules live in AccessModel, PasswordPolicy and Directory, which also opens the
// transactions these calls run in.
class IdentityStore
{
public:
    explicit IdentityStore(Database& db) : m_db(db) {}

    // Loading everything an AccessModel needs.
    Result<RoleGraph> loadRoles() const;
    Result<QList<UserAccess>> loadUserAccess() const;
    Result<QList<UserSummary>> loadSummaries() const;
    // The first `limit` users by username (ignoring case), through the username index: a table's first
    // screen without reading every row.
    Result<QList<UserSummary>> loadFirstSummaries(int limit) const;
    Result<std::optional<UserSummary>> loadSummary(const QString& username) const;
    Result<qint64> userCount() const;
    Result<QStringList> rolesOf(qint64 userId) const; // sorted
    // Every user with profile, roles and grants, ordered by username; hashes only when asked.
    Result<std::vector<UserRecord>> exportRecords(bool includeHashes) const;

    // Users. Lookups ignore case.
    Result<std::optional<User>> loadUser(const QString& username) const;
    Result<qint64> userId(const QString& username) const; // NotFound when unknown
    Result<QString> passwordHash(qint64 userId) const;
    Result<QStringList> passwordHistory(qint64 userId, int count) const; // newest first
    Result<qint64> insertUser(const UserRecord& record, qint64 nowMs);
    Result<QList<qint64>> insertUsers(const std::vector<const UserRecord*>& records, qint64 nowMs);
    Status updateProfile(qint64 userId, const User& user, qint64 nowMs); // names, email, notes, attributes
    Status renameUser(qint64 userId, const QString& username, qint64 nowMs);
    // Stores the new hash and pushes the old one into the history (kept to `historyKeep` entries).
    Status setPasswordHash(qint64 userId, const QString& hash, bool mustChange, int historyKeep, qint64 nowMs);
    // A rehash at sign-in: same password, new parameters; not a password change, so no history entry.
    Status replaceHashInPlace(qint64 userId, const QString& hash);
    Status setMustChange(qint64 userId, bool mustChange, qint64 nowMs);
    Status setDisabled(qint64 userId, bool disabled, qint64 nowMs);
    Status saveLoginState(qint64 userId, const LoginState& state);
    Status deleteUser(qint64 userId);
    Status setUserRoles(qint64 userId, const QStringList& roles, qint64 nowMs);
    Status addObjectGrant(qint64 userId, const QString& permission, const QString& objectId);
    Status removeObjectGrant(qint64 userId, const QString& permission, const QString& objectId);

    // Roles: renames cascade to assignments through the schema's ON UPDATE CASCADE; everything else is
    // made to match `graph` (roles gone from it are deleted with their assignments).
    Status renameRole(const QString& from, const QString& to);
    Status renamePermission(const QString& from, const QString& to);
    Status syncRoles(const RoleGraph& graph);

    Database& database() { return m_db; }

private:
    Database& m_db;
};

} // namespace tessera
