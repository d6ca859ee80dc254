#include "TestVault.h"
#include "UiTestSupport.h"
#include "app/MainWindow.h"
#include "app/VaultController.h"
#include "common/FileDialogs.h"
#include "common/MessageBoxes.h"
#include "vault/ChangePasswordDialog.h"

#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>

using namespace tessera;
using namespace tessera::test;
using namespace tessera::ui;

class TestVaultPage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    struct Harness
    {
        VaultController controller;
        MainWindow window{controller};
    };

    // Locks and waits until the keys are really gone (a running page refresh finishes first).
    static bool lockAndWait(VaultController& controller)
    {
        controller.lock();
        return QTest::qWaitFor([&] { return !controller.isUnlocked(); });
    }

    // A fresh vault per test, unlocked in a shown window with the Vault page filled in.
    bool open(Harness& h, const QString& name)
    {
        const QString path = m_dir.filePath(name);
        if (!createVault(path)) {
            return false;
        }
        h.controller.setCreationKdfOverride(KdfParams::insecureTestParams());
        h.window.show();
        if (!QTest::qWaitForWindowExposed(&h.window)) {
            return false;
        }
        h.controller.unlockVault(path, password());
        return QTest::qWaitFor([&] {
            return h.controller.isUnlocked() &&
                   !child<QLabel>(&h.window, "fileValueLabel")->text().isEmpty() && !h.controller.isBusy();
        });
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(initUiTestEnvironment(m_dir)); }
    void init() { MessageBoxes::clearLast(); }

    void showsTheVaultOverview()
    {
        Harness h;
        QVERIFY(open(h, QStringLiteral("overview.tessera")));
        QCOMPARE(child<QLabel>(&h.window, "vaultTitleLabel")->text(), QStringLiteral("overview"));
        QCOMPARE(child<QLabel>(&h.window, "fileValueLabel")->text(), QStringLiteral("overview.tessera"));
        QCOMPARE(child<QLabel>(&h.window, "vaultIdValueLabel")->text().size(), 36); // a UUID
        QVERIFY(child<QLabel>(&h.window, "formatValueLabel")
                    ->text()
                    .startsWith(QStringLiteral("File format 1, schema ")));
        QCOMPARE(child<QLabel>(&h.window, "kdfValueLabel")->text(),
                 KdfParams::insecureTestParams().describe());
        QVERIFY(!child<QLabel>(&h.window, "sizeValueLabel")->text().isEmpty());
        QVERIFY(!child<QLabel>(&h.window, "createdValueLabel")->text().isEmpty());
        QCOMPARE(child<QSpinBox>(&h.window, "idleMinutesSpinBox")->value(), 5);
        QCOMPARE(child<QSpinBox>(&h.window, "sessionHoursSpinBox")->value(), 8);
        QVERIFY(!child<QPushButton>(&h.window, "applySettingsButton")->isEnabled());
    }

    void sessionSettingsAreSavedAuditedAndApplied()
    {
        Harness h;
        QVERIFY(open(h, QStringLiteral("settings.tessera")));
        auto* idle = child<QSpinBox>(&h.window, "idleMinutesSpinBox");
        auto* apply = child<QPushButton>(&h.window, "applySettingsButton");
        idle->setValue(7);
        QVERIFY(apply->isEnabled());
        QTest::mouseClick(apply, Qt::LeftButton);
        QTRY_COMPARE(child<QLabel>(&h.window, "settingsStatusLabel")->text(), QStringLiteral("Saved."));
        QCOMPARE(h.controller.sessionSettings().idleMinutes, 7);
        QVERIFY(h.controller.msUntilLock() > 6 * 60 * 1000);
        QVERIFY(!apply->isEnabled());
        QTRY_COMPARE(child<QLabel>(&h.window, "auditCountValueLabel")->text(),
                     QStringLiteral("4")); // create, role.seed at the first unlock, two changes
        const QString path = h.controller.vaultPath();
        QVERIFY(lockAndWait(h.controller));

        auto vault = openVault(path);
        QVERIFY(vault);
        QCOMPARE(*vault->setting(QStringLiteral("session.idle_minutes")), QStringLiteral("7"));
        auto entries = vault->audit().list(); // newest first
        QVERIFY(entries.has_value());
        QCOMPARE(entries->front().action, QStringLiteral("settings.change"));
        QCOMPARE(entries->front().via, QStringLiteral("gui"));
    }

    void changingThePasswordReverifiesTheCurrentOne()
    {
        Harness h;
        QVERIFY(open(h, QStringLiteral("rekey.tessera")));
        QTest::mouseClick(child<QPushButton>(&h.window, "changePasswordButton"), Qt::LeftButton);
        QPointer<ChangePasswordDialog> dialog = waitForDialog<ChangePasswordDialog>(&h.window);
        QVERIFY(dialog);
        auto* change = child<QPushButton>(dialog, "changeButton");
        QVERIFY(!change->isEnabled());
        QTest::keyClicks(child<QLineEdit>(dialog, "currentPasswordLineEdit"),
                         QStringLiteral("not the password"));
        QTest::keyClicks(child<QLineEdit>(dialog, "newPasswordLineEdit"),
                         QStringLiteral("a brand new passphrase"));
        QTest::keyClicks(child<QLineEdit>(dialog, "confirmPasswordLineEdit"),
                         QStringLiteral("a brand new passphrase"));
        QVERIFY(change->isEnabled());

        QSignalSpy failed(&h.controller, &VaultController::passwordChangeFailed);
        QTest::mouseClick(change, Qt::LeftButton);
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(child<QLabel>(dialog, "errorLabel")->text(),
                 QStringLiteral("The current master password is not correct."));

        typeInto(child<QLineEdit>(dialog, "currentPasswordLineEdit"), QString::fromLatin1(kPassword));
        QSignalSpy changed(&h.controller, &VaultController::passwordChanged);
        QTest::mouseClick(change, Qt::LeftButton);
        QTRY_COMPARE(changed.count(), 1);
        QTRY_VERIFY(!dialog || !dialog->isVisible());

        const QString path = h.controller.vaultPath();
        QVERIFY(lockAndWait(h.controller));
        QVERIFY(!Vault::open(path, password(), actor()).has_value());
        QVERIFY(Vault::open(path, password("a brand new passphrase"), actor()).has_value());
    }

    void backUpWritesACopyThatOpensWithThePassword()
    {
        Harness h;
        QVERIFY(open(h, QStringLiteral("original.tessera")));
        const QString backup = m_dir.filePath(QStringLiteral("copy.tessera"));
        FileDialogs::setNextFileName(backup);
        QTest::mouseClick(child<QPushButton>(&h.window, "backupButton"), Qt::LeftButton);
        QTRY_COMPARE(MessageBoxes::lastTitle(), QStringLiteral("Backup Written"));
        QVERIFY(MessageBoxes::lastText().contains(backup));
        QVERIFY(lockAndWait(h.controller));
        auto copy = openVault(backup);
        QVERIFY(copy);
    }

    void checkVaultReportsAnIntactVault()
    {
        Harness h;
        QVERIFY(open(h, QStringLiteral("checked.tessera")));
        QTest::mouseClick(child<QPushButton>(&h.window, "checkVaultButton"), Qt::LeftButton);
        QTRY_COMPARE(MessageBoxes::lastTitle(), QStringLiteral("Check Vault"));
        QVERIFY2(MessageBoxes::lastText().startsWith(QStringLiteral("The vault is intact")),
                 qPrintable(MessageBoxes::lastText()));
    }
};

QTEST_MAIN(TestVaultPage)
#include "TestVaultPage.moc"
