#include "jose/JwsSigner.h"

#include "jose/Base64Url.h"
#include "jose/JwsCrypto.h"

#include <QJsonDocument>

namespace tessera::jose {

using keys::KeyMaterial;
using keys::KeyType;

Result<QJsonObject> JwsSigner::header(const KeyMaterial& key, const SignOptions& options)
{
    if (key.isNull()) {
        return fail(ErrorKind::Usage, QStringLiteral("no key"));
    }
    JwsAlg alg = JwsAlg::HS256;
    if (options.alg) {
        alg = *options.alg;
    } else {
        auto fallback = JwsAlgorithm::defaultFor(key);
        if (!fallback) {
            return fail(ErrorKind::Usage, fallback.error().message);
        }
        alg = *fallback;
    }
    QString why;
    if (!JwsAlgorithm::keyAccepts(key, alg, &why)) {
        return fail(ErrorKind::Usage, why);
    }
    const QJsonValue extraAlg = options.extraHeader.value(QStringLiteral("alg"));
    if (!extraAlg.isUndefined() && extraAlg.toString() != JwsAlgorithm::name(alg)) {
        return fail(ErrorKind::Usage,
                    QStringLiteral("the extra header may not change \"alg\"; the key signs with %1")
                        .arg(JwsAlgorithm::name(alg)));
    }
    QJsonObject out;
    if (options.includeTyp) {
        out.insert(QStringLiteral("typ"), QStringLiteral("JWT"));
    }
    if (options.includeKid) {
        out.insert(QStringLiteral("kid"), key.kid());
    }
    for (auto it = options.extraHeader.begin(); it != options.extraHeader.end(); ++it) {
        out.insert(it.key(), it.value());
    }
    out.insert(QStringLiteral("alg"), JwsAlgorithm::name(alg));
    return out;
}

Result<QByteArray> JwsSigner::signPayload(const KeyMaterial& key, QByteArrayView payload,
                                          const SignOptions& options)
{
    auto head = header(key, options);
    if (!head) {
        return std::unexpected(head.error());
    }
    const JwsAlg alg = *JwsAlgorithm::fromName(head->value(QStringLiteral("alg")).toString());
    if (!key.hasPrivate()) {
        return fail(ErrorKind::Usage,
                    QStringLiteral("signing needs a private key; the key given is: %1").arg(key.describe()));
    }
    if (key.type() == KeyType::Rsa && key.bits() < MinRsaBits) {
        return fail(ErrorKind::Usage,
                    QStringLiteral("RSA keys under %1 bits are refused for signing (this one has %2)")
                        .arg(MinRsaBits)
                        .arg(key.bits()));
    }
    if (key.type() == KeyType::Oct && static_cast<int>(key.secret().size()) < JwsAlgorithm::hashBytes(alg)) {
        return fail(ErrorKind::Usage,
                    QStringLiteral("%1 needs a secret of at least %2 bytes (RFC 7518 3.2); this one has %3")
                        .arg(JwsAlgorithm::name(alg))
                        .arg(JwsAlgorithm::hashBytes(alg))
                        .arg(key.secret().size()));
    }
    QByteArray token = Base64Url::encode(QJsonDocument(*head).toJson(QJsonDocument::Compact));
    token += '.';
    token += Base64Url::encode(payload);
    auto signature = JwsCrypto::sign(key, alg, token);
    if (!signature) {
        return std::unexpected(signature.error());
    }
    token += '.';
    token += Base64Url::encode(*signature);
    return token;
}

Result<QByteArray> JwsSigner::sign(const KeyMaterial& key, const QJsonObject& claims,
                                   const SignOptions& options)
{
    return signPayload(key, QJsonDocument(claims).toJson(QJsonDocument::Compact), options);
}

QJsonObject JwsSigner::withTimes(QJsonObject claims, qint64 now, qint64 ttlSeconds)
{
    if (!claims.contains(QStringLiteral("iat"))) {
        claims.insert(QStringLiteral("iat"), static_cast<double>(now));
    }
    if (!claims.contains(QStringLiteral("exp"))) {
        const QJsonValue iat = claims.value(QStringLiteral("iat"));
        const double base = iat.isDouble() ? iat.toDouble() : static_cast<double>(now);
        claims.insert(QStringLiteral("exp"), base + static_cast<double>(ttlSeconds));
    }
    return claims;
}

} // namespace tessera::jose
