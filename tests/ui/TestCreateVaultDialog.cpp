#include "TestVault.h"
#include "UiTestSupport.h"
#include "app/MainWindow.h"
#include "app/VaultController.h"
#include "platform/AppPaths.h"
#include "settings/Preferences.h"
#include "start/CreateVaultDialog.h"

#include <QDoubleSpinBox>
#include <QLabel>
#include <QProgressBar>
#include <QSignalSpy>
#include <QStackedWidget>

using namespace tessera;
using namespace tessera::test;
using namespace tessera::ui;

class TestCreateVaultDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static void fillPasswords(CreateVaultDialog* dialog, const QString& password, const QString& confirmation)
    {
        typeInto(child<QLineEdit>(dialog, "passwordLineEdit"), password);
        typeInto(child<QLineEdit>(dialog, "confirmPasswordLineEdit"), confirmation);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(initUiTestEnvironment(m_dir)); }

    void proposesTheDefaultLocationWhileItIsFree()
    {
        VaultController controller;
        CreateVaultDialog dialog(controller);
        QCOMPARE(dialog.location(), QFileInfo(AppPaths::defaultVaultPath()).absoluteFilePath());
        QCOMPARE(child<QDoubleSpinBox>(&dialog, "unlockTimeSpinBox")->value(), 1.0);
    }

    void createStaysDisabledUntilTheFormIsValid()
    {
        VaultController controller;
        CreateVaultDialog dialog(controller);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* create = child<QPushButton>(&dialog, "createButton");
        auto* mismatch = child<QLabel>(&dialog, "mismatchLabel");
        auto* strength = child<QLabel>(&dialog, "strengthLabel");
        dialog.setLocation(m_dir.filePath(QStringLiteral("form.tessera")));
        QVERIFY(!create->isEnabled());

        fillPasswords(&dialog, QStringLiteral("abc"), QStringLiteral("abd"));
        QVERIFY(mismatch->isVisible());
        QVERIFY(!create->isEnabled());
        QVERIFY(strength->text().startsWith(QStringLiteral("Very weak")));

        fillPasswords(&dialog, QStringLiteral("correct horse battery staple"),
                      QStringLiteral("correct horse battery staple"));
        QVERIFY(!mismatch->isVisible());
        QVERIFY(strength->text().startsWith(QStringLiteral("Very strong")));
        QVERIFY(create->isEnabled());

        auto* hint = child<QLabel>(&dialog, "locationHintLabel");
        dialog.setLocation(m_dir.filePath(QStringLiteral("no-such-folder/vault.tessera")));
        QVERIFY(!create->isEnabled());
        QVERIFY(hint->isVisible());
        QVERIFY2(hint->text().contains(QStringLiteral("does not exist")), qPrintable(hint->text()));

        const QString taken = m_dir.filePath(QStringLiteral("taken.tessera"));
        writeAll(taken, "x");
        dialog.setLocation(taken);
        QVERIFY(!create->isEnabled());
        QVERIFY(hint->text().contains(QStringLiteral("already exists")));
    }

    void escapeClosesTheDialog()
    {
        VaultController controller;
        CreateVaultDialog dialog(controller);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }

    // The whole first-run path: start page -> dialog -> a new vault in the (not yet existing)
    // default data folder -> the workspace showing that vault.
    void createsAVaultAndOpensTheWorkspace()
    {
        VaultController controller;
        controller.setCreationKdfOverride(KdfParams::insecureTestParams());
        MainWindow window(controller);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QTest::mouseClick(child<QPushButton>(&window, "createVaultButton"), Qt::LeftButton);
        QPointer<CreateVaultDialog> dialog = waitForDialog<CreateVaultDialog>(&window);
        QVERIFY(dialog);
        const QString path = dialog->location();
        QVERIFY(!QFileInfo::exists(QFileInfo(path).absolutePath()));
        fillPasswords(dialog, QString::fromLatin1(kPassword), QString::fromLatin1(kPassword));

        QSignalSpy busy(&controller, &VaultController::busyChanged);
        QTest::mouseClick(child<QPushButton>(dialog, "createButton"), Qt::LeftButton);
        QTRY_VERIFY(controller.isUnlocked());
        QTRY_VERIFY(!dialog || !dialog->isVisible());
        QTRY_COMPARE(busy.count(), 2); // busy through creation and the pages' first refresh, then idle
        QCOMPARE(busy.first().first().toBool(), true);
        QCOMPARE(busy.last().first().toBool(), false);

        QVERIFY(QFileInfo::exists(path));
        QCOMPARE(controller.vaultPath(), path);
        QCOMPARE(window.windowTitle(), QStringLiteral("Tessera — vault"));
        auto* stack = child<QStackedWidget>(&window, "mainStackedWidget");
        QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("workspaceWidget"));
        QTRY_COMPARE(child<QLabel>(&window, "fileValueLabel")->text(), QStringLiteral("vault.tessera"));
        QCOMPARE(child<QLabel>(&window, "kdfValueLabel")->text(), KdfParams::insecureTestParams().describe());
        // vault.create and role.seed (the example roles a new vault offers).
        QCOMPARE(child<QLabel>(&window, "auditCountValueLabel")->text(), QStringLiteral("2"));
        QCOMPARE(child<QLabel>(&window, "vaultStatusLabel")->text(), QStringLiteral("vault.tessera"));
        QCOMPARE(child<QLabel>(&window, "vaultStatusLabel")->toolTip(), path);
        QCOMPARE(Preferences().recentVaults().value(0), path);

        // The default is taken now, so the next proposal is a numbered sibling.
        QCOMPARE(QFileInfo(CreateVaultDialog::proposedLocation()).fileName(),
                 QStringLiteral("vault-2.tessera"));
        controller.lock();
    }

    void aFailedCreationIsExplainedInline()
    {
        VaultController controller;
        controller.setCreationKdfOverride(KdfParams::insecureTestParams());
        CreateVaultDialog dialog(controller);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QString path = m_dir.filePath(QStringLiteral("raced.tessera"));
        dialog.setLocation(path);
        fillPasswords(&dialog, QString::fromLatin1(kPassword), QString::fromLatin1(kPassword));
        // Another program takes the name between validation and creation.
        writeAll(path, "someone else's file");

        QSignalSpy failed(&controller, &VaultController::createFailed);
        QTest::mouseClick(child<QPushButton>(&dialog, "createButton"), Qt::LeftButton);
        QTRY_COMPARE(failed.count(), 1);
        auto* error = child<QLabel>(&dialog, "errorLabel");
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QStringLiteral("already exists")), qPrintable(error->text()));
        QVERIFY(dialog.isVisible());
        QVERIFY(child<QLineEdit>(&dialog, "passwordLineEdit")->isEnabled());
        QVERIFY(!controller.isUnlocked());
        QCOMPARE(readAll(path), QByteArray("someone else's file"));
    }
};

QTEST_MAIN(TestCreateVaultDialog)
#include "TestCreateVaultDialog.moc"
