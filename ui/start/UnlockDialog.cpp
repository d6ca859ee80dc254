#include "start/UnlockDialog.h"

#include "app/VaultController.h"
#include "common/DialogStyle.h"
#include "common/ErrorText.h"
#include "common/Icons.h"
#include "common/PasswordLineEdit.h"
#include "crypto/SecretBuffer.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace tessera::ui {

UnlockDialog::UnlockDialog(VaultController& controller, const QString& path, QWidget* parent)
    : QDialog(parent), m_controller(controller), m_path(path),
      m_pathLabel(new QLabel(QDir::toNativeSeparators(path), this)),
      m_passwordEdit(new PasswordLineEdit(this)), m_errorLabel(new QLabel(this)),
      m_waitLabel(new QLabel(this)), m_busyBar(new QProgressBar(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this)),
      m_unlockButton(m_buttons->addButton(tr("&Unlock"), QDialogButtonBox::AcceptRole))
{
    setObjectName(QStringLiteral("unlockDialog"));
    setWindowTitle(tr("Unlock Vault"));
    setWindowIcon(Icons::application());
    m_pathLabel->setObjectName(QStringLiteral("vaultPathLabel"));
    m_passwordEdit->setObjectName(QStringLiteral("passwordLineEdit"));
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_waitLabel->setObjectName(QStringLiteral("waitLabel"));
    m_busyBar->setObjectName(QStringLiteral("busyProgressBar"));
    m_unlockButton->setObjectName(QStringLiteral("unlockButton"));
    m_unlockButton->setIcon(Icons::get(QStringLiteral("unlock")));
    m_unlockButton->setDefault(true);

    m_pathLabel->setToolTip(QDir::toNativeSeparators(path));
    m_pathLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    DialogStyle::makeHint(m_pathLabel);
    m_passwordEdit->setPlaceholderText(tr("Master password"));
    m_passwordEdit->setMinimumWidth(360);
    DialogStyle::makeError(m_errorLabel);
    DialogStyle::makeHint(m_waitLabel);
    m_waitLabel->hide();
    m_busyBar->setRange(0, 0);
    m_busyBar->setTextVisible(false);
    m_busyBar->setMaximumHeight(6);

    auto* header = DialogStyle::header(Icons::get(QStringLiteral("lock")),
                                       tr("Unlock %1").arg(QFileInfo(path).completeBaseName()),
                                       tr("Enter the master password for this vault."), this);
    auto* passwordLabel = new QLabel(tr("&Master password:"), this);
    passwordLabel->setBuddy(m_passwordEdit);

    auto* layout = new QVBoxLayout(this);
    DialogStyle::configure(layout);
    layout->addWidget(header);
    layout->addWidget(m_pathLabel);
    layout->addWidget(passwordLabel);
    layout->addWidget(m_passwordEdit);
    layout->addWidget(m_busyBar);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_waitLabel);
    layout->addStretch();
    layout->addWidget(m_buttons);

    m_backoffTimer.setInterval(250);
    connect(&m_backoffTimer, &QTimer::timeout, this, &UnlockDialog::updateBackoff);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &UnlockDialog::unlock);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &UnlockDialog::reject);
    connect(m_passwordEdit, &QLineEdit::textChanged, this, [this] { updateBackoff(); });
    connect(&m_controller, &VaultController::unlocked, this, [this] {
        if (m_busy) {
            setBusy(false);
            m_passwordEdit->clearSecret();
            accept();
        }
    });
    connect(&m_controller, &VaultController::unlockFailed, this, [this](const Error& error) {
        if (!m_busy) {
            return;
        }
        setBusy(false);
        m_errorLabel->setText(ErrorText::forUser(error));
        m_errorLabel->show();
        m_passwordEdit->selectAll();
        m_passwordEdit->setFocus();
        updateBackoff();
    });

    setBusy(false);
    updateBackoff();
    m_passwordEdit->setFocus();
}

UnlockDialog::~UnlockDialog()
{
    m_passwordEdit->clearSecret();
}

void UnlockDialog::unlock()
{
    if (m_busy || !m_unlockButton->isEnabled()) {
        return;
    }
    QString typed = m_passwordEdit->text();
    SecretBuffer password = SecretBuffer::fromString(typed);
    wipeString(typed);
    m_errorLabel->hide();
    setBusy(true);
    m_controller.unlockVault(m_path, std::move(password));
}

void UnlockDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_passwordEdit->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(!busy);
    m_busyBar->setVisible(busy);
    updateBackoff();
}

void UnlockDialog::updateBackoff()
{
    const qint64 waitMs = m_controller.unlockBackoff().msRemaining();
    if (waitMs > 0) {
        const qint64 seconds = (waitMs + 999) / 1000;
        m_waitLabel->setText(seconds == 1
                                 ? tr("Too many failed attempts. Try again in 1 second.")
                                 : tr("Too many failed attempts. Try again in %1 seconds.").arg(seconds));
        m_waitLabel->show();
        if (!m_backoffTimer.isActive()) {
            m_backoffTimer.start();
        }
    } else {
        m_waitLabel->hide();
        m_backoffTimer.stop();
    }
    m_unlockButton->setEnabled(!m_busy && waitMs == 0 && !m_passwordEdit->text().isEmpty());
}

void UnlockDialog::reject()
{
    if (m_busy) {
        return; // the derivation is running; its result must come back to this dialog
    }
    QDialog::reject();
}

} // namespace tessera::ui
