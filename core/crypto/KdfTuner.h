#pragma once

#include "crypto/KdfParams.h"

#include <chrono>

namespace tessera {

// Picks Argon2id passes so that unlocking takes about the target time on this machine, the way
// KeePassXC's "decryption time" slider does. Memory stays at its floor (64 MiB by default).
class KdfTuner
{
public:
    static KdfParams tune(std::chrono::milliseconds target,
                         std::uint8_t memoryLog2 = KdfParams::kDefaultMemoryLog2);
    // Wall time of one derivation with these parameters.
    static std::chrono::microseconds measure(KdfParams params);
};

} // namespace tessera
