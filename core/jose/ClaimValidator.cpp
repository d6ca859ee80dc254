#include "jose/ClaimValidator.h"

#include <QJsonArray>
#include <QJsonValue>
#include <cmath>

namespace tessera::jose {

namespace {

QString formatTime(double seconds)
{
    return QString::number(seconds, 'f', std::floor(seconds) == seconds ? 0 : 3);
}

// A string claim that must equal `expected` when one is asked for; `what` names it in the reason.
Status checkEquals(const JsonObjectView& claims, QLatin1String name, const QString& what,
                   const std::optional<QString>& expected)
{
    if (!expected || claims.value(name).toString() == *expected) {
        return {};
    }
    return fail(ErrorKind::Input,
                claims.contains(name)
                    ? QStringLiteral("%1 \"%2\" is not the expected \"%3\"")
                          .arg(what, claims.value(name).toString(), *expected)
                    : QStringLiteral("no \"%1\" claim; expected \"%2\"").arg(name, *expected));
}

} // namespace

Status ClaimValidator::checkTypes(const JsonObjectView& claims)
{
    for (const char* name : {"exp", "nbf", "iat"}) {
        const QJsonValue::Type type = claims.type(QLatin1String(name));
        if (type != QJsonValue::Undefined && type != QJsonValue::Double) {
            return fail(ErrorKind::Input, QStringLiteral("claim \"%1\" must be a number (seconds since 1970)")
                                              .arg(QLatin1String(name)));
        }
    }
    for (const char* name : {"iss", "sub", "jti", "type"}) {
        const QJsonValue::Type type = claims.type(QLatin1String(name));
        if (type != QJsonValue::Undefined && type != QJsonValue::String) {
            return fail(ErrorKind::Input,
                        QStringLiteral("claim \"%1\" must be a string").arg(QLatin1String(name)));
        }
    }
    const QJsonValue::Type audType = claims.type(QLatin1String("aud"));
    if (audType != QJsonValue::Undefined && audType != QJsonValue::String) {
        const QJsonValue aud = claims.value(QLatin1String("aud"));
        bool ok = aud.isArray();
        if (ok) {
            for (const QJsonValue& entry : aud.toArray()) {
                ok = ok && entry.isString();
            }
        }
        if (!ok) {
            return fail(ErrorKind::Input,
                        QStringLiteral("claim \"aud\" must be a string or an array of strings"));
        }
    }
    return {};
}

Status ClaimValidator::checkTimes(const JsonObjectView& claims, qint64 now, qint64 leewaySeconds)
{
    const auto current = static_cast<double>(now);
    const auto leeway = static_cast<double>(leewaySeconds);
    const QJsonValue exp = claims.value(QLatin1String("exp"));
    if (exp.isDouble() && !(current < exp.toDouble() + leeway)) {
        return fail(ErrorKind::Input, QStringLiteral("token expired at %1 (now %2, leeway %3 s)")
                                          .arg(formatTime(exp.toDouble()))
                                          .arg(now)
                                          .arg(leewaySeconds));
    }
    const QJsonValue nbf = claims.value(QLatin1String("nbf"));
    if (nbf.isDouble() && !(nbf.toDouble() - leeway <= current)) {
        return fail(ErrorKind::Input, QStringLiteral("token not valid before %1 (now %2, leeway %3 s)")
                                          .arg(formatTime(nbf.toDouble()))
                                          .arg(now)
                                          .arg(leewaySeconds));
    }
    return {};
}

Status ClaimValidator::validate(const JsonObjectView& claims, const VerifyOptions& options)
{
    if (auto ok = checkTypes(claims); !ok) {
        return ok;
    }
    for (const QString& name : options.requiredClaims) {
        if (!claims.contains(name)) {
            return fail(ErrorKind::Input, QStringLiteral("required claim \"%1\" is missing").arg(name));
        }
    }
    if (auto ok = checkTimes(claims, options.now, options.leewaySeconds); !ok) {
        return ok;
    }
    if (auto ok = checkEquals(claims, QLatin1String("iss"), QStringLiteral("issuer"), options.issuer); !ok) {
        return ok;
    }
    if (options.audience) {
        const QJsonValue aud = claims.value(QLatin1String("aud"));
        bool found = aud.isString() && aud.toString() == *options.audience;
        if (aud.isArray()) {
            for (const QJsonValue& entry : aud.toArray()) {
                found = found || entry.toString() == *options.audience;
            }
        }
        if (!found) {
            return fail(
                ErrorKind::Input,
                QStringLiteral("audience \"%1\" is not among the token's \"aud\"").arg(*options.audience));
        }
    }
    if (auto ok = checkEquals(claims, QLatin1String("type"), QStringLiteral("token type"), options.tokenType);
        !ok) {
        return ok;
    }
    if (options.isRevoked) {
        const QJsonValue jti = claims.value(QLatin1String("jti"));
        if (jti.isString() && options.isRevoked(jti.toString())) {
            return fail(ErrorKind::Input,
                        QStringLiteral("token id (jti) \"%1\" has been revoked").arg(jti.toString()));
        }
    }
    return {};
}

} // namespace tessera::jose
