#include "mfa/MfaText.h"

namespace tessera::ui {

QString MfaText::settings(OtpAlgorithm algorithm, int digits, int period)
{
    return tr("%1, %2 digits, %3 s").arg(otpAlgorithmName(algorithm)).arg(digits).arg(period);
}

QString MfaText::settings(const OtpPolicy& policy)
{
    return settings(policy.algorithm, policy.digits, policy.period);
}

QString MfaText::appDefaultsWarning()
{
    return tr("Google and Microsoft Authenticator ignore non-default settings: they always use SHA1, "
              "6 digits and 30 s, so their codes will not match.");
}

QString MfaText::cell(const MfaStatus& status)
{
    switch (status.state) {
    case MfaState::Off:
        return status.required ? tr("Required") : tr("Off");
    case MfaState::Pending:
        return status.required ? tr("Pending · required") : tr("Pending");
    case MfaState::Active:
        if (status.backupCodesTotal == 0) {
            return tr("Active · no codes");
        }
        if (status.backupCodesLow()) {
            return status.backupCodesRemaining == 1
                       ? tr("Active · 1 code left")
                       : tr("Active · %1 codes left").arg(status.backupCodesRemaining);
        }
        return tr("Active");
    }
    return {};
}

QString MfaText::cellToolTip(const MfaStatus& status)
{
    QString text;
    switch (status.state) {
    case MfaState::Off:
        text = tr("No authenticator: signs in with the password alone");
        break;
    case MfaState::Pending:
        text = tr("Enrolment pending: waiting for a first code from the authenticator app; not asked for "
                  "at sign-in yet");
        break;
    case MfaState::Active:
        text = tr("Authenticator active; backup codes: %1").arg(backupCodes(status));
        break;
    }
    if (status.isMissing()) {
        text +=
            QLatin1Char('\n') + tr("The vault's MFA policy requires an active authenticator for this user.");
    }
    return text;
}

QString MfaText::backupCodes(const MfaStatus& status)
{
    if (status.backupCodesTotal == 0) {
        return tr("none generated");
    }
    return tr("%1 of %2 left").arg(status.backupCodesRemaining).arg(status.backupCodesTotal);
}

MfaText::Attention MfaText::attention(const MfaStatus& status)
{
    if (status.isMissing()) {
        return Attention::Failure;
    }
    return status.backupCodesLow() ? Attention::Warning : Attention::None;
}

} // namespace tessera::ui
