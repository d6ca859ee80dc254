#pragma once

#include "jose/CompactJws.h"
#include "jose/JwsAlgorithm.h"
#include "keys/KeySet.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace tessera::cli {

// The signature half of a verification, without the claim checks. JwsVerifier (core) verifies JWTs
// and stops at the first failure, claims included; the token inspector wants the signature's own
// verdict (an expired token can still carry a good signature), and `token verify --any-payload`
// checks JWS over bytes that are not a claims set, which JwsVerifier refuses. The rules are
// JwsVerifier's, in its order: alg none and unsupported algs refused, the accepted-alg list, crit,
// kid a string, key selection by kid within a JWK Set, the key's own alg restrictions, then the
// signature itself (JwsCrypto, which also checks its form).
class SignatureCheck
{
public:
    struct Outcome
    {
        bool valid = false;
        QString error;                // why not, when !valid
        std::optional<QString> keyId; // the kid of the key that verified it
    };

    static Outcome check(const jose::CompactJws& jws, const keys::KeySet& keys,
                         const QList<jose::JwsAlg>& algs = {}, const QStringList& understoodCrit = {});
};

} // namespace tessera::cli
