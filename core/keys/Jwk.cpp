#include "keys/Jwk.h"

#include "jose/Base64Url.h"
#include "jose/StrictJson.h"
#include "keys/JwkReader.h"
#include "keys/OpenSslError.h"
#include "keys/OpenSslHandles.h"

#include <openssl/core_names.h>

namespace tessera::keys {

using jose::Base64Url;

namespace {

QString b64(const QByteArray& bytes)
{
    return QString::fromLatin1(Base64Url::encode(bytes));
}

// A big-endian integer parameter, unpadded (RFC 7518: the minimum number of octets) or padded to
// `width` bytes where the format fixes the length.
Result<QByteArray> bnParam(EVP_PKEY* pkey, const char* name, int width = 0)
{
    BIGNUM* raw = nullptr;
    if (EVP_PKEY_get_bn_param(pkey, name, &raw) != 1) {
        return OpenSslError::fail(ErrorKind::Internal,
                                  QStringLiteral("cannot read key parameter %1").arg(QLatin1String(name)));
    }
    ossl::SecretBnPtr bn(raw);
    const int size = width > 0 ? width : BN_num_bytes(bn.get());
    QByteArray out(size, Qt::Uninitialized);
    if (BN_bn2binpad(bn.get(), reinterpret_cast<unsigned char*>(out.data()), size) != size) {
        return fail(ErrorKind::Internal,
                    QStringLiteral("key parameter %1 is too large").arg(QLatin1String(name)));
    }
    return out;
}

// Public members only, in a plain map so thumbprint and export share one source of truth.
Result<QJsonObject> publicMembers(const KeyMaterial& key)
{
    QJsonObject out;
    EVP_PKEY* pkey = key.pkey();
    switch (key.type()) {
    case KeyType::Rsa: {
        auto n = bnParam(pkey, OSSL_PKEY_PARAM_RSA_N);
        auto e = bnParam(pkey, OSSL_PKEY_PARAM_RSA_E);
        if (!n || !e) {
            return std::unexpected(!n ? n.error() : e.error());
        }
        out.insert(QStringLiteral("kty"), QStringLiteral("RSA"));
        out.insert(QStringLiteral("n"), b64(*n));
        out.insert(QStringLiteral("e"), b64(*e));
        return out;
    }
    case KeyType::Ec: {
        const int size = key.ecCoordinateBytes();
        auto x = bnParam(pkey, OSSL_PKEY_PARAM_EC_PUB_X, size);
        auto y = bnParam(pkey, OSSL_PKEY_PARAM_EC_PUB_Y, size);
        if (!x || !y) {
            return std::unexpected(!x ? x.error() : y.error());
        }
        out.insert(QStringLiteral("kty"), QStringLiteral("EC"));
        out.insert(QStringLiteral("crv"), key.curve() == EcCurve::P256   ? QStringLiteral("P-256")
                                          : key.curve() == EcCurve::P384 ? QStringLiteral("P-384")
                                                                         : QStringLiteral("P-521"));
        out.insert(QStringLiteral("x"), b64(*x));
        out.insert(QStringLiteral("y"), b64(*y));
        return out;
    }
    case KeyType::Ed25519: {
        QByteArray x(32, Qt::Uninitialized);
        std::size_t length = 32;
        if (EVP_PKEY_get_raw_public_key(pkey, reinterpret_cast<unsigned char*>(x.data()), &length) != 1 ||
            length != 32) {
            return OpenSslError::fail(ErrorKind::Internal,
                                      QStringLiteral("cannot read the Ed25519 public key"));
        }
        out.insert(QStringLiteral("kty"), QStringLiteral("OKP"));
        out.insert(QStringLiteral("crv"), QStringLiteral("Ed25519"));
        out.insert(QStringLiteral("x"), b64(x));
        return out;
    }
    case KeyType::Oct:
        break;
    }
    return fail(ErrorKind::Usage, QStringLiteral("an HMAC secret has no public form"));
}

void addMetadata(const KeyMaterial& key, QJsonObject& out)
{
    out.insert(QStringLiteral("kid"), key.kid());
    if (!key.alg().isEmpty()) {
        out.insert(QStringLiteral("alg"), key.alg());
    }
    if (!key.use().isEmpty()) {
        out.insert(QStringLiteral("use"), key.use());
    }
}

} // namespace

Result<KeyMaterial> Jwk::fromJson(const QJsonObject& jwk)
{
    return JwkReader::read(jwk);
}

Result<KeyMaterial> Jwk::fromText(QByteArrayView json)
{
    auto object = jose::StrictJson::parseObject(json);
    if (!object) {
        return std::unexpected(object.error());
    }
    return fromJson(*object);
}

bool Jwk::isSupported(const QJsonObject& jwk)
{
    return JwkReader::isSupported(jwk);
}

Result<QJsonObject> Jwk::toPublicJson(const KeyMaterial& key)
{
    if (key.isNull()) {
        return fail(ErrorKind::Usage, QStringLiteral("no key"));
    }
    auto out = publicMembers(key);
    if (out) {
        addMetadata(key, *out);
    }
    return out;
}

Result<QJsonObject> Jwk::toPrivateJson(const KeyMaterial& key)
{
    if (key.isNull()) {
        return fail(ErrorKind::Usage, QStringLiteral("no key"));
    }
    if (!key.hasPrivate()) {
        return fail(ErrorKind::Usage,
                    QStringLiteral("this is a public key; it has no private part to export"));
    }
    if (key.type() == KeyType::Oct) {
        QJsonObject out;
        out.insert(QStringLiteral("kty"), QStringLiteral("oct"));
        out.insert(QStringLiteral("k"), b64(key.secret().toByteArray()));
        addMetadata(key, out);
        return out;
    }
    auto out = publicMembers(key);
    if (!out) {
        return out;
    }
    EVP_PKEY* pkey = key.pkey();
    switch (key.type()) {
    case KeyType::Rsa: {
        auto d = bnParam(pkey, OSSL_PKEY_PARAM_RSA_D);
        if (!d) {
            return std::unexpected(d.error());
        }
        out->insert(QStringLiteral("d"), b64(*d));
        wipeBytes(*d);
        static const char* const kNames[] = {"p", "q", "dp", "dq", "qi"};
        static const char* const kParams[] = {OSSL_PKEY_PARAM_RSA_FACTOR1, OSSL_PKEY_PARAM_RSA_FACTOR2,
                                              OSSL_PKEY_PARAM_RSA_EXPONENT1, OSSL_PKEY_PARAM_RSA_EXPONENT2,
                                              OSSL_PKEY_PARAM_RSA_COEFFICIENT1};
        // A key imported from n, e and d alone has no CRT members; the JWK then has none either.
        for (int i = 0; i < 5; ++i) {
            auto value = bnParam(pkey, kParams[i]);
            if (!value) {
                OpenSslError::clear();
                break;
            }
            out->insert(QLatin1String(kNames[i]), b64(*value));
            wipeBytes(*value);
        }
        break;
    }
    case KeyType::Ec: {
        auto d = bnParam(pkey, OSSL_PKEY_PARAM_PRIV_KEY, key.ecCoordinateBytes());
        if (!d) {
            return std::unexpected(d.error());
        }
        out->insert(QStringLiteral("d"), b64(*d));
        wipeBytes(*d);
        break;
    }
    case KeyType::Ed25519: {
        QByteArray d(32, Qt::Uninitialized);
        std::size_t length = 32;
        if (EVP_PKEY_get_raw_private_key(pkey, reinterpret_cast<unsigned char*>(d.data()), &length) != 1) {
            return OpenSslError::fail(ErrorKind::Internal,
                                      QStringLiteral("cannot read the Ed25519 private key"));
        }
        out->insert(QStringLiteral("d"), b64(d));
        wipeBytes(d);
        break;
    }
    case KeyType::Oct:
        break;
    }
    addMetadata(key, *out);
    return out;
}

Result<QByteArray> Jwk::thumbprintInput(const KeyMaterial& key)
{
    if (key.isNull()) {
        return fail(ErrorKind::Usage, QStringLiteral("no key"));
    }
    // Required members only, sorted, no whitespace (RFC 7638 section 3.2). Every value is base64url
    // or a fixed name, so no JSON escaping is needed.
    auto quote = [](QByteArrayView name, QByteArrayView value) {
        return QByteArray("\"") + name.toByteArray() + "\":\"" + value.toByteArray() + "\"";
    };
    if (key.type() == KeyType::Oct) {
        // Built in place so no temporary copy of the encoded secret is left behind unwiped.
        QByteArray k = Base64Url::encode(key.secret());
        QByteArray input;
        input.reserve(k.size() + 24);
        input.append("{\"k\":\"").append(k).append("\",\"kty\":\"oct\"}");
        wipeBytes(k);
        return input;
    }
    auto members = publicMembers(key);
    if (!members) {
        return std::unexpected(members.error());
    }
    auto get = [&](const char* name) {
        return members->value(QLatin1String(name)).toString().toLatin1();
    };
    switch (key.type()) {
    case KeyType::Rsa:
        return "{" + quote("e", get("e")) + "," + quote("kty", "RSA") + "," + quote("n", get("n")) + "}";
    case KeyType::Ec:
        return "{" + quote("crv", get("crv")) + "," + quote("kty", "EC") + "," + quote("x", get("x")) + "," +
               quote("y", get("y")) + "}";
    case KeyType::Ed25519:
        return "{" + quote("crv", "Ed25519") + "," + quote("kty", "OKP") + "," + quote("x", get("x")) + "}";
    case KeyType::Oct:
        break;
    }
    return fail(ErrorKind::Internal, QStringLiteral("unknown key type"));
}

Result<QString> Jwk::thumbprint(const KeyMaterial& key)
{
    auto input = thumbprintInput(key);
    if (!input) {
        return std::unexpected(input.error());
    }
    unsigned char digest[32] = {};
    unsigned int length = 0;
    if (EVP_Digest(input->constData(), static_cast<std::size_t>(input->size()), digest, &length, EVP_sha256(),
                   nullptr) != 1) {
        return OpenSslError::fail(ErrorKind::Internal, QStringLiteral("SHA-256 failed"));
    }
    if (key.type() == KeyType::Oct) {
        wipeBytes(*input);
    }
    return QString::fromLatin1(Base64Url::encode(QByteArrayView(digest, length)));
}

} // namespace tessera::keys
