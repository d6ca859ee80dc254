#include "mfa/MfaPolicy.h"

#include "access/Permission.h"

#include <QJsonArray>
#include <algorithm>

namespace tessera {

namespace {

constexpr QLatin1StringView kTotpKey("totp");
constexpr QLatin1StringView kIssuerKey("issuer");
constexpr QLatin1StringView kRequiredForKey("requiredFor");

} // namespace

Status MfaPolicy::validate() const
{
    TESSERA_TRY(totp.validate());
    const QString trimmed = issuer.trimmed();
    if (trimmed.isEmpty()) {
        return fail(ErrorKind::Input, QStringLiteral("MFA policy: the issuer must not be empty"));
    }
    if (trimmed.size() > kMaxIssuerLength) {
        return fail(ErrorKind::Input,
                    QStringLiteral("MFA policy: the issuer is longer than %1 characters").arg(kMaxIssuerLength));
    }
    for (const QString& name : requiredFor) {
        if (auto permission = Permission::parse(name); !permission) {
            return fail(ErrorKind::Input, QStringLiteral("MFA policy: %1").arg(permission.error().message));
        }
    }
    return {};
}

QJsonObject MfaPolicy::toJson() const
{
    QJsonArray required;
    for (const QString& name : requiredFor) {
        required.append(name);
    }
    return QJsonObject{{QString(kTotpKey), totp.toJson()},
                       {QString(kIssuerKey), issuer.trimmed()},
                       {QString(kRequiredForKey), required}};
}

Result<MfaPolicy> MfaPolicy::fromJson(const QJsonObject& json)
{
    MfaPolicy policy;
    if (json.contains(kTotpKey)) {
        if (!json.value(kTotpKey).isObject()) {
            return fail(ErrorKind::Input, QStringLiteral("MFA policy: \"totp\" must be an object"));
        }
        TESSERA_TRY_ASSIGN(totp, OtpPolicy::fromJson(json.value(kTotpKey).toObject()));
        policy.totp = totp;
    }
    if (json.contains(kIssuerKey)) {
        if (!json.value(kIssuerKey).isString()) {
            return fail(ErrorKind::Input, QStringLiteral("MFA policy: \"issuer\" must be a string"));
        }
        policy.issuer = json.value(kIssuerKey).toString().trimmed();
    }
    if (json.contains(kRequiredForKey)) {
        const QJsonValue value = json.value(kRequiredForKey);
        if (!value.isArray()) {
            return fail(ErrorKind::Input, QStringLiteral("MFA policy: \"requiredFor\" must be an array of permissions"));
        }
        for (const QJsonValue& item : value.toArray()) {
            if (!item.isString()) {
                return fail(ErrorKind::Input,
                            QStringLiteral("MFA policy: \"requiredFor\" must hold permission names (strings)"));
            }
            policy.requiredFor.append(item.toString());
        }
        std::sort(policy.requiredFor.begin(), policy.requiredFor.end());
        policy.requiredFor.removeDuplicates();
    }
    TESSERA_TRY(policy.validate());
    return policy;
}

} // namespace tessera
