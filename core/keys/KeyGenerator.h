#pragma once

#include "common/Error.h"
#include "keys/KeyMaterial.h"

#include <QString>
#include <QStringList>

namespace tessera::keys {

// New keys from OpenSSL's generators (or libsodium's random bytes for HMAC secrets).
class KeyGenerator
{
public:
    // "rsa-2048", "rsa-3072", "rsa-4096", "ec-p256", "ec-p384", "ec-p521", "ed25519", "oct-256",
    // "oct-384", "oct-512". Unknown names are ErrorKind::Usage.
    static Result<KeyMaterial> generate(const QString& spec);
    static QStringList specs();
};

} // namespace tessera::keys
