#pragma once

#include "common/Error.h"
#include "crypto/SecretBuffer.h"

#include <QByteArray>

namespace tessera {

// Authenticated encryption of small secrets inside the vault (libsodium secretbox:
// XSalsa20-Poly1305). Sealed form is nonce || ciphertext.
class SecretBox
{
public:
    static QByteArray seal(const SecretBuffer& key, const SecretBuffer& plaintext);
    static Result<SecretBuffer> open(const SecretBuffer& key, QByteArrayView sealed);
};

} // namespace tessera
