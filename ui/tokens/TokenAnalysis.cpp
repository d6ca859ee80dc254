#include "tokens/TokenAnalysis.h"

#include "jose/CompactJws.h"
#include "jose/JwsAlgorithm.h"
#include "jose/JwsCrypto.h"
#include "jose/TokenLinter.h"
#include "jose/WeakSecretList.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <algorithm>

namespace tessera::ui {

namespace {

QString indented(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)).trimmed();
}

QString valueText(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double number = value.toDouble();
        return number == static_cast<double>(static_cast<qint64>(number)) ? QString::number(static_cast<qint64>(number))
                                                                           : QString::number(number);
    }
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    default:
        return {};
    }
}

QString claimMeaning(const QString& name)
{
    static const QHash<QString, QString> meanings{
        {QStringLiteral("iss"), QObject::tr("Issuer: who made the token")},
        {QStringLiteral("sub"), QObject::tr("Subject: whom the token is about")},
        {QStringLiteral("aud"), QObject::tr("Audience: who should accept it")},
        {QStringLiteral("jti"), QObject::tr("Token id: lets a refresh token be revoked")},
        {QStringLiteral("type"), QObject::tr("Token type (access or refresh)")},
        {QStringLiteral("typ"), QObject::tr("Token type")},
        {QStringLiteral("role"), QObject::tr("Role(s) of the subject")},
        {QStringLiteral("scope"), QObject::tr("Granted scopes")},
        {QStringLiteral("name"), QObject::tr("Display name")},
        {QStringLiteral("email"), QObject::tr("E-mail address")},
    };
    return meanings.value(name, QObject::tr("Custom claim"));
}

struct SignatureOutcome
{
    TokenAnalysis::Signature kind = TokenAnalysis::Signature::NotChecked;
    QString text;
    QString kid;
};

// Signature only: time and other claim problems are findings, so an expired token still shows
// whether its signature is genuine. Keys named by the token's kid (or thumbprint) are tried first;
// when none has it, every key whose type accepts the alg.
SignatureOutcome checkSignature(const jose::CompactJws& jws, const keys::KeySet& keys, bool vault)
{
    const QString source = vault ? QObject::tr("vault") : QObject::tr("pasted");
    const QString keyNoun = vault ? QObject::tr("vault key") : QObject::tr("the pasted key");
    const auto alg = jws.knownAlg();
    if (!alg) {
        return {TokenAnalysis::Signature::NoMatch,
                QObject::tr("Not checked: the alg “%1” is not one Tessera verifies.").arg(jws.alg()), {}};
    }
    if (keys.isEmpty()) {
        return {TokenAnalysis::Signature::NotChecked,
                vault ? QObject::tr("Not checked: the vault has no keys that verify.")
                      : QObject::tr("Not checked: nothing usable was pasted."), {}};
    }
    std::vector<const keys::KeyMaterial*> candidates;
    const std::optional<QString> kid = jws.kid();
    if (kid) {
        candidates = keys.findByKid(*kid);
    }
    const bool kidMatched = !candidates.empty();
    if (!kidMatched) {
        if (kid && keys.isJwks()) {
            return {TokenAnalysis::Signature::NoMatch,
                    QObject::tr("No %1 key matches: none has the kid “%2”.").arg(source, *kid), {}};
        }
        for (const keys::KeyMaterial& key : keys.keys()) {
            candidates.push_back(&key);
        }
    }
    int tried = 0;
    QString lastFailure;
    for (const keys::KeyMaterial* key : candidates) {
        if (!jose::JwsAlgorithm::keyAccepts(*key, *alg)) {
            continue;
        }
        ++tried;
        auto ok = jose::JwsCrypto::verify(*key, *alg, jws.signingInput(), jws.signature());
        if (ok) {
            return {TokenAnalysis::Signature::Verified,
                    QObject::tr("Signature verified with %1 “%2” (%3).").arg(keyNoun, key->kid(), jws.alg()),
                    key->kid()};
        }
        lastFailure = ok.error().message;
    }
    if (kidMatched && tried > 0) {
        return {TokenAnalysis::Signature::Invalid,
                QObject::tr("Signature invalid: %1 “%2” does not verify it (%3).").arg(keyNoun, *kid, lastFailure),
                {}};
    }
    if (tried == 0) {
        return {TokenAnalysis::Signature::NoMatch,
                QObject::tr("No %1 key matches: none can verify %2 signatures.").arg(source, jws.alg()), {}};
    }
    return {TokenAnalysis::Signature::NoMatch,
            tried == 1 ? QObject::tr("No %1 key matches: the signature does not verify with the one compatible key.")
                             .arg(source)
                       : QObject::tr("No %1 key matches: the signature does not verify with any of the %2 compatible "
                                     "keys.")
                             .arg(source)
                             .arg(tried),
            {}};
}

} // namespace

QByteArray TokenAnalysis::extractToken(QByteArrayView text)
{
    QByteArray token = text.toByteArray().trimmed();
    if (token.startsWith("Bearer ") || token.startsWith("bearer ")) {
        token = token.mid(7).trimmed();
    }
    return token;
}

QString TokenAnalysis::describeTime(qint64 unixSeconds)
{
    const QDateTime utc = QDateTime::fromSecsSinceEpoch(unixSeconds, Qt::UTC);
    const QDateTime local = utc.toLocalTime();
    return QObject::tr("%1 (local), %2 UTC")
        .arg(local.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
             utc.toString(local.date() == utc.date() ? QStringLiteral("HH:mm:ss")
                                                     : QStringLiteral("yyyy-MM-dd HH:mm:ss")));
}

QString TokenAnalysis::describeRelative(const QString& claim, qint64 unixSeconds, qint64 now)
{
    const qint64 delta = unixSeconds - now;
    const QString span = jose::TokenLinter::describeDuration(delta < 0 ? -delta : delta);
    if (claim == QLatin1String("iat") && delta <= 0 && delta > -5) {
        return QObject::tr("issued just now");
    }
    if (claim == QLatin1String("exp")) {
        return delta > 0 ? QObject::tr("expires in %1").arg(span) : QObject::tr("expired %1 ago").arg(span);
    }
    if (claim == QLatin1String("nbf")) {
        return delta > 0 ? QObject::tr("not valid for another %1").arg(span)
                         : QObject::tr("valid since %1 ago").arg(span);
    }
    return delta > 0 ? QObject::tr("issued %1 in the future").arg(span) : QObject::tr("issued %1 ago").arg(span);
}

TokenAnalysis TokenAnalysis::analyse(QByteArrayView text, const Inputs& inputs)
{
    TokenAnalysis analysis;
    const QByteArray token = extractToken(text);
    if (token.isEmpty()) {
        return analysis;
    }
    auto parsed = jose::CompactJws::parse(token);
    if (!parsed) {
        analysis.state = State::Malformed;
        QString problem = parsed.error().message;
        if (!problem.isEmpty()) {
            problem[0] = problem[0].toUpper();
        }
        analysis.problem = QObject::tr("Not a readable token. %1").arg(problem);
        if (!analysis.problem.endsWith(u'.')) {
            analysis.problem += u'.';
        }
        return analysis;
    }
    const jose::CompactJws& jws = *parsed;
    analysis.headerJson = indented(jws.header());
    if (jws.isJwe()) {
        analysis.state = State::Jwe;
        analysis.signatureText =
            QObject::tr("An encrypted token (JWE, 5 parts): only its header can be read without the recipient's key.");
        return analysis;
    }
    analysis.state = State::Jws;
    analysis.payloadJson = indented(jws.claims());

    static const QStringList order{QStringLiteral("iss"), QStringLiteral("sub"), QStringLiteral("aud"),
                                   QStringLiteral("exp"), QStringLiteral("nbf"), QStringLiteral("iat"),
                                   QStringLiteral("jti")};
    QStringList names = jws.claims().keys();
    std::stable_sort(names.begin(), names.end(), [](const QString& a, const QString& b) {
        const auto rank = [](const QString& name) {
            const qsizetype at = order.indexOf(name);
            return at < 0 ? order.size() : at;
        };
        return rank(a) < rank(b);
    });
    for (const QString& name : names) {
        const QJsonValue value = jws.claims().value(name);
        Claim claim{name, valueText(value), claimMeaning(name)};
        const bool isTime = name == QLatin1String("exp") || name == QLatin1String("nbf") ||
                            name == QLatin1String("iat");
        if (isTime && value.isDouble()) {
            const auto seconds = static_cast<qint64>(value.toDouble());
            const QString what = name == QLatin1String("exp")   ? QObject::tr("Expires")
                                 : name == QLatin1String("nbf") ? QObject::tr("Not before")
                                                                : QObject::tr("Issued at");
            claim.value = QStringLiteral("%1  ·  %2").arg(claim.value, describeTime(seconds));
            claim.meaning = QStringLiteral("%1: %2").arg(what, describeRelative(name, seconds, inputs.now));
        }
        analysis.claims.append(claim);
    }

    jose::LintContext context;
    context.now = inputs.now;
    context.weakSecrets = &jose::WeakSecretList::bundled();
    if (inputs.revokedJtis != nullptr) {
        const QSet<QString>* revoked = inputs.revokedJtis;
        context.isRevoked = [revoked](const QString& jti) { return revoked->contains(jti); };
    }
    analysis.findings = jose::TokenLinter::lint(jws, context);
    std::stable_sort(analysis.findings.begin(), analysis.findings.end(),
                     [](const jose::LintFinding& a, const jose::LintFinding& b) { return a.severity > b.severity; });
    analysis.revoked = std::any_of(analysis.findings.begin(), analysis.findings.end(),
                                   [](const jose::LintFinding& finding) { return finding.id == QLatin1String("revoked"); });

    if (jws.alg() == QLatin1String("none")) {
        analysis.signature = Signature::Unsigned;
        analysis.signatureText = QObject::tr("Unsigned (alg “none”): anyone can make this token.");
        return analysis;
    }
    SignatureOutcome outcome;
    if (inputs.pastedKeys != nullptr) {
        outcome = checkSignature(jws, *inputs.pastedKeys, false);
    } else if (inputs.vaultKeys != nullptr) {
        outcome = checkSignature(jws, *inputs.vaultKeys, true);
    } else {
        outcome.text = QObject::tr("Not checked: open a vault or paste a key under “Verify with…”.");
    }
    analysis.signature = outcome.kind;
    analysis.signatureText = outcome.text;
    if (analysis.revoked) {
        // A genuine signature on a revoked token is the case an admin most needs to see plainly.
        analysis.signatureText += QLatin1Char(' ') + QObject::tr("But its token id (jti) has been revoked: "
                                                                 "refuse this token.");
    }
    analysis.verifiedKid = outcome.kid;
    return analysis;
}

} // namespace tessera::ui
