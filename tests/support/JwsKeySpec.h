#pragma once

#include "jose/JwsAlgorithm.h"

#include <QString>

namespace tessera::test {

// The KeyGenerator spec of a key for alg: an HMAC secret as long as the hash, RSA at 2048 bits,
// the alg's own curve, Ed25519. Shared by the JOSE interop test and bench_jose, which compiles it too.
QString keySpecFor(jose::JwsAlg alg);

} // namespace tessera::test
