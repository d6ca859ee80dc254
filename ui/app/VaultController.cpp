#include "app/VaultController.h"

#include "app/ActivityFilter.h"
#include "audit/AuditActor.h"
#include "crypto/KdfTuner.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QThread>

namespace tessera::ui {

namespace {

AuditActor guiActor()
{
    return AuditActor::current(QStringLiteral("gui"));
}

} // namespace

VaultController::VaultController(QObject* parent)
    : QObject(parent), m_clock(&SystemClock::instance()),
      m_session(std::make_unique<SessionTimer>(*m_clock, SessionSettings{}.limits())),
      m_backoff(std::make_unique<UnlockBackoff>(*m_clock)),
      m_activityFilter(new ActivityFilter([this] { noteActivity(); }, this)),
      m_lockRequested(std::make_shared<std::atomic<bool>>(false))
{
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &VaultController::checkSession);
    if (QCoreApplication::instance()) {
        QCoreApplication::instance()->installEventFilter(m_activityFilter);
    }
}

VaultController::~VaultController()
{
    m_queue.clear();
    if (m_worker) {
        m_lockRequested->store(true);
        m_worker->wait();
        delete m_worker;
        m_worker = nullptr;
    }
    m_directory.reset();
    if (m_vault) {
        m_vault->close();
    }
}

void VaultController::setClock(const Clock& clock)
{
    m_clock = &clock;
    m_session = std::make_unique<SessionTimer>(clock, m_sessionSettings.limits());
    m_backoff = std::make_unique<UnlockBackoff>(clock);
}

QString VaultController::vaultName() const
{
    return m_path.isEmpty() ? QString() : QFileInfo(m_path).completeBaseName();
}

qint64 VaultController::msUntilLock() const
{
    return m_vault ? m_session->msUntilLock() : 0;
}

KdfParams VaultController::kdfFor(std::chrono::milliseconds unlockTime) const
{
    return m_kdfOverride ? *m_kdfOverride : KdfTuner::tune(unlockTime);
}

SessionSettings VaultController::readSessionSettings(Vault& vault)
{
    auto idle = vault.setting(QString::fromLatin1(SessionSettings::kIdleMinutesKey));
    auto hours = vault.setting(QString::fromLatin1(SessionSettings::kMaxHoursKey));
    return SessionSettings::fromStored(idle.value_or(QString()), hours.value_or(QString()));
}

// --- the worker queue ---------------------------------------------------------------------------

void VaultController::enqueue(Job job)
{
    m_queue.push_back(std::move(job));
    startNext();
    reportBusy();
}

void VaultController::reportBusy()
{
    // Jobs queued from a finishing job's callback must not produce a false -> true flicker.
    if (isBusy() != m_reportedBusy) {
        m_reportedBusy = isBusy();
        Q_EMIT busyChanged(m_reportedBusy);
    }
}

void VaultController::startNext()
{
    if (m_worker || m_queue.empty()) {
        return;
    }
    Job job = std::move(m_queue.front());
    m_queue.pop_front();
    m_worker = QThread::create(std::move(job.work));
    m_worker->setObjectName(QStringLiteral("tessera-vault-worker"));
    connect(m_worker, &QThread::finished, this, [this, done = std::move(job.done)] { jobFinished(done); });
    m_worker->start();
}

void VaultController::jobFinished(const std::function<void()>& done)
{
    m_worker->deleteLater();
    m_worker = nullptr;
    if (m_pendingLock) {
        const LockReason reason = *m_pendingLock;
        m_queue.clear();
        closeVault(reason);
    } else {
        done();
    }
    startNext();
    reportBusy();
}

// --- opening and creating ----------------------------------------------------------------------

void VaultController::createVault(const QString& path, SecretBuffer password,
                                  std::chrono::milliseconds unlockTime)
{
    if (m_vault || isBusy()) {
        Q_EMIT createFailed(Error{ErrorKind::Usage, tr("Lock the open vault first.")});
        return;
    }
    auto secret = std::make_shared<SecretBuffer>(std::move(password));
    auto outcome = std::make_shared<OpenOutcome>();
    const Clock* clock = m_clock;
    const std::optional<KdfParams> fixed = m_kdfOverride;
    enqueue(Job{[secret, outcome, clock, fixed, path, unlockTime] {
                    const KdfParams kdf = fixed ? *fixed : KdfTuner::tune(unlockTime);
                    outcome->vault = Vault::create(path, *secret, kdf, guiActor(), *clock);
                    secret->wipe();
                    if (outcome->vault) {
                        outcome->settings = readSessionSettings(**outcome->vault);
                        seedDirectory(*outcome);
                    }
                },
                [this, outcome] {
                    adopt(std::move(*outcome), true);
                }});
}

void VaultController::unlockVault(const QString& path, SecretBuffer password)
{
    if (m_vault || isBusy()) {
        Q_EMIT unlockFailed(Error{ErrorKind::Usage, tr("Lock the open vault first.")});
        return;
    }
    if (m_backoff->isWaiting()) {
        Q_EMIT unlockFailed(Error{ErrorKind::Usage, tr("Wait before trying again.")});
        return;
    }
    auto secret = std::make_shared<SecretBuffer>(std::move(password));
    auto outcome = std::make_shared<OpenOutcome>();
    const Clock* clock = m_clock;
    enqueue(Job{[secret, outcome, clock, path] {
                    outcome->vault = Vault::open(path, *secret, guiActor(), Vault::Access::ReadWrite, *clock);
                    secret->wipe();
                    if (outcome->vault) {
                        outcome->settings = readSessionSettings(**outcome->vault);
                        seedDirectory(*outcome);
                    }
                },
                [this, outcome] {
                    adopt(std::move(*outcome), false);
                }});
}

void VaultController::seedDirectory(OpenOutcome& outcome)
{
    if (auto seeded = Directory::seed(**outcome.vault); !seeded) {
        (*outcome.vault)->close();
        outcome.vault = std::unexpected(seeded.error());
    }
}

Result<Directory*> VaultController::directoryOnWorker(Vault& vault)
{
    // Loaded by the first directory job rather than by the unlock, so `unlocked` (and the users table's
    // first screen) does not wait for the access model of a large vault.
    if (!m_directory) {
        auto directory = Directory::open(vault);
        if (!directory) {
            return std::unexpected(directory.error());
        }
        m_directory = std::move(*directory);
    }
    return m_directory.get();
}

void VaultController::adopt(OpenOutcome outcome, bool created)
{
    if (!outcome.vault) {
        if (!created && outcome.vault.error().kind == ErrorKind::WrongPassword) {
            m_backoff->recordFailure();
        }
        if (created) {
            Q_EMIT createFailed(outcome.vault.error());
        } else {
            Q_EMIT unlockFailed(outcome.vault.error());
        }
        return;
    }
    m_vault = std::move(*outcome.vault);
    m_path = m_vault->path();
    m_backoff->reset();
    m_pendingLock.reset();
    m_lockRequested = std::make_shared<std::atomic<bool>>(false);
    m_sessionSettings = outcome.settings;
    m_session->setLimits(m_sessionSettings.limits());
    m_session->start();
    m_tick.start();
    Q_EMIT unlocked();
    Q_EMIT sessionTick(msUntilLock());
}

// --- changing the password ---------------------------------------------------------------------

void VaultController::changePassword(SecretBuffer current, SecretBuffer next,
                                     std::chrono::milliseconds unlockTime)
{
    auto currentSecret = std::make_shared<SecretBuffer>(std::move(current));
    auto nextSecret = std::make_shared<SecretBuffer>(std::move(next));
    const std::optional<KdfParams> fixed = m_kdfOverride;
    const bool queued = run(
        this,
        [currentSecret, nextSecret, fixed, unlockTime](Vault& vault) -> Status {
            auto verified = vault.verifyPassword(*currentSecret);
            currentSecret->wipe();
            if (!verified) {
                return std::unexpected(verified.error());
            }
            if (!*verified) {
                return fail(ErrorKind::WrongPassword, tr("The current master password is not correct."));
            }
            const KdfParams kdf = fixed ? *fixed : KdfTuner::tune(unlockTime);
            Status changed = vault.changePassword(*nextSecret, kdf);
            nextSecret->wipe();
            return changed;
        },
        [this](Status changed) {
            if (changed) {
                Q_EMIT passwordChanged();
                Q_EMIT vaultChanged();
            } else {
                Q_EMIT passwordChangeFailed(changed.error());
            }
        });
    if (!queued) {
        Q_EMIT passwordChangeFailed(Error{ErrorKind::Usage, tr("The vault is locked.")});
    }
}

// --- session and locking -----------------------------------------------------------------------

void VaultController::setSessionSettings(SessionSettings settings)
{
    m_sessionSettings = settings;
    m_session->setLimits(settings.limits());
    Q_EMIT sessionSettingsChanged();
    Q_EMIT sessionTick(msUntilLock());
}

void VaultController::noteActivity()
{
    if (m_vault) {
        m_session->noteActivity();
    }
}

void VaultController::checkSession()
{
    if (!m_vault) {
        return;
    }
    switch (m_session->expiredBecause()) {
    case SessionTimer::Reason::Idle:
        lock(LockReason::Idle);
        return;
    case SessionTimer::Reason::Absolute:
        lock(LockReason::SessionLimit);
        return;
    case SessionTimer::Reason::None:
        break;
    }
    Q_EMIT sessionTick(msUntilLock());
}

void VaultController::lock(LockReason reason)
{
    if (!m_vault) {
        return;
    }
    m_queue.clear(); // their results would be for a vault that is about to close
    if (m_worker) {
        // The worker is using the vault; close it as soon as the job returns. Long jobs poll the flag.
        if (!m_pendingLock) {
            m_pendingLock = reason;
        }
        m_lockRequested->store(true);
        return;
    }
    closeVault(reason);
}

void VaultController::closeVault(LockReason reason)
{
    m_pendingLock.reset();
    m_tick.stop();
    m_directory.reset();
    if (m_vault) {
        m_vault->close(); // wipes the file key, the vault key and its subkeys
        m_vault.reset();
    }
    m_path.clear();
    Q_EMIT locked(reason);
}

} // namespace tessera::ui
