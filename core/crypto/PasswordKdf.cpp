#include "crypto/PasswordKdf.h"

#include <sodium.h>

static_assert(tessera::PasswordKdf::kSaltBytes == crypto_pwhash_SALTBYTES);

namespace tessera {

Result<SecretBuffer> PasswordKdf::derive(const SecretBuffer& password, const Salt& salt, KdfParams params)
{
    if (!params.isValid()) {
        return fail(ErrorKind::Input, QStringLiteral("invalid key-derivation parameters"));
    }
    SecretBuffer key(kKeyBytes);
    const char* pw = password.isEmpty() ? "" : password.chars();
    if (crypto_pwhash(key.data(), key.size(), pw, password.size(), salt.data(), params.iterations,
                      params.memoryBytes(), crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return fail(ErrorKind::Io, QStringLiteral("not enough memory for the key derivation (%1)")
                                       .arg(params.describe()));
    }
    return key;
}

} // namespace tessera
