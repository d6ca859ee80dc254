#include "start/CreateVaultDialog.h"

#include "app/VaultController.h"
#include "common/DialogStyle.h"
#include "common/ErrorText.h"
#include "common/FileDialogs.h"
#include "common/Icons.h"
#include "common/PasswordLineEdit.h"
#include "common/PasswordPairWidget.h"
#include "crypto/SecretBuffer.h"
#include "platform/AppPaths.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace tessera::ui {

CreateVaultDialog::CreateVaultDialog(VaultController& controller, QWidget* parent)
    : QDialog(parent), m_controller(controller), m_locationEdit(new QLineEdit(this)),
      m_browseButton(new QPushButton(tr("&Browse…"), this)), m_locationHint(new QLabel(this)),
      m_passwordPair(new PasswordPairWidget(this)), m_unlockTimeSpin(new QDoubleSpinBox(this)),
      m_busyBar(new QProgressBar(this)), m_statusLabel(new QLabel(this)), m_errorLabel(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this)),
      m_createButton(m_buttons->addButton(tr("&Create Vault"), QDialogButtonBox::AcceptRole))
{
    setObjectName(QStringLiteral("createVaultDialog"));
    setWindowTitle(tr("Create Vault"));
    setWindowIcon(Icons::application());
    m_locationEdit->setObjectName(QStringLiteral("locationLineEdit"));
    m_browseButton->setObjectName(QStringLiteral("browseButton"));
    m_locationHint->setObjectName(QStringLiteral("locationHintLabel"));
    m_unlockTimeSpin->setObjectName(QStringLiteral("unlockTimeSpinBox"));
    m_busyBar->setObjectName(QStringLiteral("busyProgressBar"));
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_createButton->setObjectName(QStringLiteral("createButton"));
    m_createButton->setIcon(Icons::get(QStringLiteral("add")));

    m_unlockTimeSpin->setRange(0.5, 5.0);
    m_unlockTimeSpin->setSingleStep(0.5);
    m_unlockTimeSpin->setDecimals(1);
    m_unlockTimeSpin->setValue(1.0);
    m_unlockTimeSpin->setSuffix(tr(" s"));
    m_passwordPair->setLabels(tr("&Master password:"), tr("C&onfirm password:"));
    m_passwordPair->setPlaceholders(tr("Choose a long passphrase"), tr("Type it again"));
    m_busyBar->setRange(0, 0);
    m_busyBar->setTextVisible(false);
    m_busyBar->setMaximumHeight(6);
    DialogStyle::makeHint(m_locationHint);
    DialogStyle::makeError(m_errorLabel);
    m_statusLabel->setWordWrap(true);

    auto* intro = DialogStyle::header(
        Icons::get(QStringLiteral("vault")), tr("Create a new vault"),
        tr("Everything Tessera stores lives in this one encrypted file. There is no way to recover a "
           "forgotten master password, so keep a copy of it somewhere safe."),
        this);

    auto* locationRow = new QHBoxLayout;
    locationRow->addWidget(m_locationEdit, 1);
    locationRow->addWidget(m_browseButton);
    auto* unlockHint = new QLabel(tr("Longer is harder to attack, but slower to open."), this);
    DialogStyle::makeHint(unlockHint);
    auto* unlockRow = new QHBoxLayout;
    unlockRow->addWidget(m_unlockTimeSpin);
    unlockRow->addWidget(unlockHint, 1);

    auto* form = new QFormLayout;
    DialogStyle::configure(form);
    auto* locationLabel = new QLabel(tr("&Location:"), this);
    locationLabel->setBuddy(m_locationEdit);
    form->addRow(locationLabel, locationRow);
    form->addRow(QString(), m_locationHint);
    form->addRow(m_passwordPair);
    auto* unlockLabel = new QLabel(tr("&Unlock time:"), this);
    unlockLabel->setBuddy(m_unlockTimeSpin);
    form->addRow(unlockLabel, unlockRow);
    DialogStyle::alignLabelColumns({form, m_passwordPair->formLayout()});

    auto* layout = new QVBoxLayout(this);
    DialogStyle::configure(layout);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addStretch();
    layout->addWidget(m_busyBar);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_buttons);
    setMinimumWidth(560);

    connect(m_locationEdit, &QLineEdit::textChanged, this, &CreateVaultDialog::updateState);
    connect(m_passwordPair, &PasswordPairWidget::changed, this, &CreateVaultDialog::updateState);
    connect(m_browseButton, &QPushButton::clicked, this, &CreateVaultDialog::browse);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &CreateVaultDialog::create);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CreateVaultDialog::reject);
    connect(&m_controller, &VaultController::unlocked, this, [this] {
        if (m_busy) {
            setBusy(false);
            accept();
        }
    });
    connect(&m_controller, &VaultController::createFailed, this, [this](const Error& error) {
        if (m_busy) {
            setBusy(false);
            showError(ErrorText::forUser(error));
        }
    });

    setTabOrder(m_locationEdit, m_browseButton);
    setTabOrder(m_browseButton, m_passwordPair->passwordEdit());
    setTabOrder(m_passwordPair->passwordEdit(), m_passwordPair->confirmEdit());
    setTabOrder(m_passwordPair->confirmEdit(), m_unlockTimeSpin);
    setLocation(proposedLocation());
    setBusy(false);
    m_passwordPair->passwordEdit()->setFocus();
}

CreateVaultDialog::~CreateVaultDialog()
{
    m_passwordPair->clearSecrets();
}

QString CreateVaultDialog::proposedLocation()
{
    const QFileInfo preferred(AppPaths::defaultVaultPath());
    if (!preferred.exists()) {
        return preferred.absoluteFilePath();
    }
    const QDir dir = preferred.absoluteDir();
    for (int n = 2; n < 1000; ++n) {
        const QString candidate = dir.filePath(QStringLiteral("%1-%2%3")
                                                   .arg(preferred.completeBaseName())
                                                   .arg(n)
                                                   .arg(QString::fromLatin1(AppPaths::kVaultSuffix)));
        if (!QFileInfo::exists(candidate)) {
            return candidate;
        }
    }
    return preferred.absoluteFilePath();
}

void CreateVaultDialog::setLocation(const QString& path)
{
    m_locationEdit->setText(QDir::toNativeSeparators(path));
}

QString CreateVaultDialog::location() const
{
    QString path = QDir::fromNativeSeparators(m_locationEdit->text().trimmed());
    if (path.startsWith(QStringLiteral("~/"))) {
        path = QDir::home().filePath(path.mid(2));
    }
    return path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
}

void CreateVaultDialog::browse()
{
    QString path =
        FileDialogs::getSaveFileName(this, tr("New Vault Location"), location(), FileDialogs::vaultFilter());
    if (path.isEmpty()) {
        return;
    }
    if (QFileInfo(path).suffix().isEmpty()) {
        path += QString::fromLatin1(AppPaths::kVaultSuffix);
    }
    setLocation(path);
}

QString CreateVaultDialog::locationProblem() const
{
    const QString path = location();
    if (path.isEmpty()) {
        return tr("Choose where to save the vault.");
    }
    const QFileInfo info(path);
    if (info.exists()) {
        return info.isDir() ? tr("This is a folder; add a file name such as vault.tessera.")
                            : tr("A file with this name already exists.");
    }
    // The default data folder is created on demand; any other folder must exist already.
    const QString folder = info.absolutePath();
    if (!QFileInfo(folder).isDir() && QDir::cleanPath(folder) != QDir::cleanPath(AppPaths::dataDirectory())) {
        return tr("The folder %1 does not exist.").arg(QDir::toNativeSeparators(folder));
    }
    return {};
}

void CreateVaultDialog::updateState()
{
    const QString problem = locationProblem();
    m_locationHint->setText(problem);
    m_locationHint->setVisible(!problem.isEmpty());
    const bool valid = problem.isEmpty() && m_passwordPair->isComplete();
    m_createButton->setEnabled(valid && !m_busy);
    if (!m_busy) {
        m_errorLabel->clear();
        m_errorLabel->hide();
    }
}

void CreateVaultDialog::create()
{
    if (m_busy || !m_createButton->isEnabled()) {
        return;
    }
    const QString path = location();
    const QString folder = QFileInfo(path).absolutePath();
    if (!QFileInfo(folder).isDir() && !QDir().mkpath(folder)) {
        showError(tr("Could not create the folder %1.").arg(QDir::toNativeSeparators(folder)));
        return;
    }
    SecretBuffer password = m_passwordPair->secret();
    setBusy(true);
    m_statusLabel->setText(tr("Measuring this computer and creating the vault…"));
    const auto unlockTime = std::chrono::milliseconds(qRound(m_unlockTimeSpin->value() * 1000.0));
    m_controller.createVault(path, std::move(password), unlockTime);
}

void CreateVaultDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget* widget :
         std::initializer_list<QWidget*>{m_locationEdit, m_browseButton, m_passwordPair, m_unlockTimeSpin}) {
        widget->setEnabled(!busy);
    }
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(!busy);
    m_busyBar->setVisible(busy);
    m_statusLabel->setVisible(busy);
    if (busy) {
        m_errorLabel->hide();
        m_createButton->setEnabled(false);
    } else {
        updateState();
    }
}

void CreateVaultDialog::showError(const QString& message)
{
    m_errorLabel->setText(message);
    m_errorLabel->show();
}

void CreateVaultDialog::reject()
{
    // The worker cannot be interrupted mid-derivation; closing now would orphan its result.
    if (m_busy) {
        return;
    }
    QDialog::reject();
}

} // namespace tessera::ui
