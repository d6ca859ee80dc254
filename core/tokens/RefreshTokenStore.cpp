#include "tokens/RefreshTokenStore.h"

#include "vault/Database.h"
#include "vault/Statement.h"

namespace tessera::tokens {

namespace {

constexpr const char* kSelect =
    "SELECT jti, username, kid, issued_ms, expires_ms, revoked_ms, reason FROM refresh_tokens ";

RefreshTokenRecord readRecord(const Statement& stmt)
{
    return RefreshTokenRecord{stmt.columnText(0), stmt.columnText(1), stmt.columnText(2), stmt.columnInt(3),
                              stmt.columnInt(4),  stmt.columnInt(5),  stmt.columnText(6)};
}

} // namespace

Status RefreshTokenStore::insert(const RefreshTokenRecord& record, std::optional<qint64> userId)
{
    TESSERA_TRY_ASSIGN(stmt, m_db.prepare("INSERT INTO refresh_tokens (jti, user_id, username, kid, issued_ms, "
                                          "expires_ms, revoked_ms, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, '')"));
    stmt.bind(1, record.jti);
    if (userId) {
        stmt.bind(2, *userId);
    } else {
        stmt.bindNull(2);
    }
    stmt.bind(3, record.username).bind(4, record.kid).bind(5, record.issuedMs).bind(6, record.expiresMs);
    return stmt.run();
}

Result<QList<RefreshTokenRecord>> RefreshTokenStore::list(const QString& username)
{
    const QByteArray sql = QByteArray(kSelect) +
                           (username.isEmpty() ? "ORDER BY issued_ms DESC, jti"
                                               : "WHERE username = ?1 COLLATE NOCASE ORDER BY issued_ms DESC, jti");
    TESSERA_TRY_ASSIGN(stmt, m_db.prepare(sql.constData()));
    if (!username.isEmpty()) {
        stmt.bind(1, username);
    }
    QList<RefreshTokenRecord> records;
    TESSERA_TRY(forEachRow(stmt, [&]() -> Status {
        records.append(readRecord(stmt));
        return {};
    }));
    return records;
}

Result<std::optional<RefreshTokenRecord>> RefreshTokenStore::find(const QString& jti)
{
    const QByteArray sql = QByteArray(kSelect) + "WHERE jti = ?1";
    TESSERA_TRY_ASSIGN(stmt, m_db.prepare(sql.constData()));
    stmt.bind(1, jti);
    TESSERA_TRY_ASSIGN(row, stmt.step());
    if (!row) {
        return std::optional<RefreshTokenRecord>{};
    }
    return std::optional<RefreshTokenRecord>(readRecord(stmt));
}

Status RefreshTokenStore::revoke(const QString& jti, qint64 nowMs, const QString& reason)
{
    return m_db.run("UPDATE refresh_tokens SET revoked_ms = ?1, reason = ?2 WHERE jti = ?3 AND revoked_ms = 0", nowMs,
                    reason, jti);
}

Result<int> RefreshTokenStore::revokeAll(const QString& username, qint64 nowMs, const QString& reason)
{
    TESSERA_TRY(m_db.run("UPDATE refresh_tokens SET revoked_ms = ?1, reason = ?2 "
                         "WHERE username = ?3 COLLATE NOCASE AND revoked_ms = 0 AND expires_ms > ?1",
                         nowMs, reason, username));
    return m_db.changes();
}

Result<QSet<QString>> RefreshTokenStore::revokedJtis()
{
    TESSERA_TRY_ASSIGN(stmt, m_db.prepare("SELECT jti FROM refresh_tokens WHERE revoked_ms != 0"));
    QSet<QString> jtis;
    TESSERA_TRY(forEachRow(stmt, [&]() -> Status {
        jtis.insert(stmt.columnText(0));
        return {};
    }));
    return jtis;
}

} // namespace tessera::tokens
