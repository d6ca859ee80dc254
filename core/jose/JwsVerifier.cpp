#include "jose/JwsVerifier.h"

#include "jose/ClaimValidator.h"
#include "jose/JwsCrypto.h"

#include <QJsonArray>
#include <QVarLengthArray>
#include <algorithm>
#include <thread>
#include <vector>

namespace tessera::jose {

using keys::KeyMaterial;

namespace {

const char* const kRegisteredHeaders[] = {"alg",      "jku", "jwk", "kid",  "x5u", "x5c", "x5t",
                                          "x5t#S256", "typ", "cty", "crit", "enc", "zip"};

void invalid(VerifyResult& result, const QString& why)
{
    result.outcome = VerifyResult::Outcome::Invalid;
    result.error = why;
}

} // namespace

JwsVerifier::JwsVerifier(keys::KeySet keys, VerifyOptions options)
    : m_keys(std::move(keys)), m_options(std::move(options))
{}

Status JwsVerifier::checkCrit(const JsonObjectView& header, const QStringList& understood)
{
    const QJsonValue crit = header.value(QLatin1String("crit"));
    if (crit.isUndefined()) {
        return {};
    }
    if (!crit.isArray() || crit.toArray().isEmpty()) {
        return fail(ErrorKind::Input, QStringLiteral("header \"crit\" must be a non-empty array of names"));
    }
    for (const QJsonValue& entry : crit.toArray()) {
        if (!entry.isString()) {
            return fail(ErrorKind::Input, QStringLiteral("header \"crit\" must list names (strings)"));
        }
        const QString name = entry.toString();
        for (const char* registered : kRegisteredHeaders) {
            if (name == QLatin1String(registered)) {
                return fail(
                    ErrorKind::Input,
                    QStringLiteral("header \"crit\" lists the registered parameter \"%1\"").arg(name));
            }
        }
        if (!header.contains(name)) {
            return fail(ErrorKind::Input,
                        QStringLiteral("header \"crit\" lists \"%1\", which is absent").arg(name));
        }
        if (!understood.contains(name)) {
            return fail(ErrorKind::Input,
                        QStringLiteral("unknown critical header parameter \"%1\"").arg(name));
        }
    }
    return {};
}

VerifyResult JwsVerifier::verify(QByteArrayView token) const
{
    VerifyResult result;
    verifyInto(token, result);
    return result;
}

VerifyResult JwsVerifier::verify(const CompactJws& jws) const
{
    VerifyResult result;
    result.token = jws;
    judge(result);
    return result;
}

void JwsVerifier::verifyInto(QByteArrayView token, VerifyResult& result) const
{
    result.outcome = VerifyResult::Outcome::Malformed;
    result.error.clear();
    result.keyId.reset();
    if (auto parsed = CompactJws::parseInto(token, result.token); !parsed) {
        result.error = parsed.error().message;
        return;
    }
    judge(result);
}

QList<VerifyResult> JwsVerifier::verifyAll(const QList<QByteArrayView>& tokens, int threads) const
{
    QList<VerifyResult> results;
    verifyAll(tokens, results, threads);
    return results;
}

void JwsVerifier::verifyAll(const QList<QByteArrayView>& tokens, QList<VerifyResult>& results, int threads) const
{
    results.resize(tokens.size());
    const qsizetype wanted =
        threads > 0 ? threads : static_cast<qsizetype>(std::max(1U, std::thread::hardware_concurrency()));
    // Below a few hundred tokens a thread costs more than it saves.
    const qsizetype count = std::clamp<qsizetype>(tokens.size() / 256, 1, wanted);
    VerifyResult* const out = results.data(); // detached once, here; threads write disjoint ranges
    const auto work = [&](qsizetype part) {
        const qsizetype end = tokens.size() * (part + 1) / count;
        for (qsizetype i = tokens.size() * part / count; i < end; ++i) {
            verifyInto(tokens[i], out[i]);
        }
    };
    std::vector<std::thread> helpers;
    for (qsizetype part = 1; part < count; ++part) {
        helpers.emplace_back(work, part);
    }
    work(0);
    for (std::thread& helper : helpers) {
        helper.join();
    }
}

VerifyResult JwsVerifier::verifySignature(const CompactJws& jws) const
{
    VerifyResult result;
    result.token = jws;
    checkSignature(result);
    return result;
}

void JwsVerifier::judge(VerifyResult& result) const
{
    const CompactJws& jws = result.token;
    if (!jws.isJwe() && !jws.payloadIsJson()) {
        result.outcome = VerifyResult::Outcome::Malformed;
        result.error = QStringLiteral("payload is not a UTF-8 JSON object");
        return; // before any signature work
    }
    checkSignature(result);
    if (!result.valid()) {
        return;
    }
    if (auto ok = ClaimValidator::validate(jws.claimsView(), m_options); !ok) {
        invalid(result, ok.error().message);
    }
}

void JwsVerifier::checkSignature(VerifyResult& result) const
{
    const CompactJws& jws = result.token;
    if (jws.isJwe()) {
        result.outcome = VerifyResult::Outcome::Malformed;
        result.error =
            QStringLiteral("this is a JWE (encrypted, 5 segments), not a JWS; it cannot be verified");
        return;
    }

    const auto alg = jws.knownAlg();
    if (!alg) {
        const QString name = jws.alg();
        if (name.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) {
            return invalid(result,
                           QStringLiteral("alg \"%1\" (an unsigned token) is always refused").arg(name));
        }
        return invalid(result, QStringLiteral("unsupported alg \"%1\"").arg(name));
    }
    if (!m_options.algs.isEmpty() && !m_options.algs.contains(*alg)) {
        QStringList names;
        for (JwsAlg allowed : m_options.algs) {
            names.append(JwsAlgorithm::name(allowed));
        }
        return invalid(result, QStringLiteral("alg %1 is not among the accepted algs (%2)")
                                              .arg(jws.alg(), names.join(QStringLiteral(", "))));
    }
    if (auto ok = checkCrit(jws.headerView(), m_options.understoodCrit); !ok) {
        return invalid(result, ok.error().message);
    }
    const QJsonValue::Type kidType = jws.headerView().type(QLatin1String("kid"));
    if (kidType != QJsonValue::Undefined && kidType != QJsonValue::String) {
        return invalid(result, QStringLiteral("header \"kid\" must be a string"));
    }

    std::vector<const KeyMaterial*> byKid;
    QVarLengthArray<const KeyMaterial*, 8> candidates;
    if (m_keys.isJwks() && kidType == QJsonValue::String) {
        const QString kid = jws.headerView().value(QLatin1String("kid")).toString();
        byKid = m_keys.findByKid(kid);
        if (byKid.empty()) {
            return invalid(result,
                           QStringLiteral("unknown kid \"%1\": no key in the JWKS has it").arg(kid));
        }
        candidates.append(byKid.data(), static_cast<qsizetype>(byKid.size()));
    } else {
        for (const KeyMaterial& key : m_keys.keys()) {
            candidates.push_back(&key);
        }
    }
    if (candidates.empty()) {
        return invalid(result, QStringLiteral("no key to verify with"));
    }

    QString firstRefusal;
    QString lastFailure;
    int tried = 0;
    bool verified = false;
    for (const KeyMaterial* key : candidates) {
        QString why;
        if (!JwsAlgorithm::keyAccepts(*key, *alg, &why)) {
            if (firstRefusal.isEmpty()) {
                firstRefusal = why;
            }
            continue;
        }
        ++tried;
        auto ok = JwsCrypto::verify(*key, *alg, jws.signingInput(), jws.signature());
        if (ok) {
            verified = true;
            result.keyId = key->kid();
            break;
        }
        lastFailure = ok.error().message;
    }
    if (!verified) {
        if (tried == 0) {
            return invalid(result, firstRefusal);
        }
        if (tried == 1) {
            return invalid(result, lastFailure);
        }
        return invalid(result,
                       QStringLiteral("signature does not verify with any of the %1 compatible keys "
                                      "(last: %2)")
                           .arg(tried)
                           .arg(lastFailure));
    }
    result.outcome = VerifyResult::Outcome::Valid;
}

} // namespace tessera::jose
