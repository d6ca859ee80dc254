#include "keys/JwkReader.h"

#include "jose/Base64Url.h"
#include "keys/OpenSslError.h"
#include "keys/OpenSslHandles.h"

#include <QJsonValue>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <vector>

namespace tessera::keys {

using jose::Base64Url;

namespace {

struct CurveInfo
{
    EcCurve curve;
    const char* jwkName;
    const char* groupName;
    int coordinateBytes;
};

constexpr CurveInfo kCurves[] = {
    {EcCurve::P256, "P-256", "prime256v1", 32},
    {EcCurve::P384, "P-384", "secp384r1", 48},
    {EcCurve::P521, "P-521", "secp521r1", 66},
};

const CurveInfo* curveByJwkName(const QString& name)
{
    for (const auto& info : kCurves) {
        if (name == QLatin1String(info.jwkName)) {
            return &info;
        }
    }
    return nullptr;
}

// Decoded bytes of a base64url member; private members are wiped by their holder.
Result<QByteArray> member(const QJsonObject& jwk, const char* name, bool required = true)
{
    const QJsonValue value = jwk.value(QLatin1String(name));
    if (value.isUndefined()) {
        if (required) {
            return fail(ErrorKind::Input,
                        QStringLiteral("JWK: member \"%1\" is missing").arg(QLatin1String(name)));
        }
        return QByteArray();
    }
    if (!value.isString()) {
        return fail(ErrorKind::Input,
                    QStringLiteral("JWK: member \"%1\" must be a string").arg(QLatin1String(name)));
    }
    auto decoded = Base64Url::decode(value.toString().toLatin1());
    if (!decoded) {
        return fail(
            ErrorKind::Input,
            QStringLiteral("JWK: member \"%1\": %2").arg(QLatin1String(name), decoded.error().message));
    }
    if (decoded->isEmpty()) {
        return fail(ErrorKind::Input, QStringLiteral("JWK: member \"%1\" is empty").arg(QLatin1String(name)));
    }
    return decoded;
}

// Wipes a decoded private member when it goes out of scope.
struct WipeOnExit
{
    QByteArray& bytes;
    ~WipeOnExit() { wipeBytes(bytes); }
};

const unsigned char* bytesOf(const QByteArray& bytes)
{
    return reinterpret_cast<const unsigned char*>(bytes.constData());
}

Result<KeyMaterial> pkeyFromParams(const char* typeName, int selection, OSSL_PARAM_BLD* builder,
                                   const QString& what)
{
    ossl::ParamsPtr params(OSSL_PARAM_BLD_to_param(builder));
    ossl::PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, typeName, nullptr));
    EVP_PKEY* raw = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &raw, selection, params.get()) != 1) {
        return OpenSslError::fail(ErrorKind::Input, QStringLiteral("JWK: invalid %1").arg(what));
    }
    return KeyMaterial::fromPkey(raw);
}

Result<KeyMaterial> rsaFromJwk(const QJsonObject& jwk)
{
    if (jwk.contains(QStringLiteral("oth"))) {
        return fail(ErrorKind::Input,
                    QStringLiteral("JWK: multi-prime RSA keys (\"oth\") are not supported"));
    }
    auto n = member(jwk, "n");
    auto e = member(jwk, "e");
    if (!n) {
        return std::unexpected(n.error());
    }
    if (!e) {
        return std::unexpected(e.error());
    }
    ossl::ParamBldPtr builder(OSSL_PARAM_BLD_new());
    ossl::BnPtr bnN(BN_bin2bn(bytesOf(*n), static_cast<int>(n->size()), nullptr));
    ossl::BnPtr bnE(BN_bin2bn(bytesOf(*e), static_cast<int>(e->size()), nullptr));
    if (!builder || !bnN || !bnE ||
        !OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, bnN.get()) ||
        !OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, bnE.get())) {
        return OpenSslError::fail(ErrorKind::Internal, QStringLiteral("JWK: cannot build an RSA key"));
    }
    if (BN_num_bits(bnN.get()) < 512) {
        return fail(ErrorKind::Input,
                    QStringLiteral("JWK: RSA modulus of %1 bits is too small").arg(BN_num_bits(bnN.get())));
    }
    if (!jwk.contains(QStringLiteral("d"))) {
        return pkeyFromParams("RSA", EVP_PKEY_PUBLIC_KEY, builder.get(), QStringLiteral("RSA public key"));
    }

    static const char* const kNames[] = {"d", "p", "q", "dp", "dq", "qi"};
    static const char* const kParams[] = {OSSL_PKEY_PARAM_RSA_D,         OSSL_PKEY_PARAM_RSA_FACTOR1,
                                          OSSL_PKEY_PARAM_RSA_FACTOR2,   OSSL_PKEY_PARAM_RSA_EXPONENT1,
                                          OSSL_PKEY_PARAM_RSA_EXPONENT2, OSSL_PKEY_PARAM_RSA_COEFFICIENT1};
    int crtPresent = 0;
    for (int i = 1; i < 6; ++i) {
        crtPresent += jwk.contains(QLatin1String(kNames[i])) ? 1 : 0;
    }
    if (crtPresent != 0 && crtPresent != 5) {
        return fail(
            ErrorKind::Input,
            QStringLiteral("JWK: an RSA private key needs all of p, q, dp, dq and qi, or none of them"));
    }
    const int count = crtPresent == 5 ? 6 : 1;
    std::vector<ossl::SecretBnPtr> secrets;
    for (int i = 0; i < count; ++i) {
        auto bytes = member(jwk, kNames[i]);
        if (!bytes) {
            return std::unexpected(bytes.error());
        }
        WipeOnExit wipe{*bytes};
        ossl::SecretBnPtr bn(BN_secure_new());
        if (!bn || !BN_bin2bn(bytesOf(*bytes), static_cast<int>(bytes->size()), bn.get()) ||
            !OSSL_PARAM_BLD_push_BN(builder.get(), kParams[i], bn.get())) {
            return OpenSslError::fail(ErrorKind::Internal, QStringLiteral("JWK: cannot build an RSA key"));
        }
        secrets.push_back(std::move(bn)); // the builder refers to it until to_param
    }
    return pkeyFromParams("RSA", EVP_PKEY_KEYPAIR, builder.get(), QStringLiteral("RSA private key"));
}

Result<KeyMaterial> ecFromJwk(const QJsonObject& jwk)
{
    const CurveInfo* info = curveByJwkName(jwk.value(QStringLiteral("crv")).toString());
    if (!info) {
        return fail(ErrorKind::Input, QStringLiteral("JWK: unsupported EC curve \"%1\" (P-256, P-384, P-521)")
                                          .arg(jwk.value(QStringLiteral("crv")).toString()));
    }
    auto x = member(jwk, "x");
    auto y = member(jwk, "y");
    if (!x) {
        return std::unexpected(x.error());
    }
    if (!y) {
        return std::unexpected(y.error());
    }
    if (x->size() != info->coordinateBytes || y->size() != info->coordinateBytes) {
        return fail(ErrorKind::Input, QStringLiteral("JWK: %1 coordinates must be %2 bytes each")
                                          .arg(QLatin1String(info->jwkName))
                                          .arg(info->coordinateBytes));
    }
    const QByteArray point = QByteArray(1, '\x04') + *x + *y;
    ossl::ParamBldPtr builder(OSSL_PARAM_BLD_new());
    if (!builder ||
        !OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, info->groupName, 0) ||
        !OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.constData(),
                                          static_cast<std::size_t>(point.size()))) {
        return OpenSslError::fail(ErrorKind::Internal, QStringLiteral("JWK: cannot build an EC key"));
    }
    int selection = EVP_PKEY_PUBLIC_KEY;
    ossl::SecretBnPtr d;
    if (jwk.contains(QStringLiteral("d"))) {
        auto bytes = member(jwk, "d");
        if (!bytes) {
            return std::unexpected(bytes.error());
        }
        WipeOnExit wipe{*bytes};
        if (bytes->size() != info->coordinateBytes) {
            return fail(ErrorKind::Input, QStringLiteral("JWK: %1 private key \"d\" must be %2 bytes")
                                              .arg(QLatin1String(info->jwkName))
                                              .arg(info->coordinateBytes));
        }
        d.reset(BN_secure_new());
        if (!d || !BN_bin2bn(bytesOf(*bytes), static_cast<int>(bytes->size()), d.get()) ||
            !OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_PRIV_KEY, d.get())) {
            return OpenSslError::fail(ErrorKind::Internal, QStringLiteral("JWK: cannot build an EC key"));
        }
        selection = EVP_PKEY_KEYPAIR;
    }
    auto key = pkeyFromParams("EC", selection, builder.get(), QStringLiteral("EC key"));
    if (!key) {
        return key;
    }
    // The point must lie on the curve, and d must belong to it.
    ossl::PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, key->pkey(), nullptr));
    if (!check || EVP_PKEY_public_check(check.get()) != 1) {
        return OpenSslError::fail(ErrorKind::Input, QStringLiteral("JWK: the EC point is not on the curve"));
    }
    if (selection == EVP_PKEY_KEYPAIR && EVP_PKEY_pairwise_check(check.get()) != 1) {
        return OpenSslError::fail(ErrorKind::Input,
                                  QStringLiteral("JWK: \"d\" does not match \"x\" and \"y\""));
    }
    return key;
}

Result<KeyMaterial> okpFromJwk(const QJsonObject& jwk)
{
    const QString crv = jwk.value(QStringLiteral("crv")).toString();
    if (crv != QLatin1String("Ed25519")) {
        return fail(ErrorKind::Input,
                    QStringLiteral("JWK: unsupported OKP curve \"%1\" (Ed25519 is supported)").arg(crv));
    }
    auto x = member(jwk, "x");
    if (!x) {
        return std::unexpected(x.error());
    }
    if (x->size() != 32) {
        return fail(ErrorKind::Input, QStringLiteral("JWK: an Ed25519 \"x\" must be 32 bytes"));
    }
    if (!jwk.contains(QStringLiteral("d"))) {
        EVP_PKEY* raw = EVP_PKEY_new_raw_public_key_ex(nullptr, "ED25519", nullptr, bytesOf(*x), 32);
        if (!raw) {
            return OpenSslError::fail(ErrorKind::Input, QStringLiteral("JWK: invalid Ed25519 public key"));
        }
        return KeyMaterial::fromPkey(raw);
    }
    auto d = member(jwk, "d");
    if (!d) {
        return std::unexpected(d.error());
    }
    WipeOnExit wipe{*d};
    if (d->size() != 32) {
        return fail(ErrorKind::Input, QStringLiteral("JWK: an Ed25519 \"d\" must be 32 bytes"));
    }
    EVP_PKEY* raw = EVP_PKEY_new_raw_private_key_ex(nullptr, "ED25519", nullptr, bytesOf(*d), 32);
    if (!raw) {
        return OpenSslError::fail(ErrorKind::Input, QStringLiteral("JWK: invalid Ed25519 private key"));
    }
    auto key = KeyMaterial::fromPkey(raw);
    if (!key) {
        return key;
    }
    unsigned char derived[32] = {};
    std::size_t length = sizeof(derived);
    if (EVP_PKEY_get_raw_public_key(key->pkey(), derived, &length) != 1 || length != 32 ||
        CRYPTO_memcmp(derived, x->constData(), 32) != 0) {
        OpenSslError::clear();
        return fail(ErrorKind::Input, QStringLiteral("JWK: \"d\" does not match \"x\""));
    }
    return key;
}

Result<KeyMaterial> octFromJwk(const QJsonObject& jwk)
{
    auto k = member(jwk, "k");
    if (!k) {
        return std::unexpected(k.error());
    }
    WipeOnExit wipe{*k};
    return KeyMaterial::fromSecret(SecretBuffer::fromBytes(*k));
}

} // namespace

Result<KeyMaterial> JwkReader::read(const QJsonObject& jwk)
{
    const QJsonValue kty = jwk.value(QStringLiteral("kty"));
    if (!kty.isString()) {
        return fail(ErrorKind::Input, QStringLiteral("JWK: \"kty\" is missing or not a string"));
    }
    for (const char* name : {"kid", "alg", "use"}) {
        const QJsonValue value = jwk.value(QLatin1String(name));
        if (!value.isUndefined() && !value.isString()) {
            return fail(ErrorKind::Input,
                        QStringLiteral("JWK: \"%1\" must be a string").arg(QLatin1String(name)));
        }
    }
    Result<KeyMaterial> key = fail(ErrorKind::Input, QString());
    const QString type = kty.toString();
    if (type == QLatin1String("RSA")) {
        key = rsaFromJwk(jwk);
    } else if (type == QLatin1String("EC")) {
        key = ecFromJwk(jwk);
    } else if (type == QLatin1String("OKP")) {
        key = okpFromJwk(jwk);
    } else if (type == QLatin1String("oct")) {
        key = octFromJwk(jwk);
    } else {
        return fail(ErrorKind::Input, QStringLiteral("JWK: unsupported key type \"%1\"").arg(type));
    }
    if (!key) {
        return key;
    }
    key->setKid(jwk.value(QStringLiteral("kid")).toString());
    key->setAlg(jwk.value(QStringLiteral("alg")).toString());
    key->setUse(jwk.value(QStringLiteral("use")).toString());
    return key;
}

bool JwkReader::isSupported(const QJsonObject& jwk)
{
    const QString kty = jwk.value(QStringLiteral("kty")).toString();
    const QString crv = jwk.value(QStringLiteral("crv")).toString();
    if (kty == QLatin1String("RSA") || kty == QLatin1String("oct")) {
        return true;
    }
    if (kty == QLatin1String("EC")) {
        return curveByJwkName(crv) != nullptr;
    }
    return kty == QLatin1String("OKP") && crv == QLatin1String("Ed25519");
}

} // namespace tessera::keys
