#pragma once

#include "common/Error.h"
#include "crypto/SecretBuffer.h"
#include "keyring/KeyStore.h"
#include "keyring/VaultKey.h"
#include "keys/KeyMaterial.h"
#include "keys/KeySet.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace tessera {
class Vault;
}

namespace tessera::keys {

// How a key enters the vault. Empty fields take the defaults: the key's own kid (an imported JWK's, else
// its RFC 7638 thumbprint), every algorithm the key type allows (or the JWK's "alg"), no end date, and
// Active for keys with a private half, Passive (verify only) for public keys.
struct KeyOptions
{
    QString kid;
    QStringList algorithms;
    qint64 notAfterMs = 0;
    std::optional<KeyState> state;
};

enum class PrivateKeyFormat
{
    Jwk,
    EncryptedPkcs8, // PEM, passphrase required
};

// The vault's signing and verification keys (practice guide, sections 1 and 6): generate, import, rotate,
// export, and pick the key that signs or the keys that verify. Private halves are sealed with the vault's
// private-key subkey (libsodium secretbox) before they reach SQL and are opened only to sign or to export
// after a confirmation the front end asks for. Every change is audited in its own transaction.
class KeyRing
{
public:
    static constexpr int kMinRsaBits = 2048;
    static constexpr int kMaxKidLength = 128;

    explicit KeyRing(Vault& vault);

    Result<QList<VaultKey>> list();
    Result<VaultKey> key(const QString& kid); // NotFound when unknown

    // A new key from KeyGenerator ("rsa-2048", "ec-p256", "ed25519", "oct-256", ...).
    Result<VaultKey> generate(const QString& spec, const KeyOptions& options = {});
    // Keys read from a PEM, JWK or JWKS file (KeySet::fromData); all or none are added.
    Result<QList<VaultKey>> import(const KeySet& keys, const KeyOptions& options = {});

    // The key material for signing or verifying, with its kid (and alg when it allows only one).
    Result<KeyMaterial> material(const QString& kid);
    // The key that signs: the named one (it must be Active, private and not past its end date), or the
    // only Active signing key. NotFound when there is none, Usage when several could and none is named.
    Result<KeyMaterial> signingKey(const std::optional<QString>& kid = std::nullopt);
    // Active and Passive keys, for verification: the public halves, and the secret of HMAC keys.
    Result<KeySet> verificationKeys();
    // {"keys":[...]} of the Active and Passive public keys (HMAC secrets have no public form).
    Result<QJsonObject> publicJwks();

    Status setState(const QString& kid, KeyState state);
    // A new key of the same type and algorithms becomes Active; the old one becomes Passive so tokens it
    // signed still verify until they expire.
    Result<VaultKey> rotate(const QString& kid, const QString& newKid = {});
    Status remove(const QString& kid);

    // The private key as a JWK (JSON text) or passphrase-encrypted PKCS#8 PEM; audited. The front end
    // asks for confirmation first. Usage error for public-only keys and for PEM of an HMAC secret.
    Result<SecretBuffer> exportPrivate(const QString& kid, PrivateKeyFormat format,
                                       const SecretBuffer* passphrase = nullptr);

    // Keys still in use (Active or Passive) that were created more than `ageMs` before `nowMs`.
    static QList<VaultKey> olderThan(const QList<VaultKey>& keys, qint64 ageMs, qint64 nowMs);
    // The KeyGenerator spec that makes a key like `key` ("ec-p256", "rsa-3072", ...).
    static Result<QString> specOf(const KeyMaterial& key);

private:
    Result<VaultKey> insert(const KeyMaterial& material, const KeyOptions& options);
    Result<StoredKey> stored(const QString& kid); // NotFound when unknown
    // The key's private half when it has one (unsealed), else its public JWK.
    Result<KeyMaterial> open(const StoredKey& stored) const;
    Status audit(const QString& action, const QString& kid, const QString& summary);

    Vault& m_vault;
    KeyStore m_store;
};

} // namespace tessera::keys
