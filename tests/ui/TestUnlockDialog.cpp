#include "TestVault.h"
#include "UiTestSupport.h"
#include "app/MainWindow.h"
#include "app/VaultController.h"
#include "start/UnlockDialog.h"

#include <QLabel>
#include <QSignalSpy>
#include <QStackedWidget>

using namespace tessera;
using namespace tessera::test;
using namespace tessera::ui;

class TestUnlockDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;

    // Types a password and presses Unlock, then waits for the attempt to finish.
    static void attempt(VaultController& controller, UnlockDialog* dialog, const QString& password)
    {
        QSignalSpy done(&controller, &VaultController::busyChanged);
        typeInto(child<QLineEdit>(dialog, "passwordLineEdit"), password);
        QTest::mouseClick(child<QPushButton>(dialog, "unlockButton"), Qt::LeftButton);
        QTRY_VERIFY(!done.isEmpty() && !done.last().first().toBool());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(initUiTestEnvironment(m_dir));
        m_path = m_dir.filePath(QStringLiteral("team.tessera"));
        QVERIFY(createVault(m_path));
    }

    void unlocksWithTheRightPassword()
    {
        VaultController controller;
        MainWindow window(controller);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.showUnlockDialog(m_path);
        QPointer<UnlockDialog> dialog = waitForDialog<UnlockDialog>(&window);
        QVERIFY(dialog);
        QCOMPARE(child<QLabel>(dialog, "vaultPathLabel")->text(), m_path);
        QVERIFY(!child<QPushButton>(dialog, "unlockButton")->isEnabled()); // nothing typed yet

        attempt(controller, dialog, QString::fromLatin1(kPassword));
        QVERIFY(controller.isUnlocked());
        QTRY_VERIFY(!dialog || !dialog->isVisible());
        QCOMPARE(child<QStackedWidget>(&window, "mainStackedWidget")->currentWidget()->objectName(),
                 QStringLiteral("workspaceWidget"));
        QCOMPARE(window.windowTitle(), QStringLiteral("Tessera — team"));
        QVERIFY(child<QLabel>(&window, "autoLockStatusLabel")
                    ->text()
                    .startsWith(QStringLiteral("Auto-lock in ")));
        controller.lock();
    }

    void wrongPasswordExplainsAndBacksOff()
    {
        ManualClock clock = manualClockAtNow();
        VaultController controller;
        controller.setClock(clock);
        MainWindow window(controller);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QByteArray before = readAll(m_path);
        window.showUnlockDialog(m_path);
        QPointer<UnlockDialog> dialog = waitForDialog<UnlockDialog>(&window);
        QVERIFY(dialog);
        auto* error = child<QLabel>(dialog, "errorLabel");
        auto* wait = child<QLabel>(dialog, "waitLabel");
        auto* unlock = child<QPushButton>(dialog, "unlockButton");

        // The first two failures cost nothing beyond the KDF itself.
        for (int i = 0; i < 2; ++i) {
            attempt(controller, dialog, QStringLiteral("guess %1").arg(i));
            QVERIFY(error->isVisible());
            QCOMPARE(error->text(), QStringLiteral("Wrong master password, or the vault file is damaged."));
            QVERIFY(unlock->isEnabled());
            QVERIFY(!wait->isVisible());
        }
        attempt(controller, dialog, QStringLiteral("guess 3"));
        QVERIFY(!controller.isUnlocked());
        QVERIFY(!unlock->isEnabled());
        QVERIFY(wait->isVisible());
        QCOMPARE(wait->text(), QStringLiteral("Too many failed attempts. Try again in 1 second."));

        clock.advanceMs(1000);
        QTRY_VERIFY(unlock->isEnabled());
        QVERIFY(!wait->isVisible());
        attempt(controller, dialog, QStringLiteral("guess 4"));
        QVERIFY(!unlock->isEnabled());
        QCOMPARE(wait->text(), QStringLiteral("Too many failed attempts. Try again in 2 seconds."));
        QCOMPARE(readAll(m_path), before); // failed attempts never write

        clock.advanceMs(2000);
        QTRY_VERIFY(unlock->isEnabled());
        attempt(controller, dialog, QString::fromLatin1(kPassword));
        QVERIFY(controller.isUnlocked());
        QCOMPARE(controller.unlockBackoff().failures(), 0);
        controller.lock();
    }

    void escapeCancels()
    {
        VaultController controller;
        UnlockDialog dialog(controller, m_path);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QVERIFY(!dialog.isVisible());
        QVERIFY(!controller.isUnlocked());
    }

    void aFileThatIsNotAVaultIsNamedAsSuch()
    {
        const QString junk = m_dir.filePath(QStringLiteral("notes.txt"));
        writeAll(junk, QByteArray(4096, 'n'));
        VaultController controller;
        UnlockDialog dialog(controller, junk);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        attempt(controller, &dialog, QStringLiteral("whatever"));
        auto* error = child<QLabel>(&dialog, "errorLabel");
        QVERIFY2(error->text().contains(QStringLiteral("not a Tessera vault"), Qt::CaseInsensitive),
                 qPrintable(error->text()));
        QCOMPARE(controller.unlockBackoff().failures(), 0); // not a guess at the password
    }
};

QTEST_MAIN(TestUnlockDialog)
#include "TestUnlockDialog.moc"
