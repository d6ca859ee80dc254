#include "mfa/TotpEnrolDialog.h"

#include "app/VaultController.h"
#include "common/ClipboardHelper.h"
#include "common/DialogStyle.h"
#include "common/ErrorText.h"
#include "common/Icons.h"
#include "mfa/MfaService.h"
#include "mfa/MfaText.h"
#include "mfa/QrCodeWidget.h"
#include "qr/QrCode.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>
#include <algorithm>

namespace tessera::ui {

namespace {

QLabel* stepTitle(const QString& number, const QString& text, QWidget* parent)
{
    auto* label = new QLabel(QStringLiteral("%1  %2").arg(number, text), parent);
    DialogStyle::makeHeading(label, 1.05);
    return label;
}

} // namespace

TotpEnrolDialog::TotpEnrolDialog(VaultController& controller, TotpEnrolment enrolment, QWidget* parent)
    : QDialog(parent), m_controller(controller), m_enrolment(std::move(enrolment)),
      m_clipboard(new ClipboardHelper(this))
{
    setObjectName(QStringLiteral("totpEnrolDialog"));
    setWindowTitle(tr("Enrol Authenticator — %1").arg(m_enrolment.username));

    m_qr = new QrCodeWidget(this);
    m_qrError = new QLabel(this);
    m_keyLabel = new QLabel(this);
    m_copyButton = new QPushButton(Icons::get(QStringLiteral("copy")), tr("&Copy"), this);
    m_copiedLabel = new QLabel(this);
    m_codeEdit = new QLineEdit(this);
    m_confirmButton = new QPushButton(Icons::get(QStringLiteral("check")), tr("C&onfirm"), this);
    m_codeError = new QLabel(this);
    m_countdownLabel = new QLabel(this);
    m_qrError->setObjectName(QStringLiteral("qrErrorLabel"));
    m_keyLabel->setObjectName(QStringLiteral("manualKeyLabel"));
    m_copyButton->setObjectName(QStringLiteral("copyKeyButton"));
    m_copiedLabel->setObjectName(QStringLiteral("keyCopiedLabel"));
    m_codeEdit->setObjectName(QStringLiteral("enrolCodeLineEdit"));
    m_confirmButton->setObjectName(QStringLiteral("confirmCodeButton"));
    m_codeError->setObjectName(QStringLiteral("enrolCodeErrorLabel"));
    m_countdownLabel->setObjectName(QStringLiteral("enrolCountdownLabel"));

    // The QR code carries the otpauth URI byte for byte; the byte copy holds the seed, so it is wiped.
    QByteArray uri = m_enrolment.uri.toUtf8();
    auto code = QrCode::encode(uri);
    wipeBytes(uri);
    if (code) {
        m_qr->setCode(std::move(*code));
    } else {
        m_qr->hide();
        m_qrError->setText(tr("The QR code could not be made (%1). Enter the key by hand instead.")
                               .arg(ErrorText::forUser(code.error())));
    }
    m_qr->setAccessibleDescription(tr("QR code to scan with an authenticator app"));
    m_qr->setMinimumSize(m_qr->sizeHint());
    DialogStyle::makeError(m_qrError);
    m_qrError->setVisible(!code);

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    // Four groups a line (a 160-bit key is two lines of four), so a line never breaks mid-way.
    m_manualKey = m_enrolment.secretForManualEntry();
    for (qsizetype at = 0, spaces = 0; at < m_manualKey.size(); ++at) {
        if (m_manualKey.at(at) == u' ' && ++spaces % 4 == 0) {
            m_manualKey[at] = u'\n';
        }
    }
    QFont keyFont = fixed;
    keyFont.setPointSizeF(std::max(fixed.pointSizeF(), font().pointSizeF()) * 1.1);
    keyFont.setWeight(QFont::DemiBold);
    m_keyLabel->setFont(keyFont);
    m_keyLabel->setText(m_manualKey);
    m_keyLabel->setWordWrap(false);
    m_keyLabel->setAccessibleName(tr("Key for manual entry"));
    m_copyButton->setToolTip(tr("Copy the key; the clipboard is cleared again after a few seconds"));
    DialogStyle::makeHint(m_copiedLabel);
    m_copiedLabel->hide();

    const OtpPolicy& policy = m_enrolment.policy;
    QFont codeFont = fixed;
    codeFont.setPointSizeF(std::max(fixed.pointSizeF(), font().pointSizeF()) * 1.3);
    m_codeEdit->setFont(codeFont);
    // Apps often show "123 456"; spaces are allowed and dropped.
    m_codeEdit->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9 ]*")), m_codeEdit));
    m_codeEdit->setMaxLength(policy.digits + 2);
    m_codeEdit->setPlaceholderText(tr("%1 digits").arg(policy.digits));
    m_codeEdit->setMaximumWidth(
        m_codeEdit->fontMetrics().horizontalAdvance(QString(policy.digits + 3, u'0')) + 24);
    m_codeEdit->setAccessibleName(tr("Code from the authenticator app"));
    m_confirmButton->setDefault(true); // Enter in the code field confirms
    DialogStyle::makeError(m_codeError);

    // Left: the code to scan. Right: what it holds, the manual key, and the confirmation.
    auto* details = new QFormLayout;
    DialogStyle::configure(details);
    details->setVerticalSpacing(4);
    details->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    auto addDetail = [&](const QString& label, const QString& value, const char* name) {
        auto* field = new QLabel(value, this);
        field->setObjectName(QString::fromLatin1(name));
        field->setTextFormat(Qt::PlainText);
        details->addRow(label, field);
    };
    addDetail(tr("Account:"), m_enrolment.username, "enrolAccountLabel");
    addDetail(tr("Issuer:"), m_enrolment.issuer, "enrolIssuerLabel");
    addDetail(tr("Algorithm:"), otpAlgorithmName(policy.algorithm), "enrolAlgorithmLabel");
    addDetail(tr("Digits:"), QString::number(policy.digits), "enrolDigitsLabel");
    addDetail(tr("Period:"), tr("%1 seconds").arg(policy.period), "enrolPeriodLabel");

    auto* warning = new QWidget(this);
    warning->setObjectName(QStringLiteral("nonDefaultWarning"));
    auto* warningIcon = new QLabel(warning);
    warningIcon->setPixmap(
        Icons::get(QStringLiteral("warning"), DialogStyle::warningColor(palette())).pixmap(16, 16));
    warningIcon->setAlignment(Qt::AlignTop);
    auto* warningText = new QLabel(MfaText::appDefaultsWarning(), warning);
    warningText->setObjectName(QStringLiteral("nonDefaultWarningLabel"));
    warningText->setWordWrap(true);
    warningText->setStyleSheet(QStringLiteral("color: %1;").arg(DialogStyle::warningColor(palette()).name()));
    auto* warningRow = new QHBoxLayout(warning);
    warningRow->setContentsMargins(0, 2, 0, 2);
    warningRow->setSpacing(6);
    warningRow->addWidget(warningIcon);
    warningRow->addWidget(warningText, 1);
    warning->setVisible(!policy.usesAppDefaults());

    auto* manualHint = new QLabel(tr("Cannot scan it? Enter this key in the app instead:"), this);
    DialogStyle::makeHint(manualHint);
    auto* keyRow = new QHBoxLayout;
    keyRow->setSpacing(10);
    keyRow->addWidget(m_keyLabel, 1);
    keyRow->addWidget(m_copyButton, 0, Qt::AlignTop);

    auto* codeHint =
        new QLabel(tr("Enter the code the app shows now, to check that it is set up right."), this);
    DialogStyle::makeHint(codeHint);
    auto* codeRow = new QHBoxLayout;
    codeRow->setSpacing(8);
    codeRow->addWidget(m_codeEdit);
    codeRow->addWidget(m_confirmButton);
    codeRow->addStretch();

    auto* right = new QVBoxLayout;
    right->setSpacing(6);
    right->addWidget(stepTitle(QStringLiteral("1"), tr("Scan the code"), this));
    right->addLayout(details);
    right->addWidget(warning);
    right->addSpacing(6);
    right->addWidget(manualHint);
    right->addLayout(keyRow);
    right->addWidget(m_copiedLabel);
    right->addSpacing(14);
    right->addWidget(stepTitle(QStringLiteral("2"), tr("Confirm with a code"), this));
    right->addWidget(codeHint);
    right->addLayout(codeRow);
    right->addWidget(m_codeError);
    right->addStretch(1);

    auto* left = new QVBoxLayout;
    left->setSpacing(6);
    left->addWidget(m_qr, 0, Qt::AlignTop | Qt::AlignHCenter);
    left->addWidget(m_qrError);
    left->addStretch(1);

    auto* columns = new QHBoxLayout;
    columns->setSpacing(24);
    columns->addLayout(left);
    columns->addLayout(right, 1);

    auto* pendingNote =
        new QLabel(tr("Closing without confirming leaves the enrolment pending: %1 keeps signing in with the "
                      "password alone, and enrolling again shows a new code.")
                       .arg(m_enrolment.username),
                   this);
    pendingNote->setObjectName(QStringLiteral("pendingNoteLabel"));
    DialogStyle::makeHint(pendingNote);
    m_countdownLabel->setWordWrap(false);
    m_countdownLabel->setAccessibleName(tr("Time until the dialog closes"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setAutoDefault(false);
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("closeEnrolButton"));
    auto* bottom = new QHBoxLayout;
    bottom->setSpacing(12);
    auto* clock = new QLabel(this);
    clock->setPixmap(Icons::pixmap(QStringLiteral("clock"), 16));
    bottom->addWidget(clock);
    bottom->addWidget(m_countdownLabel);
    bottom->addStretch(1);
    bottom->addWidget(buttons);

    auto* layout = new QVBoxLayout(this);
    DialogStyle::configure(layout);
    layout->addWidget(DialogStyle::header(
        Icons::get(QStringLiteral("shield")), tr("Set up an authenticator for %1").arg(m_enrolment.username),
        tr("Scan the QR code with an authenticator app (Google Authenticator, Microsoft Authenticator, "
           "FreeOTP, 1Password, …), then confirm with the code it shows. The key is shown only now."),
        this));
    layout->addLayout(columns, 1);
    layout->addWidget(pendingNote);
    layout->addLayout(bottom);
    setMinimumWidth(700);

    connect(m_copyButton, &QPushButton::clicked, this, [this] {
        QString key = m_enrolment.secretBase32();
        m_clipboard->copySecret(key);
        wipeString(key);
        m_copiedLabel->setText(
            m_clipboard->clearSeconds() > 0
                ? tr("Copied. The clipboard is cleared in %1 s.").arg(m_clipboard->clearSeconds())
                : tr("Copied."));
        m_copiedLabel->show();
    });
    connect(m_clipboard, &ClipboardHelper::cleared, m_copiedLabel, &QLabel::hide);
    connect(m_codeEdit, &QLineEdit::textChanged, this, [this] {
        m_codeError->hide();
        updateState();
    });
    connect(m_confirmButton, &QPushButton::clicked, this, &TotpEnrolDialog::confirm);
    connect(buttons, &QDialogButtonBox::rejected, this, &TotpEnrolDialog::reject);
    connect(&m_controller, &VaultController::locked, this, [this] {
        m_busy = false; // a job's answer never comes once the vault is locked
        done(QDialog::Rejected);
    });

    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &TotpEnrolDialog::tick);
    setTimeoutSeconds(kDefaultTimeoutSeconds);
    updateState();
    m_codeEdit->setFocus();
}

TotpEnrolDialog::~TotpEnrolDialog()
{
    wipe();
}

void TotpEnrolDialog::setTimeoutSeconds(int seconds)
{
    m_timeoutSeconds = std::max(1, seconds);
    m_secondsLeft = m_timeoutSeconds;
    m_timedOut = false;
    m_timer.start();
    showCountdown();
}

void TotpEnrolDialog::showCountdown()
{
    m_countdownLabel->setText(tr("Closes in %1 s").arg(m_secondsLeft));
    // The last ten seconds stand out, so the dialog does not vanish by surprise.
    const QColor color = m_secondsLeft <= 10 ? DialogStyle::warningColor(palette())
                                             : palette().color(QPalette::PlaceholderText);
    m_countdownLabel->setStyleSheet(QStringLiteral("color: %1;").arg(color.name()));
}

void TotpEnrolDialog::tick()
{
    if (m_secondsLeft > 0) {
        --m_secondsLeft;
    }
    showCountdown();
    if (m_secondsLeft == 0) {
        m_timer.stop();
        m_timedOut = true;
        if (!m_busy) {
            reject(); // a confirmation in flight decides when it returns
        }
    }
}

QString TotpEnrolDialog::typedCode() const
{
    QString code = m_codeEdit->text();
    code.remove(QLatin1Char(' '));
    return code;
}

void TotpEnrolDialog::updateState()
{
    m_confirmButton->setEnabled(!m_busy && !m_wiped && typedCode().size() == m_enrolment.policy.digits);
    m_codeEdit->setEnabled(!m_busy && !m_wiped);
}

void TotpEnrolDialog::confirm()
{
    if (m_busy || !m_confirmButton->isEnabled()) {
        return;
    }
    const QString username = m_enrolment.username;
    const QString code = typedCode();
    m_busy = true;
    m_codeError->hide();
    updateState();
    const bool started = m_controller.runDirectory(
        this,
        [username, code](Directory& d) -> Result<MfaStatus> {
            TESSERA_TRY(d.mfa().confirm(username, code));
            return d.mfa().status(username);
        },
        [this](Result<MfaStatus> status) {
            m_busy = false;
            // Activating (or a refused attempt) is in the audit trail.
            m_controller.notifyVaultChanged();
            if (status) {
                Q_EMIT confirmed(*status);
                accept();
                return;
            }
            if (m_timedOut) {
                reject();
                return;
            }
            m_codeEdit->clear(); // before the message: typing hides it
            if (status.error().kind == ErrorKind::Input) {
                m_codeError->setText(tr("The code does not match. Check that the phone's clock is right and "
                                        "enter the code the app shows now."));
            } else {
                m_codeError->setText(ErrorText::forUser(status.error()));
            }
            m_codeError->show();
            m_codeEdit->setFocus();
            updateState();
        });
    if (!started) {
        m_busy = false;
        m_codeError->setText(tr("The vault is locked."));
        m_codeError->show();
        updateState();
    }
}

void TotpEnrolDialog::done(int result)
{
    if (m_busy && result != QDialog::Accepted && !m_timedOut) {
        return; // a confirmation is running; its answer decides
    }
    m_timer.stop();
    wipe();
    QDialog::done(result);
}

void TotpEnrolDialog::wipe()
{
    if (m_wiped) {
        return;
    }
    m_wiped = true;
    m_qr->clear();
    m_keyLabel->clear(); // drop the label's reference first, so the wipe below is of the only copy
    wipeString(m_manualKey);
    wipeString(m_enrolment.uri);
    m_enrolment.secret.wipe();
    m_codeEdit->clear();
    m_clipboard->clearNow();
    updateState();
}

} // namespace tessera::ui
