#pragma once

#include "common/Error.h"
#include "crypto/SecretBuffer.h"

#include <QStringView>
#include <cstddef>

namespace tessera {

// bcrypt hashes imported from elsewhere (`$2a$`, `$2b$`, `$2y$`), verified through libcrypt's crypt_r.
// Tessera never writes bcrypt; a successful sign-in replaces it with Argon2id.
class BcryptHash
{
public:
    static constexpr std::size_t kMaxPasswordBytes = 72; // bcrypt only ever reads this many
    static constexpr qsizetype kEncodedLength = 60;      // "$2b$" + 2-digit cost + "$" + 22 salt + 31 hash
    static constexpr int kMinCost = 4;
    static constexpr int kMaxCost = 31;

    static bool hasBcryptPrefix(QStringView encoded);
    // Input error naming the problem (length, cost, alphabet); never quotes the input.
    static Status validate(QStringView encoded);
    static Result<int> cost(QStringView encoded);

    // The password is cut to its first 72 bytes first, as bcrypt defines, so the outcome never depends on
    // how a particular library treats longer input. A NUL byte inside those 72 bytes cannot be passed to
    // crypt_r and is refused as an Input error rather than silently shortening the password.
    static Result<bool> verify(const SecretBuffer& password, QStringView encoded);
};

} // namespace tessera
