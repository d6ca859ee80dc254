#include "keys/KeySet.h"

#include "jose/StrictJson.h"
#include "keys/Jwk.h"
#include "keys/PemCodec.h"

#include <QJsonArray>

namespace tessera::keys {

KeySet KeySet::single(KeyMaterial key)
{
    KeySet set;
    set.m_keys.push_back(std::move(key));
    return set;
}

Result<KeySet> KeySet::fromJson(const QJsonObject& jwkOrJwks)
{
    if (!jwkOrJwks.contains(QStringLiteral("keys"))) {
        auto key = Jwk::fromJson(jwkOrJwks);
        if (!key) {
            return std::unexpected(key.error());
        }
        return single(std::move(*key));
    }
    const QJsonValue keys = jwkOrJwks.value(QStringLiteral("keys"));
    if (!keys.isArray()) {
        return fail(ErrorKind::Input, QStringLiteral("JWKS: \"keys\" must be an array"));
    }
    KeySet set;
    set.m_isJwks = true;
    const QJsonArray array = keys.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject()) {
            return fail(ErrorKind::Input, QStringLiteral("JWKS: keys[%1] is not an object").arg(i));
        }
        const QJsonObject jwk = array.at(i).toObject();
        if (!Jwk::isSupported(jwk)) {
            ++set.m_skipped;
            continue;
        }
        auto key = Jwk::fromJson(jwk);
        if (!key) {
            return fail(ErrorKind::Input,
                        QStringLiteral("JWKS: keys[%1]: %2").arg(i).arg(key.error().message));
        }
        set.m_keys.push_back(std::move(*key));
    }
    if (set.m_keys.empty()) {
        return fail(
            ErrorKind::Input,
            set.m_skipped > 0
                ? QStringLiteral("JWKS: none of its %1 keys is of a supported type").arg(set.m_skipped)
                : QStringLiteral("JWKS: the set is empty"));
    }
    return set;
}

Result<KeySet> KeySet::fromData(QByteArrayView data, const SecretBuffer* passphrase)
{
    if (PemCodec::looksLikePem(data)) {
        auto key = PemCodec::importKey(data, passphrase);
        if (!key) {
            return std::unexpected(key.error());
        }
        return single(std::move(*key));
    }
    auto object = jose::StrictJson::parseObject(data);
    if (!object) {
        return fail(ErrorKind::Input,
                    QStringLiteral("not a PEM key, JWK or JWKS (%1)").arg(object.error().message));
    }
    return fromJson(*object);
}

std::vector<const KeyMaterial*> KeySet::findByKid(const QString& kid) const
{
    std::vector<const KeyMaterial*> found;
    for (const KeyMaterial& key : m_keys) {
        if (key.kid() == kid || key.thumbprint() == kid) {
            found.push_back(&key);
        }
    }
    return found;
}

Result<QJsonObject> KeySet::toPublicJwks() const
{
    QJsonArray array;
    for (const KeyMaterial& key : m_keys) {
        if (key.type() == KeyType::Oct) {
            continue;
        }
        auto jwk = Jwk::toPublicJson(key);
        if (!jwk) {
            return std::unexpected(jwk.error());
        }
        array.append(*jwk);
    }
    return QJsonObject{{QStringLiteral("keys"), array}};
}

Result<QJsonObject> KeySet::toPrivateJwks() const
{
    QJsonArray array;
    for (const KeyMaterial& key : m_keys) {
        auto jwk = key.hasPrivate() ? Jwk::toPrivateJson(key) : Jwk::toPublicJson(key);
        if (!jwk) {
            return std::unexpected(jwk.error());
        }
        array.append(*jwk);
    }
    return QJsonObject{{QStringLiteral("keys"), array}};
}

} // namespace tessera::keys
