#pragma once

#include "common/Error.h"
#include "keys/KeyMaterial.h"

#include <QList>
#include <QString>
#include <QStringView>
#include <optional>

namespace tessera::jose {

// The JWS algorithms Tessera signs and verifies (RFC 7518 section 3, RFC 8037). "none" is not one.
enum class JwsAlg
{
    HS256,
    HS384,
    HS512,
    RS256,
    RS384,
    RS512,
    PS256,
    PS384,
    PS512,
    ES256,
    ES384,
    ES512,
    EdDSA
};

class JwsAlgorithm
{
public:
    enum class Family
    {
        Hmac,
        RsaPkcs1,
        RsaPss,
        Ecdsa,
        EdDsa
    };

    static QList<JwsAlg> all();
    static std::optional<JwsAlg> fromName(QStringView name); // exact, case-sensitive
    static std::optional<JwsAlg> fromUtf8Name(QByteArrayView name); // the same, on UTF-8 bytes
    static QString name(JwsAlg alg);
    static Family family(JwsAlg alg);
    // SHA-2 digest name for OpenSSL ("SHA256", ...); null for EdDSA.
    static const char* digestName(JwsAlg alg);
    static int hashBytes(JwsAlg alg); // 32, 48 or 64 (EdDSA: 64, SHA-512 inside Ed25519)

    // Whether key may be used with alg: the key's type decides (an RSA or EC key is never an HMAC
    // secret), an EC key's curve fixes its ES alg, a JWK "alg" restricts the key to that alg and a
    // key with use "enc" is refused. On refusal, why says it in one sentence.
    static bool keyAccepts(const keys::KeyMaterial& key, JwsAlg alg, QString* why = nullptr);
    // RS256, ES256/384/512 by curve, EdDSA or HS256, or the key's JWK "alg".
    static Result<JwsAlg> defaultFor(const keys::KeyMaterial& key);
};

} // namespace tessera::jose
