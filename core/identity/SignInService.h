#pragma once

#include "common/Error.h"
#include "crypto/SecretBuffer.h"

#include <QString>
#include <optional>

namespace tessera {

class Directory;

// The outcome of one sign-in attempt. `message` is all a person signing in may see; `reason` is for
// the audit trail, admins and tests, and must never reach them, or the service would tell an attacker
// which usernames exist and which accounts are locked.
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
    };

    bool authenticated = false;
    Reason reason = Reason::UnknownUser;
    QString username;          // as stored, when the account exists; as typed otherwise
    qint64 lockedUntilMs = 0;  // when the account is (now) locked
    bool mustChangePassword = false;
    bool rehashed = false;     // the stored hash was upgraded to the vault's current parameters
    bool secondFactorRequired = false; // reserved for the MFA step

    QString message() const; // "signed in" or the one generic "invalid credentials"
    static QString reasonName(Reason reason); // "success", "unknown-user", "wrong-password", ...
};

// Password sign-in against the vault's users, as the practice guide prescribes: one generic error for
// every failure; an unknown user still costs one hash verification (against a dummy hash made with the
// vault's parameters), so timing does not reveal who exists; per-account brute-force protection
// persisted in the vault (LockoutPolicy); hashes in an old format or with old parameters are rehashed
// after a successful sign-in; every outcome is audited.
class SignInService
{
public:
    explicit SignInService(Directory& directory) : m_directory(directory) {}

    // Errors are for failures to run the check at all (vault I/O, a malformed stored hash); a wrong
    // password is a result with authenticated == false.
    Result<SignInResult> signIn(const QString& username, const SecretBuffer& password);

private:
    Result<QString> dummyHash();

    Directory& m_directory;
    std::optional<QString> m_dummyHash; // made on first use with the vault's hash parameters
};

} // namespace tessera
