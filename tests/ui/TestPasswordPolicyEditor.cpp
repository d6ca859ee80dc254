#include "UiTestSupport.h"
#include "users/PasswordPolicyEditor.h"

#include <QCheckBox>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>

using namespace tessera;
using namespace tessera::test;
using namespace tessera::ui;

namespace {

void typeIntoSpin(QSpinBox* spin, const QString& text)
{
    spin->setFocus();
    QTest::keyClick(spin, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(spin, text);
}

void toggle(QCheckBox* box)
{
    box->setFocus();
    QTest::keyClick(box, Qt::Key_Space);
}

} // namespace

class TestPasswordPolicyEditor : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QVERIFY(initUiTestEnvironment(m_dir)); }

    void startsWithTheDefaultPolicy()
    {
        PasswordPolicyEditor editor;
        QCOMPARE(editor.policy(), PasswordPolicy{});
        QVERIFY(editor.isValid());
        QVERIFY(!child<QLabel>(&editor, "policyErrorLabel")->isVisibleTo(&editor));
        QVERIFY(!child<QPushButton>(&editor, "restoreDefaultsButton")->isEnabled());
    }

    void showsThePolicyItIsGivenWithoutCallingItAnEdit()
    {
        PasswordPolicyEditor editor;
        QSignalSpy changed(&editor, &PasswordPolicyEditor::policyChanged);
        PasswordPolicy policy;
        policy.minLength = 12;
        policy.maxLength = 64;
        policy.requireDigit = false;
        policy.forbidEmail = false;
        policy.historySize = 5;
        editor.setPolicy(policy);
        QCOMPARE(editor.policy(), policy);
        QCOMPARE(child<QSpinBox>(&editor, "minLengthSpinBox")->value(), 12);
        QCOMPARE(child<QSpinBox>(&editor, "maxLengthSpinBox")->value(), 64);
        QVERIFY(!child<QCheckBox>(&editor, "requireDigitCheckBox")->isChecked());
        QVERIFY(child<QCheckBox>(&editor, "requireUppercaseCheckBox")->isChecked());
        QVERIFY(!child<QCheckBox>(&editor, "forbidEmailCheckBox")->isChecked());
        QCOMPARE(child<QSpinBox>(&editor, "historySizeSpinBox")->value(), 5);
        QCOMPARE(changed.count(), 0);
        QVERIFY(child<QPushButton>(&editor, "restoreDefaultsButton")->isEnabled());
    }

    void everyFieldEditsItsPartOfThePolicy()
    {
        PasswordPolicyEditor editor;
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        QSignalSpy changed(&editor, &PasswordPolicyEditor::policyChanged);

        typeIntoSpin(child<QSpinBox>(&editor, "minLengthSpinBox"), QStringLiteral("14"));
        typeIntoSpin(child<QSpinBox>(&editor, "maxLengthSpinBox"), QStringLiteral("200"));
        for (const char* name :
             {"requireLowercaseCheckBox", "requireUppercaseCheckBox", "requireDigitCheckBox",
              "forbidUsernameCheckBox", "forbidEmailCheckBox", "forbidCommonCheckBox"}) {
            toggle(child<QCheckBox>(&editor, name));
        }
        typeIntoSpin(child<QSpinBox>(&editor, "historySizeSpinBox"), QStringLiteral("10"));

        PasswordPolicy expected;
        expected.minLength = 14;
        expected.maxLength = 200;
        expected.requireLowercase = false;
        expected.requireUppercase = false;
        expected.requireDigit = false;
        expected.forbidUsername = false;
        expected.forbidEmail = false;
        expected.forbidCommon = false;
        expected.historySize = 10;
        QCOMPARE(editor.policy(), expected);
        QVERIFY(editor.isValid());
        QVERIFY(changed.count() >= 9);
    }

    void aMinimumAboveTheMaximumIsExplainedInline()
    {
        PasswordPolicyEditor editor;
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        auto* error = child<QLabel>(&editor, "policyErrorLabel");
        auto* minimum = child<QSpinBox>(&editor, "minLengthSpinBox");
        typeIntoSpin(minimum, QStringLiteral("150"));
        QCOMPARE(minimum->value(), 150); // the spin box lets it through: judging is core's job
        QVERIFY(!editor.isValid());
        QVERIFY(error->isVisible());
        QCOMPARE(error->text(),
                 QStringLiteral("Maximum password length must be between the minimum (150) and 1024."));
        QCOMPARE(editor.validationMessage(), error->text());

        typeIntoSpin(child<QSpinBox>(&editor, "maxLengthSpinBox"), QStringLiteral("150"));
        QVERIFY(editor.isValid());
        QVERIFY(!error->isVisible());
        QVERIFY(editor.validationMessage().isEmpty());
    }

    void aHistoryOfZeroReadsAsOff()
    {
        PasswordPolicyEditor editor;
        auto* history = child<QSpinBox>(&editor, "historySizeSpinBox");
        QCOMPARE(history->maximum(), PasswordPolicy::kMaxHistorySize);
        history->setFocus();
        for (int i = 0; i < 3; ++i) {
            QTest::keyClick(history, Qt::Key_Down);
        }
        QCOMPARE(editor.policy().historySize, 0);
        QCOMPARE(history->text(), QStringLiteral("Off: reuse allowed"));
        QVERIFY(editor.isValid());
    }

    void restoreDefaultsUndoesEveryEdit()
    {
        PasswordPolicyEditor editor;
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        typeIntoSpin(child<QSpinBox>(&editor, "minLengthSpinBox"), QStringLiteral("300"));
        toggle(child<QCheckBox>(&editor, "forbidCommonCheckBox"));
        QVERIFY(!editor.isValid());
        auto* restore = child<QPushButton>(&editor, "restoreDefaultsButton");
        QVERIFY(restore->isEnabled());

        QSignalSpy changed(&editor, &PasswordPolicyEditor::policyChanged);
        QTest::mouseClick(restore, Qt::LeftButton);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(editor.policy(), PasswordPolicy{});
        QVERIFY(editor.isValid());
        QVERIFY(!child<QLabel>(&editor, "policyErrorLabel")->isVisible());
        QVERIFY(!restore->isEnabled());
    }
};

QTEST_MAIN(TestPasswordPolicyEditor)
#include "TestPasswordPolicyEditor.moc"
