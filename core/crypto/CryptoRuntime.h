#pragma once

namespace tessera {

// One-time process set-up: libsodium initialisation and, for the shipped programs, no core dumps
// (a dump would contain unlocked key material). Returns false if libsodium cannot start.
class CryptoRuntime
{
public:
    static bool initialise();
    static void disableCoreDumps();
};

} // namespace tessera
