#pragma once

#include "common/Error.h"
#include "identity/IdentityStore.h"

#include <QJsonObject>

namespace tessera {

// Brute-force protection per account (practice guide, section 3 and the checklist): after
// `maxFailures` failed sign-ins within `windowMs`, the account locks for `firstLockMs`; every further
// lock doubles the wait, up to `maxLockMs`. A success clears the failure count; the doubling resets
// only after a success too, so an attacker who waits out a lock meets a longer one next time.
struct LockoutPolicy
{
    int maxFailures = 5;
    qint64 windowMs = 15 * 60 * 1000;
    qint64 firstLockMs = 60 * 1000;
    qint64 maxLockMs = 15 * 60 * 1000;

    Status validate() const;
    QJsonObject toJson() const; // {"maxFailures":5,"windowSeconds":900,"firstLockSeconds":60,"maxLockSeconds":900}
    static Result<LockoutPolicy> fromJson(const QJsonObject& json);

    // The lock length for the n-th lock (1-based).
    qint64 lockLengthMs(int lockNumber) const;
    // The state after one more failure at `nowMs`.
    LoginState afterFailure(LoginState state, qint64 nowMs) const;
    // The state after a successful sign-in.
    static LoginState afterSuccess(LoginState state, qint64 nowMs);

    friend bool operator==(const LockoutPolicy&, const LockoutPolicy&) = default;
};

} // namespace tessera
