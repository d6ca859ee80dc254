#include "UiTestSupport.h"
#include "settings/Preferences.h"
#include "settings/PreferencesDialog.h"

#include <QCheckBox>
#include <QLabel>
#include <QSpinBox>

using namespace tessera;
using namespace tessera::test;
using namespace tessera::ui;

class TestPreferencesDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QVERIFY(initUiTestEnvironment(m_dir)); }

    void showsAndSavesThePreferences()
    {
        PreferencesDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* lock = child<QCheckBox>(&dialog, "lockOnMinimiseCheckBox");
        auto* clipboard = child<QSpinBox>(&dialog, "clipboardClearSpinBox");
        QVERIFY(!lock->isChecked());
        QCOMPARE(clipboard->value(), 10);
        QCOMPARE(child<QLabel>(&dialog, "settingsPathLabel")->text(), Preferences().fileName());

        QTest::mouseClick(lock, Qt::LeftButton);
        clipboard->setValue(30);
        dialog.accept();
        QVERIFY(Preferences().lockOnMinimise());
        QCOMPARE(Preferences().clipboardClearSeconds(), 30);
    }

    void cancelKeepsThePreferences()
    {
        PreferencesDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        child<QSpinBox>(&dialog, "clipboardClearSpinBox")->setValue(0);
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QCOMPARE(Preferences().clipboardClearSeconds(), 30);
    }
};

QTEST_MAIN(TestPreferencesDialog)
#include "TestPreferencesDialog.moc"
