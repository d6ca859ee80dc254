#include "MfaOutput.h"

#include "IdentitySupport.h"
#include "TextLayout.h"

#include <QJsonArray>

namespace tessera::cli {

QJsonObject MfaOutput::statusJson(const MfaStatus& status)
{
    const bool enrolled = status.state != MfaState::Off;
    auto ifEnrolled = [enrolled](const QJsonValue& value) {
        return enrolled ? value : QJsonValue(QJsonValue::Null);
    };
    return QJsonObject{
        {QStringLiteral("state"), mfaStateName(status.state)},
        {QStringLiteral("algorithm"), ifEnrolled(otpAlgorithmName(status.algorithm))},
        {QStringLiteral("digits"), ifEnrolled(status.digits)},
        {QStringLiteral("period"), ifEnrolled(status.period)},
        {QStringLiteral("enrolledAt"), IdentitySupport::isoOrNull(enrolled ? status.enrolledMs : 0)},
        {QStringLiteral("enrolledAtMs"), IdentitySupport::msOrNull(enrolled ? status.enrolledMs : 0)},
        {QStringLiteral("confirmedAt"),
         IdentitySupport::isoOrNull(status.isActive() ? status.confirmedMs : 0)},
        {QStringLiteral("confirmedAtMs"),
         IdentitySupport::msOrNull(status.isActive() ? status.confirmedMs : 0)},
        {QStringLiteral("backupCodesRemaining"), status.backupCodesRemaining},
        {QStringLiteral("backupCodesTotal"), status.backupCodesTotal},
        {QStringLiteral("required"), status.required},
    };
}

QJsonObject MfaOutput::summaryJson(const MfaStatus& status)
{
    return QJsonObject{{QStringLiteral("state"), mfaStateName(status.state)},
                       {QStringLiteral("backupCodesRemaining"), status.backupCodesRemaining},
                       {QStringLiteral("required"), status.required}};
}

QString MfaOutput::summaryText(const MfaStatus& status)
{
    QString text;
    switch (status.state) {
    case MfaState::Off:
        text = QStringLiteral("off");
        break;
    case MfaState::Pending:
        text = QStringLiteral("pending (enrolled, waiting for a first code)");
        break;
    case MfaState::Active:
        text = status.backupCodesTotal == 0 ? QStringLiteral("active, no backup codes")
                                            : QStringLiteral("active, %1 of %2 backup codes left")
                                                  .arg(status.backupCodesRemaining)
                                                  .arg(status.backupCodesTotal);
        break;
    }
    if (status.required) {
        text += status.isMissing() ? QStringLiteral(" (required by policy: not set up yet)")
                                   : QStringLiteral(" (required by policy)");
    }
    return text;
}

QString MfaOutput::settingsText(OtpAlgorithm algorithm, int digits, int period)
{
    return QStringLiteral("%1, %2 digits, %3 s").arg(otpAlgorithmName(algorithm)).arg(digits).arg(period);
}

QString MfaOutput::settingsText(const OtpPolicy& policy)
{
    return settingsText(policy.algorithm, policy.digits, policy.period);
}

QJsonObject MfaOutput::policyJson(const MfaPolicy& policy)
{
    return QJsonObject{{QStringLiteral("totp"), policy.totp.toJson()},
                       {QStringLiteral("issuer"), policy.issuer},
                       {QStringLiteral("requiredFor"), QJsonArray::fromStringList(policy.requiredFor)},
                       {QStringLiteral("appDefaults"), policy.totp.usesAppDefaults()}};
}

QString MfaOutput::policyText(const MfaPolicy& policy)
{
    QString text = TextLayout::labelled({
        {QStringLiteral("Algorithm"), otpAlgorithmName(policy.totp.algorithm)},
        {QStringLiteral("Digits"), QString::number(policy.totp.digits)},
        {QStringLiteral("Period"), QStringLiteral("%1 s").arg(policy.totp.period)},
        {QStringLiteral("Window"), QStringLiteral("%1 step(s) either side").arg(policy.totp.window)},
        {QStringLiteral("Issuer"), policy.issuer},
        {QStringLiteral("Required for"), policy.requiredFor.isEmpty()
                                             ? QStringLiteral("(nobody)")
                                             : policy.requiredFor.join(QStringLiteral(", "))},
    });
    if (!policy.totp.usesAppDefaults()) {
        text +=
            QStringLiteral("Note: not the app defaults (SHA1, 6 digits, 30 s); see 'totp policy --help'.\n");
    }
    return text;
}

QString MfaOutput::appDefaultsWarning(const OtpPolicy& policy)
{
    if (policy.usesAppDefaults()) {
        return {};
    }
    return QStringLiteral(
               "tessera-cli: warning: the vault's TOTP settings (%1) are not the app defaults "
               "(SHA1, 6 digits, 30 s). Google Authenticator and Microsoft Authenticator ignore "
               "other settings and show codes that will not match; use an app that honours them.\n")
        .arg(settingsText(policy));
}

} // namespace tessera::cli
