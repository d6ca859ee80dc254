#pragma once

#include "common/Error.h"
#include "keys/KeyMaterial.h"

#include <QJsonObject>

namespace tessera::keys {

// Builds keys from JWK members (RFC 7518 section 6, RFC 8037): the import half of Jwk, kept apart
// because each key type needs its own checks (full-length EC coordinates, point on the curve,
// private members matching public ones, all-or-none RSA CRT members).
class JwkReader
{
public:
    static Result<KeyMaterial> read(const QJsonObject& jwk);
    static bool isSupported(const QJsonObject& jwk);
};

} // namespace tessera::keys
