#pragma once

#include "jose/JwsAlgorithm.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

namespace tessera::jose {

// What a verification demands beyond a good signature. The time is always given (no hidden clock).
struct VerifyOptions
{
    qint64 now = 0;                   // Unix seconds
    qint64 leewaySeconds = 0;         // valid iff nbf - leeway <= now < exp + leeway
    QList<JwsAlg> algs;               // accepted algs (--alg); empty: whatever the key accepts
    std::optional<QString> issuer;    // iss must equal
    std::optional<QString> audience;  // aud (string, or array of strings) must contain
    std::optional<QString> tokenType; // the "type" claim must equal ("access", "refresh")
    QStringList requiredClaims;       // --require: claims that must be present (e.g. "exp")
    QStringList understoodCrit;       // header parameters this caller processes, allowed in crit
    // A token whose jti is on this list is refused (a vault's revoked refresh tokens); empty: no check.
    std::function<bool(const QString& jti)> isRevoked;
};

} // namespace tessera::jose
