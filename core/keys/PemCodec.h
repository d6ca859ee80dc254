#pragma once

#include "common/Error.h"
#include "crypto/SecretBuffer.h"
#include "keys/KeyMaterial.h"

#include <QByteArray>
#include <QByteArrayView>

namespace tessera::keys {

// PEM import and export through OpenSSL's decoders and encoders.
// Import: PKCS#8 ("PRIVATE KEY", "ENCRYPTED PRIVATE KEY"), SPKI ("PUBLIC KEY"), PKCS#1 ("RSA PRIVATE
// KEY", "RSA PUBLIC KEY", also with legacy Proc-Type encryption), SEC1 ("EC PRIVATE KEY") and the
// public key of an X.509 certificate ("CERTIFICATE"). The first key or certificate block is used;
// "EC PARAMETERS" blocks are skipped.
class PemCodec
{
public:
    static bool looksLikePem(QByteArrayView text);
    // True when the first key block needs a passphrase.
    static bool isEncrypted(QByteArrayView text);
    // passphrase may be null; an encrypted key then fails with a message asking for one. OpenSSL
    // never prompts on the terminal.
    static Result<KeyMaterial> importKey(QByteArrayView pem, const SecretBuffer* passphrase = nullptr);

    // SubjectPublicKeyInfo ("PUBLIC KEY"); for a private key, its public half.
    static Result<QByteArray> exportPublic(const KeyMaterial& key);
    // PKCS#8 encrypted with AES-256-CBC under PBKDF2-HMAC-SHA256 ("ENCRYPTED PRIVATE KEY"). The
    // passphrase must not be empty. HMAC secrets have no PEM form.
    static Result<QByteArray> exportEncryptedPrivate(const KeyMaterial& key, const SecretBuffer& passphrase);
};

} // namespace tessera::keys
