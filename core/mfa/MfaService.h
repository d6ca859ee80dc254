#pragma once

#include "common/Error.h"
#include "mfa/MfaPolicy.h"
#include "mfa/MfaStatus.h"
#include "mfa/MfaStore.h"
#include "mfa/TotpEnrolment.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace tessera {

class Directory;

// The outcome of checking a second-factor code during sign-in.
struct SecondFactorCheck
{
    enum class Method
    {
        None,
        Totp,
        BackupCode,
    };
    enum class Outcome
    {
        Accepted,
        Rejected, // wrong, malformed or expired code, or an already used backup code
        Replayed, // a TOTP code for a time step already used
    };

    Outcome outcome = Outcome::Rejected;
    Method method = Method::None;
    int backupCodesRemaining = 0; // after this check; counted only when Method::BackupCode

    bool accepted() const { return outcome == Outcome::Accepted; }
};

// Second-factor administration and checks for one open Directory (practice guide, section 7):
// TOTP enrolment (pending until a first valid code confirms it), reset, backup codes, the vault's
// MFA policy, and the code check the sign-in service runs. Seeds are sealed with the vault's TOTP seed
// subkey and never leave this class after enrolment; backup codes are stored only as keyed hashes.
// Every change is audited in the same transaction that makes it. Not thread-safe, like Directory.
class MfaService
{
public:
    // Loads the policy setting; Corrupt error when the stored policy is malformed.
    static Result<MfaService> open(Directory& directory);

    const MfaPolicy& policy() const { return m_policy; }
    Status setPolicy(const MfaPolicy& policy); // audited as settings.change

    Result<MfaStatus> status(const QString& username);
    // Every user's state by user id, for the users table (two scans, no seed decrypted).
    Result<QHash<qint64, MfaStatus>> statuses();
    // Whether the policy asks `username` for a second factor (holds a permission in requiredFor).
    bool isRequired(const QString& username) const;

    // A new pending enrolment with a fresh 160-bit seed under the current policy. Conflict when the
    // user already has an active authenticator (reset it first); a pending one is replaced.
    Result<TotpEnrolment> enrol(const QString& username);
    // Activates a pending enrolment with a code from the authenticator (the step is then used up).
    // Input error "the code does not match" when it does not; Conflict when already active;
    // NotFound when there is no enrolment.
    Status confirm(const QString& username, QStringView code);
    // Removes the authenticator and the backup codes; NotFound when the user has neither.
    Status reset(const QString& username);

    // A fresh set of `count` codes replacing any earlier set; Conflict unless the authenticator is active.
    Result<QStringList> generateBackupCodes(const QString& username, int count = BackupCodes::kDefaultCount);

    // For SignInService, inside its transaction: checks `code` as a TOTP code (when it looks like one)
    // or else as a backup code, and records the use (last step, or the code marked used).
    Result<SecondFactorCheck> check(qint64 userId, QStringView code);
    // True when the user has an active authenticator (sign-in then asks for a second step).
    Result<bool> hasActiveAuthenticator(qint64 userId);

    // The code an authenticator shows now for `username`'s seed; for tests and demos only (the GUI's
    // test seam), never offered in the product's UI or CLI.
    Result<QString> currentCodeForTesting(const QString& username);

private:
    explicit MfaService(Directory& directory);
    Result<SecretBuffer> openSeed(const TotpEnrolmentRecord& record) const;

    Directory* m_directory;
    MfaStore m_store;
    MfaPolicy m_policy;
};

} // namespace tessera
