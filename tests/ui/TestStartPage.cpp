#include "TestVault.h"
#include "UiTestSupport.h"
#include "app/MainWindow.h"
#include "app/VaultController.h"
#include "common/FileDialogs.h"
#include "settings/Preferences.h"
#include "start/StartPage.h"
#include "start/UnlockDialog.h"

#include <QAction>
#include <QLabel>
#include <QListWidget>
#include <QSettings>

using namespace tessera;
using namespace tessera::test;
using namespace tessera::ui;

class TestStartPage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_existing;
    QString m_missing;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(initUiTestEnvironment(m_dir));
        m_existing = m_dir.filePath(QStringLiteral("present.tessera"));
        m_missing = m_dir.filePath(QStringLiteral("gone.tessera"));
        QVERIFY(createVault(m_existing));
    }

    void init() { QSettings().remove(QStringLiteral("recentVaults")); }

    void showsAnEmptyStateWithoutRecentVaults()
    {
        StartPage page;
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(child<QLabel>(&page, "noRecentVaultsLabel")->isVisible());
        QVERIFY(!child<QListWidget>(&page, "recentVaultsListWidget")->isVisible());
    }

    void listsRecentVaultsMostRecentFirstAndGreysMissingOnes()
    {
        Preferences().addRecentVault(m_missing);
        Preferences().addRecentVault(m_existing);
        StartPage page;
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto* list = child<QListWidget>(&page, "recentVaultsListWidget");
        QVERIFY(list->isVisible());
        QCOMPARE(list->count(), 2);
        QVERIFY(list->item(0)->text().startsWith(QStringLiteral("present\n")));
        QCOMPARE(list->item(0)->toolTip(), m_existing);
        QVERIFY(list->item(1)->toolTip().contains(QStringLiteral("no longer exists")));
        QCOMPARE(list->item(1)->foreground().color(),
                 page.palette().color(QPalette::Disabled, QPalette::Text));
    }

    void deleteRemovesARecentVault()
    {
        Preferences().addRecentVault(m_missing);
        StartPage page;
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto* list = child<QListWidget>(&page, "recentVaultsListWidget");
        list->setCurrentRow(0);
        list->setFocus();
        child<QAction>(&page, "removeRecentAction")->trigger();
        QVERIFY(Preferences().recentVaults().isEmpty());
        QVERIFY(child<QLabel>(&page, "noRecentVaultsLabel")->isVisible());
    }

    void enterOnARecentVaultOpensItsUnlockDialog()
    {
        Preferences().addRecentVault(m_existing);
        VaultController controller;
        MainWindow window(controller);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto* list = child<QListWidget>(&window, "recentVaultsListWidget");
        list->setFocus();
        list->setCurrentRow(0);
        QTest::keyClick(list, Qt::Key_Return);
        QPointer<UnlockDialog> dialog = waitForDialog<UnlockDialog>(&window);
        QVERIFY(dialog);
        QCOMPARE(dialog->path(), m_existing);
        dialog->reject();
    }

    void doubleClickOpensTheUnlockDialogToo()
    {
        Preferences().addRecentVault(m_existing);
        VaultController controller;
        MainWindow window(controller);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* list = child<QListWidget>(&window, "recentVaultsListWidget");
        const QPoint centre = list->visualItemRect(list->item(0)).center();
        // A real double-click is a click followed by a second press inside the interval.
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, centre);
        QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, centre);
        QPointer<UnlockDialog> dialog = waitForDialog<UnlockDialog>(&window);
        QVERIFY(dialog);
        QCOMPARE(dialog->path(), m_existing);
        dialog->reject();
    }

    void openVaultAsksForAFileThenForThePassword()
    {
        VaultController controller;
        MainWindow window(controller);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        FileDialogs::setNextFileName(m_existing);
        QTest::mouseClick(child<QPushButton>(&window, "openVaultButton"), Qt::LeftButton);
        QPointer<UnlockDialog> dialog = waitForDialog<UnlockDialog>(&window);
        QVERIFY(dialog);
        QCOMPARE(dialog->path(), m_existing);
        dialog->reject();
    }
};

QTEST_MAIN(TestStartPage)
#include "TestStartPage.moc"
