#pragma once

#include "common/Error.h"
#include "jose/JwsAlgorithm.h"
#include "keys/KeyMaterial.h"

#include <QByteArray>
#include <QJsonObject>
#include <optional>

namespace tessera::jose {

struct SignOptions
{
    std::optional<JwsAlg> alg; // default: JwsAlgorithm::defaultFor(key)
    QJsonObject extraHeader;   // merged into the header; may not change alg
    bool includeKid = true;    // "kid": the key's kid (its thumbprint unless one was set)
    bool includeTyp = true;    // "typ": "JWT"
};

// Produces compact JWS tokens. Refuses: a public key, an alg the key does not accept (JWK "alg",
// key type, curve), RSA keys under 2048 bits and HMAC secrets shorter than the hash (RFC 7518
// section 3.2). Errors are ErrorKind::Usage.
class JwsSigner
{
public:
    static constexpr int MinRsaBits = 2048;

    static Result<QByteArray> sign(const keys::KeyMaterial& key, const QJsonObject& claims,
                                   const SignOptions& options = {});
    // For non-JWT payloads (any bytes).
    static Result<QByteArray> signPayload(const keys::KeyMaterial& key, QByteArrayView payload,
                                          const SignOptions& options = {});

    // Fills "iat" (now) and "exp" (iat + ttl) unless the claims already have them, as
    // `token sign --ttl` does.
    static QJsonObject withTimes(QJsonObject claims, qint64 now, qint64 ttlSeconds);
};

} // namespace tessera::jose
