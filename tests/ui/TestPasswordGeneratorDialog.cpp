#include "UiTestSupport.h"
#include "password/PasswordGenerator.h"
#include "password/WordList.h"
#include "users/PasswordGeneratorDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSlider>
#include <QSpinBox>
#include <QToolButton>
#include <algorithm>

using namespace tessera;
using namespace tessera::test;
using namespace tessera::ui;

namespace {

QString preview(const PasswordGeneratorDialog& dialog)
{
    return child<QLineEdit>(&dialog, "previewLineEdit")->text();
}

bool showAndFocus(PasswordGeneratorDialog& dialog)
{
    dialog.show();
    dialog.activateWindow();
    return QTest::qWaitForWindowActive(&dialog);
}

void toggle(QCheckBox* box)
{
    box->setFocus();
    QTest::keyClick(box, Qt::Key_Space);
}

} // namespace

class TestPasswordGeneratorDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QVERIFY(initUiTestEnvironment(m_dir)); }

    void startsWithTwentyCharactersOfEveryClass()
    {
        PasswordGeneratorDialog dialog;
        auto* length = child<QSpinBox>(&dialog, "lengthSpinBox");
        QCOMPARE(length->value(), 20);
        QCOMPARE(length->minimum(), 8);
        QCOMPARE(length->maximum(), 128);
        const QString shown = preview(dialog);
        QCOMPARE(shown.size(), 20);
        QVERIFY(std::any_of(shown.begin(), shown.end(), [](QChar c) { return c.isLower(); }));
        QVERIFY(std::any_of(shown.begin(), shown.end(), [](QChar c) { return c.isUpper(); }));
        QVERIFY(std::any_of(shown.begin(), shown.end(), [](QChar c) { return c.isDigit(); }));
        QVERIFY(std::any_of(shown.begin(), shown.end(), [](QChar c) { return c.isPunct() || c.isSymbol(); }));
        QVERIFY(child<QLineEdit>(&dialog, "previewLineEdit")->isReadOnly());
        const QFont font = child<QLineEdit>(&dialog, "previewLineEdit")->font();
        QVERIFY(font.fixedPitch());
        QCOMPARE(font.styleHint(), QFont::Monospace);
        // 20 characters from 94: 20 * log2(94) = 131.1 bits.
        QCOMPARE(child<QLabel>(&dialog, "entropyLabel")->text(), QStringLiteral("About 131 bits of entropy"));
    }

    void theLengthFollowsTheKeyboardAndTheSlider()
    {
        PasswordGeneratorDialog dialog;
        QVERIFY(showAndFocus(dialog));
        auto* length = child<QSpinBox>(&dialog, "lengthSpinBox");
        QTRY_VERIFY(length->hasFocus());
        QTest::keyClick(length, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(length, QStringLiteral("32"));
        QCOMPARE(preview(dialog).size(), 32);
        QCOMPARE(child<QSlider>(&dialog, "lengthSlider")->value(), 32);
        QTest::keyClick(length, Qt::Key_Up);
        QCOMPARE(preview(dialog).size(), 33);

        child<QSlider>(&dialog, "lengthSlider")->setValue(64);
        QCOMPARE(length->value(), 64);
        QCOMPARE(preview(dialog).size(), 64);
        QCOMPARE(dialog.passwordOptions().length, 64);
    }

    void characterClassesAndLookAlikesShapeThePassword()
    {
        PasswordGeneratorDialog dialog;
        QVERIFY(showAndFocus(dialog));
        toggle(child<QCheckBox>(&dialog, "digitsCheckBox"));
        toggle(child<QCheckBox>(&dialog, "symbolsCheckBox"));
        toggle(child<QCheckBox>(&dialog, "lookAlikesCheckBox"));
        const QString lookAlikes = QString::fromLatin1(PasswordGenerator::kLookAlikes);
        for (int round = 0; round < 25; ++round) {
            QTest::keyClick(&dialog, Qt::Key_R, Qt::ControlModifier);
            const QString shown = preview(dialog);
            QCOMPARE(shown.size(), 20);
            for (const QChar c : shown) {
                QVERIFY2(c.isLetter() && c.unicode() < 128, qPrintable(shown));
                QVERIFY2(!lookAlikes.contains(c), qPrintable(shown));
            }
        }
        // 20 letters from 52 less the 4 lettered look-alikes (I l O o): 20 * log2(48) = 111.7 bits.
        QCOMPARE(child<QLabel>(&dialog, "entropyLabel")->text(), QStringLiteral("About 112 bits of entropy"));
    }

    void noClassAtAllIsExplainedAndCannotBeUsed()
    {
        PasswordGeneratorDialog dialog;
        QVERIFY(showAndFocus(dialog));
        for (const char* name :
             {"lowercaseCheckBox", "uppercaseCheckBox", "digitsCheckBox", "symbolsCheckBox"}) {
            toggle(child<QCheckBox>(&dialog, name));
        }
        auto* error = child<QLabel>(&dialog, "errorLabel");
        QVERIFY(error->isVisible());
        QCOMPARE(error->text(), QStringLiteral("Choose at least one character class."));
        QVERIFY(preview(dialog).isEmpty());
        QVERIFY(!child<QPushButton>(&dialog, "useButton")->isEnabled());
        QTest::keyClick(child<QSpinBox>(&dialog, "lengthSpinBox"), Qt::Key_Return);
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.takePassword().isEmpty());

        toggle(child<QCheckBox>(&dialog, "digitsCheckBox"));
        QVERIFY(!error->isVisible());
        const QString digits = preview(dialog);
        QCOMPARE(digits.size(), 20);
        QVERIFY2(std::all_of(digits.begin(), digits.end(), [](QChar c) { return c.isDigit(); }),
                 qPrintable(digits));
        QVERIFY(child<QPushButton>(&dialog, "useButton")->isEnabled());
    }

    void ctrlRAndTheButtonMakeAnotherOne()
    {
        PasswordGeneratorDialog dialog;
        QVERIFY(showAndFocus(dialog));
        const QString first = preview(dialog);
        QTest::keyClick(&dialog, Qt::Key_R, Qt::ControlModifier);
        const QString second = preview(dialog);
        QVERIFY(second != first);
        QTest::mouseClick(child<QToolButton>(&dialog, "regenerateButton"), Qt::LeftButton);
        QVERIFY(preview(dialog) != second);
        QVERIFY(
            child<QToolButton>(&dialog, "regenerateButton")->toolTip().contains(QStringLiteral("Ctrl+R")));
    }

    void passphrasesUseTheWordCountAndSeparator()
    {
        PasswordGeneratorDialog dialog;
        QVERIFY(showAndFocus(dialog));
        auto* passphrase = child<QRadioButton>(&dialog, "passphraseModeRadioButton");
        QTest::mouseClick(passphrase, Qt::LeftButton, {}, QPoint(8, passphrase->height() / 2));
        QCOMPARE(dialog.mode(), PasswordGeneratorDialog::Mode::Passphrase);
        auto* words = child<QSpinBox>(&dialog, "wordsSpinBox");
        QVERIFY(words->isVisible());
        QVERIFY(!child<QSpinBox>(&dialog, "lengthSpinBox")->isVisible());
        // Six words by default; a few list words hold a hyphen themselves, hence at least five.
        QCOMPARE(words->value(), 6);
        QVERIFY2(preview(dialog).count(u'-') >= 5, qPrintable(preview(dialog)));

        typeInto(child<QLineEdit>(&dialog, "separatorLineEdit"), QStringLiteral(" "));
        QCOMPARE(preview(dialog).split(u' ').size(), 6);
        words->setFocus();
        QTest::keyClick(words, Qt::Key_Down);
        QTest::keyClick(words, Qt::Key_Down);
        const QStringList parts = preview(dialog).split(u' ');
        QCOMPARE(parts.size(), 4);
        const QStringList known = WordList::bundled().words();
        for (QString part : parts) {
            part.remove(QRegularExpression(QStringLiteral("[0-9]")));
            QVERIFY2(known.contains(part.toLower()), qPrintable(part));
            QVERIFY2(part.at(0).isUpper(), qPrintable(part)); // capitalised by default
        }
        const double bits =
            PasswordGenerator::passphraseEntropyBits(dialog.passphraseOptions(), WordList::bundled());
        QCOMPARE(child<QLabel>(&dialog, "entropyLabel")->text(),
                 QStringLiteral("About %1 bits of entropy").arg(qRound(bits)));
    }

    void enterAcceptsAndHandsOverWhatWasShown()
    {
        PasswordGeneratorDialog dialog;
        QVERIFY(showAndFocus(dialog));
        const QString shown = preview(dialog);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(!dialog.isVisible());
        const SecretBuffer password = dialog.takePassword();
        QCOMPARE(password.view(), QByteArrayView(shown.toUtf8()));
        QVERIFY(dialog.takePassword().isEmpty()); // handed over once
    }

    void escapeHandsOverNothing()
    {
        PasswordGeneratorDialog dialog;
        QVERIFY(showAndFocus(dialog));
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(dialog.takePassword().isEmpty());
    }

    void tabFollowsTheLayoutAndSkipsTheHiddenPage()
    {
        PasswordGeneratorDialog dialog;
        QVERIFY(showAndFocus(dialog));
        QTRY_COMPARE(QApplication::focusWidget(), child<QSpinBox>(&dialog, "lengthSpinBox"));
        const char* order[] = {"lowercaseCheckBox", "uppercaseCheckBox",  "digitsCheckBox",
                               "symbolsCheckBox",   "lookAlikesCheckBox", "useButton"};
        for (const char* name : order) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QCOMPARE(QApplication::focusWidget()->objectName(), QString::fromLatin1(name));
        }
        QCOMPARE(child<QSlider>(&dialog, "lengthSlider")->focusPolicy(), Qt::NoFocus);
    }

    void optionsRoundTrip()
    {
        PasswordGeneratorDialog dialog;
        PasswordOptions options;
        options.length = 40;
        options.symbols = false;
        options.excludeLookAlikes = true;
        dialog.setPasswordOptions(options);
        QCOMPARE(dialog.passwordOptions().length, 40);
        QVERIFY(!dialog.passwordOptions().symbols);
        QVERIFY(dialog.passwordOptions().excludeLookAlikes);
        QCOMPARE(preview(dialog).size(), 40);

        PassphraseOptions words;
        words.words = 8;
        words.separator = QStringLiteral(".");
        words.includeNumber = false;
        dialog.setPassphraseOptions(words);
        dialog.setMode(PasswordGeneratorDialog::Mode::Passphrase);
        QCOMPARE(preview(dialog).split(u'.').size(), 8);
        QVERIFY(!preview(dialog).contains(QRegularExpression(QStringLiteral("[0-9]"))));
    }
};

QTEST_MAIN(TestPasswordGeneratorDialog)
#include "TestPasswordGeneratorDialog.moc"
