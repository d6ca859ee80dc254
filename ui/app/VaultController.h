#pragma once

#include "common/Clock.h"
#include "common/Error.h"
#include "crypto/KdfParams.h"
#include "crypto/SecretBuffer.h"
#include "identity/Directory.h"
#include "session/SessionSettings.h"
#include "session/SessionTimer.h"
#include "session/UnlockBackoff.h"
#include "vault/Vault.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>

class QThread;

namespace tessera::ui {

class ActivityFilter;

template <typename T> struct IsResult : std::false_type
{
};
template <typename T> struct IsResult<std::expected<T, Error>> : std::true_type
{
};

// Owns the unlocked vault and the session around it. Every vault operation runs on one worker
// thread, one job at a time, so the UI thread never waits for the KDF or SQLite and never touches
// the vault while a job does. Locking wipes the keys and tells every page to forget its data.
class VaultController : public QObject
{
    Q_OBJECT

public:
    enum class LockReason
    {
        User,
        Idle,
        SessionLimit,
        Minimised,
        Replaced
    };
    Q_ENUM(LockReason)

    explicit VaultController(QObject* parent = nullptr);
    ~VaultController() override;

    // Test seams: the clock behind auto-lock and the unlock backoff, and KDF parameters used instead
    // of tuning whenever a key is created (the GUI itself never offers this).
    void setClock(const Clock& clock);
    void setCreationKdfOverride(std::optional<KdfParams> params) { m_kdfOverride = params; }

    bool isUnlocked() const { return m_vault != nullptr; }
    bool isBusy() const { return m_worker != nullptr || !m_queue.empty(); }
    QString vaultPath() const { return m_path; }
    QString vaultName() const; // file name without the suffix
    SessionSettings sessionSettings() const { return m_sessionSettings; }
    qint64 msUntilLock() const;
    const UnlockBackoff& unlockBackoff() const { return *m_backoff; }
    const Clock& clock() const { return *m_clock; }

    // Each ends in unlocked() or createFailed()/unlockFailed(). Passwords are consumed and wiped.
    void createVault(const QString& path, SecretBuffer password, std::chrono::milliseconds unlockTime);
    void unlockVault(const QString& path, SecretBuffer password);
    // Ends in passwordChanged() or passwordChangeFailed(); the current password is re-verified.
    void changePassword(SecretBuffer current, SecretBuffer next, std::chrono::milliseconds unlockTime);

    void lock(LockReason reason = LockReason::User);
    void noteActivity();
    void checkSession(); // locks if a limit has passed; also run every second

    // Applies session limits already stored in the vault (by a job that called setSetting).
    void setSessionSettings(SessionSettings settings);
    // Pages call this after a job changed the vault, so other pages reload (e.g. the audit trail).
    void notifyVaultChanged() { Q_EMIT vaultChanged(); }

    // Pages call this after a job changed users, roles or grants, so the users and roles pages reload.
    void notifyIdentityChanged()
    {
        Q_EMIT identityChanged();
        Q_EMIT vaultChanged();
    }

    // Set when a lock is pending; long jobs poll it to stop early.
    std::shared_ptr<const std::atomic<bool>> lockRequestedFlag() const { return m_lockRequested; }

    // Queues `work(Vault&)` for the worker thread; `done(result)` then runs on the UI thread unless
    // `context` is gone or the vault was locked meanwhile. Returns false when no vault is unlocked.
    template <typename Work, typename Done> bool run(QObject* context, Work work, Done done);
    // The same for `work(Directory&)`: users, roles, grants and sign-in of the unlocked vault.
    template <typename Work, typename Done> bool runDirectory(QObject* context, Work work, Done done);

Q_SIGNALS:
    void busyChanged(bool busy);
    void unlocked();
    void unlockFailed(const tessera::Error& error);
    void createFailed(const tessera::Error& error);
    void locked(tessera::ui::VaultController::LockReason reason);
    void passwordChanged();
    void passwordChangeFailed(const tessera::Error& error);
    void vaultChanged();
    void identityChanged();
    void sessionSettingsChanged();
    void sessionTick(qint64 msUntilLock);

private:
    struct Job
    {
        std::function<void()> work; // worker thread
        std::function<void()> done; // UI thread
    };
    struct OpenOutcome
    {
        Result<std::unique_ptr<Vault>> vault = fail(ErrorKind::Internal, QString());
        SessionSettings settings;
    };

    void enqueue(Job job);
    void startNext();
    void jobFinished(const std::function<void()>& done);
    void reportBusy();
    void adopt(OpenOutcome outcome, bool created);
    void closeVault(LockReason reason);
    KdfParams kdfFor(std::chrono::milliseconds unlockTime) const;
    static SessionSettings readSessionSettings(Vault& vault);
    static void seedDirectory(OpenOutcome& outcome);
    Result<Directory*> directoryOnWorker(Vault& vault); // worker thread only

    const Clock* m_clock;
    std::optional<KdfParams> m_kdfOverride;
    std::unique_ptr<Vault> m_vault;
    std::unique_ptr<Directory> m_directory; // over m_vault, loaded by the first directory job; reset before it
    QString m_path;
    std::unique_ptr<SessionTimer> m_session;
    std::unique_ptr<UnlockBackoff> m_backoff;
    SessionSettings m_sessionSettings;
    QTimer m_tick;
    ActivityFilter* m_activityFilter;

    std::deque<Job> m_queue;
    QThread* m_worker = nullptr;
    std::optional<LockReason> m_pendingLock;
    bool m_reportedBusy = false;
    std::shared_ptr<std::atomic<bool>> m_lockRequested;
};

template <typename Work, typename Done> bool VaultController::run(QObject* context, Work work, Done done)
{
    using R = std::invoke_result_t<Work&, Vault&>;
    static_assert(!std::is_void_v<R>, "return a Status instead of void");
    if (!m_vault || m_pendingLock) {
        return false;
    }
    // Shared state keeps the queued callables copyable even when they hold move-only values.
    auto result = std::make_shared<std::optional<R>>();
    auto task = std::make_shared<Work>(std::move(work));
    auto finish = std::make_shared<Done>(std::move(done));
    Vault* vault = m_vault.get();
    QPointer<QObject> guard(context);
    enqueue(Job{[vault, task, result] { result->emplace((*task)(*vault)); },
                [guard, finish, result] {
                    if (guard && result->has_value()) {
                        (*finish)(std::move(**result));
                    }
                }});
    return true;
}

template <typename Work, typename Done> bool VaultController::runDirectory(QObject* context, Work work, Done done)
{
    using R = std::invoke_result_t<Work&, Directory&>;
    static_assert(IsResult<R>::value, "directory jobs return a Result or Status: loading the directory can fail");
    return run(
        context,
        [this, work = std::move(work)](Vault& vault) mutable -> R {
            auto directory = directoryOnWorker(vault);
            if (!directory) {
                return std::unexpected(directory.error());
            }
            return work(**directory);
        },
        std::move(done));
}

} // namespace tessera::ui
