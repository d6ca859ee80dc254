#include "tokens/TokenIssuer.h"

#include "identity/Directory.h"
#include "jose/JwsAlgorithm.h"
#include "jose/JwsSigner.h"
#include "jose/TokenPresets.h"
#include "keyring/KeyRing.h"
#include "vault/Transaction.h"
#include "vault/Vault.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTimeZone>

namespace tessera::tokens {

namespace {

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

QString duration(qint64 seconds)
{
    if (seconds % 86400 == 0) {
        return QStringLiteral("%1 d").arg(seconds / 86400);
    }
    if (seconds % 3600 == 0) {
        return QStringLiteral("%1 h").arg(seconds / 3600);
    }
    return QStringLiteral("%1 min").arg(seconds / 60);
}

} // namespace

TokenIssuer::TokenIssuer(Directory& directory) : m_directory(directory), m_store(directory.vault().database()) {}

Result<IssuedTokens> TokenIssuer::issue(const IssueRequest& request)
{
    if (!request.access && !request.refresh) {
        return fail(ErrorKind::Usage, QStringLiteral("nothing to issue: ask for an access or a refresh token"));
    }
    TESSERA_TRY_ASSIGN(user, m_directory.user(request.username));
    if (user.disabled) {
        return fail(ErrorKind::Usage,
                    QStringLiteral("%1 is disabled: no tokens are issued for disabled accounts").arg(user.username));
    }
    Vault& vault = m_directory.vault();
    keys::KeyRing ring(vault);
    TESSERA_TRY_ASSIGN(key, ring.signingKey(request.kid));
    TESSERA_TRY_ASSIGN(alg, jose::JwsAlgorithm::defaultFor(key));
    const qint64 nowMs = vault.clock().nowMs();
    const qint64 now = nowMs / 1000;

    IssuedTokens issued;
    issued.kid = key.kid();
    issued.alg = jose::JwsAlgorithm::name(alg);
    QStringList parts;
    if (request.access) {
        TESSERA_TRY_ASSIGN(token, jose::JwsSigner::sign(
                                      key, jose::TokenPresets::access(user.username, user.roles.join(QLatin1Char(' ')), now)));
        issued.accessToken = token;
        parts << QStringLiteral("access token (%1)").arg(duration(jose::TokenPresets::AccessTtlSeconds));
    }
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(vault.database()));
    if (request.refresh) {
        const QJsonObject claims = jose::TokenPresets::refresh(user.username, now);
        TESSERA_TRY_ASSIGN(token, jose::JwsSigner::sign(key, claims));
        issued.refreshToken = token;
        RefreshTokenRecord record;
        record.jti = claims.value(QStringLiteral("jti")).toString();
        record.username = user.username;
        record.kid = issued.kid;
        record.issuedMs = now * 1000;
        record.expiresMs = claims.value(QStringLiteral("exp")).toInteger() * 1000;
        TESSERA_TRY(m_store.insert(record, user.id));
        issued.refresh = record;
        parts << QStringLiteral("refresh token %1 (%2)")
                     .arg(record.jti, duration(jose::TokenPresets::RefreshTtlSeconds));
    }
    TESSERA_TRY(vault.audit().append(QStringLiteral("token.issue"), user.username,
                                     QStringLiteral("%1 signed with %2 (%3)")
                                         .arg(parts.join(QStringLiteral(" and ")), issued.kid, issued.alg)));
    TESSERA_TRY(tx.commit());
    return issued;
}

Result<QList<RefreshTokenRecord>> TokenIssuer::sessions(const QString& username)
{
    return m_store.list(username);
}

Status TokenIssuer::revoke(const QString& jti, const QString& reason)
{
    TESSERA_TRY_ASSIGN(record, m_store.find(jti));
    if (!record) {
        return fail(ErrorKind::NotFound, QStringLiteral("no refresh token with jti '%1' was issued from this vault").arg(jti));
    }
    if (record->isRevoked()) {
        return {};
    }
    Vault& vault = m_directory.vault();
    const QString why = reason.isEmpty() ? QStringLiteral("revoked by an administrator") : reason;
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(vault.database()));
    TESSERA_TRY(m_store.revoke(jti, vault.clock().nowMs(), why));
    TESSERA_TRY(vault.audit().append(QStringLiteral("token.revoke"), jti,
                                     QStringLiteral("refresh token of %1 revoked: %2").arg(record->username, why)));
    return tx.commit();
}

Result<int> TokenIssuer::revokeAll(const QString& username, const QString& reason)
{
    TESSERA_TRY_ASSIGN(user, m_directory.user(username));
    Vault& vault = m_directory.vault();
    const QString why = reason.isEmpty() ? QStringLiteral("all sessions revoked by an administrator") : reason;
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(vault.database()));
    TESSERA_TRY_ASSIGN(count, m_store.revokeAll(user.username, vault.clock().nowMs(), why));
    TESSERA_TRY(vault.audit().append(QStringLiteral("token.revoke-all"), user.username,
                                     QStringLiteral("%1 live refresh tokens revoked: %2").arg(count).arg(why)));
    TESSERA_TRY(tx.commit());
    return count;
}

Result<QSet<QString>> TokenIssuer::revokedJtis()
{
    return m_store.revokedJtis();
}

Result<QJsonObject> TokenIssuer::revocationList()
{
    TESSERA_TRY_ASSIGN(records, m_store.list());
    QJsonArray revoked;
    for (const RefreshTokenRecord& record : records) {
        if (!record.isRevoked()) {
            continue;
        }
        revoked.append(QJsonObject{{QStringLiteral("jti"), record.jti},
                                   {QStringLiteral("sub"), record.username},
                                   {QStringLiteral("kid"), record.kid},
                                   {QStringLiteral("issuedAt"), isoTime(record.issuedMs)},
                                   {QStringLiteral("expiresAt"), isoTime(record.expiresMs)},
                                   {QStringLiteral("revokedAt"), isoTime(record.revokedMs)},
                                   {QStringLiteral("reason"), record.reason}});
    }
    return QJsonObject{{QStringLiteral("generatedAt"), isoTime(m_directory.vault().clock().nowMs())},
                       {QStringLiteral("revoked"), revoked}};
}

} // namespace tessera::tokens
