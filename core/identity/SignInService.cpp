#include "identity/SignInService.h"

#include "common/Clock.h"
#include "identity/Directory.h"
#include "password/PasswordHasher.h"
#include "vault/Transaction.h"
#include "vault/Vault.h"

namespace tessera {

namespace {

LoginState loginStateOf(const User& user)
{
    return LoginState{user.failedLogins, user.firstFailureMs, user.lockedUntilMs, user.lockCount, user.lastLoginMs};
}

} // namespace

QString SignInResult::message() const
{
    if (authenticated) {
        return QStringLiteral("signed in");
    }
    if (secondFactorRequired) {
        return QStringLiteral("enter a code from your authenticator app or a backup code");
    }
    return QStringLiteral("invalid credentials");
}

QString SignInResult::reasonName(Reason reason)
{
    switch (reason) {
    case Reason::Success:
        return QStringLiteral("success");
    case Reason::UnknownUser:
        return QStringLiteral("unknown-user");
    case Reason::WrongPassword:
        return QStringLiteral("wrong-password");
    case Reason::NoPassword:
        return QStringLiteral("no-password");
    case Reason::Disabled:
        return QStringLiteral("disabled");
    case Reason::Locked:
        return QStringLiteral("locked");
    case Reason::SecondFactorRequired:
        return QStringLiteral("second-factor-required");
    case Reason::WrongCode:
        return QStringLiteral("wrong-code");
    case Reason::ReplayedCode:
        return QStringLiteral("replayed-code");
    case Reason::SecondStepExpired:
        return QStringLiteral("second-step-expired");
    }
    return QStringLiteral("unknown");
}

Result<QString> SignInService::dummyHash()
{
    if (!m_dummyHash) {
        const SecretBuffer random = SecretBuffer::random(32);
        TESSERA_TRY_ASSIGN(hash, PasswordHasher::hash(random, m_directory.hashParams()));
        m_dummyHash = hash;
    }
    return *m_dummyHash;
}

Result<SignInResult> SignInService::refuse(const User& user, const LoginState& state, SignInResult result,
                                           const QString& what)
{
    const qint64 now = m_directory.vault().clock().nowMs();
    const LockoutPolicy& policy = m_directory.lockoutPolicy();
    const LoginState after = policy.afterFailure(state, now);
    TESSERA_TRY(m_directory.store().saveLoginState(user.id, after));
    QString summary = what;
    if (after.lockedUntilMs > now && after.lockCount > state.lockCount) {
        result.lockedUntilMs = after.lockedUntilMs;
        summary += QStringLiteral("; locked for %1 s after %2 failures")
                       .arg((after.lockedUntilMs - now) / 1000)
                       .arg(policy.maxFailures);
    } else {
        summary += QStringLiteral(" (%1 of %2)").arg(after.failedLogins).arg(policy.maxFailures);
    }
    TESSERA_TRY(m_directory.audit(QStringLiteral("auth.failure"), user.username, summary));
    return result;
}

Result<std::optional<SignInResult>> SignInService::refuseIfBlocked(const User& user, SignInResult result,
                                                                   const QString& stepNote)
{
    const qint64 now = m_directory.vault().clock().nowMs();
    QString summary;
    if (user.isLockedAt(now)) {
        // The attempt does not extend the lock, or anyone could keep a victim locked out forever.
        result.reason = SignInResult::Reason::Locked;
        result.lockedUntilMs = user.lockedUntilMs;
        summary = QStringLiteral("account locked");
    } else if (user.disabled) {
        result.reason = SignInResult::Reason::Disabled;
        summary = QStringLiteral("account disabled");
    } else {
        return std::optional<SignInResult>{};
    }
    TESSERA_TRY(m_directory.audit(QStringLiteral("auth.failure"), user.username, summary + stepNote));
    return std::optional<SignInResult>(std::move(result));
}

Result<SignInResult> SignInService::succeed(const User& user, const LoginState& state, SignInResult result,
                                            QString summary)
{
    const qint64 now = m_directory.vault().clock().nowMs();
    result.authenticated = true;
    result.reason = SignInResult::Reason::Success;
    result.secondFactorRequired = false;
    result.secondStep.reset();
    result.mustChangePassword = user.mustChangePassword;
    TESSERA_TRY(m_directory.store().saveLoginState(user.id, LockoutPolicy::afterSuccess(state, now)));
    if (user.mustChangePassword) {
        summary += QStringLiteral("; must change password");
    }
    if (result.secondFactorMethod == SecondFactorCheck::Method::None && m_directory.mfa().isRequired(user.username)) {
        result.mfaSetupRequired = true;
        summary += QStringLiteral("; MFA required by policy but no authenticator is active");
    }
    TESSERA_TRY(m_directory.audit(QStringLiteral("auth.success"), user.username, summary));
    return result;
}

Result<SignInResult> SignInService::secondStep(const User& user, const LoginState& state, QStringView code,
                                               SignInResult result)
{
    result.secondFactorRequired = false;
    result.secondStep.reset();
    TESSERA_TRY_ASSIGN(check, m_directory.mfa().check(user.id, code));
    result.secondFactorMethod = check.method;
    result.backupCodesRemaining = check.backupCodesRemaining;
    if (check.outcome == SecondFactorCheck::Outcome::Replayed) {
        result.reason = SignInResult::Reason::ReplayedCode;
        return refuse(user, state, std::move(result), QStringLiteral("authenticator code already used"));
    }
    if (!check.accepted()) {
        result.reason = SignInResult::Reason::WrongCode;
        return refuse(user, state, std::move(result), QStringLiteral("wrong second-factor code"));
    }
    const QString summary = check.method == SecondFactorCheck::Method::Totp
                                ? QStringLiteral("signed in with password and authenticator code")
                                : QStringLiteral("signed in with password and a backup code; %1 left")
                                      .arg(check.backupCodesRemaining);
    return succeed(user, state, std::move(result), summary);
}

Result<SignInResult> SignInService::signIn(const QString& username, const SecretBuffer& password,
                                           const std::optional<QString>& code)
{
    Vault& vault = m_directory.vault();
    IdentityStore& store = m_directory.store();
    const qint64 now = vault.clock().nowMs();
    SignInResult result;
    result.username = username;

    TESSERA_TRY_ASSIGN(user, store.loadUser(username));
    if (!user) {
        // The same cost as a real check, and the same answer.
        TESSERA_TRY_ASSIGN(dummy, dummyHash());
        (void)PasswordHasher::verify(password, dummy, m_directory.hashParams());
        result.reason = SignInResult::Reason::UnknownUser;
        TESSERA_TRY(m_directory.audit(QStringLiteral("auth.failure"), username, QStringLiteral("unknown user")));
        return result;
    }
    result.username = user->username;
    TESSERA_TRY_ASSIGN(hash, store.passwordHash(user->id));
    bool matches = false;
    bool needsRehash = false;
    if (hash.isEmpty()) {
        TESSERA_TRY_ASSIGN(dummy, dummyHash());
        (void)PasswordHasher::verify(password, dummy, m_directory.hashParams());
    } else {
        TESSERA_TRY_ASSIGN(outcome, PasswordHasher::verify(password, hash, m_directory.hashParams()));
        matches = outcome.matches;
        needsRehash = outcome.needsRehash;
    }

    const LoginState state = loginStateOf(*user);
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(vault.database()));
    // Checked after the hash so a locked account answers as slowly as any other.
    TESSERA_TRY_ASSIGN(blocked, refuseIfBlocked(*user, result, QString()));
    if (blocked) {
        TESSERA_TRY(tx.commit());
        return *blocked;
    }
    if (!matches) {
        result.reason = hash.isEmpty() ? SignInResult::Reason::NoPassword : SignInResult::Reason::WrongPassword;
        TESSERA_TRY_ASSIGN(refused, refuse(*user, state, std::move(result),
                                           hash.isEmpty() ? QStringLiteral("no password set")
                                                          : QStringLiteral("wrong password")));
        TESSERA_TRY(tx.commit());
        return refused;
    }

    QString rehashNote;
    if (needsRehash) {
        // The password is proven right, whatever the second step brings.
        TESSERA_TRY_ASSIGN(upgraded, PasswordHasher::hash(password, m_directory.hashParams()));
        TESSERA_TRY(store.replaceHashInPlace(user->id, upgraded));
        result.rehashed = true;
        rehashNote = QStringLiteral("; password hash upgraded to %1").arg(m_directory.hashParams().describe());
    }
    TESSERA_TRY_ASSIGN(twoStep, m_directory.mfa().hasActiveAuthenticator(user->id));
    if (twoStep && !code) {
        // Earlier failures stay counted: a known password must not reset the count while codes are guessed.
        result.reason = SignInResult::Reason::SecondFactorRequired;
        result.secondFactorRequired = true;
        result.secondStep = SecondStep{user->id, user->username, now};
        TESSERA_TRY(m_directory.audit(QStringLiteral("auth.second-factor"), user->username,
                                      QStringLiteral("password accepted; waiting for a second-factor code") +
                                          rehashNote));
        TESSERA_TRY(tx.commit());
        return result;
    }
    Result<SignInResult> finished = twoStep ? secondStep(*user, state, *code, std::move(result))
                                            : succeed(*user, state, std::move(result),
                                                      QStringLiteral("signed in") + rehashNote);
    TESSERA_TRY(finished);
    TESSERA_TRY(tx.commit());
    return finished;
}

Result<SignInResult> SignInService::completeSignIn(const SecondStep& step, QStringView code)
{
    Vault& vault = m_directory.vault();
    const qint64 now = vault.clock().nowMs();
    SignInResult result;
    result.username = step.username;

    TESSERA_TRY_ASSIGN(user, m_directory.store().loadUser(step.username));
    if (!user || user->id != step.userId) {
        // Deleted or renamed between the steps: nothing to sign in to.
        result.reason = SignInResult::Reason::UnknownUser;
        TESSERA_TRY(m_directory.audit(QStringLiteral("auth.failure"), step.username,
                                      QStringLiteral("second step for an account that no longer exists")));
        return result;
    }
    result.username = user->username;
    const LoginState state = loginStateOf(*user);
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(vault.database()));
    TESSERA_TRY_ASSIGN(blocked, refuseIfBlocked(*user, result, QStringLiteral(" (second step)")));
    if (blocked) {
        TESSERA_TRY(tx.commit());
        return *blocked;
    }
    if (now - step.passwordAcceptedMs > kSecondStepMs || now < step.passwordAcceptedMs) {
        result.reason = SignInResult::Reason::SecondStepExpired;
        TESSERA_TRY(m_directory.audit(QStringLiteral("auth.failure"), user->username,
                                      QStringLiteral("second-factor code came more than %1 min after the password")
                                          .arg(kSecondStepMs / 60000)));
        TESSERA_TRY(tx.commit());
        return result;
    }
    TESSERA_TRY_ASSIGN(finished, secondStep(*user, state, code, std::move(result)));
    TESSERA_TRY(tx.commit());
    return finished;
}

} // namespace tessera
