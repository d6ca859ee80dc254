#include "JwsKeySpec.h"

namespace tessera::test {

using jose::JwsAlg;
using jose::JwsAlgorithm;

QString keySpecFor(JwsAlg alg)
{
    switch (JwsAlgorithm::family(alg)) {
    case JwsAlgorithm::Family::Hmac:
        return QStringLiteral("oct-%1").arg(JwsAlgorithm::hashBytes(alg) * 8);
    case JwsAlgorithm::Family::RsaPkcs1:
    case JwsAlgorithm::Family::RsaPss:
        return QStringLiteral("rsa-2048");
    case JwsAlgorithm::Family::Ecdsa:
        return alg == JwsAlg::ES256   ? QStringLiteral("ec-p256")
               : alg == JwsAlg::ES384 ? QStringLiteral("ec-p384")
                                      : QStringLiteral("ec-p521");
    case JwsAlgorithm::Family::EdDsa:
        break;
    }
    return QStringLiteral("ed25519");
}

} // namespace tessera::test
