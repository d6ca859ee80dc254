#include "TestVault.h"
#include "UiTestSupport.h"
#include "app/MainWindow.h"
#include "app/VaultController.h"
#include "audit/AuditPage.h"
#include "audit/AuditTableModel.h"
#include "settings/Preferences.h"

#include <QLabel>
#include <QListWidget>
#include <QSemaphore>
#include <QSignalSpy>
#include <QStackedWidget>

using namespace tessera;
using namespace tessera::test;
using namespace tessera::ui;

// Locking on demand, on idle, at the session limit and on minimise: each one clears every page,
// wipes the keys (the vault is closed and its file lock released) and returns to the start page.
class TestLocking : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;

    static constexpr qint64 kMinute = 60 * 1000;

    static bool unlock(VaultController& controller, const QString& path)
    {
        controller.unlockVault(path, password());
        return QTest::qWaitFor([&] { return controller.isUnlocked(); }, 10000);
    }

    static QString currentPage(const MainWindow& window)
    {
        return child<QStackedWidget>(&window, "mainStackedWidget")->currentWidget()->objectName();
    }

    void verifyLockedAndCleared(const MainWindow& window, const VaultController& controller)
    {
        QVERIFY(!controller.isUnlocked());
        QCOMPARE(currentPage(window), QStringLiteral("startPage"));
        QCOMPARE(window.windowTitle(), QStringLiteral("Tessera"));
        QCOMPARE(child<QLabel>(&window, "fileValueLabel")->text(), QString());
        QCOMPARE(child<QLabel>(&window, "vaultIdValueLabel")->text(), QString());
        QCOMPARE(child<AuditPage>(&window, "auditPage")->model()->rowCount(), 0);
        QCOMPARE(child<QLabel>(&window, "autoLockStatusLabel")->text(), QString());
        QCOMPARE(child<QLabel>(&window, "vaultStatusLabel")->text(), QStringLiteral("No vault unlocked"));
        // The keys are gone with the connection: the file lock is free for anyone else.
        QVERIFY(openVault(m_path));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(initUiTestEnvironment(m_dir));
        m_path = m_dir.filePath(QStringLiteral("locking.tessera"));
        QVERIFY(createVault(m_path));
    }

    void ctrlLLocksAndClearsEverything()
    {
        VaultController controller;
        MainWindow window(controller);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(unlock(controller, m_path));
        QCOMPARE(currentPage(window), QStringLiteral("workspaceWidget"));
        QTRY_VERIFY(!child<QLabel>(&window, "fileValueLabel")->text().isEmpty());
        auto* navigation = child<QListWidget>(&window, "navigationListWidget");
        navigation->setCurrentItem(navigation->findItems(QStringLiteral("Audit"), Qt::MatchExactly).value(0));
        QTRY_VERIFY(child<AuditPage>(&window, "auditPage")->model()->rowCount() > 0);
        QVERIFY(!openVault(m_path)); // held exclusively while unlocked

        QSignalSpy locked(&controller, &VaultController::locked);
        QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
        // A directory job still running (the Users page reads MFA states after its rows) finishes first.
        QTRY_COMPARE(locked.count(), 1);
        QCOMPARE(locked.first().first().value<VaultController::LockReason>(),
                 VaultController::LockReason::User);
        verifyLockedAndCleared(window, controller);
    }

    void idleTimeLocksAndInputPostponesIt()
    {
        ManualClock clock = manualClockAtNow();
        VaultController controller;
        controller.setClock(clock);
        MainWindow window(controller);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(unlock(controller, m_path));
        auto* status = child<QLabel>(&window, "autoLockStatusLabel");
        QCOMPARE(status->text(), QStringLiteral("Auto-lock in 5:00"));

        clock.advanceMs(4 * kMinute);
        QTRY_COMPARE(status->text(), QStringLiteral("Auto-lock in 1:00"));
        // Any input counts as activity and restarts the idle period.
        QTest::keyClick(child<QListWidget>(&window, "navigationListWidget"), Qt::Key_Down);
        QTRY_COMPARE(status->text(), QStringLiteral("Auto-lock in 5:00"));

        QSignalSpy locked(&controller, &VaultController::locked);
        clock.advanceMs(5 * kMinute);
        QTRY_COMPARE(locked.count(), 1);
        QCOMPARE(locked.first().first().value<VaultController::LockReason>(),
                 VaultController::LockReason::Idle);
        verifyLockedAndCleared(window, controller);
    }

    void theSessionLimitLocksDespiteActivity()
    {
        {
            auto vault = openVault(m_path);
            QVERIFY(vault);
            QVERIFY(
                vault->setSetting(QStringLiteral("session.idle_minutes"), QStringLiteral("60")).has_value());
            QVERIFY(vault->setSetting(QStringLiteral("session.max_hours"), QStringLiteral("1")).has_value());
        }
        ManualClock clock = manualClockAtNow();
        VaultController controller;
        controller.setClock(clock);
        MainWindow window(controller);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(unlock(controller, m_path));
        QCOMPARE(controller.sessionSettings().idleMinutes, 60);
        QCOMPARE(controller.sessionSettings().maxHours, 1);

        QSignalSpy locked(&controller, &VaultController::locked);
        for (int i = 0; i < 3; ++i) {
            clock.advanceMs(19 * kMinute);
            QTest::keyClick(child<QListWidget>(&window, "navigationListWidget"), Qt::Key_Down);
            controller.checkSession();
        }
        QCOMPARE(locked.count(), 0);
        clock.advanceMs(3 * kMinute);
        QTRY_COMPARE(locked.count(), 1);
        QCOMPARE(locked.first().first().value<VaultController::LockReason>(),
                 VaultController::LockReason::SessionLimit);
        verifyLockedAndCleared(window, controller);

        auto vault = openVault(m_path);
        QVERIFY(vault);
        QVERIFY(vault->setSetting(QStringLiteral("session.idle_minutes"), QStringLiteral("5")).has_value());
        QVERIFY(vault->setSetting(QStringLiteral("session.max_hours"), QStringLiteral("8")).has_value());
    }

    void minimisingLocksWhenPreferred()
    {
        VaultController controller;
        MainWindow window(controller);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        Preferences().setLockOnMinimise(false);
        QVERIFY(unlock(controller, m_path));
        window.setWindowState(Qt::WindowMinimized);
        QVERIFY(controller.isUnlocked());
        window.setWindowState(Qt::WindowNoState);

        Preferences().setLockOnMinimise(true);
        QSignalSpy locked(&controller, &VaultController::locked);
        window.setWindowState(Qt::WindowMinimized);
        QTRY_COMPARE(locked.count(), 1); // after the page refresh jobs still running from the unlock
        QCOMPARE(locked.first().first().value<VaultController::LockReason>(),
                 VaultController::LockReason::Minimised);
        window.setWindowState(Qt::WindowNoState);
        verifyLockedAndCleared(window, controller);
        Preferences().setLockOnMinimise(false);
    }

    void lockingDuringAJobWaitsForItThenLocks()
    {
        VaultController controller;
        MainWindow window(controller);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(unlock(controller, m_path));
        QTRY_VERIFY(!controller.isBusy());

        bool doneRan = false;
        auto gate = std::make_shared<QSemaphore>(0);
        QVERIFY(controller.run(
            this,
            [gate](Vault& vault) {
                gate->acquire(); // still using the vault when the lock arrives
                return vault.info();
            },
            [&doneRan](Result<VaultInfo>) { doneRan = true; }));
        QSignalSpy locked(&controller, &VaultController::locked);
        controller.lock();
        QVERIFY(controller.isUnlocked()); // not while the worker holds the vault
        QCOMPARE(locked.count(), 0);
        gate->release();
        QTRY_COMPARE(locked.count(), 1);
        QVERIFY(!doneRan); // results of a locked vault are dropped
        verifyLockedAndCleared(window, controller);
    }
};

QTEST_MAIN(TestLocking)
#include "TestLocking.moc"
