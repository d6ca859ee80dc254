#include "vault/VaultPage.h"

#include "app/VaultController.h"
#include "common/DialogStyle.h"
#include "common/ErrorText.h"
#include "common/FileDialogs.h"
#include "common/Icons.h"
#include "common/MessageBoxes.h"
#include "vault/ChangePasswordDialog.h"
#include "vault/VaultInfo.h"

#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressDialog>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>
#include <atomic>
#include <memory>

namespace tessera::ui {

namespace {

QLabel* valueLabel(const char* objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(objectName));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setTextFormat(Qt::PlainText);
    return label;
}

QString formatTime(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), QLocale::ShortFormat);
}

} // namespace

VaultPage::VaultPage(VaultController& controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_titleLabel(new QLabel(this)),
      m_pathLabel(valueLabel("vaultPathLabel", this)), m_fileValue(valueLabel("fileValueLabel", this)),
      m_idValue(valueLabel("vaultIdValueLabel", this)), m_formatValue(valueLabel("formatValueLabel", this)),
      m_kdfValue(valueLabel("kdfValueLabel", this)), m_sizeValue(valueLabel("sizeValueLabel", this)),
      m_createdValue(valueLabel("createdValueLabel", this)),
      m_auditValue(valueLabel("auditCountValueLabel", this)), m_idleSpin(new QSpinBox(this)),
      m_hoursSpin(new QSpinBox(this)),
      m_applyButton(new QPushButton(Icons::get(QStringLiteral("check")), tr("&Apply"), this)),
      m_settingsStatus(new QLabel(this)),
      m_changePasswordButton(
          new QPushButton(Icons::get(QStringLiteral("key")), tr("Change Master &Password…"), this)),
      m_backupButton(new QPushButton(Icons::get(QStringLiteral("backup")), tr("&Back Up…"), this)),
      m_checkButton(new QPushButton(Icons::get(QStringLiteral("shield")), tr("Chec&k Vault"), this))
{
    setObjectName(QStringLiteral("vaultPage"));
    m_titleLabel->setObjectName(QStringLiteral("vaultTitleLabel"));
    m_idleSpin->setObjectName(QStringLiteral("idleMinutesSpinBox"));
    m_hoursSpin->setObjectName(QStringLiteral("sessionHoursSpinBox"));
    m_applyButton->setObjectName(QStringLiteral("applySettingsButton"));
    m_settingsStatus->setObjectName(QStringLiteral("settingsStatusLabel"));
    m_changePasswordButton->setObjectName(QStringLiteral("changePasswordButton"));
    m_backupButton->setObjectName(QStringLiteral("backupButton"));
    m_checkButton->setObjectName(QStringLiteral("checkVaultButton"));

    auto* icon = new QLabel(this);
    icon->setPixmap(Icons::pixmap(QStringLiteral("vault"), 48));
    QVBoxLayout* titleColumn = DialogStyle::pageTitle(m_titleLabel, m_pathLabel);
    auto* header = new QHBoxLayout;
    header->setSpacing(14);
    header->addWidget(icon);
    header->addLayout(titleColumn, 1);

    auto* overview = new QGroupBox(tr("Overview"), this);
    auto* overviewForm = new QFormLayout(overview);
    DialogStyle::configure(overviewForm);
    overviewForm->addRow(tr("File:"), m_fileValue);
    overviewForm->addRow(tr("Vault ID:"), m_idValue);
    overviewForm->addRow(tr("Format:"), m_formatValue);
    overviewForm->addRow(tr("Key derivation:"), m_kdfValue);
    overviewForm->addRow(tr("Size:"), m_sizeValue);
    overviewForm->addRow(tr("Created:"), m_createdValue);
    overviewForm->addRow(tr("Audit entries:"), m_auditValue);

    m_idleSpin->setRange(SessionSettings::kMinIdleMinutes, SessionSettings::kMaxIdleMinutes);
    m_idleSpin->setSuffix(tr(" min"));
    m_hoursSpin->setRange(SessionSettings::kMinMaxHours, SessionSettings::kMaxMaxHours);
    m_hoursSpin->setSuffix(tr(" h"));
    for (QSpinBox* spin : {m_idleSpin, m_hoursSpin}) {
        spin->setMinimumWidth(110);
        spin->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    }
    DialogStyle::makeHint(m_settingsStatus);
    auto* policyHint = new QLabel(tr("Stored in the vault, so they apply wherever it is opened. "
                                     "Changes are recorded in the audit trail."),
                                  this);
    DialogStyle::makeHint(policyHint);
    auto* session = new QGroupBox(tr("Session"), this);
    auto* sessionForm = new QFormLayout(session);
    DialogStyle::configure(sessionForm);
    auto* idleLabel = new QLabel(tr("Lock when &idle for:"), this);
    idleLabel->setBuddy(m_idleSpin);
    auto* hoursLabel = new QLabel(tr("&End session after:"), this);
    hoursLabel->setBuddy(m_hoursSpin);
    sessionForm->addRow(idleLabel, m_idleSpin);
    sessionForm->addRow(hoursLabel, m_hoursSpin);
    sessionForm->addRow(policyHint);
    auto* applyRow = new QHBoxLayout;
    applyRow->addWidget(m_settingsStatus, 1);
    applyRow->addWidget(m_applyButton);
    sessionForm->addRow(applyRow);

    auto* columns = new QHBoxLayout;
    columns->setSpacing(16);
    columns->addWidget(overview, 3);
    columns->addWidget(session, 2, Qt::AlignTop);

    auto* maintenance = new QGroupBox(tr("Maintenance"), this);
    auto* actions = new QHBoxLayout(maintenance);
    actions->setSpacing(10);
    actions->addWidget(m_changePasswordButton);
    actions->addWidget(m_backupButton);
    actions->addWidget(m_checkButton);
    actions->addStretch();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(16);
    layout->addLayout(header);
    layout->addLayout(columns);
    layout->addWidget(maintenance);
    layout->addStretch();

    connect(m_idleSpin, &QSpinBox::valueChanged, this, &VaultPage::updateApplyButton);
    connect(m_hoursSpin, &QSpinBox::valueChanged, this, &VaultPage::updateApplyButton);
    connect(m_applyButton, &QPushButton::clicked, this, &VaultPage::applySessionSettings);
    connect(m_changePasswordButton, &QPushButton::clicked, this, &VaultPage::changeMasterPassword);
    connect(m_backupButton, &QPushButton::clicked, this, &VaultPage::backUp);
    connect(m_checkButton, &QPushButton::clicked, this, &VaultPage::checkVault);
    connect(&m_controller, &VaultController::unlocked, this, &VaultPage::refresh);
    connect(&m_controller, &VaultController::vaultChanged, this, &VaultPage::refresh);
    connect(&m_controller, &VaultController::sessionSettingsChanged, this, &VaultPage::showSessionSettings);
    connect(&m_controller, &VaultController::locked, this, &VaultPage::clear);
    clear();
}

void VaultPage::clear()
{
    if (m_checkProgress) {
        m_checkProgress->close();
        m_checkProgress->deleteLater();
    }
    m_titleLabel->clear();
    for (QLabel* label : {m_pathLabel, m_fileValue, m_idValue, m_formatValue, m_kdfValue, m_sizeValue,
                          m_createdValue, m_auditValue, m_settingsStatus}) {
        label->clear();
    }
    const QSignalBlocker idleBlocker(m_idleSpin);
    const QSignalBlocker hoursBlocker(m_hoursSpin);
    m_idleSpin->setValue(SessionSettings::kDefaultIdleMinutes);
    m_hoursSpin->setValue(SessionSettings::kDefaultMaxHours);
    m_applyButton->setEnabled(false);
}

void VaultPage::refresh()
{
    showSessionSettings();
    m_controller.run(
        this, [](Vault& vault) { return vault.info(); },
        [this](Result<VaultInfo> info) {
            if (info) {
                showInfo(*info);
            } else {
                m_fileValue->setText(ErrorText::forUser(info.error()));
            }
        });
}

void VaultPage::showInfo(const VaultInfo& info)
{
    const QFileInfo file(info.path);
    m_titleLabel->setText(file.completeBaseName());
    m_pathLabel->setText(QDir::toNativeSeparators(info.path));
    m_fileValue->setText(file.fileName() + (info.readOnly ? tr(" (read-only)") : QString()));
    m_fileValue->setToolTip(QDir::toNativeSeparators(info.path));
    m_idValue->setText(info.vaultId);
    m_formatValue->setText(tr("File format %1, schema %2").arg(info.formatVersion).arg(info.schemaVersion));
    m_kdfValue->setText(info.kdf.describe());
    m_sizeValue->setText(tr("%1 (%2 pages of %3 bytes)")
                             .arg(QLocale().formattedDataSize(info.fileBytes))
                             .arg(info.pageCount)
                             .arg(info.pageSize));
    m_createdValue->setText(formatTime(info.createdAtMs));
    m_auditValue->setText(QLocale().toString(info.auditEntries));
}

void VaultPage::showSessionSettings()
{
    const SessionSettings settings = m_controller.sessionSettings();
    const QSignalBlocker idleBlocker(m_idleSpin);
    const QSignalBlocker hoursBlocker(m_hoursSpin);
    m_idleSpin->setValue(settings.idleMinutes);
    m_hoursSpin->setValue(settings.maxHours);
    updateApplyButton();
}

void VaultPage::updateApplyButton()
{
    const SessionSettings current = m_controller.sessionSettings();
    const bool changed =
        m_idleSpin->value() != current.idleMinutes || m_hoursSpin->value() != current.maxHours;
    m_applyButton->setEnabled(m_controller.isUnlocked() && changed);
    if (changed) {
        m_settingsStatus->clear();
    }
}

void VaultPage::applySessionSettings()
{
    const SessionSettings wanted{m_idleSpin->value(), m_hoursSpin->value()};
    m_applyButton->setEnabled(false);
    m_controller.run(
        this,
        [wanted](Vault& vault) -> Status {
            if (auto ok = vault.setSetting(QString::fromLatin1(SessionSettings::kIdleMinutesKey),
                                           QString::number(wanted.idleMinutes));
                !ok) {
                return ok;
            }
            return vault.setSetting(QString::fromLatin1(SessionSettings::kMaxHoursKey),
                                    QString::number(wanted.maxHours));
        },
        [this, wanted](Status saved) {
            if (!saved) {
                m_settingsStatus->setText(ErrorText::forUser(saved.error()));
                updateApplyButton();
                return;
            }
            m_controller.setSessionSettings(wanted);
            m_controller.notifyVaultChanged();
            m_settingsStatus->setText(tr("Saved."));
        });
}

void VaultPage::changeMasterPassword()
{
    if (!m_controller.isUnlocked()) {
        return;
    }
    auto* dialog = new ChangePasswordDialog(m_controller, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void VaultPage::backUp()
{
    if (!m_controller.isUnlocked()) {
        return;
    }
    const QFileInfo vault(m_controller.vaultPath());
    const QString proposed = vault.absoluteDir().filePath(
        QStringLiteral("%1-backup-%2.tessera")
            .arg(vault.completeBaseName(), QDate::currentDate().toString(QStringLiteral("yyyy-MM-dd"))));
    const QString target =
        FileDialogs::getSaveFileName(this, tr("Back Up Vault"), proposed, FileDialogs::vaultFilter());
    if (target.isEmpty()) {
        return;
    }
    // The save dialog has already asked before replacing an existing file.
    m_controller.run(
        this, [target](Vault& v) { return v.backupTo(target, true); },
        [this, target](Status written) {
            if (written) {
                m_controller.notifyVaultChanged();
                MessageBoxes::information(
                    this, tr("Backup Written"),
                    tr("An encrypted copy of the vault was written to %1. It opens with the "
                       "current master password.")
                        .arg(QDir::toNativeSeparators(target)));
            } else {
                MessageBoxes::warning(this, tr("Backup Failed"), ErrorText::forUser(written.error()));
            }
        });
}

void VaultPage::checkVault()
{
    if (!m_controller.isUnlocked() || m_checkProgress) {
        return;
    }
    auto* progress = new QProgressDialog(tr("Checking the vault file and the audit trail…"), tr("Cancel"), 0,
                                         100, window());
    progress->setObjectName(QStringLiteral("checkProgressDialog"));
    progress->setWindowTitle(tr("Check Vault"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    progress->setMinimumDuration(0);
    progress->setValue(0);
    m_checkProgress = progress;

    auto cancelled = std::make_shared<std::atomic<bool>>(false);
    auto percent = std::make_shared<std::atomic<int>>(0);
    connect(progress, &QProgressDialog::canceled, this, [cancelled] { cancelled->store(true); });
    // The worker only writes a number; the UI thread polls it, so no widget is touched off-thread.
    auto* poll = new QTimer(progress);
    poll->setInterval(100);
    connect(poll, &QTimer::timeout, progress, [progress, percent] { progress->setValue(percent->load()); });
    poll->start();
    auto lockRequested = m_controller.lockRequestedFlag();
    m_controller.run(
        this,
        [cancelled, lockRequested, percent](Vault& vault) {
            return vault.check([=](qint64 done, qint64 total) {
                percent->store(total > 0 ? static_cast<int>(done * 100 / total) : 100);
                return !cancelled->load() && !lockRequested->load();
            });
        },
        [this](Result<VaultCheckReport> report) {
            if (m_checkProgress) {
                m_checkProgress->close();
                m_checkProgress->deleteLater();
            }
            if (!report) {
                if (report.error().kind != ErrorKind::Cancelled) {
                    MessageBoxes::warning(this, tr("Check Vault"), ErrorText::forUser(report.error()));
                }
                return;
            }
            showCheckReport(*report);
        });
}

void VaultPage::showCheckReport(const VaultCheckReport& report)
{
    if (report.ok()) {
        MessageBoxes::information(
            this, tr("Check Vault"),
            tr("The vault is intact: the database passed its integrity check and all %1 "
               "audit entries are authentic and in order.")
                .arg(report.audit.entriesChecked));
        return;
    }
    QStringList lines;
    for (const QString& problem : report.integrityProblems) {
        lines << tr("Database: %1").arg(problem);
    }
    if (!report.audit.ok) {
        lines << (report.audit.firstBadId > 0
                      ? tr("Audit trail: entry %1 was altered, removed or reordered (%2)")
                            .arg(report.audit.firstBadId)
                            .arg(report.audit.problem)
                      : tr("Audit trail: %1").arg(report.audit.problem));
    }
    MessageBoxes::warning(
        this, tr("Check Vault"),
        tr("The vault has problems:\n\n%1\n\nRestore from a backup if you have one.").arg(lines.join(u'\n')));
}

} // namespace tessera::ui
