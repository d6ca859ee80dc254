#pragma once

#include "common/Error.h"
#include "crypto/SecretBuffer.h"
#include "keys/KeyMaterial.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QString>
#include <vector>

namespace tessera::keys {

// One or more keys, as read from a key file: a JWK Set, a single JWK, or PEM. A set read from a
// JWKS selects keys by kid when a token names one; a single key is used whatever the token's kid.
class KeySet
{
public:
    KeySet() = default;
    static KeySet single(KeyMaterial key);

    // Detects the format: PEM, a JWKS ({"keys": [...]}) or a single JWK. JWKS members of unknown
    // types are skipped; a set with no usable key is an error. Errors are ErrorKind::Input.
    static Result<KeySet> fromData(QByteArrayView data, const SecretBuffer* passphrase = nullptr);
    static Result<KeySet> fromJson(const QJsonObject& jwkOrJwks);

    bool isJwks() const { return m_isJwks; }
    bool isEmpty() const { return m_keys.empty(); }
    std::size_t size() const { return m_keys.size(); }
    const KeyMaterial& at(std::size_t index) const { return m_keys.at(index); }
    const std::vector<KeyMaterial>& keys() const { return m_keys; }
    void add(KeyMaterial key) { m_keys.push_back(std::move(key)); }
    // Keys whose kid or RFC 7638 thumbprint equals kid.
    std::vector<const KeyMaterial*> findByKid(const QString& kid) const;
    // How many JWKS members were skipped as unsupported.
    int skippedCount() const { return m_skipped; }

    // {"keys": [...]} of the public keys; HMAC secrets are left out (they have no public form).
    Result<QJsonObject> toPublicJwks() const;
    // Every key with its private members; keys that have none appear in their public form.
    Result<QJsonObject> toPrivateJwks() const;

private:
    std::vector<KeyMaterial> m_keys;
    bool m_isJwks = false;
    int m_skipped = 0;
};

} // namespace tessera::keys
