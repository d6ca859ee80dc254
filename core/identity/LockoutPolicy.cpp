#include "identity/LockoutPolicy.h"

#include <QJsonValue>
#include <QStringList>

namespace tessera {

namespace {

constexpr qint64 kSecond = 1000;
constexpr qint64 kDay = 24 * 3600 * kSecond;

} // namespace

Status LockoutPolicy::validate() const
{
    if (maxFailures < 1 || maxFailures > 1000) {
        return fail(ErrorKind::Input, QStringLiteral("failures before a lock must be 1-1000, not %1").arg(maxFailures));
    }
    if (windowMs < kSecond || windowMs > kDay) {
        return fail(ErrorKind::Input, QStringLiteral("the failure window must be 1 s to 1 day"));
    }
    if (firstLockMs < kSecond || firstLockMs > kDay) {
        return fail(ErrorKind::Input, QStringLiteral("the first lock must last 1 s to 1 day"));
    }
    if (maxLockMs < firstLockMs || maxLockMs > kDay) {
        return fail(ErrorKind::Input, QStringLiteral("the longest lock must be at least the first lock and at most 1 day"));
    }
    return {};
}

QJsonObject LockoutPolicy::toJson() const
{
    return QJsonObject{{QStringLiteral("maxFailures"), maxFailures},
                       {QStringLiteral("windowSeconds"), windowMs / kSecond},
                       {QStringLiteral("firstLockSeconds"), firstLockMs / kSecond},
                       {QStringLiteral("maxLockSeconds"), maxLockMs / kSecond}};
}

Result<LockoutPolicy> LockoutPolicy::fromJson(const QJsonObject& json)
{
    LockoutPolicy policy;
    const QStringList known{QStringLiteral("maxFailures"), QStringLiteral("windowSeconds"),
                            QStringLiteral("firstLockSeconds"), QStringLiteral("maxLockSeconds")};
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (!known.contains(it.key())) {
            return fail(ErrorKind::Input, QStringLiteral("unknown lockout setting '%1'").arg(it.key()));
        }
        if (!it.value().isDouble()) {
            return fail(ErrorKind::Input, QStringLiteral("lockout setting '%1' must be a number").arg(it.key()));
        }
    }
    policy.maxFailures = json.value(known[0]).toInt(policy.maxFailures);
    policy.windowMs = json.value(known[1]).toInteger(policy.windowMs / kSecond) * kSecond;
    policy.firstLockMs = json.value(known[2]).toInteger(policy.firstLockMs / kSecond) * kSecond;
    policy.maxLockMs = json.value(known[3]).toInteger(policy.maxLockMs / kSecond) * kSecond;
    TESSERA_TRY(policy.validate());
    return policy;
}

qint64 LockoutPolicy::lockLengthMs(int lockNumber) const
{
    qint64 length = firstLockMs;
    for (int i = 1; i < lockNumber && length < maxLockMs; ++i) {
        length *= 2;
    }
    return std::min(length, maxLockMs);
}

LoginState LockoutPolicy::afterFailure(LoginState state, qint64 nowMs) const
{
    if (state.failedLogins == 0 || nowMs - state.firstFailureMs > windowMs) {
        state.failedLogins = 0;
        state.firstFailureMs = nowMs;
    }
    ++state.failedLogins;
    if (state.failedLogins >= maxFailures) {
        ++state.lockCount;
        state.lockedUntilMs = nowMs + lockLengthMs(state.lockCount);
        // The next lock needs a fresh run of failures, counted from when this one ends.
        state.failedLogins = 0;
        state.firstFailureMs = 0;
    }
    return state;
}

LoginState LockoutPolicy::afterSuccess(LoginState state, qint64 nowMs)
{
    state.failedLogins = 0;
    state.firstFailureMs = 0;
    state.lockedUntilMs = 0;
    state.lockCount = 0;
    state.lastLoginMs = nowMs;
    return state;
}

} // namespace tessera
