#include "TestVault.h"
#include "UiTestSupport.h"
#include "access/TestSignInDialog.h"
#include "app/MainWindow.h"
#include "app/VaultController.h"
#include "common/FileDialogs.h"
#include "common/MessageBoxes.h"
#include "common/PasswordLineEdit.h"
#include "identity/Directory.h"
#include "mfa/BackupCodesDialog.h"
#include "mfa/MfaPolicyDialog.h"
#include "mfa/MfaService.h"
#include "mfa/QrCodeWidget.h"
#include "mfa/TotpEnrolDialog.h"
#include "qr/QrCode.h"
#include "totp/Base32.h"
#include "totp/OtpAuthUri.h"
#include "totp/Totp.h"
#include "users/UserEditorDialog.h"
#include "users/UsersPage.h"
#include "users/UsersTableModel.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QListWidget>
#include <QPrinter>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>

using namespace tessera;
using namespace tessera::test;
using namespace tessera::ui;

namespace {

const char* kUserPassword = "Harbour-Lantern-42";

} // namespace

class TestMfa : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_vaults = 0;

    struct Harness
    {
        VaultController controller;
        MainWindow window{controller};
        UsersPage* page = nullptr;
    };

    // A vault with alice (editor), bob (viewer) and dave (superadmin), all with kUserPassword.
    QString makeVault()
    {
        return createVaultWithUsers(m_dir.filePath(QStringLiteral("mfa-%1.tessera").arg(++m_vaults)),
                                    {{QStringLiteral("alice"), QStringLiteral("editor")},
                                     {QStringLiteral("bob"), QStringLiteral("viewer")},
                                     {QStringLiteral("dave"), QStringLiteral("superadmin")}},
                                    kUserPassword);
    }

    bool open(Harness& h, const QString& path)
    {
        if (!showAndUnlock(h.controller, h.window, path)) {
            return false;
        }
        h.page = child<UsersPage>(&h.window, "usersPage");
        return h.page &&
               QTest::qWaitFor([&] { return !h.page->isLoading() && h.page->model()->hasMfaStatuses(); },
                               10000);
    }

    // Runs `work` as a directory job and waits for it.
    template <typename Work> static auto runJob(Harness& h, Work work)
    {
        using R = std::invoke_result_t<Work&, Directory&>;
        std::optional<R> result;
        h.controller.runDirectory(&h.window, std::move(work), [&](R r) { result.emplace(std::move(r)); });
        (void)QTest::qWaitFor([&] { return result.has_value(); }, 10000);
        return result;
    }

    static QString cell(Harness& h, const QString& username, int column)
    {
        UsersTableModel* model = h.page->model();
        const int row = model->rowOfUsername(username);
        return row < 0 ? QString() : model->index(row, column).data().toString();
    }

    static QStringList shownUsernames(Harness& h)
    {
        QStringList names;
        QAbstractItemModel* model = h.page->view()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            names.append(model->index(row, UsersTableModel::UsernameColumn).data().toString());
        }
        names.sort();
        return names;
    }

    static QPointer<UserEditorDialog> openEditor(Harness& h, const QString& username)
    {
        h.page->editUser(username);
        QPointer<UserEditorDialog> editor = waitForDialog<UserEditorDialog>(h.page);
        if (!editor ||
            !QTest::qWaitFor([&] { return editor->isLoaded() && editor->mfaStatus().has_value(); })) {
            return {};
        }
        return editor;
    }

    // Types the code the authenticator would show now into the enrol dialog and confirms it.
    static void confirmWithCurrentCode(TotpEnrolDialog* dialog)
    {
        auto code =
            Totp::code(dialog->secretForTesting(), QDateTime::currentSecsSinceEpoch(), dialog->policy());
        QVERIFY(code);
        typeInto(child<QLineEdit>(dialog, "enrolCodeLineEdit"), *code);
        auto* confirm = child<QPushButton>(dialog, "confirmCodeButton");
        QVERIFY(confirm->isEnabled());
        QTest::mouseClick(confirm, Qt::LeftButton);
    }

    // The backup codes of a fresh set, read from the dialog the editor opens; the dialog is closed.
    static QStringList generateCodes(UserEditorDialog* editor, bool replacing)
    {
        if (replacing) {
            MessageBoxes::setNextAnswer(QMessageBox::Yes);
        }
        MessageBoxes::clearLast();
        QTest::mouseClick(child<QPushButton>(editor, "backupCodesButton"), Qt::LeftButton);
        QPointer<BackupCodesDialog> dialog = waitForDialog<BackupCodesDialog>(editor, 10000);
        if (!dialog) {
            return {};
        }
        if (replacing != MessageBoxes::lastText().contains(QStringLiteral("replaces the old one"))) {
            qWarning("confirmation: %s", qPrintable(MessageBoxes::lastText()));
            return {};
        }
        const QStringList codes = dialog->codesForTesting();
        QTest::mouseClick(child<QPushButton>(dialog, "backupCodesDoneButton"), Qt::LeftButton);
        (void)QTest::qWaitFor([&] { return !dialog || !dialog->isVisible(); });
        return codes;
    }

    static bool signInPassword(TestSignInDialog* dialog, const QString& user)
    {
        return submitSignIn(dialog, user, QString::fromLatin1(kUserPassword));
    }

    static bool signInCode(TestSignInDialog* dialog, const QString& code)
    {
        auto* codeEdit = child<QLineEdit>(dialog, "secondFactorCodeLineEdit");
        typeInto(codeEdit, code);
        QSignalSpy shown(dialog, &TestSignInDialog::resultShown);
        QTest::keyClick(codeEdit, Qt::Key_Return); // Enter belongs to the second step now
        return shown.wait(10000) || shown.count() > 0;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(initUiTestEnvironment(m_dir)); }

    void qrCodeWidgetPaintsWholeModulesOnWhite()
    {
        auto code = QrCode::encode("otpauth://totp/Tessera:alice?secret=JBSWY3DPEHPK3PXP&issuer=Tessera");
        QVERIFY(code);
        const int modules = code->width();
        QrCodeWidget widget;
        // A dark palette around it: the code itself must stay dark on white.
        QPalette dark = widget.palette();
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x24));
        widget.setPalette(dark);
        widget.setAutoFillBackground(true);
        widget.setCode(std::move(*code));
        QVERIFY(!widget.accessibleName().isEmpty());
        QVERIFY(widget.sizeHint().width() >= (modules + 8) * QrCodeWidget::kMinModulePx);
        QCOMPARE(widget.sizeHint().width(), widget.sizeHint().height());

        for (const QSize size : {QSize(317, 360), QSize(640, 500)}) {
            widget.resize(size);
            const QImage image = widget.grab().toImage().convertToFormat(QImage::Format_RGB32);
            QCOMPARE(image.size(), size); // offscreen: one device pixel per logical pixel
            // The largest whole number of pixels per module that fits, centred.
            const int module = std::min(size.width(), size.height()) / (modules + 8);
            QCOMPARE(widget.moduleSize(), qreal(module));
            const QRect area = widget.symbolRect().toRect();
            QCOMPARE(area.width(), (modules + 8) * module);
            QVERIFY(std::abs((size.width() - area.right() - 1) - area.left()) <= 1);
            QVERIFY(std::abs((size.height() - area.bottom() - 1) - area.top()) <= 1);
            // Outside the symbol: the widget's own (dark) background.
            QVERIFY(area.left() > 0 || area.top() > 0);
            QVERIFY(image.pixelColor(0, 0).lightness() < 64);
            // Only pure black and white inside: no antialiased edges.
            for (int y = area.top(); y <= area.bottom(); ++y) {
                for (int x = area.left(); x <= area.right(); ++x) {
                    const QRgb pixel = image.pixel(x, y) & 0xffffff;
                    if (pixel != 0 && pixel != 0xffffff) {
                        QFAIL(qPrintable(QStringLiteral("grey pixel at %1,%2").arg(x).arg(y)));
                    }
                }
            }
            // Every module, the quiet zone included, at its centre.
            const QrCode* painted = widget.code();
            for (int my = -4; my < modules + 4; ++my) {
                for (int mx = -4; mx < modules + 4; ++mx) {
                    const QPoint centre(area.left() + (mx + 4) * module + module / 2,
                                        area.top() + (my + 4) * module + module / 2);
                    const bool black = (image.pixel(centre) & 0xffffff) == 0;
                    if (black != painted->isDark(mx, my)) {
                        QFAIL(qPrintable(QStringLiteral("module %1,%2 painted wrong").arg(mx).arg(my)));
                    }
                }
            }
            QVERIFY(!painted->isDark(-1, 0)); // the quiet zone is light...
            QVERIFY(painted->isDark(0, 0));   // ...and the finder pattern's corner dark
        }
        widget.clear();
        QVERIFY(!widget.hasCode());
    }

    void enrolConfirmBackupCodesAndSignIn()
    {
        const QString path = makeVault();
        QVERIFY(!path.isEmpty());
        Harness h;
        QVERIFY(open(h, path));
        QCOMPARE(cell(h, QStringLiteral("alice"), UsersTableModel::MfaColumn), QStringLiteral("Off"));

        QPointer<UserEditorDialog> editor = openEditor(h, QStringLiteral("alice"));
        QVERIFY(editor);
        QCOMPARE(editor->mfaStatus()->state, MfaState::Off);
        QVERIFY(child<QLabel>(editor, "mfaStateLabel")->text().startsWith(QStringLiteral("Off")));
        QVERIFY(!child<QPushButton>(editor, "backupCodesButton")->isEnabled()); // no authenticator yet
        QVERIFY(!child<QPushButton>(editor, "resetMfaButton")->isEnabled());

        // Enrol: the dialog shows the QR code and the key, and says what closing leaves behind.
        auto* enrol = child<QPushButton>(editor, "enrolAuthenticatorButton");
        QVERIFY(enrol->isEnabled());
        QTest::mouseClick(enrol, Qt::LeftButton);
        QPointer<TotpEnrolDialog> dialog = waitForDialog<TotpEnrolDialog>(editor, 10000);
        QVERIFY(dialog);
        QVERIFY(child<QrCodeWidget>(dialog, "qrCodeWidget")->hasCode());
        QCOMPARE(dialog->secretForTesting().size(), Totp::kSecretBytes);
        QCOMPARE(child<QLabel>(dialog, "manualKeyLabel")->text().replace(QLatin1Char('\n'), QLatin1Char(' ')),
                 Base32::grouped(Base32::encode(dialog->secretForTesting().view()), 4));
        QCOMPARE(child<QLabel>(dialog, "enrolAccountLabel")->text(), QStringLiteral("alice"));
        QVERIFY(!child<QWidget>(dialog, "nonDefaultWarning")->isVisible()); // SHA1, 6 digits, 30 s
        QVERIFY(child<QLabel>(dialog, "pendingNoteLabel")->text().contains(QStringLiteral("pending")));
        QVERIFY(child<QLabel>(dialog, "enrolCountdownLabel")->text().startsWith(QStringLiteral("Closes in")));
        QVERIFY(dialog->secondsLeft() <= TotpEnrolDialog::kDefaultTimeoutSeconds);

        // A wrong code is refused inline and the dialog stays.
        auto right =
            Totp::code(dialog->secretForTesting(), QDateTime::currentSecsSinceEpoch(), dialog->policy());
        QVERIFY(right);
        QString wrong = *right;
        wrong[0] = QChar(u'0' + (wrong.at(0).digitValue() + 5) % 10);
        typeInto(child<QLineEdit>(dialog, "enrolCodeLineEdit"), wrong);
        QTest::mouseClick(child<QPushButton>(dialog, "confirmCodeButton"), Qt::LeftButton);
        auto* codeError = child<QLabel>(dialog, "enrolCodeErrorLabel");
        QTRY_VERIFY_WITH_TIMEOUT(codeError->isVisible(), 10000);
        QVERIFY2(codeError->text().contains(QStringLiteral("does not match")), qPrintable(codeError->text()));
        QVERIFY(dialog->isVisible());

        // The right one activates the authenticator and closes the dialog.
        confirmWithCurrentCode(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog || !dialog->isVisible(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(editor->mfaStatus()->state, MfaState::Active, 10000);
        QCOMPARE(child<QLabel>(editor, "mfaStateLabel")->text(),
                 QStringLiteral("Active: SHA1, 6 digits, 30 s"));
        QVERIFY(!enrol->isEnabled());
        QVERIFY(child<QPushButton>(editor, "resetMfaButton")->isEnabled());
        QCOMPARE(cell(h, QStringLiteral("alice"), UsersTableModel::MfaColumn),
                 QStringLiteral("Active · no codes"));

        // A first set needs no confirmation; a second one replaces it after one.
        const QStringList first = generateCodes(editor, false);
        QCOMPARE(first.size(), 10);
        QCOMPARE(child<QLabel>(editor, "mfaBackupCodesLabel")->text(), QStringLiteral("10 of 10 left"));
        MessageBoxes::setNextAnswer(QMessageBox::No);
        QTest::mouseClick(child<QPushButton>(editor, "backupCodesButton"), Qt::LeftButton);
        QTest::qWait(200);
        QVERIFY(!waitForDialog<BackupCodesDialog>(editor, 300)); // declined: nothing generated
        const QStringList codes = generateCodes(editor, true);
        QCOMPARE(codes.size(), 10);
        for (const QString& code : codes) {
            QVERIFY(QRegularExpression(QStringLiteral("^[0-9A-Z]{5}-[0-9A-Z]{5}$")).match(code).hasMatch());
            QVERIFY(!first.contains(code));
        }
        QCOMPARE(editor->mfaStatus()->backupCodesTotal, 10);
        editor->reject();
        QTRY_VERIFY(!editor || !editor->isVisible());
        QCOMPARE(cell(h, QStringLiteral("alice"), UsersTableModel::MfaColumn), QStringLiteral("Active"));

        // Test sign-in: the password step asks for a code; a backup code completes it.
        child<QAction>(&h.window, "testSignInAction")->trigger();
        QPointer<TestSignInDialog> signIn = waitForDialog<TestSignInDialog>(&h.window);
        QVERIFY(signIn);
        auto* secondStep = child<QWidget>(signIn, "secondFactorWidget");
        QVERIFY(!secondStep->isVisible());
        QVERIFY(signInPassword(signIn, QStringLiteral("alice")));
        QVERIFY(signIn->lastReport().result.secondFactorRequired);
        QVERIFY(secondStep->isVisible());
        QCOMPARE(child<QLineEdit>(signIn, "secondFactorCodeLineEdit")->placeholderText(),
                 QStringLiteral("6-digit code or backup code"));
        QVERIFY(
            child<QLabel>(signIn, "adminNotesLabel")->text().contains(QStringLiteral("auth.second-factor")));

        QVERIFY(signInCode(signIn, codes.at(3)));
        QVERIFY(signIn->lastReport().result.authenticated);
        QCOMPARE(child<QLabel>(signIn, "signInMessageLabel")->text(), QStringLiteral("Signed in"));
        const QString notes = child<QLabel>(signIn, "adminNotesLabel")->text();
        QVERIFY2(notes.contains(QStringLiteral("backup code")) &&
                     notes.contains(QStringLiteral("9 backup codes left")),
                 qPrintable(notes));
        QVERIFY(!secondStep->isVisible());

        // The same code again: refused with the one generic message, the reason only for the admin.
        QVERIFY(signInPassword(signIn, QStringLiteral("alice")));
        QVERIFY(secondStep->isVisible());
        QVERIFY(signInCode(signIn, codes.at(3)));
        QVERIFY(!signIn->lastReport().result.authenticated);
        QCOMPARE(child<QLabel>(signIn, "signInMessageLabel")->text(), QStringLiteral("Invalid credentials"));
        QVERIFY(child<QLabel>(signIn, "adminReasonLabel")
                    ->text()
                    .contains(QStringLiteral("Wrong second-factor code")));
        // A code from the replaced set does not work either.
        QVERIFY(signInCode(signIn, first.at(0)));
        QCOMPARE(child<QLabel>(signIn, "signInMessageLabel")->text(), QStringLiteral("Invalid credentials"));
        signIn->reject();

        // The Users page followed (9 of 10 left is not low); the filter finds the active authenticator.
        QTRY_VERIFY_WITH_TIMEOUT(h.page->model()
                                         ->mfaStatus(h.page->model()->rowOfUsername(QStringLiteral("alice")))
                                         .backupCodesRemaining == 9,
                                 10000);
        auto* status = child<QComboBox>(h.page, "usersStatusComboBox");
        status->setCurrentIndex(status->findText(QStringLiteral("MFA active")));
        QCOMPARE(shownUsernames(h), QStringList{QStringLiteral("alice")});
        status->setCurrentIndex(0);
    }

    void enrolDialogClosesByItselfAndLeavesItPending()
    {
        const QString path = makeVault();
        QVERIFY(!path.isEmpty());
        Harness h;
        QVERIFY(open(h, path));
        QPointer<UserEditorDialog> editor = openEditor(h, QStringLiteral("bob"));
        QVERIFY(editor);
        QTest::mouseClick(child<QPushButton>(editor, "enrolAuthenticatorButton"), Qt::LeftButton);
        QPointer<TotpEnrolDialog> dialog = waitForDialog<TotpEnrolDialog>(editor, 10000);
        QVERIFY(dialog);
        dialog->setTimeoutSeconds(2);
        QCOMPARE(child<QLabel>(dialog, "enrolCountdownLabel")->text(), QStringLiteral("Closes in 2 s"));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog || !dialog->isVisible(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(editor->mfaStatus()->state, MfaState::Pending, 10000);
        QVERIFY(child<QLabel>(editor, "mfaStateLabel")->text().startsWith(QStringLiteral("Pending since")));
        QVERIFY(child<QPushButton>(editor, "enrolAuthenticatorButton")->isEnabled()); // start again
        QTRY_COMPARE(cell(h, QStringLiteral("bob"), UsersTableModel::MfaColumn), QStringLiteral("Pending"));

        // Reset asks first, naming the user; it then removes the pending enrolment.
        MessageBoxes::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(child<QPushButton>(editor, "resetMfaButton"), Qt::LeftButton);
        QVERIFY(MessageBoxes::lastText().contains(QStringLiteral("bob")));
        QTRY_COMPARE_WITH_TIMEOUT(editor->mfaStatus()->state, MfaState::Off, 10000);
        QCOMPARE(cell(h, QStringLiteral("bob"), UsersTableModel::MfaColumn), QStringLiteral("Off"));
        editor->reject();
    }

    void enrolDialogShowsTheSettingsAndWipesOnClose()
    {
        VaultController controller; // locked: nothing here runs a job
        OtpPolicy policy;
        policy.digits = 8;
        policy.period = 60;
        OtpAuthUri uri;
        uri.issuer = QStringLiteral("Acme");
        uri.accountName = QStringLiteral("zoë");
        uri.secret = Totp::generateSecret();
        uri.digits = policy.digits;
        uri.period = policy.period;
        auto text = uri.toUri();
        QVERIFY(text);
        TotpEnrolment enrolment{QStringLiteral("zoë"), QStringLiteral("Acme"), uri.secret.clone(), policy,
                                *text};
        TotpEnrolDialog dialog(controller, std::move(enrolment));
        dialog.show();
        QVERIFY(child<QrCodeWidget>(&dialog, "qrCodeWidget")->hasCode());
        QCOMPARE(child<QLabel>(&dialog, "enrolIssuerLabel")->text(), QStringLiteral("Acme"));
        QCOMPARE(child<QLabel>(&dialog, "enrolDigitsLabel")->text(), QStringLiteral("8"));
        QCOMPARE(child<QLabel>(&dialog, "enrolPeriodLabel")->text(), QStringLiteral("60 seconds"));
        auto* warning = child<QLabel>(&dialog, "nonDefaultWarningLabel");
        QVERIFY(warning->isVisible());
        QVERIFY(warning->text().contains(
            QStringLiteral("Google and Microsoft Authenticator ignore non-default settings")));
        QCOMPARE(child<QLineEdit>(&dialog, "enrolCodeLineEdit")->placeholderText(),
                 QStringLiteral("8 digits"));
        // Copy goes through the self-clearing clipboard.
        QTest::mouseClick(child<QPushButton>(&dialog, "copyKeyButton"), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), Base32::encode(uri.secret.view()));
        QVERIFY(child<QLabel>(&dialog, "keyCopiedLabel")->isVisible());

        dialog.reject();
        QVERIFY(dialog.secretForTesting().isEmpty());
        QVERIFY(child<QLabel>(&dialog, "manualKeyLabel")->text().isEmpty());
        QVERIFY(!child<QrCodeWidget>(&dialog, "qrCodeWidget")->hasCode());
        QVERIFY(QGuiApplication::clipboard()->text().isEmpty()); // cleared with the dialog
    }

    void backupCodesDialogSavesPrivatelyAndPrints()
    {
        const QStringList codes{QStringLiteral("7KD2M-XW9QH"), QStringLiteral("ABCDE-FGHJK")};
        BackupCodesDialog dialog(QStringLiteral("alice"), codes, QStringLiteral("acme"));
        dialog.show();
        QVERIFY(child<QLabel>(&dialog, "shownOnceLabel")->text().contains(QStringLiteral("Shown once")));
        QCOMPARE(child<QLabel>(&dialog, "backupCodeLabel_2")->text(), codes.at(1));

        const QString path = m_dir.filePath(QStringLiteral("codes.txt"));
        FileDialogs::setNextFileName(path);
        QSignalSpy saved(&dialog, &BackupCodesDialog::saved);
        QTest::mouseClick(child<QPushButton>(&dialog, "saveBackupCodesButton"), Qt::LeftButton);
        QCOMPARE(saved.count(), 1);
        const QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup |
                                          QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
        QVERIFY(!(QFile::permissions(path) & others)); // 0600
        const QByteArray text = readAll(path);
        QVERIFY(text.contains("Account: alice"));
        QVERIFY(text.contains(" 1. 7KD2M-XW9QH\n") || text.contains("1. 7KD2M-XW9QH\n"));
        QVERIFY(text.contains("2. ABCDE-FGHJK\n"));

        QPrinter printer;
        const QString pdf = m_dir.filePath(QStringLiteral("codes.pdf"));
        printer.setOutputFormat(QPrinter::PdfFormat);
        printer.setOutputFileName(pdf);
        dialog.printTo(printer);
        QVERIFY(readAll(pdf).startsWith("%PDF"));

        dialog.accept();
        QVERIFY(dialog.codesForTesting().isEmpty()); // wiped on close
        QVERIFY(child<QLabel>(&dialog, "backupCodeLabel_1")->text().isEmpty());
    }

    void mfaPolicyDialogOffersOnlyValidSettingsAndSaves()
    {
        const QString path = makeVault();
        QVERIFY(!path.isEmpty());
        Harness h;
        QVERIFY(open(h, path));
        child<QAction>(h.page, "mfaPolicyAction")->trigger();
        QPointer<MfaPolicyDialog> dialog = waitForDialog<MfaPolicyDialog>(h.page);
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isLoaded(), 10000);
        auto* save = child<QPushButton>(dialog, "saveMfaPolicyButton");
        QVERIFY(!save->isEnabled()); // nothing changed yet

        // Every choice the widgets offer is one the core accepts.
        auto* digits = child<QComboBox>(dialog, "mfaDigitsComboBox");
        auto* period = child<QComboBox>(dialog, "mfaPeriodComboBox");
        auto* algorithm = child<QComboBox>(dialog, "mfaAlgorithmComboBox");
        auto* window = child<QSpinBox>(dialog, "mfaWindowSpinBox");
        QCOMPARE(window->minimum(), 0);
        QCOMPARE(window->maximum(), OtpPolicy::kMaxWindow);
        for (int a = 0; a < algorithm->count(); ++a) {
            for (int d = 0; d < digits->count(); ++d) {
                for (int p = 0; p < period->count(); ++p) {
                    for (int w : {window->minimum(), window->maximum()}) {
                        algorithm->setCurrentIndex(a);
                        digits->setCurrentIndex(d);
                        period->setCurrentIndex(p);
                        window->setValue(w);
                        QVERIFY(dialog->policy().totp.validate());
                    }
                }
            }
        }
        algorithm->setCurrentIndex(0);
        period->setCurrentIndex(0);
        window->setValue(1);
        // 8 digits warns that common apps ignore it.
        digits->setCurrentIndex(digits->findData(8));
        QVERIFY(child<QWidget>(dialog, "nonDefaultWarning")->isVisible());
        digits->setCurrentIndex(digits->findData(6));
        QVERIFY(!child<QWidget>(dialog, "nonDefaultWarning")->isVisible());

        // Require a second factor of admin:all holders (dave), with another issuer.
        auto* issuer = child<QLineEdit>(dialog, "mfaIssuerLineEdit");
        typeInto(issuer, QStringLiteral("Acme Corp"));
        auto* list = child<QListWidget>(dialog, "mfaRequiredForListWidget");
        const QList<QListWidgetItem*> found = list->findItems(QStringLiteral("admin:all"), Qt::MatchExactly);
        QCOMPARE(found.size(), 1);
        found.first()->setCheckState(Qt::Checked);
        QVERIFY(save->isEnabled());
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog || !dialog->isVisible(), 10000);

        auto stored = runJob(h, [](Directory& d) -> Result<MfaPolicy> { return d.mfa().policy(); });
        QVERIFY(stored && *stored);
        QCOMPARE((*stored)->issuer, QStringLiteral("Acme Corp"));
        QCOMPARE((*stored)->requiredFor, QStringList{QStringLiteral("admin:all")});

        // The Users page reloads: dave is flagged, and the filter finds him alone.
        QTRY_COMPARE_WITH_TIMEOUT(cell(h, QStringLiteral("dave"), UsersTableModel::MfaColumn),
                                  QStringLiteral("Required"), 10000);
        QCOMPARE(cell(h, QStringLiteral("alice"), UsersTableModel::MfaColumn), QStringLiteral("Off"));
        const QModelIndex daveCell = h.page->model()->index(
            h.page->model()->rowOfUsername(QStringLiteral("dave")), UsersTableModel::MfaColumn);
        QVERIFY(!daveCell.data(Qt::DecorationRole).value<QIcon>().isNull());
        auto* status = child<QComboBox>(h.page, "usersStatusComboBox");
        status->setCurrentIndex(status->findText(QStringLiteral("MFA missing")));
        QCOMPARE(shownUsernames(h), QStringList{QStringLiteral("dave")});
        // Sorting by the column puts what needs attention first.
        status->setCurrentIndex(0);
        h.page->view()->sortByColumn(UsersTableModel::MfaColumn, Qt::AscendingOrder);
        QCOMPARE(h.page->view()->model()->index(0, UsersTableModel::UsernameColumn).data().toString(),
                 QStringLiteral("dave"));

        // An empty issuer is the one thing to refuse: Save stays off and says why.
        child<QAction>(h.page, "mfaPolicyAction")->trigger();
        dialog = waitForDialog<MfaPolicyDialog>(h.page);
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isLoaded(), 10000);
        issuer = child<QLineEdit>(dialog, "mfaIssuerLineEdit");
        QCOMPARE(issuer->text(), QStringLiteral("Acme Corp"));
        typeInto(issuer, QStringLiteral("   "));
        QVERIFY(!child<QPushButton>(dialog, "saveMfaPolicyButton")->isEnabled());
        auto* issuerError = child<QLabel>(dialog, "mfaIssuerErrorLabel");
        QVERIFY(issuerError->isVisible());
        QVERIFY2(issuerError->text().contains(QStringLiteral("issuer")), qPrintable(issuerError->text()));
        typeInto(issuer, QStringLiteral("Acme"));
        QVERIFY(child<QPushButton>(dialog, "saveMfaPolicyButton")->isEnabled());
        QVERIFY(!issuerError->isVisible());
        dialog->reject();
    }
};

QTEST_MAIN(TestMfa)
#include "TestMfa.moc"
