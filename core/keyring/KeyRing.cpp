#include "keyring/KeyRing.h"

#include "crypto/SecretBox.h"
#include "crypto/SubkeyDeriver.h"
#include "jose/JwsAlgorithm.h"
#include "keys/Jwk.h"
#include "keys/KeyGenerator.h"
#include "keys/PemCodec.h"
#include "vault/Transaction.h"
#include "vault/Vault.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace tessera::keys {

namespace {

using jose::JwsAlg;
using jose::JwsAlgorithm;

Status validateKid(const QString& kid)
{
    if (kid.isEmpty()) {
        return fail(ErrorKind::Usage, QStringLiteral("a key id (kid) must not be empty"));
    }
    if (kid.size() > KeyRing::kMaxKidLength) {
        return fail(ErrorKind::Usage,
                    QStringLiteral("a key id (kid) may have at most %1 characters").arg(KeyRing::kMaxKidLength));
    }
    for (const QChar c : kid) {
        if (c.category() == QChar::Other_Control || c.isSpace()) {
            return fail(ErrorKind::Usage, QStringLiteral("a key id (kid) must not hold spaces or control characters"));
        }
    }
    return {};
}

// The algorithms a key may be used with: the requested ones (each checked against the key), or the
// JWK's alg, or every algorithm the key type allows.
Result<QStringList> algorithmsFor(const KeyMaterial& key, const QStringList& requested)
{
    QStringList names;
    if (!requested.isEmpty()) {
        for (const QString& name : requested) {
            const auto alg = JwsAlgorithm::fromName(name);
            if (!alg) {
                return fail(ErrorKind::Usage, QStringLiteral("unknown algorithm '%1'").arg(name));
            }
            QString why;
            if (!JwsAlgorithm::keyAccepts(key, *alg, &why)) {
                return fail(ErrorKind::Usage, QStringLiteral("%1 cannot be used with this key: %2").arg(name, why));
            }
            if (!names.contains(name)) {
                names.append(name);
            }
        }
        return names;
    }
    for (const JwsAlg alg : JwsAlgorithm::all()) {
        if (JwsAlgorithm::keyAccepts(key, alg)) {
            names.append(JwsAlgorithm::name(alg));
        }
    }
    if (names.isEmpty()) {
        return fail(ErrorKind::Usage, QStringLiteral("%1 cannot sign or verify any JWS algorithm").arg(key.describe()));
    }
    return names;
}

} // namespace

KeyRing::KeyRing(Vault& vault) : m_vault(vault), m_store(vault.database()) {}

Status KeyRing::audit(const QString& action, const QString& kid, const QString& summary)
{
    TESSERA_TRY(m_vault.audit().append(action, kid, summary));
    return {};
}

Result<QList<VaultKey>> KeyRing::list()
{
    return m_store.list();
}

// The key's row, sealed private half included: one read serves both its checks and its material.
Result<StoredKey> KeyRing::stored(const QString& kid)
{
    TESSERA_TRY_ASSIGN(found, m_store.find(kid));
    if (!found) {
        return fail(ErrorKind::NotFound, QStringLiteral("no key with kid '%1' in the vault").arg(kid));
    }
    return std::move(*found);
}

Result<VaultKey> KeyRing::key(const QString& kid)
{
    TESSERA_TRY_ASSIGN(found, stored(kid));
    return std::move(found.key);
}

Result<VaultKey> KeyRing::insert(const KeyMaterial& material, const KeyOptions& options)
{
    if (material.type() == KeyType::Rsa && material.bits() < kMinRsaBits) {
        return fail(ErrorKind::Input, QStringLiteral("RSA keys under %1 bits are refused (this one has %2)")
                                          .arg(kMinRsaBits)
                                          .arg(material.bits()));
    }
    VaultKey key;
    key.kid = options.kid.isEmpty() ? material.kid() : options.kid;
    TESSERA_TRY(validateKid(key.kid));
    TESSERA_TRY_ASSIGN(existing, m_store.find(key.kid));
    if (existing) {
        return fail(ErrorKind::Conflict, QStringLiteral("the vault already holds a key with kid '%1'").arg(key.kid));
    }
    KeyMaterial named = material;
    named.setKid(key.kid);
    TESSERA_TRY_ASSIGN(algorithms, algorithmsFor(named, options.algorithms.isEmpty() && !material.alg().isEmpty()
                                                            ? QStringList{material.alg()}
                                                            : options.algorithms));
    key.algorithms = algorithms;
    named.setAlg(algorithms.size() == 1 ? algorithms.first() : QString());
    named.setUse(QStringLiteral("sig"));
    key.kty = material.typeName();
    key.description = material.describe();
    key.hasPrivate = material.hasPrivate();
    key.state = options.state.value_or(key.hasPrivate ? KeyState::Active : KeyState::Passive);
    if (key.state == KeyState::Active && !key.hasPrivate) {
        return fail(ErrorKind::Usage, QStringLiteral("a public key cannot be Active: it verifies but never signs"));
    }
    key.createdMs = m_vault.clock().nowMs();
    key.stateMs = key.createdMs;
    key.notAfterMs = options.notAfterMs;
    if (!material.isSymmetric()) {
        TESSERA_TRY_ASSIGN(jwk, Jwk::toPublicJson(named));
        key.publicJwk = jwk;
    }
    StoredKey stored{key, {}};
    if (key.hasPrivate) {
        TESSERA_TRY_ASSIGN(privateJwk, Jwk::toPrivateJson(named));
        QByteArray text = QJsonDocument(privateJwk).toJson(QJsonDocument::Compact);
        const SecretBuffer plain = SecretBuffer::fromBytes(text);
        wipeBytes(text);
        stored.sealedPrivate = SecretBox::seal(m_vault.subkey(SubkeyPurpose::PrivateKeys), plain);
    }
    TESSERA_TRY(m_store.insert(stored));
    return key;
}

Result<VaultKey> KeyRing::generate(const QString& spec, const KeyOptions& options)
{
    TESSERA_TRY_ASSIGN(material, KeyGenerator::generate(spec));
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(m_vault.database()));
    TESSERA_TRY_ASSIGN(key, insert(material, options));
    TESSERA_TRY(audit(QStringLiteral("key.generate"), key.kid,
                      QStringLiteral("%1 generated (%2); %3")
                          .arg(key.description, key.algorithms.join(QStringLiteral(", ")), keyStateName(key.state))));
    TESSERA_TRY(tx.commit());
    return key;
}

Result<QList<VaultKey>> KeyRing::import(const KeySet& keys, const KeyOptions& options)
{
    if (keys.isEmpty()) {
        return fail(ErrorKind::Input, QStringLiteral("the file holds no key"));
    }
    if (keys.size() > 1 && !options.kid.isEmpty()) {
        return fail(ErrorKind::Usage, QStringLiteral("one kid cannot name %1 keys").arg(keys.size()));
    }
    QList<VaultKey> added;
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(m_vault.database()));
    for (const KeyMaterial& material : keys.keys()) {
        TESSERA_TRY_ASSIGN(key, insert(material, options));
        TESSERA_TRY(audit(QStringLiteral("key.import"), key.kid,
                          QStringLiteral("%1 imported (%2); %3")
                              .arg(key.description, key.algorithms.join(QStringLiteral(", ")),
                                   keyStateName(key.state))));
        added.append(std::move(key));
    }
    TESSERA_TRY(tx.commit());
    return added;
}

Result<KeyMaterial> KeyRing::open(const StoredKey& stored) const
{
    Result<KeyMaterial> material = [&]() -> Result<KeyMaterial> {
        if (stored.sealedPrivate.isEmpty()) {
            return Jwk::fromJson(stored.key.publicJwk);
        }
        auto plain = SecretBox::open(m_vault.subkey(SubkeyPurpose::PrivateKeys), stored.sealedPrivate);
        if (!plain) {
            return fail(ErrorKind::Corrupt, QStringLiteral("the private half of key '%1' does not decrypt")
                                                .arg(stored.key.kid));
        }
        return Jwk::fromText(plain->view());
    }();
    if (!material) {
        return fail(ErrorKind::Corrupt,
                    QStringLiteral("key '%1' is damaged: %2").arg(stored.key.kid, material.error().message));
    }
    material->setKid(stored.key.kid);
    material->setAlg(stored.key.algorithms.size() == 1 ? stored.key.algorithms.first() : QString());
    return material;
}

Result<KeyMaterial> KeyRing::material(const QString& kid)
{
    TESSERA_TRY_ASSIGN(found, stored(kid));
    return open(found);
}

Result<KeyMaterial> KeyRing::signingKey(const std::optional<QString>& kid)
{
    const qint64 now = m_vault.clock().nowMs();
    if (kid) {
        TESSERA_TRY_ASSIGN(found, stored(*kid));
        const VaultKey& key = found.key;
        if (!key.hasPrivate) {
            return fail(ErrorKind::Usage, QStringLiteral("key '%1' is a public key: it cannot sign").arg(*kid));
        }
        if (key.state != KeyState::Active) {
            return fail(ErrorKind::Usage, QStringLiteral("key '%1' is %2: only active keys sign")
                                              .arg(*kid, keyStateName(key.state)));
        }
        if (key.isExpiredAt(now)) {
            return fail(ErrorKind::Usage, QStringLiteral("key '%1' is past its not-after date").arg(*kid));
        }
        return open(found);
    }
    TESSERA_TRY_ASSIGN(keys, list());
    QStringList candidates;
    for (const VaultKey& key : keys) {
        if (key.canSign() && !key.isExpiredAt(now)) {
            candidates.append(key.kid);
        }
    }
    if (candidates.isEmpty()) {
        return fail(ErrorKind::NotFound, QStringLiteral("the vault has no active signing key; generate one"));
    }
    if (candidates.size() > 1) {
        return fail(ErrorKind::Usage, QStringLiteral("%1 active keys could sign (%2); name one by its kid")
                                          .arg(candidates.size())
                                          .arg(candidates.join(QStringLiteral(", "))));
    }
    return material(candidates.first());
}

Result<KeySet> KeyRing::verificationKeys()
{
    TESSERA_TRY_ASSIGN(keys, list());
    KeySet set;
    for (const VaultKey& key : keys) {
        if (key.canVerify()) {
            // The public JWK (already read by list()) verifies as well as the private half, which
            // then stays sealed; only an HMAC secret, which has no public form, is read and opened.
            TESSERA_TRY_ASSIGN(opened, key.publicJwk.isEmpty() ? material(key.kid) : open(StoredKey{key, {}}));
            set.add(std::move(opened));
        }
    }
    return set;
}

Result<QJsonObject> KeyRing::publicJwks()
{
    TESSERA_TRY_ASSIGN(keys, list());
    QJsonArray members;
    for (const VaultKey& key : keys) {
        if (key.canVerify() && !key.publicJwk.isEmpty()) {
            members.append(key.publicJwk);
        }
    }
    return QJsonObject{{QStringLiteral("keys"), members}};
}

Status KeyRing::setState(const QString& kid, KeyState state)
{
    TESSERA_TRY_ASSIGN(current, key(kid));
    if (current.state == state) {
        return {};
    }
    if (state == KeyState::Active && !current.hasPrivate) {
        return fail(ErrorKind::Usage, QStringLiteral("key '%1' is a public key: it cannot be Active").arg(kid));
    }
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(m_vault.database()));
    TESSERA_TRY(m_store.setState(kid, state, m_vault.clock().nowMs()));
    TESSERA_TRY(audit(QStringLiteral("key.state"), kid,
                      QStringLiteral("%1 -> %2").arg(keyStateName(current.state), keyStateName(state))));
    return tx.commit();
}

Result<QString> KeyRing::specOf(const KeyMaterial& key)
{
    switch (key.type()) {
    case KeyType::Rsa:
        return QStringLiteral("rsa-%1").arg(key.bits());
    case KeyType::Ec:
        switch (key.curve()) {
        case EcCurve::P256:
            return QStringLiteral("ec-p256");
        case EcCurve::P384:
            return QStringLiteral("ec-p384");
        case EcCurve::P521:
            return QStringLiteral("ec-p521");
        case EcCurve::None:
            break;
        }
        break;
    case KeyType::Ed25519:
        return QStringLiteral("ed25519");
    case KeyType::Oct:
        return QStringLiteral("oct-%1").arg(key.bits());
    }
    return fail(ErrorKind::Usage, QStringLiteral("%1 has no generator to rotate it with").arg(key.describe()));
}

Result<VaultKey> KeyRing::rotate(const QString& kid, const QString& newKid)
{
    TESSERA_TRY_ASSIGN(found, stored(kid));
    const VaultKey& old = found.key;
    if (old.state == KeyState::Retired) {
        return fail(ErrorKind::Usage, QStringLiteral("key '%1' is retired; rotate an active key").arg(kid));
    }
    TESSERA_TRY_ASSIGN(oldMaterial, open(found));
    TESSERA_TRY_ASSIGN(spec, specOf(oldMaterial));
    if (!KeyGenerator::specs().contains(spec)) {
        return fail(ErrorKind::Usage, QStringLiteral("%1 has no generator to rotate it with (%2)")
                                          .arg(oldMaterial.describe(), spec));
    }
    TESSERA_TRY_ASSIGN(fresh, KeyGenerator::generate(spec));
    KeyOptions options;
    options.kid = newKid;
    options.algorithms = old.algorithms;
    options.state = KeyState::Active;
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(m_vault.database()));
    TESSERA_TRY_ASSIGN(key, insert(fresh, options));
    TESSERA_TRY(m_store.setState(kid, KeyState::Passive, m_vault.clock().nowMs()));
    TESSERA_TRY(audit(QStringLiteral("key.rotate"), kid,
                      QStringLiteral("replaced by %1 (%2, active); %3 is passive: verifies only")
                          .arg(key.kid, key.description, kid)));
    TESSERA_TRY(tx.commit());
    return key;
}

Status KeyRing::remove(const QString& kid)
{
    TESSERA_TRY_ASSIGN(current, key(kid));
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(m_vault.database()));
    TESSERA_TRY(m_store.remove(kid));
    TESSERA_TRY(audit(QStringLiteral("key.delete"), kid,
                      QStringLiteral("%1 deleted (was %2)").arg(current.description, keyStateName(current.state))));
    return tx.commit();
}

Result<SecretBuffer> KeyRing::exportPrivate(const QString& kid, PrivateKeyFormat format, const SecretBuffer* passphrase)
{
    TESSERA_TRY_ASSIGN(found, stored(kid));
    if (!found.key.hasPrivate) {
        return fail(ErrorKind::Usage, QStringLiteral("key '%1' is a public key: there is no private half").arg(kid));
    }
    TESSERA_TRY_ASSIGN(opened, open(found));
    SecretBuffer out;
    QString what;
    if (format == PrivateKeyFormat::Jwk) {
        TESSERA_TRY_ASSIGN(jwk, Jwk::toPrivateJson(opened));
        QByteArray text = QJsonDocument(jwk).toJson(QJsonDocument::Indented);
        out = SecretBuffer::fromBytes(text);
        wipeBytes(text);
        what = QStringLiteral("as a JWK");
    } else {
        if (opened.isSymmetric()) {
            return fail(ErrorKind::Usage, QStringLiteral("an HMAC secret has no PKCS#8 form; export it as a JWK"));
        }
        if (!passphrase || passphrase->isEmpty()) {
            return fail(ErrorKind::Usage, QStringLiteral("encrypted PKCS#8 needs a passphrase"));
        }
        TESSERA_TRY_ASSIGN(pem, PemCodec::exportEncryptedPrivate(opened, *passphrase));
        out = SecretBuffer::fromBytes(pem);
        wipeBytes(pem);
        what = QStringLiteral("as passphrase-encrypted PKCS#8");
    }
    TESSERA_TRY(audit(QStringLiteral("key.export-private"), kid, QStringLiteral("private key exported %1").arg(what)));
    return out;
}

QList<VaultKey> KeyRing::olderThan(const QList<VaultKey>& keys, qint64 ageMs, qint64 nowMs)
{
    QList<VaultKey> old;
    for (const VaultKey& key : keys) {
        if (key.canVerify() && nowMs - key.createdMs > ageMs) {
            old.append(key);
        }
    }
    return old;
}

} // namespace tessera::keys
