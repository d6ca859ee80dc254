#include "UiTestSupport.h"
#include "common/DialogStyle.h"
#include "common/PasswordLineEdit.h"
#include "users/PasswordRulesWidget.h"

#include <QLabel>
#include <QSignalSpy>

using namespace tessera;
using namespace tessera::test;
using namespace tessera::ui;

using State = PasswordRulesWidget::RuleState;

namespace {

QString stateOf(const PasswordRulesWidget& rules, const QString& ruleId)
{
    const auto* row = rules.findChild<QWidget*>(QStringLiteral("rule-%1").arg(ruleId));
    return row ? row->property("ruleState").toString() : QStringLiteral("(no row)");
}

PasswordContext alice()
{
    PasswordContext context;
    context.username = QStringLiteral("alice");
    context.email = QStringLiteral("a.smith@example.org");
    return context;
}

} // namespace

class TestPasswordRulesWidget : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QVERIFY(initUiTestEnvironment(m_dir)); }

    void listsEveryRuleInForceInThePolicysOwnWords()
    {
        const PasswordPolicy policy;
        PasswordRulesWidget rules(policy, alice());
        const QStringList expected{QStringLiteral("min-length"),
                                   QStringLiteral("lowercase"),
                                   QStringLiteral("uppercase"),
                                   QStringLiteral("digit"),
                                   QStringLiteral("contains-username"),
                                   QStringLiteral("contains-email"),
                                   QStringLiteral("common"),
                                   QStringLiteral("reused")};
        QCOMPARE(rules.shownRuleIds(), expected);
        const QStringList lines = policy.describe();
        QCOMPARE(lines.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const QString name = QStringLiteral("rule-%1-text").arg(expected.at(i));
            auto* text = rules.findChild<QLabel*>(name);
            QVERIFY2(text, qPrintable(name));
            QCOMPARE(text->text(), lines.at(i));
        }
        QCOMPARE(rules.findChild<QLabel*>(QStringLiteral("rule-reused-note"))->text(),
                 QStringLiteral("checked when saved"));
    }

    void rulesSwitchedOffAreNotListed()
    {
        PasswordPolicy policy;
        policy.requireDigit = false;
        policy.forbidEmail = false;
        policy.historySize = 0;
        PasswordRulesWidget rules(policy, alice());
        QCOMPARE(rules.shownRuleIds(),
                 (QStringList{QStringLiteral("min-length"), QStringLiteral("lowercase"),
                              QStringLiteral("uppercase"), QStringLiteral("contains-username"),
                              QStringLiteral("common")}));
        QVERIFY(!rules.findChild<QWidget*>(QStringLiteral("rule-digit")));
        QVERIFY(!rules.findChild<QWidget*>(QStringLiteral("rule-reused")));
    }

    void followsTheFieldAsTheUserTypes()
    {
        QWidget window;
        auto* edit = new PasswordLineEdit(&window);
        auto* rules = new PasswordRulesWidget(PasswordPolicy{}, alice(), &window);
        rules->setPasswordEdit(edit);
        QSignalSpy satisfied(rules, &PasswordRulesWidget::satisfiedChanged);

        // Nothing typed: nothing judged yet, and nothing satisfied.
        for (const QString& id : rules->shownRuleIds()) {
            QCOMPARE(stateOf(*rules, id),
                     id == QStringLiteral("reused") ? QStringLiteral("deferred") : QStringLiteral("pending"));
        }
        QVERIFY(!rules->isSatisfied());

        QTest::keyClicks(edit, QStringLiteral("abc"));
        QCOMPARE(stateOf(*rules, QStringLiteral("min-length")), QStringLiteral("failed"));
        QCOMPARE(stateOf(*rules, QStringLiteral("lowercase")), QStringLiteral("passed"));
        QCOMPARE(stateOf(*rules, QStringLiteral("uppercase")), QStringLiteral("failed"));
        QCOMPARE(stateOf(*rules, QStringLiteral("digit")), QStringLiteral("failed"));
        QCOMPARE(stateOf(*rules, QStringLiteral("contains-username")), QStringLiteral("passed"));
        QCOMPARE(rules->findChild<QWidget*>(QStringLiteral("rule-min-length"))->toolTip(),
                 QStringLiteral("Password must be at least 8 characters"));

        QTest::keyClicks(edit, QStringLiteral("ALICE"));
        QCOMPARE(stateOf(*rules, QStringLiteral("contains-username")), QStringLiteral("failed"));
        QCOMPARE(rules->ruleState(QStringLiteral("contains-username")), State::Failed);
        QCOMPARE(stateOf(*rules, QStringLiteral("min-length")), QStringLiteral("passed"));

        typeInto(edit, QStringLiteral("Tessera-Vault-42"));
        for (const QString& id : rules->shownRuleIds()) {
            QCOMPARE(stateOf(*rules, id),
                     id == QStringLiteral("reused") ? QStringLiteral("deferred") : QStringLiteral("passed"));
        }
        QVERIFY(rules->isSatisfied());
        QCOMPARE(satisfied.count(), 1);
        QCOMPARE(satisfied.last().first().toBool(), true);

        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClick(edit, Qt::Key_Backspace); // "Tessera-Vault-": no digit left
        QCOMPARE(stateOf(*rules, QStringLiteral("digit")), QStringLiteral("failed"));
        QVERIFY(!rules->isSatisfied());
        QCOMPARE(satisfied.count(), 2);
        QCOMPARE(satisfied.last().first().toBool(), false);

        // The email's local part counts too, but the username rule does not look at it.
        typeInto(edit, QStringLiteral("Xa.smith@9x"));
        QCOMPARE(stateOf(*rules, QStringLiteral("contains-email")), QStringLiteral("failed"));
        QCOMPARE(stateOf(*rules, QStringLiteral("contains-username")), QStringLiteral("passed"));
    }

    void commonPasswordsAreCaughtWhateverTheirCase()
    {
        PasswordLineEdit edit;
        PasswordRulesWidget rules(PasswordPolicy{}, alice());
        rules.setPasswordEdit(&edit);
        QTest::keyClicks(&edit, QStringLiteral("Password1"));
        QCOMPARE(stateOf(rules, QStringLiteral("common")), QStringLiteral("failed"));
        QCOMPARE(stateOf(rules, QStringLiteral("uppercase")), QStringLiteral("passed"));
        QVERIFY(!rules.isSatisfied());
    }

    void neverChecksReuseWhileTyping()
    {
        int checks = 0;
        PasswordContext context = alice();
        context.isReused = [&checks](const SecretBuffer&, int) {
            ++checks;
            return true;
        };
        PasswordLineEdit edit;
        PasswordRulesWidget rules(PasswordPolicy{}, context);
        rules.setPasswordEdit(&edit);
        QTest::keyClicks(&edit, QStringLiteral("Tessera-Vault-42"));
        QCOMPARE(checks, 0);
        QCOMPARE(rules.ruleState(QStringLiteral("reused")), State::Deferred);
        QVERIFY(rules.isSatisfied()); // reuse is the saver's to check
    }

    void aNewPolicyRejudgesWhatIsTyped()
    {
        PasswordLineEdit edit;
        PasswordRulesWidget rules(PasswordPolicy{}, alice());
        rules.setPasswordEdit(&edit);
        QSignalSpy satisfied(&rules, &PasswordRulesWidget::satisfiedChanged);
        QTest::keyClicks(&edit, QStringLiteral("Tessera-Vault-42"));
        QVERIFY(rules.isSatisfied());

        PasswordPolicy stricter;
        stricter.minLength = 20;
        rules.setPolicy(stricter);
        QCOMPARE(rules.ruleState(QStringLiteral("min-length")), State::Failed);
        QCOMPARE(rules.findChild<QLabel*>(QStringLiteral("rule-min-length-text"))->text(),
                 QStringLiteral("Between 20 and 128 characters"));
        QVERIFY(!rules.isSatisfied());
        QCOMPARE(satisfied.count(), 2);
    }

    void passedRulesUseTheSuccessAccentOfTheCurrentPalette()
    {
        PasswordLineEdit edit;
        PasswordRulesWidget rules(PasswordPolicy{}, alice());
        rules.setPasswordEdit(&edit);
        QTest::keyClicks(&edit, QStringLiteral("abc"));
        auto* passed = rules.findChild<QLabel*>(QStringLiteral("rule-lowercase-text"));
        auto* failed = rules.findChild<QLabel*>(QStringLiteral("rule-digit-text"));
        QCOMPARE(passed->palette().color(QPalette::WindowText), DialogStyle::successColor(rules.palette()));
        QCOMPARE(failed->palette().color(QPalette::WindowText), rules.palette().color(QPalette::WindowText));
        QVERIFY(!passed->accessibleName().isEmpty());

        QPalette dark = rules.palette();
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
        dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        rules.setPalette(dark);
        QCOMPARE(passed->palette().color(QPalette::WindowText), DialogStyle::successColor(dark));
        QVERIFY(DialogStyle::successColor(dark) != DialogStyle::successColor(QPalette(Qt::white)));
        QCOMPARE(failed->palette().color(QPalette::WindowText), QColor(0xe6, 0xe6, 0xe6));

        // The marks themselves are drawn: a check for a met rule, a cross for a failed one.
        const QImage check =
            rules.findChild<QLabel*>(QStringLiteral("rule-lowercase-icon"))->pixmap().toImage();
        const QImage cross = rules.findChild<QLabel*>(QStringLiteral("rule-digit-icon"))->pixmap().toImage();
        QVERIFY(!check.isNull() && !cross.isNull());
        QVERIFY(check != cross);
    }
};

QTEST_MAIN(TestPasswordRulesWidget)
#include "TestPasswordRulesWidget.moc"
