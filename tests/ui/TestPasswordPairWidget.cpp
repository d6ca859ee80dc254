#include "UiTestSupport.h"
#include "common/PasswordLineEdit.h"
#include "common/PasswordPairWidget.h"
#include "crypto/SecretBuffer.h"

#include <QFormLayout>
#include <QLabel>
#include <QSignalSpy>

using namespace tessera;
using namespace tessera::test;
using namespace tessera::ui;

class TestPasswordPairWidget : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QVERIFY(initUiTestEnvironment(m_dir)); }

    void mismatchShowsOnlyOnceTheRepetitionDiffers()
    {
        PasswordPairWidget pair;
        pair.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pair));
        auto* password = child<QLineEdit>(&pair, "passwordLineEdit");
        auto* confirm = child<QLineEdit>(&pair, "confirmPasswordLineEdit");
        auto* mismatch = child<QLabel>(&pair, "mismatchLabel");
        QVERIFY(password && confirm && mismatch);

        QTest::keyClicks(password, QStringLiteral("tiles of the mosaic"));
        QVERIFY(!mismatch->isVisible()); // nothing repeated yet: not a mismatch
        QVERIFY(!pair.isComplete());

        QTest::keyClicks(confirm, QStringLiteral("tiles"));
        QVERIFY(mismatch->isVisible());
        QVERIFY(pair.isMismatched());
        QVERIFY(!pair.isComplete());

        QTest::keyClicks(confirm, QStringLiteral(" of the mosaic"));
        QVERIFY(!mismatch->isVisible());
        QVERIFY(pair.isComplete());

        // Editing the first field again reopens the mismatch.
        QTest::keyClick(password, Qt::Key_Backspace);
        QVERIFY(mismatch->isVisible());
        QVERIFY(!pair.isComplete());
    }

    void theStrengthMeterFollowsTheFirstField()
    {
        PasswordPairWidget pair;
        auto* strength = child<QLabel>(&pair, "strengthLabel");
        QCOMPARE(strength->text(), QStringLiteral("Enter a password"));
        QTest::keyClicks(child<QLineEdit>(&pair, "passwordLineEdit"), QStringLiteral("abc"));
        QVERIFY2(strength->text().startsWith(QStringLiteral("Very weak")), qPrintable(strength->text()));
        QTest::keyClicks(child<QLineEdit>(&pair, "confirmPasswordLineEdit"),
                         QStringLiteral("correct horse battery staple"));
        QVERIFY2(strength->text().startsWith(QStringLiteral("Very weak")), qPrintable(strength->text()));
    }

    void everyEditIsAnnounced()
    {
        PasswordPairWidget pair;
        QSignalSpy changed(&pair, &PasswordPairWidget::changed);
        QTest::keyClicks(child<QLineEdit>(&pair, "passwordLineEdit"), QStringLiteral("ab"));
        QTest::keyClicks(child<QLineEdit>(&pair, "confirmPasswordLineEdit"), QStringLiteral("a"));
        QCOMPARE(changed.count(), 3);
    }

    void theSecretIsTheFirstFieldInUtf8()
    {
        PasswordPairWidget pair;
        const QString typed = QStringLiteral("Pässwörd 1");
        // keyClicks() takes ASCII only; a key event carrying the text is what a keyboard layout sends.
        for (const char* name : {"passwordLineEdit", "confirmPasswordLineEdit"}) {
            for (const QChar c : typed) {
                QTest::sendKeyEvent(QTest::Click, child<QLineEdit>(&pair, name), Qt::Key_unknown, QString(c),
                                    Qt::NoModifier);
            }
        }
        QVERIFY(pair.isComplete());
        const SecretBuffer secret = pair.secret();
        QCOMPARE(secret.view(), QByteArrayView(typed.toUtf8()));
    }

    void clearingEmptiesBothFieldsAndHidesThePassword()
    {
        PasswordPairWidget pair;
        auto* password = child<PasswordLineEdit>(&pair, "passwordLineEdit");
        QTest::keyClicks(password, QStringLiteral("secret one"));
        QTest::keyClicks(child<QLineEdit>(&pair, "confirmPasswordLineEdit"), QStringLiteral("secret two"));
        password->toggleAction()->trigger();
        QVERIFY(password->isRevealed());
        pair.clearSecrets();
        QVERIFY(password->text().isEmpty());
        QVERIFY(child<QLineEdit>(&pair, "confirmPasswordLineEdit")->text().isEmpty());
        QVERIFY(!password->isRevealed());
        QVERIFY(!password->isUndoAvailable()); // the undo stack would keep the old text
        QVERIFY(!child<QLabel>(&pair, "mismatchLabel")->isVisibleTo(&pair));
    }

    void hostsChooseTheLabelsAndTheyLeadToTheFields()
    {
        PasswordPairWidget pair;
        pair.setLabels(QStringLiteral("&New password:"), QStringLiteral("C&onfirm new password:"));
        pair.setMismatchText(QStringLiteral("The new passwords do not match."));
        QFormLayout* form = pair.formLayout();
        auto* first = qobject_cast<QLabel*>(form->itemAt(0, QFormLayout::LabelRole)->widget());
        auto* second = qobject_cast<QLabel*>(form->itemAt(1, QFormLayout::LabelRole)->widget());
        QCOMPARE(first->text(), QStringLiteral("&New password:"));
        QCOMPARE(first->buddy(), child<QLineEdit>(&pair, "passwordLineEdit"));
        QCOMPARE(second->buddy(), child<QLineEdit>(&pair, "confirmPasswordLineEdit"));
        QCOMPARE(child<QLabel>(&pair, "mismatchLabel")->text(),
                 QStringLiteral("The new passwords do not match."));
    }

    void tabMovesFromThePasswordToItsRepetition()
    {
        PasswordPairWidget pair;
        pair.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pair));
        pair.activateWindow();
        auto* password = child<QLineEdit>(&pair, "passwordLineEdit");
        password->setFocus();
        QTRY_VERIFY(password->hasFocus());
        QTest::keyClick(password, Qt::Key_Tab);
        QTRY_VERIFY(child<QLineEdit>(&pair, "confirmPasswordLineEdit")->hasFocus());
    }
};

QTEST_MAIN(TestPasswordPairWidget)
#include "TestPasswordPairWidget.moc"
