#include "SignatureCheck.h"

#include "jose/JwsCrypto.h"
#include "jose/JwsVerifier.h"

#include <vector>

namespace tessera::cli {

using jose::JwsAlg;
using jose::JwsAlgorithm;
using keys::KeyMaterial;

namespace {

SignatureCheck::Outcome refused(const QString& why)
{
    return SignatureCheck::Outcome{false, why, std::nullopt};
}

} // namespace

SignatureCheck::Outcome SignatureCheck::check(const jose::CompactJws& jws, const keys::KeySet& keys,
                                              const QList<JwsAlg>& algs, const QStringList& understoodCrit)
{
    if (jws.isJwe()) {
        return refused(
            QStringLiteral("this is a JWE (encrypted, 5 segments), not a JWS; it has no signature"));
    }
    if (jws.alg().compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) {
        return refused(QStringLiteral("alg \"%1\" (an unsigned token) is always refused").arg(jws.alg()));
    }
    const auto alg = JwsAlgorithm::fromName(jws.alg());
    if (!alg) {
        return refused(QStringLiteral("unsupported alg \"%1\"").arg(jws.alg()));
    }
    if (!algs.isEmpty() && !algs.contains(*alg)) {
        QStringList names;
        for (const JwsAlg allowed : algs) {
            names.append(JwsAlgorithm::name(allowed));
        }
        return refused(QStringLiteral("alg %1 is not among the accepted algs (%2)")
                           .arg(jws.alg(), names.join(QStringLiteral(", "))));
    }
    if (auto crit = jose::JwsVerifier::checkCrit(jws.header(), understoodCrit); !crit) {
        return refused(crit.error().message);
    }
    const QJsonValue kidValue = jws.header().value(QStringLiteral("kid"));
    if (!kidValue.isUndefined() && !kidValue.isString()) {
        return refused(QStringLiteral("header \"kid\" must be a string"));
    }
    std::vector<const KeyMaterial*> candidates;
    if (keys.isJwks() && kidValue.isString()) {
        candidates = keys.findByKid(kidValue.toString());
        if (candidates.empty()) {
            return refused(
                QStringLiteral("unknown kid \"%1\": no key in the JWKS has it").arg(kidValue.toString()));
        }
    } else {
        for (const KeyMaterial& key : keys.keys()) {
            candidates.push_back(&key);
        }
    }
    QString firstRefusal;
    QString lastFailure;
    int tried = 0;
    for (const KeyMaterial* key : candidates) {
        QString why;
        if (!JwsAlgorithm::keyAccepts(*key, *alg, &why)) {
            if (firstRefusal.isEmpty()) {
                firstRefusal = why;
            }
            continue;
        }
        ++tried;
        auto ok = jose::JwsCrypto::verify(*key, *alg, jws.signingInput(), jws.signature());
        if (ok) {
            return Outcome{true, QString(), key->kid()};
        }
        lastFailure = ok.error().message;
    }
    if (tried == 0) {
        return refused(firstRefusal.isEmpty() ? QStringLiteral("no key to verify with") : firstRefusal);
    }
    if (tried == 1) {
        return refused(lastFailure);
    }
    return refused(QStringLiteral("signature does not verify with any of the %1 compatible keys (last: %2)")
                       .arg(tried)
                       .arg(lastFailure));
}

} // namespace tessera::cli
