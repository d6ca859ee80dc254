#include "identity/IdentityStore.h"

#include "identity/UserValidator.h"
#include "vault/Database.h"
#include "vault/Statement.h"

#include <QHash>
#include <QSet>
#include <algorithm>

namespace tessera {

namespace {

// The first column of every row, as text.
Result<QStringList> texts(Database& db, const char* sql, const auto&... args)
{
    TESSERA_TRY_ASSIGN(stmt, db.prepare(sql));
    if constexpr (sizeof...(args) > 0) {
        stmt.bindAll(args...);
    }
    QStringList values;
    TESSERA_TRY(forEachRow(stmt, [&]() -> Status {
        values.append(stmt.columnText(0));
        return {};
    }));
    return values;
}

QString joinedSorted(QStringList names)
{
    std::sort(names.begin(), names.end());
    return names.join(QStringLiteral(", "));
}

} // namespace

Result<RoleGraph> IdentityStore::loadRoles() const
{
    QMap<QString, RoleDefinition> roles;
    {
        TESSERA_TRY_ASSIGN(stmt, m_db.prepare("SELECT name, description FROM roles"));
        TESSERA_TRY(forEachRow(stmt, [&]() -> Status {
            RoleDefinition role;
            role.name = stmt.columnText(0);
            role.description = stmt.columnText(1);
            roles.insert(role.name, role);
            return {};
        }));
    }
    QList<Permission> catalog;
    {
        TESSERA_TRY_ASSIGN(stmt, m_db.prepare("SELECT name FROM permissions"));
        TESSERA_TRY(forEachRow(stmt, [&]() -> Status {
            TESSERA_TRY_ASSIGN(permission, Permission::parse(stmt.columnText(0)));
            catalog.append(permission);
            return {};
        }));
    }
    {
        TESSERA_TRY_ASSIGN(stmt, m_db.prepare("SELECT role, permission FROM role_permissions"));
        TESSERA_TRY(forEachRow(stmt, [&]() -> Status {
            TESSERA_TRY_ASSIGN(permission, Permission::parse(stmt.columnText(1)));
            roles[stmt.columnText(0)].permissions.append(permission);
            return {};
        }));
    }
    {
        TESSERA_TRY_ASSIGN(stmt, m_db.prepare("SELECT role, included FROM role_includes"));
        TESSERA_TRY(forEachRow(stmt, [&]() -> Status {
            roles[stmt.columnText(0)].includes.append(stmt.columnText(1));
            return {};
        }));
    }
    auto graph = RoleGraph::fromDefinitions(roles.values(), catalog);
    if (!graph) {
        return fail(ErrorKind::Corrupt, QStringLiteral("the vault's roles are inconsistent: %1").arg(graph.error().message));
    }
    return std::move(*graph);
}

Result<QList<UserAccess>> IdentityStore::loadUserAccess() const
{
    QList<UserAccess> users;
    QHash<qint64, qsizetype> indexById;
    {
        TESSERA_TRY_ASSIGN(count, m_db.queryInt("SELECT count(*) FROM users"));
        users.reserve(count);
        indexById.reserve(count);
        TESSERA_TRY_ASSIGN(stmt, m_db.prepare("SELECT id, username FROM users ORDER BY id"));
        TESSERA_TRY(forEachRow(stmt, [&]() -> Status {
            indexById.insert(stmt.columnInt(0), users.size());
            users.append(UserAccess{stmt.columnText(1), {}, {}});
            return {};
        }));
    }
    {
        TESSERA_TRY_ASSIGN(stmt, m_db.prepare("SELECT user_id, role FROM user_roles"));
        TESSERA_TRY(forEachRow(stmt, [&]() -> Status {
            if (const auto it = indexById.constFind(stmt.columnInt(0)); it != indexById.constEnd()) {
                users[*it].roles.append(stmt.columnText(1));
            }
            return {};
        }));
    }
    {
        TESSERA_TRY_ASSIGN(stmt, m_db.prepare("SELECT user_id, permission, object_id FROM object_grants"));
        TESSERA_TRY(forEachRow(stmt, [&]() -> Status {
            TESSERA_TRY_ASSIGN(permission, Permission::parse(stmt.columnText(1)));
            if (const auto it = indexById.constFind(stmt.columnInt(0)); it != indexById.constEnd()) {
                users[*it].objectGrants.append(ObjectGrant{permission, stmt.columnText(2)});
            }
            return {};
        }));
    }
    return users;
}

namespace {

constexpr char kSummaryColumns[] =
    "SELECT u.id, u.username, u.display_name, u.email, u.disabled, u.locked_until_ms, u.last_login_ms, "
    "u.password_hash <> ''";

UserSummary summaryFrom(const Statement& stmt)
{
    UserSummary summary;
    summary.id = stmt.columnInt(0);
    summary.username = stmt.columnText(1);
    summary.displayName = stmt.columnText(2);
    summary.email = stmt.columnText(3);
    summary.disabled = stmt.columnInt(4) != 0;
    summary.lockedUntilMs = stmt.columnInt(5);
    summary.lastLoginMs = stmt.columnInt(6);
    summary.hasPassword = stmt.columnInt(7) != 0;
    return summary;
}

// The summaries `users` (kSummaryColumns) selects, each with its roles from the (user_id, role) rows
// of `roles`, sorted and joined. Two flat scans joined in memory: a correlated group_concat per user
// costs three times as much with 100,000 users, and this is what the users table waits for after unlock.
Result<QList<UserSummary>> summariesWithRoles(Statement& users, Statement& roles, qint64 expected = 0)
{
    QList<UserSummary> summaries;
    QHash<qint64, qsizetype> indexById;
    summaries.reserve(expected);
    indexById.reserve(expected);
    TESSERA_TRY(forEachRow(users, [&]() -> Status {
        indexById.insert(users.columnInt(0), summaries.size());
        summaries.append(summaryFrom(users));
        return {};
    }));
    QList<QStringList> names(summaries.size());
    TESSERA_TRY(forEachRow(roles, [&]() -> Status {
        if (const auto it = indexById.constFind(roles.columnInt(0)); it != indexById.constEnd()) {
            names[*it].append(roles.columnText(1));
        }
        return {};
    }));
    for (qsizetype i = 0; i < summaries.size(); ++i) {
        if (!names[i].isEmpty()) {
            summaries[i].roles = joinedSorted(names[i]);
        }
    }
    return summaries;
}

} // namespace

Result<QList<UserSummary>> IdentityStore::loadSummaries() const
{
    TESSERA_TRY_ASSIGN(count, m_db.queryInt("SELECT count(*) FROM users"));
    TESSERA_TRY_ASSIGN(users, m_db.prepare((QByteArray(kSummaryColumns) + " FROM users u").constData()));
    TESSERA_TRY_ASSIGN(roles, m_db.prepare("SELECT user_id, role FROM user_roles"));
    return summariesWithRoles(users, roles, count);
}

Result<QList<UserSummary>> IdentityStore::loadFirstSummaries(int limit) const
{
    const QByteArray sql = QByteArray(kSummaryColumns) + " FROM users u ORDER BY u.username_key LIMIT ?1";
    TESSERA_TRY_ASSIGN(users, m_db.prepare(sql.constData()));
    users.bind(1, qint64{limit});
    // Only those users' roles, in one statement rather than one per user: this is the first screen
    // after unlock.
    TESSERA_TRY_ASSIGN(roles, m_db.prepare("SELECT user_id, role FROM user_roles WHERE user_id IN "
                                           "(SELECT id FROM users ORDER BY username_key LIMIT ?1)"));
    roles.bind(1, qint64{limit});
    return summariesWithRoles(users, roles);
}

Result<std::optional<UserSummary>> IdentityStore::loadSummary(const QString& username) const
{
    const QByteArray sql = QByteArray(kSummaryColumns) + " FROM users u WHERE u.username_key = ?1";
    TESSERA_TRY_ASSIGN(stmt, m_db.prepare(sql.constData()));
    stmt.bind(1, UserValidator::usernameKey(username));
    TESSERA_TRY_ASSIGN(row, stmt.step());
    if (!row) {
        return std::optional<UserSummary>{};
    }
    UserSummary summary = summaryFrom(stmt);
    TESSERA_TRY_ASSIGN(roles, rolesOf(summary.id));
    summary.roles = roles.join(QStringLiteral(", "));
    return std::optional<UserSummary>{summary};
}

Result<QStringList> IdentityStore::rolesOf(qint64 userId) const
{
    return texts(m_db, "SELECT role FROM user_roles WHERE user_id = ?1 ORDER BY role", userId);
}

Result<qint64> IdentityStore::userCount() const
{
    return m_db.queryInt("SELECT count(*) FROM users");
}

Result<std::vector<UserRecord>> IdentityStore::exportRecords(bool includeHashes) const
{
    std::vector<UserRecord> records;
    QHash<qint64, size_t> indexById;
    {
        TESSERA_TRY_ASSIGN(stmt, m_db.prepare("SELECT id, username, display_name, email, disabled, must_change_password, "
                                              "notes, password_hash, created_ms, last_login_ms FROM users "
                                              "ORDER BY username_key"));
        TESSERA_TRY(forEachRow(stmt, [&]() -> Status {
            UserRecord record;
            record.username = stmt.columnText(1);
            record.displayName = stmt.columnText(2);
            record.email = stmt.columnText(3);
            record.disabled = stmt.columnInt(4) != 0;
            record.mustChangePassword = stmt.columnInt(5) != 0;
            record.notes = stmt.columnText(6);
            if (includeHashes) {
                record.passwordHash = stmt.columnText(7);
            }
            record.createdMs = stmt.columnInt(8);
            record.lastLoginMs = stmt.columnInt(9);
            indexById.insert(stmt.columnInt(0), records.size());
            records.push_back(std::move(record));
            return {};
        }));
    }
    auto each = [&](const char* sql, auto apply) -> Status {
        TESSERA_TRY_ASSIGN(stmt, m_db.prepare(sql));
        return forEachRow(stmt, [&]() -> Status {
            if (const auto it = indexById.constFind(stmt.columnInt(0)); it != indexById.constEnd()) {
                TESSERA_TRY(apply(records[*it], stmt));
            }
            return {};
        });
    };
    TESSERA_TRY(each("SELECT user_id, name, value FROM user_attributes", [](UserRecord& r, Statement& s) -> Status {
        r.attributes.insert(s.columnText(1), s.columnText(2));
        return {};
    }));
    TESSERA_TRY(each("SELECT user_id, role FROM user_roles ORDER BY role", [](UserRecord& r, Statement& s) -> Status {
        r.roles.append(s.columnText(1));
        return {};
    }));
    TESSERA_TRY(each("SELECT user_id, permission, object_id FROM object_grants ORDER BY permission, object_id",
                     [](UserRecord& r, Statement& s) -> Status {
                         TESSERA_TRY_ASSIGN(permission, Permission::parse(s.columnText(1)));
                         r.objectGrants.append(ObjectGrant{permission, s.columnText(2)});
                         return {};
                     }));
    return records;
}

Result<std::optional<User>> IdentityStore::loadUser(const QString& username) const
{
    TESSERA_TRY_ASSIGN(stmt,
                       m_db.prepare("SELECT id, username, display_name, email, disabled, must_change_password, notes, "
                                    "created_ms, updated_ms, last_login_ms, failed_logins, first_failure_ms, "
                                    "locked_until_ms, lock_count, password_hash <> '' FROM users WHERE username_key = ?1"));
    stmt.bind(1, UserValidator::usernameKey(username));
    TESSERA_TRY_ASSIGN(row, stmt.step());
    if (!row) {
        return std::optional<User>{};
    }
    User user;
    user.id = stmt.columnInt(0);
    user.username = stmt.columnText(1);
    user.displayName = stmt.columnText(2);
    user.email = stmt.columnText(3);
    user.disabled = stmt.columnInt(4) != 0;
    user.mustChangePassword = stmt.columnInt(5) != 0;
    user.notes = stmt.columnText(6);
    user.createdMs = stmt.columnInt(7);
    user.updatedMs = stmt.columnInt(8);
    user.lastLoginMs = stmt.columnInt(9);
    user.failedLogins = static_cast<int>(stmt.columnInt(10));
    user.firstFailureMs = stmt.columnInt(11);
    user.lockedUntilMs = stmt.columnInt(12);
    user.lockCount = static_cast<int>(stmt.columnInt(13));
    user.hasPassword = stmt.columnInt(14) != 0;

    TESSERA_TRY_ASSIGN(attributes, m_db.prepare("SELECT name, value FROM user_attributes WHERE user_id = ?1"));
    attributes.bind(1, user.id);
    TESSERA_TRY(forEachRow(attributes, [&]() -> Status {
        user.attributes.insert(attributes.columnText(0), attributes.columnText(1));
        return {};
    }));
    TESSERA_TRY_ASSIGN(roles, rolesOf(user.id));
    user.roles = roles;
    TESSERA_TRY_ASSIGN(grants, m_db.prepare("SELECT permission, object_id FROM object_grants WHERE user_id = ?1 "
                                            "ORDER BY permission, object_id"));
    grants.bind(1, user.id);
    TESSERA_TRY(forEachRow(grants, [&]() -> Status {
        TESSERA_TRY_ASSIGN(permission, Permission::parse(grants.columnText(0)));
        user.objectGrants.append(ObjectGrant{permission, grants.columnText(1)});
        return {};
    }));
    return std::optional<User>{std::move(user)};
}

Result<qint64> IdentityStore::userId(const QString& username) const
{
    TESSERA_TRY_ASSIGN(stmt, m_db.prepare("SELECT id FROM users WHERE username_key = ?1"));
    stmt.bind(1, UserValidator::usernameKey(username));
    TESSERA_TRY_ASSIGN(row, stmt.step());
    if (!row) {
        return fail(ErrorKind::NotFound, QStringLiteral("no user named '%1'").arg(username));
    }
    return stmt.columnInt(0);
}

Result<QString> IdentityStore::passwordHash(qint64 userId) const
{
    TESSERA_TRY_ASSIGN(stmt, m_db.prepare("SELECT password_hash FROM users WHERE id = ?1"));
    stmt.bind(1, userId);
    TESSERA_TRY_ASSIGN(row, stmt.step());
    if (!row) {
        return fail(ErrorKind::NotFound, QStringLiteral("no such user"));
    }
    return stmt.columnText(0);
}

Result<QStringList> IdentityStore::passwordHistory(qint64 userId, int count) const
{
    if (count <= 0) {
        return QStringList{};
    }
    return texts(m_db, "SELECT hash FROM password_history WHERE user_id = ?1 ORDER BY id DESC LIMIT ?2", userId,
                 qint64{count});
}

Result<qint64> IdentityStore::insertUser(const UserRecord& record, qint64 nowMs)
{
    TESSERA_TRY_ASSIGN(ids, insertUsers({&record}, nowMs));
    return ids.front();
}

Result<QList<qint64>> IdentityStore::insertUsers(const std::vector<const UserRecord*>& records, qint64 nowMs)
{
    // Prepared once for the whole batch: an import of 100,000 users is bound by SQLite, not by parsing SQL.
    TESSERA_TRY_ASSIGN(user, m_db.prepare("INSERT INTO users (username, username_key, display_name, email, "
                                          "disabled, password_hash, must_change_password, notes, created_ms, "
                                          "updated_ms, last_login_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                                          "?10, ?11)"));
    TESSERA_TRY_ASSIGN(attribute, m_db.prepare("INSERT INTO user_attributes (user_id, name, value) VALUES (?1, ?2, ?3)"));
    TESSERA_TRY_ASSIGN(role, m_db.prepare("INSERT OR IGNORE INTO user_roles (user_id, role) VALUES (?1, ?2)"));
    QList<qint64> ids;
    ids.reserve(qsizetype(records.size()));
    for (const UserRecord* record : records) {
        user.reset();
        user.bindAll(record->username, UserValidator::usernameKey(record->username), record->displayName,
                     record->email, qint64{record->disabled}, record->passwordHash, qint64{record->mustChangePassword},
                     record->notes, record->createdMs > 0 ? record->createdMs : nowMs, nowMs, record->lastLoginMs);
        if (auto ok = user.run(); !ok) {
            if (ok.error().kind == ErrorKind::Conflict) {
                return fail(ErrorKind::Conflict, QStringLiteral("a user named '%1' already exists").arg(record->username));
            }
            return std::unexpected(ok.error());
        }
        const qint64 id = m_db.lastInsertRowId();
        ids.append(id);
        for (auto it = record->attributes.cbegin(); it != record->attributes.cend(); ++it) {
            attribute.reset();
            attribute.bindAll(id, it.key(), it.value());
            TESSERA_TRY(attribute.run());
        }
        for (const QString& name : record->roles) {
            role.reset();
            role.bindAll(id, name);
            TESSERA_TRY(role.run());
        }
        for (const ObjectGrant& grant : record->objectGrants) {
            TESSERA_TRY(addObjectGrant(id, grant.permission.toString(), grant.objectId));
        }
    }
    return ids;
}

Status IdentityStore::updateProfile(qint64 userId, const User& user, qint64 nowMs)
{
    TESSERA_TRY(m_db.run("UPDATE users SET display_name = ?1, email = ?2, notes = ?3, updated_ms = ?4 WHERE id = ?5",
                        user.displayName, user.email, user.notes, nowMs, userId));
    TESSERA_TRY(m_db.run("DELETE FROM user_attributes WHERE user_id = ?1", userId));
    if (!user.attributes.isEmpty()) {
        TESSERA_TRY_ASSIGN(attribute, m_db.prepare("INSERT INTO user_attributes (user_id, name, value) VALUES (?1, ?2, ?3)"));
        for (auto it = user.attributes.cbegin(); it != user.attributes.cend(); ++it) {
            attribute.reset();
            attribute.bindAll(userId, it.key(), it.value());
            TESSERA_TRY(attribute.run());
        }
    }
    return {};
}

Status IdentityStore::renameUser(qint64 userId, const QString& username, qint64 nowMs)
{
    auto ok = m_db.run("UPDATE users SET username = ?1, username_key = ?2, updated_ms = ?3 WHERE id = ?4", username,
                      UserValidator::usernameKey(username), nowMs, userId);
    if (!ok && ok.error().kind == ErrorKind::Conflict) {
        return fail(ErrorKind::Conflict, QStringLiteral("a user named '%1' already exists").arg(username));
    }
    return ok;
}

Status IdentityStore::setPasswordHash(qint64 userId, const QString& hash, bool mustChange, int historyKeep, qint64 nowMs)
{
    TESSERA_TRY_ASSIGN(old, passwordHash(userId));
    if (!old.isEmpty() && historyKeep > 0) {
        TESSERA_TRY(m_db.run("INSERT INTO password_history (user_id, hash, set_ms) VALUES (?1, ?2, ?3)", userId, old,
                            nowMs));
        TESSERA_TRY(m_db.run("DELETE FROM password_history WHERE user_id = ?1 AND id NOT IN "
                            "(SELECT id FROM password_history WHERE user_id = ?1 ORDER BY id DESC LIMIT ?2)",
                            userId, qint64{historyKeep}));
    }
    return m_db.run("UPDATE users SET password_hash = ?1, must_change_password = ?2, updated_ms = ?3 WHERE id = ?4",
                   hash, qint64{mustChange}, nowMs, userId);
}

Status IdentityStore::replaceHashInPlace(qint64 userId, const QString& hash)
{
    return m_db.run("UPDATE users SET password_hash = ?1 WHERE id = ?2", hash, userId);
}

Status IdentityStore::setMustChange(qint64 userId, bool mustChange, qint64 nowMs)
{
    return m_db.run("UPDATE users SET must_change_password = ?1, updated_ms = ?2 WHERE id = ?3", qint64{mustChange},
                   nowMs, userId);
}

Status IdentityStore::setDisabled(qint64 userId, bool disabled, qint64 nowMs)
{
    return m_db.run("UPDATE users SET disabled = ?1, updated_ms = ?2 WHERE id = ?3", qint64{disabled}, nowMs,
                   userId);
}

Status IdentityStore::saveLoginState(qint64 userId, const LoginState& state)
{
    return m_db.run("UPDATE users SET failed_logins = ?1, first_failure_ms = ?2, locked_until_ms = ?3, lock_count = ?4, "
                   "last_login_ms = ?5 WHERE id = ?6",
                   qint64{state.failedLogins}, state.firstFailureMs, state.lockedUntilMs, qint64{state.lockCount},
                   state.lastLoginMs, userId);
}

Status IdentityStore::deleteUser(qint64 userId)
{
    return m_db.run("DELETE FROM users WHERE id = ?1", userId);
}

Status IdentityStore::setUserRoles(qint64 userId, const QStringList& roles, qint64 nowMs)
{
    TESSERA_TRY(m_db.run("DELETE FROM user_roles WHERE user_id = ?1", userId));
    TESSERA_TRY_ASSIGN(insert, m_db.prepare("INSERT OR IGNORE INTO user_roles (user_id, role) VALUES (?1, ?2)"));
    for (const QString& role : roles) {
        insert.reset();
        insert.bindAll(userId, role);
        TESSERA_TRY(insert.run());
    }
    return m_db.run("UPDATE users SET updated_ms = ?1 WHERE id = ?2", nowMs, userId);
}

Status IdentityStore::addObjectGrant(qint64 userId, const QString& permission, const QString& objectId)
{
    // The permission joins the catalog if it is new, as AccessModel does.
    TESSERA_TRY(m_db.run("INSERT OR IGNORE INTO permissions (name) VALUES (?1)", permission));
    return m_db.run("INSERT OR IGNORE INTO object_grants (user_id, permission, object_id) VALUES (?1, ?2, ?3)",
                   userId, permission, objectId);
}

Status IdentityStore::removeObjectGrant(qint64 userId, const QString& permission, const QString& objectId)
{
    return m_db.run("DELETE FROM object_grants WHERE user_id = ?1 AND permission = ?2 AND object_id = ?3", userId,
                   permission, objectId);
}

Status IdentityStore::renameRole(const QString& from, const QString& to)
{
    return m_db.run("UPDATE roles SET name = ?1 WHERE name = ?2", to, from);
}

Status IdentityStore::renamePermission(const QString& from, const QString& to)
{
    return m_db.run("UPDATE permissions SET name = ?1 WHERE name = ?2", to, from);
}

Status IdentityStore::syncRoles(const RoleGraph& graph)
{
    const QList<RoleDefinition> definitions = graph.definitions();
    QSet<QString> wanted;
    for (const RoleDefinition& role : definitions) {
        wanted.insert(role.name);
    }
    // Roles that vanished take their assignments with them (ON DELETE CASCADE); the others are kept
    // in place so user_roles rows survive.
    TESSERA_TRY_ASSIGN(existing, texts(m_db, "SELECT name FROM roles"));
    for (const QString& name : std::as_const(existing)) {
        if (!wanted.contains(name)) {
            TESSERA_TRY(m_db.run("DELETE FROM roles WHERE name = ?1", name));
        }
    }
    QSet<QString> catalog;
    for (const Permission& permission : graph.permissionCatalog()) {
        catalog.insert(permission.toString());
    }
    TESSERA_TRY_ASSIGN(storedPermissions, texts(m_db, "SELECT name FROM permissions"));
    for (const QString& name : std::as_const(storedPermissions)) {
        if (!catalog.contains(name)) {
            TESSERA_TRY(m_db.run("DELETE FROM permissions WHERE name = ?1", name));
        }
    }
    for (const QString& name : std::as_const(catalog)) {
        TESSERA_TRY(m_db.run("INSERT OR IGNORE INTO permissions (name) VALUES (?1)", name));
    }
    TESSERA_TRY(m_db.run("DELETE FROM role_permissions"));
    TESSERA_TRY(m_db.run("DELETE FROM role_includes"));
    for (const RoleDefinition& role : definitions) {
        TESSERA_TRY(m_db.run("INSERT OR IGNORE INTO roles (name, description) VALUES (?1, ?2)", role.name,
                            role.description));
        TESSERA_TRY(m_db.run("UPDATE roles SET description = ?1 WHERE name = ?2", role.description, role.name));
    }
    for (const RoleDefinition& role : definitions) {
        for (const Permission& permission : role.permissions) {
            // admin:all is implied by the catalog but role_permissions needs its row as a key.
            TESSERA_TRY(m_db.run("INSERT OR IGNORE INTO permissions (name) VALUES (?1)", permission.toString()));
            TESSERA_TRY(m_db.run("INSERT INTO role_permissions (role, permission) VALUES (?1, ?2)", role.name,
                                permission.toString()));
        }
        for (const QString& included : role.includes) {
            TESSERA_TRY(m_db.run("INSERT INTO role_includes (role, included) VALUES (?1, ?2)", role.name,
                                included));
        }
    }
    return {};
}

} // namespace tessera
