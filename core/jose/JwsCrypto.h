#pragma once

#include "common/Error.h"
#include "jose/JwsAlgorithm.h"
#include "keys/KeyMaterial.h"

#include <QByteArray>
#include <QByteArrayView>

namespace tessera::jose {

// The signature primitives of RFC 7518 over OpenSSL's EVP interface, below token parsing and
// policy: callers check that the key accepts the alg (JwsAlgorithm::keyAccepts) first.
// ECDSA signatures are the fixed-length r||s of RFC 7518 section 3.4, converted to and from
// OpenSSL's DER only inside this class; RSASSA-PSS uses a salt as long as the hash, both ways.
class JwsCrypto
{
public:
    static Result<QByteArray> sign(const keys::KeyMaterial& key, JwsAlg alg, QByteArrayView signingInput);

    // Checks the signature's form first (its exact length; for ECDSA, r and s in [1, n-1]) so a
    // malformed signature is named as such, then verifies it. HMAC is compared in constant time.
    // Failures are ErrorKind::Input with a one-line reason.
    static Status verify(const keys::KeyMaterial& key, JwsAlg alg, QByteArrayView signingInput,
                         QByteArrayView signature);

    // The exact signature length alg produces with key (RSA: the modulus size).
    static qsizetype signatureBytes(const keys::KeyMaterial& key, JwsAlg alg);
};

} // namespace tessera::jose
