#include "vault/ChangePasswordDialog.h"

#include "app/VaultController.h"
#include "common/DialogStyle.h"
#include "common/ErrorText.h"
#include "common/Icons.h"
#include "common/PasswordLineEdit.h"
#include "common/PasswordPairWidget.h"
#include "crypto/SecretBuffer.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace tessera::ui {

ChangePasswordDialog::ChangePasswordDialog(VaultController& controller, QWidget* parent)
    : QDialog(parent), m_controller(controller), m_currentEdit(new PasswordLineEdit(this)),
      m_passwordPair(new PasswordPairWidget(this)), m_unlockTimeSpin(new QDoubleSpinBox(this)),
      m_busyBar(new QProgressBar(this)), m_statusLabel(new QLabel(this)), m_errorLabel(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this)),
      m_changeButton(m_buttons->addButton(tr("C&hange Password"), QDialogButtonBox::AcceptRole))
{
    setObjectName(QStringLiteral("changePasswordDialog"));
    setWindowTitle(tr("Change Master Password"));
    m_currentEdit->setObjectName(QStringLiteral("currentPasswordLineEdit"));
    m_passwordPair->passwordEdit()->setObjectName(QStringLiteral("newPasswordLineEdit"));
    m_unlockTimeSpin->setObjectName(QStringLiteral("unlockTimeSpinBox"));
    m_busyBar->setObjectName(QStringLiteral("busyProgressBar"));
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_changeButton->setObjectName(QStringLiteral("changeButton"));
    m_changeButton->setIcon(Icons::get(QStringLiteral("key")));

    m_unlockTimeSpin->setRange(0.5, 5.0);
    m_unlockTimeSpin->setSingleStep(0.5);
    m_unlockTimeSpin->setDecimals(1);
    m_unlockTimeSpin->setValue(1.0);
    m_unlockTimeSpin->setSuffix(tr(" s"));
    m_busyBar->setRange(0, 0);
    m_busyBar->setTextVisible(false);
    m_busyBar->setMaximumHeight(6);
    m_passwordPair->setLabels(tr("&New password:"), tr("C&onfirm new password:"));
    m_passwordPair->setMismatchText(tr("The new passwords do not match."));
    DialogStyle::makeError(m_errorLabel);
    DialogStyle::makeHint(m_statusLabel);

    auto* header = DialogStyle::header(
        Icons::get(QStringLiteral("key")), tr("Change the master password"),
        tr("The vault is re-encrypted under the new password. Backups made earlier keep opening with "
           "the old password."),
        this);
    auto* form = new QFormLayout;
    DialogStyle::configure(form);
    form->addRow(tr("&Current password:"), m_currentEdit);
    form->addRow(m_passwordPair);
    form->addRow(tr("Unlock &time:"), m_unlockTimeSpin);
    DialogStyle::alignLabelColumns({form, m_passwordPair->formLayout()});

    auto* layout = new QVBoxLayout(this);
    DialogStyle::configure(layout);
    layout->addWidget(header);
    layout->addLayout(form);
    layout->addStretch();
    layout->addWidget(m_busyBar);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_buttons);
    setMinimumWidth(520);

    connect(m_currentEdit, &QLineEdit::textChanged, this, &ChangePasswordDialog::updateState);
    connect(m_passwordPair, &PasswordPairWidget::changed, this, &ChangePasswordDialog::updateState);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ChangePasswordDialog::change);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ChangePasswordDialog::reject);
    connect(&m_controller, &VaultController::passwordChanged, this, [this] {
        setBusy(false);
        accept();
    });
    connect(&m_controller, &VaultController::passwordChangeFailed, this, [this](const Error& error) {
        setBusy(false);
        // Here a wrong password can only be the current one, so say exactly that.
        m_errorLabel->setText(error.kind == ErrorKind::WrongPassword
                                  ? tr("The current master password is not correct.")
                                  : ErrorText::forUser(error));
        m_errorLabel->show();
        if (error.kind == ErrorKind::WrongPassword) {
            m_currentEdit->selectAll();
            m_currentEdit->setFocus();
        }
    });
    // Locking closes the dialog whatever it is doing; the typed passwords go with it.
    connect(&m_controller, &VaultController::locked, this, [this] { QDialog::done(QDialog::Rejected); });

    setBusy(false);
    m_currentEdit->setFocus();
}

ChangePasswordDialog::~ChangePasswordDialog()
{
    m_currentEdit->clearSecret();
    m_passwordPair->clearSecrets();
}

void ChangePasswordDialog::updateState()
{
    const bool valid = !m_currentEdit->text().isEmpty() && m_passwordPair->isComplete();
    m_changeButton->setEnabled(valid && !m_busy);
    if (!m_busy) {
        m_errorLabel->hide();
    }
}

void ChangePasswordDialog::change()
{
    if (m_busy || !m_changeButton->isEnabled()) {
        return;
    }
    QString current = m_currentEdit->text();
    SecretBuffer currentSecret = SecretBuffer::fromString(current);
    wipeString(current);
    SecretBuffer nextSecret = m_passwordPair->secret();
    setBusy(true);
    m_controller.changePassword(std::move(currentSecret), std::move(nextSecret),
                                std::chrono::milliseconds(qRound(m_unlockTimeSpin->value() * 1000.0)));
}

void ChangePasswordDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget* widget : std::initializer_list<QWidget*>{m_currentEdit, m_passwordPair, m_unlockTimeSpin}) {
        widget->setEnabled(!busy);
    }
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(!busy);
    m_busyBar->setVisible(busy);
    m_statusLabel->setText(busy ? tr("Checking the current password and re-encrypting the vault…")
                                : QString());
    m_statusLabel->setVisible(busy);
    if (busy) {
        m_errorLabel->hide();
        m_changeButton->setEnabled(false);
    } else {
        updateState();
    }
}

void ChangePasswordDialog::reject()
{
    if (m_busy) {
        return; // the vault is being re-keyed; closing now would hide the outcome
    }
    QDialog::reject();
}

} // namespace tessera::ui
