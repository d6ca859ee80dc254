#include "jose/JwsSigner.h"

#include "jose/Base64Url.h"
#include "jose/JwsCrypto.h"

#include <QJsonDocument>
#include <algorithm>

namespace tessera::jose {

using keys::KeyMaterial;
using keys::KeyType;

namespace {

// The alg a signature will use: the one asked for, else the key's default; the key must accept it
// and the extra header may not name another.
Result<JwsAlg> resolveAlg(const KeyMaterial& key, const SignOptions& options)
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
    return alg;
}

// Text that goes into a JSON string as it is: printable ASCII without quote or backslash.
bool isPlainJsonText(const QString& text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) {
        return c.unicode() >= 0x20 && c.unicode() < 0x7f && c != QLatin1Char('"') && c != QLatin1Char('\\');
    });
}

// The header's compact JSON. Without extra fields and with a plain kid it is written directly, in
// the order QJsonDocument writes (alg, kid, typ), which saves a QJsonObject on every signature.
QByteArray headerJson(const KeyMaterial& key, JwsAlg alg, const SignOptions& options)
{
    const QString kid = options.includeKid ? key.kid() : QString();
    if (options.extraHeader.isEmpty() && isPlainJsonText(kid)) {
        QByteArray out = "{\"alg\":\"" + JwsAlgorithm::name(alg).toLatin1() + '"';
        if (options.includeKid) {
            out += ",\"kid\":\"" + kid.toLatin1() + '"';
        }
        if (options.includeTyp) {
            out += ",\"typ\":\"JWT\"";
        }
        return out + '}';
    }
    QJsonObject out;
    if (options.includeTyp) {
        out.insert(QStringLiteral("typ"), QStringLiteral("JWT"));
    }
    if (options.includeKid) {
        out.insert(QStringLiteral("kid"), kid);
    }
    for (auto it = options.extraHeader.begin(); it != options.extraHeader.end(); ++it) {
        out.insert(it.key(), it.value());
    }
    out.insert(QStringLiteral("alg"), JwsAlgorithm::name(alg));
    return QJsonDocument(out).toJson(QJsonDocument::Compact);
}

} // namespace

Result<QByteArray> JwsSigner::signPayload(const KeyMaterial& key, QByteArrayView payload,
                                          const SignOptions& options)
{
    auto resolved = resolveAlg(key, options);
    if (!resolved) {
        return std::unexpected(resolved.error());
    }
    const JwsAlg alg = *resolved;
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
    QByteArray token = Base64Url::encode(headerJson(key, alg, options));
    token.reserve(token.size() + 1 + (payload.size() * 4 + 2) / 3 + 1 + 700); // up to RSA-4096's signature
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
