#pragma once

#include "common/Error.h"
#include "crypto/KdfParams.h"
#include "crypto/SecretBuffer.h"

#include <array>
#include <cstdint>

namespace tessera {

// Master password -> 256-bit key with Argon2id (libsodium crypto_pwhash).
class PasswordKdf
{
public:
    static constexpr std::size_t kKeyBytes = 32;
    static constexpr std::size_t kSaltBytes = 16;
    using Salt = std::array<std::uint8_t, kSaltBytes>;

    static Result<SecretBuffer> derive(const SecretBuffer& password, const Salt& salt, KdfParams params);
};

} // namespace tessera
