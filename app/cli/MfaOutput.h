#pragma once

#include "mfa/MfaPolicy.h"
#include "mfa/MfaStatus.h"

#include <QJsonObject>
#include <QString>

namespace tessera::cli {

// How the second factor appears in the CLI's text and JSON (totp status, totp policy, user show).
class MfaOutput
{
public:
    // {"state", "algorithm", "digits", "period", "enrolledAt"/"Ms", "confirmedAt"/"Ms",
    //  "backupCodesRemaining", "backupCodesTotal", "required"}; settings and times are null when off.
    static QJsonObject statusJson(const MfaStatus& status);
    // {"state", "backupCodesRemaining", "required"}: the part `user show` carries.
    static QJsonObject summaryJson(const MfaStatus& status);
    // "active, 8 of 10 backup codes left", "off (required by policy)", ...
    static QString summaryText(const MfaStatus& status);
    static QString settingsText(OtpAlgorithm algorithm, int digits, int period); // "SHA1, 6 digits, 30 s"
    static QString settingsText(const OtpPolicy& policy);

    // {"totp": {...}, "issuer", "requiredFor", "appDefaults"}
    static QJsonObject policyJson(const MfaPolicy& policy);
    static QString policyText(const MfaPolicy& policy);
    // The warning a non-default TOTP policy deserves, or an empty string.
    static QString appDefaultsWarning(const OtpPolicy& policy);
};

} // namespace tessera::cli
