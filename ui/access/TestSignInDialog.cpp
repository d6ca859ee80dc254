#include "access/TestSignInDialog.h"

#include "access/AccessToolSupport.h"
#include "app/VaultController.h"
#include "common/DialogStyle.h"
#include "common/ErrorText.h"
#include "common/Icons.h"
#include "common/PasswordLineEdit.h"
#include "crypto/SecretBuffer.h"
#include "mfa/MfaService.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace tessera::ui {

namespace {

QString lockTime(qint64 ms)
{
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
    const QString time = when.time().toString(QStringLiteral("HH:mm"));
    return when.date() == QDate::currentDate()
               ? time
               : QLocale().toString(when.date(), QLocale::ShortFormat) + QLatin1Char(' ') + time;
}

// The facts around one sign-in result that the administrator's box explains.
SignInReport reportFor(Directory& directory, const SignInResult& result)
{
    SignInReport report;
    report.result = result;
    report.maxFailures = directory.lockoutPolicy().maxFailures;
    report.hashParameters = directory.hashParams().describe();
    if (result.reason != SignInResult::Reason::UnknownUser) {
        if (auto user = directory.user(result.username)) {
            report.failedLogins = user->failedLogins;
        }
    }
    if (result.secondFactorRequired) {
        if (auto status = directory.mfa().status(result.username)) {
            report.codeDigits = status->digits;
        }
    }
    return report;
}

// "5 minutes", from SignInService::kSecondStepMs.
QString secondStepLimit()
{
    const auto minutes = SignInService::kSecondStepMs / 60000;
    return minutes == 1 ? TestSignInDialog::tr("1 minute") : TestSignInDialog::tr("%1 minutes").arg(minutes);
}

} // namespace

TestSignInDialog::TestSignInDialog(VaultController& controller, QWidget* parent)
    : QDialog(parent), m_controller(controller), m_userEdit(new QLineEdit(this)),
      m_passwordEdit(new PasswordLineEdit(this)),
      m_signInButton(new QPushButton(Icons::get(QStringLiteral("unlock")), tr("&Sign In"), this)),
      m_userView(new QFrame(this)), m_userIcon(new QLabel(m_userView)),
      m_messageLabel(new QLabel(m_userView)), m_secondFactor(new QGroupBox(tr("Second step"), this)),
      m_codeEdit(new QLineEdit(m_secondFactor)),
      m_codeButton(new QPushButton(Icons::get(QStringLiteral("unlock")), tr("Sign &In"), m_secondFactor)),
      m_adminBox(new QFrame(this)), m_reasonLabel(new QLabel(m_adminBox)),
      m_notesLabel(new QLabel(m_adminBox)), m_errorLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("testSignInDialog"));
    setWindowTitle(tr("Test Sign-in"));
    m_userEdit->setObjectName(QStringLiteral("signInUserLineEdit"));
    m_passwordEdit->setObjectName(QStringLiteral("signInPasswordLineEdit"));
    m_signInButton->setObjectName(QStringLiteral("signInButton"));
    m_userView->setObjectName(QStringLiteral("signInUserViewFrame"));
    m_messageLabel->setObjectName(QStringLiteral("signInMessageLabel"));
    m_secondFactor->setObjectName(QStringLiteral("secondFactorWidget"));
    m_codeEdit->setObjectName(QStringLiteral("secondFactorCodeLineEdit"));
    m_codeButton->setObjectName(QStringLiteral("secondFactorSignInButton"));
    m_adminBox->setObjectName(QStringLiteral("adminDetailFrame"));
    m_reasonLabel->setObjectName(QStringLiteral("adminReasonLabel"));
    m_notesLabel->setObjectName(QStringLiteral("adminNotesLabel"));
    m_errorLabel->setObjectName(QStringLiteral("signInErrorLabel"));

    m_userEdit->setPlaceholderText(tr("username"));
    m_signInButton->setDefault(true);
    m_signInButton->setAutoDefault(true);
    attachUsernameCompleter(m_controller, m_userEdit);
    DialogStyle::makeError(m_errorLabel);

    auto* form = new QFormLayout;
    DialogStyle::configure(form);
    form->addRow(tr("&Username:"), m_userEdit);
    form->addRow(tr("&Password:"), m_passwordEdit);
    auto* signInRow = new QHBoxLayout;
    signInRow->addStretch();
    signInRow->addWidget(m_signInButton);

    // What the person signing in sees: one message, nothing more.
    auto* caption = new QLabel(tr("What the user sees"), m_userView);
    DialogStyle::makeHint(caption);
    DialogStyle::makeHeading(m_messageLabel, 1.5);
    m_messageLabel->setWordWrap(true); // the second step's request is a long sentence
    m_userIcon->setFixedSize(28, 28);
    auto* messageRow = new QHBoxLayout;
    messageRow->setSpacing(10);
    messageRow->addWidget(m_userIcon);
    messageRow->addWidget(m_messageLabel, 1);
    auto* userLayout = new QVBoxLayout(m_userView);
    userLayout->setContentsMargins(16, 10, 16, 12);
    userLayout->setSpacing(4);
    userLayout->addWidget(caption);
    userLayout->addLayout(messageRow);
    m_userView->hide();

    // The second step (see the class comment); hidden until the password step asks for a code.
    auto* secondFactorText = new QLabel(tr("The password is correct. Enter the code the authenticator app "
                                           "shows, or one of the backup codes."),
                                        m_secondFactor);
    secondFactorText->setWordWrap(true);
    m_codeEdit->setPlaceholderText(tr("6-digit code or backup code"));
    m_codeEdit->setMaxLength(32);
    m_codeEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_codeEdit->setAccessibleName(tr("Authenticator or backup code"));
    m_codeButton->setAutoDefault(true);
    auto* codeRow = new QHBoxLayout;
    codeRow->setSpacing(8);
    codeRow->addWidget(m_codeEdit, 1);
    codeRow->addWidget(m_codeButton);
    auto* secondFactorLayout = new QVBoxLayout(m_secondFactor);
    secondFactorLayout->setSpacing(8);
    secondFactorLayout->addWidget(secondFactorText);
    secondFactorLayout->addLayout(codeRow);
    m_secondFactor->hide();

    // For the administrator only, set apart so nobody mistakes it for what a user is told.
    m_adminBox->setStyleSheet(
        QStringLiteral("QFrame#adminDetailFrame { border: 1px dashed palette(mid); border-radius: 6px; }"));
    auto* adminTitle = new QLabel(tr("Administrator detail"), m_adminBox);
    DialogStyle::makeHeading(adminTitle, 1.0);
    auto* adminHint = new QLabel(tr("Never shown to the person signing in."), m_adminBox);
    DialogStyle::makeHint(adminHint);
    auto* adminHeading = new QHBoxLayout;
    adminHeading->addWidget(adminTitle);
    adminHeading->addStretch();
    adminHeading->addWidget(adminHint);
    adminHint->setWordWrap(false);
    m_reasonLabel->setWordWrap(true);
    m_reasonLabel->setTextFormat(Qt::PlainText);
    m_reasonLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notesLabel->setWordWrap(true);
    m_notesLabel->setTextFormat(Qt::RichText);
    auto* adminLayout = new QVBoxLayout(m_adminBox);
    adminLayout->setContentsMargins(16, 10, 16, 12);
    adminLayout->setSpacing(6);
    adminLayout->addLayout(adminHeading);
    adminLayout->addWidget(m_reasonLabel);
    adminLayout->addWidget(m_notesLabel);
    m_adminBox->hide();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setAutoDefault(false);
    auto* layout = new QVBoxLayout(this);
    DialogStyle::configure(layout);
    layout->addWidget(DialogStyle::header(Icons::get(QStringLiteral("unlock")), tr("Test a sign-in"),
                                          tr("Signs in as the user would, against this vault. It is a real "
                                             "attempt: it is recorded in the audit "
                                             "trail and counts toward the account's lockout."),
                                          this));
    layout->addLayout(form);
    layout->addLayout(signInRow);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_userView);
    layout->addWidget(m_secondFactor);
    layout->addWidget(m_adminBox);
    layout->addStretch();
    layout->addWidget(buttons);
    setMinimumWidth(540);

    connect(m_signInButton, &QPushButton::clicked, this, &TestSignInDialog::signIn);
    connect(m_codeButton, &QPushButton::clicked, this, &TestSignInDialog::signInWithCode);
    connect(m_codeEdit, &QLineEdit::textChanged, this, &TestSignInDialog::updateState);
    connect(buttons, &QDialogButtonBox::rejected, this, &TestSignInDialog::reject);
    connect(m_userEdit, &QLineEdit::textChanged, this, &TestSignInDialog::updateState);
    connect(&m_controller, &VaultController::locked, this, [this] { QDialog::done(QDialog::Rejected); });
    updateState();
    m_userEdit->setFocus();
}

TestSignInDialog::~TestSignInDialog()
{
    m_passwordEdit->clearSecret();
}

void TestSignInDialog::setUsername(const QString& username)
{
    m_userEdit->setText(username);
}

void TestSignInDialog::updateState()
{
    m_signInButton->setEnabled(!m_busy && !m_userEdit->text().trimmed().isEmpty());
    m_codeButton->setEnabled(!m_busy && m_pendingStep && !m_codeEdit->text().trimmed().isEmpty());
}

void TestSignInDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_userEdit->setEnabled(!busy);
    m_passwordEdit->setEnabled(!busy);
    m_codeEdit->setEnabled(!busy);
    updateState();
}

void TestSignInDialog::signIn()
{
    if (m_busy || !m_signInButton->isEnabled()) {
        return;
    }
    const QString username = m_userEdit->text().trimmed();
    QString typed = m_passwordEdit->text();
    auto secret = std::make_shared<SecretBuffer>(SecretBuffer::fromString(typed));
    wipeString(typed);
    m_passwordEdit->clearSecret();
    setBusy(true);
    m_errorLabel->hide();
    m_pendingStep.reset(); // a new password step starts a new sign-in
    m_codeEdit->clear();
    const bool queued = m_controller.runDirectory(
        this,
        [username, secret](Directory& directory) -> Result<SignInReport> {
            SignInService service(directory);
            TESSERA_TRY_ASSIGN(result, service.signIn(username, *secret));
            return reportFor(directory, result);
        },
        [this](Result<SignInReport> report) { finish(std::move(report)); });
    if (!queued) {
        setBusy(false);
    }
}

void TestSignInDialog::signInWithCode()
{
    if (m_busy || !m_pendingStep || !m_codeButton->isEnabled()) {
        return;
    }
    const SecondStep step = *m_pendingStep;
    const QString code = m_codeEdit->text().trimmed();
    m_codeEdit->clear();
    setBusy(true);
    m_errorLabel->hide();
    const bool queued = m_controller.runDirectory(
        this,
        [step, code](Directory& directory) -> Result<SignInReport> {
            SignInService service(directory);
            TESSERA_TRY_ASSIGN(result, service.completeSignIn(step, code));
            return reportFor(directory, result);
        },
        [this](Result<SignInReport> report) { finish(std::move(report)); });
    if (!queued) {
        setBusy(false);
    }
}

void TestSignInDialog::finish(Result<SignInReport> report)
{
    setBusy(false);
    // The attempt changed lockout state and the audit trail, whatever its outcome.
    m_controller.notifyIdentityChanged();
    if (!report) {
        m_pendingStep.reset();
        showFailure(ErrorText::forUser(report.error()));
        return;
    }
    const SignInResult& result = report->result;
    using Reason = SignInResult::Reason;
    if (result.secondFactorRequired && result.secondStep) {
        m_pendingStep = result.secondStep;
    } else {
        // A wrong or replayed code may be followed by another try within the time limit, unless it
        // locked the account; every other outcome ends this sign-in.
        const bool retry = (result.reason == Reason::WrongCode || result.reason == Reason::ReplayedCode) &&
                           result.lockedUntilMs <= m_controller.clock().nowMs();
        if (!retry) {
            m_pendingStep.reset();
        }
    }
    showReport(*report);
}

QString TestSignInDialog::userMessage(const SignInResult& result)
{
    // The core's one generic message, capitalised as a screen shows it.
    QString message = result.message();
    if (!message.isEmpty()) {
        message[0] = message.at(0).toUpper();
    }
    return message;
}

QString TestSignInDialog::adminReason(const SignInReport& report)
{
    const SignInResult& result = report.result;
    switch (result.reason) {
    case SignInResult::Reason::Success:
        switch (result.secondFactorMethod) {
        case SecondFactorCheck::Method::Totp:
            return tr("Password and authenticator code correct: %1 exists, is enabled and is not locked.")
                .arg(result.username);
        case SecondFactorCheck::Method::BackupCode:
            return tr("Password and a backup code correct: %1 exists, is enabled and is not locked. The "
                      "backup "
                      "code is now used up.")
                .arg(result.username);
        case SecondFactorCheck::Method::None:
            break;
        }
        return tr("Password correct: %1 exists, is enabled and is not locked.").arg(result.username);
    case SignInResult::Reason::SecondFactorRequired:
        return tr("Password correct for %1, who has an active authenticator: a code from it or a backup code "
                  "must follow within %2.")
            .arg(result.username, secondStepLimit());
    case SignInResult::Reason::WrongCode:
        if (result.lockedUntilMs > 0) {
            return tr("Wrong second-factor code for %1. This was failure %2 of %3: the account is now locked "
                      "until %4.")
                .arg(result.username)
                .arg(report.failedLogins)
                .arg(report.maxFailures)
                .arg(lockTime(result.lockedUntilMs));
        }
        return tr("Wrong second-factor code for %1: neither the authenticator's current code nor an unused "
                  "backup code (failed attempt %2 of %3 before the account locks).")
            .arg(result.username)
            .arg(report.failedLogins)
            .arg(report.maxFailures);
    case SignInResult::Reason::ReplayedCode:
        return tr("Replayed code for %1: this authenticator code was already used in its time step, so it is "
                  "refused (failed attempt %2 of %3 before the account locks).")
            .arg(result.username)
            .arg(report.failedLogins)
            .arg(report.maxFailures);
    case SignInResult::Reason::SecondStepExpired:
        return tr("Too late: more than %1 passed between the password and the code for %2. The sign-in must "
                  "start again with the password.")
            .arg(secondStepLimit(), result.username);
    case SignInResult::Reason::UnknownUser:
        return tr("Unknown user: no account is named “%1”. A dummy hash was still checked, so the answer "
                  "took "
                  "as long as for a real account.")
            .arg(result.username);
    case SignInResult::Reason::WrongPassword:
        if (result.lockedUntilMs > 0) {
            return tr("Wrong password for %1. This was failure %2 of %3: the account is now locked until %4.")
                .arg(result.username)
                .arg(report.failedLogins)
                .arg(report.maxFailures)
                .arg(lockTime(result.lockedUntilMs));
        }
        return tr("Wrong password for %1 (failed attempt %2 of %3 before the account locks).")
            .arg(result.username)
            .arg(report.failedLogins)
            .arg(report.maxFailures);
    case SignInResult::Reason::NoPassword:
        return tr("%1 has no password set yet, so no password can sign in.").arg(result.username);
    case SignInResult::Reason::Disabled:
        return tr("%1 is disabled: every sign-in is refused, whatever the password.").arg(result.username);
    case SignInResult::Reason::Locked:
        return tr("%1 is locked until %2 after too many failed attempts. The password was not considered, "
                  "and "
                  "this attempt does not extend the lock.")
            .arg(result.username, lockTime(result.lockedUntilMs));
    }
    return SignInResult::reasonName(result.reason);
}

void TestSignInDialog::showReport(const SignInReport& report)
{
    m_report = report;
    const SignInResult& result = report.result;
    // Green for signed in, red for refused; between the steps neither, the palette's accent.
    const bool waiting = result.secondFactorRequired;
    const QColor accent = result.authenticated ? QColor(0x2e, 0x9b, 0x5f)
                          : waiting            ? palette().color(QPalette::Highlight)
                                               : QColor(0xd6, 0x45, 0x45);
    m_userView->setStyleSheet(
        QStringLiteral("QFrame#signInUserViewFrame { border: 1px solid rgba(%1, %2, %3, 150); "
                       "border-radius: 6px; background: rgba(%1, %2, %3, 22); }")
            .arg(accent.red())
            .arg(accent.green())
            .arg(accent.blue()));
    m_userIcon->setPixmap(Icons::pixmap(result.authenticated ? QStringLiteral("check")
                                        : waiting            ? QStringLiteral("shield")
                                                             : QStringLiteral("error"),
                                        28));
    m_messageLabel->setText(userMessage(result));
    m_messageLabel->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(accent.name()));
    m_userView->show();
    m_secondFactor->setVisible(m_pendingStep.has_value());
    m_codeEdit->setPlaceholderText(tr("%1-digit code or backup code").arg(report.codeDigits));
    // Enter now belongs to the step in front of the person.
    (m_pendingStep ? m_codeButton : m_signInButton)->setDefault(true);
    if (m_pendingStep) {
        m_codeEdit->setFocus();
    }
    updateState();

    m_reasonLabel->setText(tr("Reason: %1").arg(adminReason(report)));
    QStringList notes;
    if (result.mustChangePassword) {
        notes.append(tr("<b>Must change password:</b> the user is asked for a new password right after this "
                        "sign-in."));
    }
    if (result.rehashed) {
        notes.append(
            tr("<b>Hash upgraded:</b> the stored hash used an older format or older parameters and was "
               "replaced with one using %1.")
                .arg(report.hashParameters.toHtmlEscaped()));
    }
    if (result.secondFactorRequired) {
        notes.append(tr("<b>Second factor required:</b> the password alone does not complete the sign-in."));
    }
    switch (result.secondFactorMethod) {
    case SecondFactorCheck::Method::Totp:
        notes.append(tr("<b>Second factor:</b> authenticator code."));
        break;
    case SecondFactorCheck::Method::BackupCode: {
        const int left = result.backupCodesRemaining;
        const QString count = left == 1 ? tr("1 backup code left") : tr("%1 backup codes left").arg(left);
        notes.append(
            left <= MfaStatus::kLowBackupCodes
                ? tr("<b>Second factor:</b> backup code; <span style=\"color: %1\">only %2: generate a "
                     "new set soon</span>.")
                      .arg(DialogStyle::warningColor(palette()).name(), count.toHtmlEscaped())
                : tr("<b>Second factor:</b> backup code; %1.").arg(count.toHtmlEscaped()));
        break;
    }
    case SecondFactorCheck::Method::None:
        break;
    }
    if (result.mfaSetupRequired) {
        notes.append(tr("<b>MFA setup required:</b> the vault's MFA policy requires an authenticator for %1, "
                        "who has none active yet.")
                         .arg(result.username.toHtmlEscaped()));
    }
    const QString action = result.authenticated ? QStringLiteral("auth.success")
                           : waiting            ? QStringLiteral("auth.second-factor")
                                                : QStringLiteral("auth.failure");
    notes.append(tr("Audited as <code>%1</code> (%2).").arg(action, SignInResult::reasonName(result.reason)));
    m_notesLabel->setText(notes.join(QStringLiteral("<br>")));
    m_adminBox->show();
    growToFit(this);
    Q_EMIT resultShown();
}

void TestSignInDialog::showFailure(const QString& message)
{
    m_userView->hide();
    m_adminBox->hide();
    m_secondFactor->hide();
    m_signInButton->setDefault(true);
    m_errorLabel->setText(tr("The sign-in could not run: %1").arg(message));
    m_errorLabel->show();
    Q_EMIT resultShown();
}

} // namespace tessera::ui
