#pragma once

#include "mfa/MfaStatus.h"
#include "totp/OtpPolicy.h"

#include <QCoreApplication>
#include <QString>

namespace tessera::ui {

// The words the Users page, the user editor and the MFA dialogs use for second-factor states and
// settings, in one place so they agree.
class MfaText
{
    Q_DECLARE_TR_FUNCTIONS(MfaText)

public:
    // "SHA1, 6 digits, 30 s"
    static QString settings(OtpAlgorithm algorithm, int digits, int period);
    static QString settings(const OtpPolicy& policy);
    // Why non-default settings are risky; shown wherever they are chosen or handed out.
    static QString appDefaultsWarning();

    // The users table's cell: "Off", "Pending", "Active", "Active · 2 codes left", "Required".
    static QString cell(const MfaStatus& status);
    static QString cellToolTip(const MfaStatus& status);
    // "8 of 10 left", "none generated"
    static QString backupCodes(const MfaStatus& status);
    // Whether the cell needs attention: required but missing (failure), or few backup codes (warning).
    enum class Attention
    {
        None,
        Warning,
        Failure,
    };
    static Attention attention(const MfaStatus& status);
};

} // namespace tessera::ui
