#pragma once

#include "common/Error.h"
#include "keys/KeyMaterial.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QString>

namespace tessera::keys {

// JSON Web Key (RFC 7517, 7518 section 6, RFC 8037) for the key types Tessera signs with:
// kty RSA, EC (P-256, P-384, P-521), OKP (Ed25519) and oct.
class Jwk
{
public:
    // Reads kid, alg and use as well as the key. EC coordinates must have the curve's full length;
    // a private member that does not match the public one is refused. Errors are ErrorKind::Input.
    static Result<KeyMaterial> fromJson(const QJsonObject& jwk);
    // Strict JSON text (duplicate members refused) holding one JWK.
    static Result<KeyMaterial> fromText(QByteArrayView json);
    // Whether a JWK Set member is of a kind Tessera knows; others are skipped (RFC 7517 section 5).
    static bool isSupported(const QJsonObject& jwk);

    // kty, the public members, kid (always: the thumbprint when none was set), alg and use when set.
    // An HMAC secret has no public form (ErrorKind::Usage).
    static Result<QJsonObject> toPublicJson(const KeyMaterial& key);
    // The public members plus the private ones (d, p, q, dp, dq, qi; or k for oct).
    static Result<QJsonObject> toPrivateJson(const KeyMaterial& key);

    // RFC 7638: SHA-256 over the required public members in lexicographic order, base64url.
    static Result<QString> thumbprint(const KeyMaterial& key);
    static Result<QByteArray> thumbprintInput(const KeyMaterial& key);
};

} // namespace tessera::keys
