#include "vault/Migrations.h"

#include "vault/Database.h"
#include "vault/Transaction.h"

#include <QByteArray>

namespace tessera {

namespace {

// Never edit a step once released: add a new one at the end.
constexpr MigrationStep kSteps[] = {
    {1, "vault metadata, settings and audit trail",
     R"sql(
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY NOT NULL,
            value NOT NULL
        );
        CREATE TABLE settings (
            key   TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        );
        CREATE TABLE audit_log (
            id      INTEGER PRIMARY KEY,
            at_ms   INTEGER NOT NULL,
            os_user TEXT NOT NULL,
            via     TEXT NOT NULL,
            action  TEXT NOT NULL,
            target  TEXT NOT NULL,
            summary TEXT NOT NULL,
            mac     BLOB NOT NULL
        );
        CREATE INDEX audit_log_action ON audit_log(action);
     )sql"},
    {2, "users, roles, permissions and grants",
     R"sql(
        CREATE TABLE users (
            id                   INTEGER PRIMARY KEY,
            username             TEXT NOT NULL,
            username_key         TEXT NOT NULL UNIQUE,
            display_name         TEXT NOT NULL DEFAULT '',
            email                TEXT NOT NULL DEFAULT '',
            disabled             INTEGER NOT NULL DEFAULT 0,
            password_hash        TEXT NOT NULL DEFAULT '',
            must_change_password INTEGER NOT NULL DEFAULT 0,
            notes                TEXT NOT NULL DEFAULT '',
            created_ms           INTEGER NOT NULL,
            updated_ms           INTEGER NOT NULL,
            last_login_ms        INTEGER NOT NULL DEFAULT 0,
            failed_logins        INTEGER NOT NULL DEFAULT 0,
            first_failure_ms     INTEGER NOT NULL DEFAULT 0,
            locked_until_ms      INTEGER NOT NULL DEFAULT 0,
            lock_count           INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE user_attributes (
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            name    TEXT NOT NULL,
            value   TEXT NOT NULL,
            PRIMARY KEY (user_id, name)
        );
        CREATE TABLE password_history (
            id      INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            hash    TEXT NOT NULL,
            set_ms  INTEGER NOT NULL
        );
        CREATE INDEX password_history_user ON password_history(user_id);
        CREATE TABLE roles (
            name        TEXT PRIMARY KEY NOT NULL,
            description TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE permissions (
            name TEXT PRIMARY KEY NOT NULL
        );
        CREATE TABLE role_permissions (
            role       TEXT NOT NULL REFERENCES roles(name) ON DELETE CASCADE ON UPDATE CASCADE,
            permission TEXT NOT NULL REFERENCES permissions(name) ON DELETE CASCADE ON UPDATE CASCADE,
            PRIMARY KEY (role, permission)
        );
        CREATE TABLE role_includes (
            role     TEXT NOT NULL REFERENCES roles(name) ON DELETE CASCADE ON UPDATE CASCADE,
            included TEXT NOT NULL REFERENCES roles(name) ON DELETE CASCADE ON UPDATE CASCADE,
            PRIMARY KEY (role, included)
        );
        CREATE TABLE user_roles (
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            role    TEXT NOT NULL REFERENCES roles(name) ON DELETE CASCADE ON UPDATE CASCADE,
            PRIMARY KEY (user_id, role)
        );
        CREATE INDEX user_roles_role ON user_roles(role);
        CREATE TABLE object_grants (
            user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            permission TEXT NOT NULL REFERENCES permissions(name) ON DELETE CASCADE ON UPDATE CASCADE,
            object_id  TEXT NOT NULL,
            PRIMARY KEY (user_id, permission, object_id)
        );
     )sql"},
    {3, "second factor: TOTP enrolments and backup codes",
     R"sql(
        CREATE TABLE totp_enrolments (
            user_id       INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
            sealed_secret BLOB NOT NULL,
            algorithm     TEXT NOT NULL,
            digits        INTEGER NOT NULL,
            period        INTEGER NOT NULL,
            confirmed     INTEGER NOT NULL DEFAULT 0,
            created_ms    INTEGER NOT NULL,
            confirmed_ms  INTEGER NOT NULL DEFAULT 0,
            last_step     INTEGER
        );
        CREATE TABLE backup_codes (
            user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            position   INTEGER NOT NULL,
            hash       BLOB NOT NULL,
            created_ms INTEGER NOT NULL,
            used_ms    INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (user_id, position)
        );
     )sql"},
};

} // namespace

std::span<const MigrationStep> Migrations::steps()
{
    return kSteps;
}

int Migrations::latestVersion()
{
    return kSteps[std::size(kSteps) - 1].version;
}

Status Migrations::apply(Database& db, int fromVersion, std::span<const MigrationStep> steps)
{
    for (const MigrationStep& step : steps) {
        if (step.version <= fromVersion) {
            continue;
        }
        auto tx = Transaction::begin(db);
        if (!tx) {
            return std::unexpected(tx.error());
        }
        if (auto ok = db.exec(step.sql); !ok) {
            return fail(ok.error().kind, QStringLiteral("schema upgrade to version %1 (%2) failed: %3")
                                             .arg(step.version)
                                             .arg(QString::fromUtf8(step.description), ok.error().message));
        }
        const QByteArray bump = "PRAGMA user_version = " + QByteArray::number(step.version);
        if (auto ok = db.exec(bump.constData()); !ok) {
            return ok;
        }
        if (auto ok = tx->commit(); !ok) {
            return ok;
        }
    }
    return {};
}

} // namespace tessera
