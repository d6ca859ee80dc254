#include "jose/JwsAlgorithm.h"

namespace tessera::jose {

using keys::EcCurve;
using keys::KeyMaterial;
using keys::KeyType;

namespace {

struct AlgInfo
{
    JwsAlg alg;
    const char* name;
    JwsAlgorithm::Family family;
    const char* digest;
    int hashBytes;
};

constexpr AlgInfo kAlgs[] = {
    {JwsAlg::HS256, "HS256", JwsAlgorithm::Family::Hmac, "SHA256", 32},
    {JwsAlg::HS384, "HS384", JwsAlgorithm::Family::Hmac, "SHA384", 48},
    {JwsAlg::HS512, "HS512", JwsAlgorithm::Family::Hmac, "SHA512", 64},
    {JwsAlg::RS256, "RS256", JwsAlgorithm::Family::RsaPkcs1, "SHA256", 32},
    {JwsAlg::RS384, "RS384", JwsAlgorithm::Family::RsaPkcs1, "SHA384", 48},
    {JwsAlg::RS512, "RS512", JwsAlgorithm::Family::RsaPkcs1, "SHA512", 64},
    {JwsAlg::PS256, "PS256", JwsAlgorithm::Family::RsaPss, "SHA256", 32},
    {JwsAlg::PS384, "PS384", JwsAlgorithm::Family::RsaPss, "SHA384", 48},
    {JwsAlg::PS512, "PS512", JwsAlgorithm::Family::RsaPss, "SHA512", 64},
    {JwsAlg::ES256, "ES256", JwsAlgorithm::Family::Ecdsa, "SHA256", 32},
    {JwsAlg::ES384, "ES384", JwsAlgorithm::Family::Ecdsa, "SHA384", 48},
    {JwsAlg::ES512, "ES512", JwsAlgorithm::Family::Ecdsa, "SHA512", 64},
    {JwsAlg::EdDSA, "EdDSA", JwsAlgorithm::Family::EdDsa, nullptr, 64},
};

const AlgInfo& info(JwsAlg alg)
{
    return kAlgs[static_cast<int>(alg)];
}

bool refuse(QString* why, const QString& text)
{
    if (why) {
        *why = text;
    }
    return false;
}

} // namespace

QList<JwsAlg> JwsAlgorithm::all()
{
    QList<JwsAlg> out;
    for (const auto& entry : kAlgs) {
        out.append(entry.alg);
    }
    return out;
}

std::optional<JwsAlg> JwsAlgorithm::fromName(QStringView name)
{
    // Every alg name is ASCII; a character Latin-1 lacks becomes '?', which no name contains.
    return fromUtf8Name(name.toLatin1());
}

std::optional<JwsAlg> JwsAlgorithm::fromUtf8Name(QByteArrayView name)
{
    for (const auto& entry : kAlgs) {
        if (name == entry.name) {
            return entry.alg;
        }
    }
    return std::nullopt;
}

QString JwsAlgorithm::name(JwsAlg alg)
{
    return QLatin1String(info(alg).name);
}

JwsAlgorithm::Family JwsAlgorithm::family(JwsAlg alg)
{
    return info(alg).family;
}

const char* JwsAlgorithm::digestName(JwsAlg alg)
{
    return info(alg).digest;
}

int JwsAlgorithm::hashBytes(JwsAlg alg)
{
    return info(alg).hashBytes;
}

bool JwsAlgorithm::keyAccepts(const KeyMaterial& key, JwsAlg alg, QString* why)
{
    if (key.isNull()) {
        return refuse(why, QStringLiteral("no key"));
    }
    if (key.use() == QLatin1String("enc")) {
        return refuse(why,
                      QStringLiteral("key %1 is marked for encryption (\"use\": \"enc\")").arg(key.kid()));
    }
    if (!key.alg().isEmpty() && key.alg() != name(alg)) {
        return refuse(
            why, QStringLiteral("key %1 is restricted to %2 by its JWK \"alg\"").arg(key.kid(), key.alg()));
    }
    const Family fam = family(alg);
    switch (key.type()) {
    case KeyType::Oct:
        if (fam == Family::Hmac) {
            return true;
        }
        return refuse(
            why,
            QStringLiteral("%1 needs an asymmetric key; an HMAC secret cannot verify it").arg(name(alg)));
    case KeyType::Rsa:
        if (fam == Family::RsaPkcs1 || fam == Family::RsaPss) {
            return true;
        }
        break;
    case KeyType::Ec: {
        const EcCurve needed = alg == JwsAlg::ES256   ? EcCurve::P256
                               : alg == JwsAlg::ES384 ? EcCurve::P384
                               : alg == JwsAlg::ES512 ? EcCurve::P521
                                                      : EcCurve::None;
        if (fam == Family::Ecdsa && needed != key.curve()) {
            return refuse(why, QStringLiteral("%1 needs a different curve than the key's (%2)")
                                   .arg(name(alg), key.describe()));
        }
        if (fam == Family::Ecdsa) {
            return true;
        }
        break;
    }
    case KeyType::Ed25519:
        if (fam == Family::EdDsa) {
            return true;
        }
        break;
    }
    if (fam == Family::Hmac) {
        return refuse(why, QStringLiteral("%1 needs an HMAC secret; the key (%2) is never used as one")
                               .arg(name(alg), key.describe()));
    }
    return refuse(why, QStringLiteral("%1 cannot be used with the key (%2)").arg(name(alg), key.describe()));
}

Result<JwsAlg> JwsAlgorithm::defaultFor(const KeyMaterial& key)
{
    if (!key.alg().isEmpty()) {
        const auto restricted = fromName(key.alg());
        if (!restricted) {
            return fail(ErrorKind::Input,
                        QStringLiteral("the key's JWK \"alg\" %1 is not supported").arg(key.alg()));
        }
        return *restricted;
    }
    switch (key.type()) {
    case KeyType::Rsa:
        return JwsAlg::RS256;
    case KeyType::Ec:
        return key.curve() == EcCurve::P384   ? JwsAlg::ES384
               : key.curve() == EcCurve::P521 ? JwsAlg::ES512
                                              : JwsAlg::ES256;
    case KeyType::Ed25519:
        return JwsAlg::EdDSA;
    case KeyType::Oct:
        break;
    }
    return JwsAlg::HS256;
}

} // namespace tessera::jose
