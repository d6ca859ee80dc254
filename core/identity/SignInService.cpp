#include "identity/SignInService.h"

#include "common/Clock.h"
#include "identity/Directory.h"
#include "password/PasswordHasher.h"
#include "vault/Transaction.h"
#include "vault/Vault.h"

namespace tessera {

QString SignInResult::message() const
{
    return authenticated ? QStringLiteral("signed in") : QStringLiteral("invalid credentials");
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

Result<SignInResult> SignInService::signIn(const QString& username, const SecretBuffer& password)
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

    LoginState state{user->failedLogins, user->firstFailureMs, user->lockedUntilMs, user->lockCount,
                     user->lastLoginMs};
    const LockoutPolicy& policy = m_directory.lockoutPolicy();
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(vault.database()));
    if (user->isLockedAt(now)) {
        // Checked after the hash so a locked account answers as slowly as any other; the attempt does
        // not extend the lock, or anyone could keep a victim locked out forever.
        result.reason = SignInResult::Reason::Locked;
        result.lockedUntilMs = user->lockedUntilMs;
        TESSERA_TRY(m_directory.audit(QStringLiteral("auth.failure"), user->username,
                                      QStringLiteral("account locked")));
        TESSERA_TRY(tx.commit());
        return result;
    }
    if (user->disabled) {
        result.reason = SignInResult::Reason::Disabled;
        TESSERA_TRY(m_directory.audit(QStringLiteral("auth.failure"), user->username,
                                      QStringLiteral("account disabled")));
        TESSERA_TRY(tx.commit());
        return result;
    }
    if (!matches) {
        result.reason = hash.isEmpty() ? SignInResult::Reason::NoPassword : SignInResult::Reason::WrongPassword;
        const LoginState after = policy.afterFailure(state, now);
        TESSERA_TRY(store.saveLoginState(user->id, after));
        QString summary = hash.isEmpty() ? QStringLiteral("no password set") : QStringLiteral("wrong password");
        if (after.lockedUntilMs > now && after.lockCount > state.lockCount) {
            result.lockedUntilMs = after.lockedUntilMs;
            summary += QStringLiteral("; locked for %1 s after %2 failures")
                           .arg((after.lockedUntilMs - now) / 1000)
                           .arg(policy.maxFailures);
        } else {
            summary += QStringLiteral(" (%1 of %2)").arg(after.failedLogins).arg(policy.maxFailures);
        }
        TESSERA_TRY(m_directory.audit(QStringLiteral("auth.failure"), user->username, summary));
        TESSERA_TRY(tx.commit());
        return result;
    }

    result.authenticated = true;
    result.reason = SignInResult::Reason::Success;
    result.mustChangePassword = user->mustChangePassword;
    TESSERA_TRY(store.saveLoginState(user->id, LockoutPolicy::afterSuccess(state, now)));
    QString summary = QStringLiteral("signed in");
    if (needsRehash) {
        TESSERA_TRY_ASSIGN(upgraded, PasswordHasher::hash(password, m_directory.hashParams()));
        TESSERA_TRY(store.replaceHashInPlace(user->id, upgraded));
        result.rehashed = true;
        summary += QStringLiteral("; password hash upgraded to %1").arg(m_directory.hashParams().describe());
    }
    if (user->mustChangePassword) {
        summary += QStringLiteral("; must change password");
    }
    TESSERA_TRY(m_directory.audit(QStringLiteral("auth.success"), user->username, summary));
    TESSERA_TRY(tx.commit());
    return result;
}

} // namespace tessera
