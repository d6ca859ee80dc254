#pragma once

#include <QString>

namespace tessera::tokens {

// One refresh token issued from the vault (practice guide section 2: refresh tokens are revocable by
// their jti). The token itself is not kept: only what identifies and limits it.
struct RefreshTokenRecord
{
    QString jti;
    QString username;
    QString kid; // the key that signed it
    qint64 issuedMs = 0;
    qint64 expiresMs = 0;
    qint64 revokedMs = 0; // 0: not revoked
    QString reason;       // why it was revoked

    bool isRevoked() const { return revokedMs != 0; }
    bool isExpiredAt(qint64 nowMs) const { return nowMs >= expiresMs; }
    bool isLiveAt(qint64 nowMs) const { return !isRevoked() && !isExpiredAt(nowMs); }
};

} // namespace tessera::tokens
