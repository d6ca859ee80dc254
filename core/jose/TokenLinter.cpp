#include "jose/TokenLinter.h"

#include "jose/JwsVerifier.h"

#include <QJsonValue>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>

namespace tessera::jose {

using Severity = LintFinding::Severity;

namespace {

void add(QList<LintFinding>& out, const char* id, Severity severity, const QString& message,
         const QString& fix)
{
    out.append(LintFinding{QLatin1String(id), severity, message, fix});
}

std::optional<double> numberClaim(const JsonObjectView& claims, const char* name)
{
    const QJsonValue value = claims.value(QLatin1String(name));
    if (!value.isDouble()) {
        return std::nullopt;
    }
    return value.toDouble();
}

bool isAccessToken(const CompactJws& jws)
{
    const QString typ = jws.headerView().value(QLatin1String("typ")).toString().toLower();
    return jws.claimsView().value(QLatin1String("type")).toString() == QLatin1String("access") ||
           jws.claimsView().value(QLatin1String("token_use")).toString() == QLatin1String("access") ||
           typ == QLatin1String("at+jwt") || typ == QLatin1String("application/at+jwt");
}

void lintHeader(const CompactJws& jws, const LintContext& context, QList<LintFinding>& out)
{
    const JsonObjectView& header = jws.headerView();
    if (jws.alg().compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) {
        add(out, "alg-none", Severity::Critical,
            QStringLiteral("alg is \"%1\": the token is unsigned and anyone can forge it").arg(jws.alg()),
            QStringLiteral(
                "Sign tokens with a real algorithm (RS256, ES256 or EdDSA) and make verifiers refuse "
                "\"none\" whatever the token says."));
    }
    if (header.contains(QLatin1String("jwk"))) {
        add(out, "embedded-jwk", Severity::High,
            QStringLiteral("the header carries its own key (\"jwk\"); a verifier that trusts it accepts any "
                           "attacker's signature"),
            QStringLiteral(
                "Verify with keys from your own configuration only; ignore keys supplied by the token."));
    }
    if (header.contains(QLatin1String("jku"))) {
        add(out, "jku-header", Severity::High,
            QStringLiteral(
                "the header points to a key set URL (\"jku\": %1); fetching it lets the token choose "
                "its own key")
                .arg(header.value(QLatin1String("jku")).toVariant().toString()),
            QStringLiteral("Ignore jku, or allow only an exact, pinned list of URLs."));
    }
    if (header.contains(QLatin1String("x5u"))) {
        add(out, "x5u-header", Severity::High,
            QStringLiteral("the header points to a certificate URL (\"x5u\": %1); fetching it lets the token "
                           "choose its own key")
                .arg(header.value(QLatin1String("x5u")).toVariant().toString()),
            QStringLiteral("Ignore x5u, or allow only an exact, pinned list of URLs."));
    }
    if (const auto kid = jws.kid()) {
        const QString reason = TokenLinter::kidInjectionReason(*kid);
        if (!reason.isEmpty()) {
            add(out, "kid-injection", Severity::High,
                QStringLiteral(
                    "the kid \"%1\" contains %2; a verifier that uses kid in a file path, SQL query "
                    "or shell command can be made to pick an attacker's key")
                    .arg(*kid, reason),
                QStringLiteral("Treat kid as an opaque label: look it up in a fixed map of keys, never build "
                               "paths, queries or commands from it."));
        }
    }
    if (auto crit = JwsVerifier::checkCrit(header, context.understoodCrit); !crit) {
        add(out, "crit-unknown", Severity::Medium,
            crit.error().message + QStringLiteral("; a conforming verifier must reject this token"),
            QStringLiteral("Only mark header parameters critical when every verifier implements them."));
    }
}

void lintClaims(const CompactJws& jws, const LintContext& context, QList<LintFinding>& out)
{
    const JsonObjectView& claims = jws.claimsView();
    const auto now = static_cast<double>(context.now);
    const auto exp = numberClaim(claims, "exp");
    const auto nbf = numberClaim(claims, "nbf");
    const auto iat = numberClaim(claims, "iat");
    if (!claims.contains(QLatin1String("exp"))) {
        add(out, "no-exp", Severity::Medium, QStringLiteral("the token has no \"exp\": it never expires"),
            QStringLiteral(
                "Give every token an expiry: 15 minutes for access tokens, days for refresh tokens."));
    } else if (exp && now >= *exp) {
        add(out, "expired", Severity::Info,
            QStringLiteral("the token expired %1 ago")
                .arg(TokenLinter::describeDuration(static_cast<qint64>(now - *exp))),
            QStringLiteral("Obtain a new token; an expired one must be refused."));
    }
    if (nbf && now < *nbf) {
        add(out, "not-yet-valid", Severity::Low,
            QStringLiteral("the token is not valid for another %1 (nbf)")
                .arg(TokenLinter::describeDuration(static_cast<qint64>(std::ceil(*nbf - now)))),
            QStringLiteral("Check the issuer's clock; verifiers refuse the token until nbf."));
    }
    if (iat && *iat > now + static_cast<double>(context.clockSkewSeconds)) {
        add(out, "iat-future", Severity::Medium,
            QStringLiteral("the token claims to be issued %1 in the future (iat)")
                .arg(TokenLinter::describeDuration(static_cast<qint64>(*iat - now))),
            QStringLiteral("Check the issuer's clock; a future iat can hide a forged or replayed token."));
    }
    if (exp) {
        const double start = iat ? *iat : nbf ? *nbf : now;
        const double lifetime = *exp - start;
        const bool access = isAccessToken(jws);
        const bool refresh = claims.value(QLatin1String("type")).toString() == QLatin1String("refresh");
        const auto limit = static_cast<double>(access    ? context.accessTokenMaxSeconds
                                               : refresh ? context.refreshTokenMaxSeconds
                                                         : context.anyTokenMaxSeconds);
        if (lifetime > limit) {
            add(out, "long-lifetime", Severity::Medium,
                QStringLiteral("%1 lives %2 (over %3)")
                    .arg(access    ? QStringLiteral("this access token")
                         : refresh ? QStringLiteral("this refresh token")
                                   : QStringLiteral("this token"),
                         TokenLinter::describeDuration(static_cast<qint64>(lifetime)),
                         TokenLinter::describeDuration(static_cast<qint64>(limit))),
                QStringLiteral(
                    "Keep access tokens to 15 minutes and use refresh tokens for longer sessions."));
        }
    }
    if (!claims.contains(QLatin1String("type"))) {
        add(out, "no-type", Severity::Low,
            QStringLiteral("no \"type\" claim: a refresh token could be used as an access token, or the "
                           "other way round"),
            QStringLiteral("Add \"type\": \"access\" or \"refresh\" and check it when verifying."));
    }
    if (context.isRevoked) {
        const QJsonValue jti = claims.value(QLatin1String("jti"));
        if (jti.isString() && context.isRevoked(jti.toString())) {
            add(out, "revoked", Severity::High,
                QStringLiteral("the token's jti \"%1\" has been revoked").arg(jti.toString()),
                QStringLiteral("Refuse this token; the user must sign in again."));
        }
    }
}

void lintSecret(const CompactJws& jws, const LintContext& context, QList<LintFinding>& out)
{
    const auto alg = jws.knownAlg();
    if (!context.weakSecrets || !alg || JwsAlgorithm::family(*alg) != JwsAlgorithm::Family::Hmac) {
        return;
    }
    if (const auto secret = context.weakSecrets->findSecret(*alg, jws.signingInput(), jws.signature())) {
        add(out, "weak-hmac-secret", Severity::Critical,
            QStringLiteral("the token is signed with the well-known secret \"%1\"; anyone can forge tokens")
                .arg(QString::fromUtf8(*secret)),
            QStringLiteral(
                "Replace the secret with 32 or more random bytes (`key generate --type oct-256`), or "
                "move to RS256, ES256 or EdDSA; revoke tokens signed with the old one."));
    }
}

} // namespace

QString TokenLinter::kidInjectionReason(const QString& kid)
{
    if (kid.contains(QLatin1String("..")) || kid.startsWith(QLatin1Char('/')) ||
        kid.startsWith(QLatin1Char('\\')) || kid.contains(QLatin1String("%2e"), Qt::CaseInsensitive) ||
        kid.contains(QLatin1String("%2f"), Qt::CaseInsensitive)) {
        return QStringLiteral("path traversal");
    }
    // Hand-written scans rather than regular expressions: inspection runs over large token batches.
    bool hasSpace = false;
    for (const QChar c : kid) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u == 0x7f) {
            return QStringLiteral("a control character");
        }
        if (u == '\'' || u == '"') {
            return QStringLiteral("quotes");
        }
        hasSpace = hasSpace || u == ' ' || u == '+';
    }
    if (kid.contains(QLatin1String("--")) || kid.contains(QLatin1String("/*"))) {
        return QStringLiteral("SQL syntax");
    }
    if (hasSpace) {
        // Injected SQL needs separators between its words; an ordinary kid has none.
        static const char* const kKeywords[] = {"union", "select", "insert",    "update", "delete",
                                                "drop",  "sleep",  "benchmark", "or",     "and"};
        static const QRegularExpression separators(QStringLiteral("[^a-z0-9_]+"));
        const QStringList words = kid.toLower().split(separators, Qt::SkipEmptyParts);
        for (const QString& word : words) {
            for (const char* keyword : kKeywords) {
                if (word == QLatin1String(keyword)) {
                    return QStringLiteral("SQL syntax");
                }
            }
        }
    }
    for (const QChar c : kid) {
        switch (c.unicode()) {
        case ';':
        case '|':
        case '&':
        case '$':
        case '`':
        case '<':
        case '>':
        case '(':
        case ')':
        case '{':
        case '}':
            return QStringLiteral("shell metacharacters");
        default:
            break;
        }
    }
    return {};
}

QString TokenLinter::describeDuration(qint64 seconds)
{
    seconds = std::max<qint64>(seconds, 0);
    if (seconds < 120) {
        return QStringLiteral("%1 s").arg(seconds);
    }
    if (seconds < 2 * 3600) {
        return QStringLiteral("%1 min").arg(seconds / 60);
    }
    if (seconds < 2 * 86400) {
        return QStringLiteral("%1 h").arg(seconds / 3600);
    }
    return QStringLiteral("%1 days").arg(seconds / 86400);
}

QList<LintFinding> TokenLinter::lint(const CompactJws& jws, const LintContext& context)
{
    QList<LintFinding> out;
    lintHeader(jws, context, out);
    if (!jws.isJwe()) {
        lintClaims(jws, context, out);
        lintSecret(jws, context, out);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const LintFinding& a, const LintFinding& b) { return a.severity > b.severity; });
    return out;
}

} // namespace tessera::jose
