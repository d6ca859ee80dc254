#pragma once

#include "totp/OtpAlgorithm.h"

#include <QString>

namespace tessera {

// Where a user stands with the second factor. Only an Active authenticator is asked for at sign-in;
// a Pending one waits for its first valid code (enrolment confirmation).
enum class MfaState
{
    Off,
    Pending,
    Active,
};

QString mfaStateName(MfaState state); // "off", "pending", "active"

// One user's second-factor state as admins see it; never holds the seed or the codes.
struct MfaStatus
{
    MfaState state = MfaState::Off;
    OtpAlgorithm algorithm = OtpAlgorithm::Sha1; // of the enrolment (kept even if the vault policy changes)
    int digits = 6;
    int period = 30;
    qint64 enrolledMs = 0;  // when the pending enrolment was made
    qint64 confirmedMs = 0; // when the first valid code activated it
    int backupCodesTotal = 0;
    int backupCodesRemaining = 0;
    bool required = false; // the vault's MFA policy asks this user for a second factor

    bool isActive() const { return state == MfaState::Active; }
    // Required but not active: the Users page flags it.
    bool isMissing() const { return required && state != MfaState::Active; }
    // The Users page warns when an active user is close to running out of backup codes.
    static constexpr int kLowBackupCodes = 3;
    bool backupCodesLow() const { return isActive() && backupCodesRemaining <= kLowBackupCodes; }
};

} // namespace tessera
