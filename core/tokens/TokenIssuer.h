#pragma once

#include "common/Error.h"
#include "tokens/RefreshTokenRecord.h"
#include "tokens/RefreshTokenStore.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <optional>

namespace tessera {
class Directory;
}

namespace tessera::tokens {

struct IssueRequest
{
    QString username;
    bool access = true;
    bool refresh = true;
    std::optional<QString> kid; // default: the vault's only active signing key
};

struct IssuedTokens
{
    QByteArray accessToken;  // empty unless asked for
    QByteArray refreshToken; // empty unless asked for
    std::optional<RefreshTokenRecord> refresh;
    QString kid;
    QString alg;
};

// Issues the guide's token pair for a vault user with a vault key (access: sub, role, 15 min, type
// "access"; refresh: 7 days, type "refresh", random jti), records each refresh token so it can be
// listed and revoked, and answers whether a jti is revoked (the inspector's `revoked` finding).
// Every issue and revocation is audited.
class TokenIssuer
{
public:
    explicit TokenIssuer(Directory& directory);

    Result<IssuedTokens> issue(const IssueRequest& request);

    Result<QList<RefreshTokenRecord>> sessions(const QString& username = {});
    // NotFound for an unknown jti; revoking a revoked token again changes nothing.
    Status revoke(const QString& jti, const QString& reason = {});
    // Every live refresh token of the user; returns how many were revoked.
    Result<int> revokeAll(const QString& username, const QString& reason = {});
    Result<QSet<QString>> revokedJtis();
    // {"generatedAt": ISO time, "revoked": [{"jti","sub","kid","issuedAt","expiresAt","revokedAt","reason"}]}
    Result<QJsonObject> revocationList();

private:
    Directory& m_directory;
    RefreshTokenStore m_store;
};

} // namespace tessera::tokens
