#pragma once

#include "common/Error.h"
#include "crypto/SecretBuffer.h"
#include "identity/IdentityStore.h"
#include "identity/User.h"
#include "mfa/MfaService.h"

#include <QString>
#include <optional>

namespace tessera {

class Directory;

// The outcome of one sign-in attempt. `message` is all a person signing in may see; `reason` is for
// the audit trail, admins and tests, and must never reach them, or the service would tell an attacker
// which usernames exist and which accounts are locked.
// What the second step of a sign-in needs: who passed the password step, and when. Held by the
// front end between the two steps; it grants nothing by itself (the code must still match).
struct SecondStep
{
    qint64 userId = 0;
    QString username;
    qint64 passwordAcceptedMs = 0;
};

struct SignInResult
{
    enum class Reason
    {
        Success,
        UnknownUser,
        WrongPassword,
        NoPassword, // the account has no password yet
        Disabled,
        Locked,
        SecondFactorRequired, // the password was right; a TOTP or backup code must follow (completeSignIn)
        WrongCode,            // second step: wrong, malformed or used-up code
        ReplayedCode,         // second step: a TOTP code for a time step already used
        SecondStepExpired,    // second step: more than kSecondStepMs after the password
    };

    bool authenticated = false;
    Reason reason = Reason::UnknownUser;
    QString username;          // as stored, when the account exists; as typed otherwise
    qint64 lockedUntilMs = 0;  // when the account is (now) locked
    bool mustChangePassword = false;
    bool rehashed = false;     // the stored hash was upgraded to the vault's current parameters
    bool secondFactorRequired = false; // password accepted; call completeSignIn with `secondStep`
    std::optional<SecondStep> secondStep;
    SecondFactorCheck::Method secondFactorMethod = SecondFactorCheck::Method::None; // what completed it
    int backupCodesRemaining = 0; // after a sign-in with a backup code
    bool mfaSetupRequired = false; // signed in, but the MFA policy asks this user to enrol an authenticator

    // "signed in", "enter a code from your authenticator app or a backup code", or the one generic
    // "invalid credentials" for every failure, of either step.
    QString message() const;
    static QString reasonName(Reason reason); // "success", "unknown-user", "wrong-password", ...
};

// Password sign-in against the vault's users, as the practice guide prescribes: one generic error for
// every failure; an unknown user still costs one hash verification (against a dummy hash made with the
// vault's parameters), so timing does not reveal who exists; per-account brute-force protection
// persisted in the vault (LockoutPolicy); hashes in an old format or with old parameters are rehashed
// after a successful sign-in; every outcome is audited.
//
// Users with an active authenticator sign in in two steps: the password step answers
// SecondFactorRequired (without clearing earlier failures, so the password cannot be used to reset the
// count while codes are guessed), then completeSignIn takes a TOTP or backup code. A wrong code counts
// toward the same lockout as a wrong password and gets the same generic message.
class SignInService
{
public:
    explicit SignInService(Directory& directory) : m_directory(directory) {}

    // Errors are for failures to run the check at all (vault I/O, a malformed stored hash); a wrong
    // password is a result with authenticated == false.
    // With `code`, a user with an active authenticator is checked in both steps at once (the CLI's
    // `auth login --code`); a code given for a user without one is ignored.
    Result<SignInResult> signIn(const QString& username, const SecretBuffer& password,
                                const std::optional<QString>& code = std::nullopt);
    Result<SignInResult> completeSignIn(const SecondStep& step, QStringView code);

    static constexpr qint64 kSecondStepMs = 5 * 60 * 1000;

private:
    Result<QString> dummyHash();
    // The refusal of a locked or disabled account (audited), or nullopt when neither applies.
    Result<std::optional<SignInResult>> refuseIfBlocked(const User& user, SignInResult result, const QString& stepNote);
    // The end of every attempt on an existing account, inside the caller's open transaction.
    Result<SignInResult> refuse(const User& user, const LoginState& state, SignInResult result, const QString& what);
    Result<SignInResult> secondStep(const User& user, const LoginState& state, QStringView code, SignInResult result);
    Result<SignInResult> succeed(const User& user, const LoginState& state, SignInResult result, QString summary);

    Directory& m_directory;
    std::optional<QString> m_dummyHash; // made on first use with the vault's hash parameters
};

} // namespace tessera
