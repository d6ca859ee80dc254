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
