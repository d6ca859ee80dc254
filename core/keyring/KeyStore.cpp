#include "keyring/KeyStore.h"

#include "vault/Database.h"
#include "vault/Statement.h"

#include <QJsonDocument>

namespace tessera::keys {

namespace {

constexpr const char* kColumns =
    "kid, kty, description, algorithms, state, created_ms, not_after_ms, state_ms, public_jwk, "
    "sealed_private IS NOT NULL";

Result<VaultKey> readKey(const Statement& stmt)
{
    VaultKey key;
    key.kid = stmt.columnText(0);
    key.kty = stmt.columnText(1);
    key.description = stmt.columnText(2);
    key.algorithms = stmt.columnText(3).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const auto state = parseKeyState(stmt.columnText(4));
    if (!state) {
        return fail(ErrorKind::Corrupt, QStringLiteral("key %1 has an unknown state").arg(key.kid));
    }
    key.state = *state;
    key.createdMs = stmt.columnInt(5);
    key.notAfterMs = stmt.columnInt(6);
    key.stateMs = stmt.columnInt(7);
    const QString jwk = stmt.columnText(8);
    if (!jwk.isEmpty()) {
        key.publicJwk = QJsonDocument::fromJson(jwk.toUtf8()).object();
    }
    key.hasPrivate = stmt.columnInt(9) != 0;
    return key;
}

} // namespace

Result<QList<VaultKey>> KeyStore::list()
{
    const QByteArray sql = QByteArray("SELECT ") + kColumns + " FROM signing_keys ORDER BY created_ms, kid";
    TESSERA_TRY_ASSIGN(stmt, m_db.prepare(sql.constData()));
    QList<VaultKey> keys;
    TESSERA_TRY(forEachRow(stmt, [&]() -> Status {
        TESSERA_TRY_ASSIGN(key, readKey(stmt));
        keys.append(std::move(key));
        return {};
    }));
    return keys;
}

Result<std::optional<StoredKey>> KeyStore::find(const QString& kid)
{
    const QByteArray sql = QByteArray("SELECT ") + kColumns + ", sealed_private FROM signing_keys WHERE kid = ?1";
    TESSERA_TRY_ASSIGN(stmt, m_db.prepare(sql.constData()));
    stmt.bind(1, kid);
    TESSERA_TRY_ASSIGN(row, stmt.step());
    if (!row) {
        return std::optional<StoredKey>{};
    }
    TESSERA_TRY_ASSIGN(key, readKey(stmt));
    return std::optional<StoredKey>(StoredKey{std::move(key), stmt.columnBlob(10)});
}

Status KeyStore::insert(const StoredKey& stored)
{
    const VaultKey& key = stored.key;
    TESSERA_TRY_ASSIGN(stmt, m_db.prepare("INSERT INTO signing_keys (kid, kty, description, algorithms, state, "
                                          "created_ms, not_after_ms, state_ms, public_jwk, sealed_private) "
                                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"));
    const QString jwk = key.publicJwk.isEmpty()
                            ? QString()
                            : QString::fromUtf8(QJsonDocument(key.publicJwk).toJson(QJsonDocument::Compact));
    stmt.bind(1, key.kid)
        .bind(2, key.kty)
        .bind(3, key.description)
        .bind(4, key.algorithms.join(QLatin1Char(' ')))
        .bind(5, keyStateName(key.state))
        .bind(6, key.createdMs)
        .bind(7, key.notAfterMs)
        .bind(8, key.stateMs)
        .bind(9, jwk);
    if (stored.sealedPrivate.isEmpty()) {
        stmt.bindNull(10);
    } else {
        stmt.bindBlob(10, stored.sealedPrivate);
    }
    return stmt.run();
}

Status KeyStore::setState(const QString& kid, KeyState state, qint64 nowMs)
{
    return m_db.run("UPDATE signing_keys SET state = ?1, state_ms = ?2 WHERE kid = ?3", keyStateName(state), nowMs,
                    kid);
}

Status KeyStore::remove(const QString& kid)
{
    return m_db.run("DELETE FROM signing_keys WHERE kid = ?1", kid);
}

} // namespace tessera::keys
