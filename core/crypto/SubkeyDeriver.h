#pragma once

#include "crypto/SecretBuffer.h"

#include <cstdint>

namespace tessera {

// Purpose-bound keys from the vault key (libsodium crypto_kdf, BLAKE2b). Each purpose has a fixed id
// so a key for audit MACs can never be confused with one that encrypts TOTP seeds.
enum class SubkeyPurpose : std::uint64_t {
    VaultKeyWrap = 1, // from the file key: wraps the vault key
    AuditMac = 2,
    TotpSeeds = 3,
    PrivateKeys = 4,
    BackupCodes = 5, // keyed BLAKE2b of backup codes
};

class SubkeyDeriver
{
public:
    static constexpr std::size_t kKeyBytes = 32;
    static SecretBuffer derive(const SecretBuffer& master, SubkeyPurpose purpose);
};

} // namespace tessera
