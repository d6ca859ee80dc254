#include "audit/AuditPage.h"

#include "app/VaultController.h"
#include "audit/AuditExport.h"
#include "audit/AuditFilterProxyModel.h"
#include "audit/AuditTableModel.h"
#include "common/FindShortcut.h"
#include "common/DialogStyle.h"
#include "common/ErrorText.h"
#include "common/FileDialogs.h"
#include "common/Icons.h"
#include "common/TableStyle.h"

#include <QAction>
#include <QComboBox>
#include <QDate>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace tessera::ui {

AuditPage::AuditPage(VaultController& controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_model(new AuditTableModel(this)),
      m_proxy(new AuditFilterProxyModel(this)), m_filterEdit(new QLineEdit(this)),
      m_actionCombo(new QComboBox(this)), m_countLabel(new QLabel(this)),
      m_refreshButton(new QPushButton(Icons::get(QStringLiteral("refresh")), tr("&Refresh"), this)),
      m_verifyButton(new QPushButton(Icons::get(QStringLiteral("shield")), tr("Verif&y Chain"), this)),
      m_exportButton(new QToolButton(this)), m_exportCsvAction(new QAction(tr("Export as &CSV…"), this)),
      m_exportJsonAction(new QAction(tr("Export as &JSON…"), this)), m_statusLabel(new QLabel(this)),
      m_viewStack(new QStackedWidget(this)), m_table(new QTableView(this)), m_emptyLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("auditPage"));
    m_filterEdit->setObjectName(QStringLiteral("auditFilterLineEdit"));
    m_actionCombo->setObjectName(QStringLiteral("auditActionComboBox"));
    m_countLabel->setObjectName(QStringLiteral("auditCountLabel"));
    m_refreshButton->setObjectName(QStringLiteral("refreshAuditButton"));
    m_verifyButton->setObjectName(QStringLiteral("verifyAuditButton"));
    m_exportButton->setObjectName(QStringLiteral("exportAuditButton"));
    m_exportCsvAction->setObjectName(QStringLiteral("exportCsvAction"));
    m_exportJsonAction->setObjectName(QStringLiteral("exportJsonAction"));
    m_statusLabel->setObjectName(QStringLiteral("auditStatusLabel"));
    m_table->setObjectName(QStringLiteral("auditTableView"));
    m_emptyLabel->setObjectName(QStringLiteral("auditEmptyLabel"));

    m_proxy->setSourceModel(m_model);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(AuditTableModel::TimeColumn, Qt::DescendingOrder);
    TableStyle::configure(m_table);
    const QFontMetrics metrics = m_table->fontMetrics();
    m_table->setColumnWidth(AuditTableModel::TimeColumn,
                            metrics.horizontalAdvance(QStringLiteral("0000-00-00 00:00:00")) + 24);
    m_table->setColumnWidth(AuditTableModel::UserColumn,
                            metrics.horizontalAdvance(QStringLiteral("administrator")) + 16);
    m_table->setColumnWidth(AuditTableModel::ViaColumn,
                            metrics.horizontalAdvance(QStringLiteral("Via gui")) + 16);
    m_table->setColumnWidth(AuditTableModel::ActionColumn,
                            metrics.horizontalAdvance(QStringLiteral("vault.change-password")) + 24);
    m_table->setColumnWidth(AuditTableModel::TargetColumn,
                            metrics.horizontalAdvance(QStringLiteral("session.idle_minutes")) + 24);

    m_filterEdit->setPlaceholderText(tr("Filter by any column (Ctrl+F)"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->addAction(Icons::get(QStringLiteral("search")), QLineEdit::LeadingPosition);
    m_filterEdit->setMinimumWidth(200);
    // One Export button with a menu keeps the toolbar row narrow enough for small windows.
    auto* exportMenu = new QMenu(m_exportButton);
    exportMenu->addAction(m_exportCsvAction);
    exportMenu->addAction(m_exportJsonAction);
    m_exportButton->setMenu(exportMenu);
    m_exportButton->setPopupMode(QToolButton::InstantPopup);
    m_exportButton->setText(tr("E&xport"));
    m_exportButton->setIcon(Icons::get(QStringLiteral("export")));
    m_exportButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_exportButton->setToolTip(tr("Export the entries shown, as CSV or JSON"));
    FindShortcut::install(this, m_filterEdit);
    m_actionCombo->setMinimumContentsLength(14);
    m_actionCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_actionCombo->setToolTip(tr("Show one kind of action"));
    DialogStyle::makeHint(m_countLabel);
    m_countLabel->setWordWrap(false);
    m_statusLabel->setWordWrap(true);
    m_statusLabel->hide();
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_emptyLabel->setText(tr("No audit entries match the filter."));
    m_viewStack->addWidget(m_table);
    m_viewStack->addWidget(m_emptyLabel);

    auto* filterRow = new QHBoxLayout;
    filterRow->setSpacing(8);
    filterRow->addWidget(m_filterEdit, 2);
    filterRow->addWidget(m_actionCombo, 1);
    filterRow->addSpacing(8);
    filterRow->addWidget(m_countLabel);
    filterRow->addStretch();
    filterRow->addWidget(m_refreshButton);
    filterRow->addWidget(m_verifyButton);
    filterRow->addWidget(m_exportButton);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(10);
    layout->addLayout(DialogStyle::pageTitle(
        tr("Audit trail"), tr("Every change to this vault, authenticated and chained so that tampering shows."),
        this));
    layout->addSpacing(6);
    layout->addLayout(filterRow);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_viewStack, 1);

    connect(m_filterEdit, &QLineEdit::textChanged, m_proxy, &AuditFilterProxyModel::setText);
    connect(m_actionCombo, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setAction(m_actionCombo->currentData().toString()); });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(m_proxy, signal, this, &AuditPage::updateCount);
    }
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &AuditPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &AuditPage::updateCount);
    connect(m_refreshButton, &QPushButton::clicked, this, &AuditPage::refresh);
    connect(m_verifyButton, &QPushButton::clicked, this, &AuditPage::verifyChain);
    connect(m_exportCsvAction, &QAction::triggered, this, &AuditPage::exportCsv);
    connect(m_exportJsonAction, &QAction::triggered, this, &AuditPage::exportJson);
    connect(&m_controller, &VaultController::unlocked, this, &AuditPage::refresh);
    connect(&m_controller, &VaultController::vaultChanged, this, &AuditPage::refresh);
    connect(&m_controller, &VaultController::locked, this, &AuditPage::clear);

    setTabOrder(m_filterEdit, m_actionCombo);
    setTabOrder(m_actionCombo, m_refreshButton);
    setTabOrder(m_refreshButton, m_verifyButton);
    setTabOrder(m_verifyButton, m_exportButton);
    setTabOrder(m_exportButton, m_table);
    clear();
}

void AuditPage::clear()
{
    m_model->clear();
    m_filterEdit->clear();
    m_statusLabel->clear();
    m_statusLabel->hide();
    rebuildActionChoices();
    updateCount();
}

void AuditPage::refresh()
{
    m_controller.run(
        this, [](Vault& vault) { return vault.audit().list(); },
        [this](Result<std::vector<AuditEntry>> entries) {
            if (!entries) {
                DialogStyle::setStatus(m_statusLabel, ErrorText::forUser(entries.error()), true);
                return;
            }
            m_model->setEntries(std::move(*entries));
            rebuildActionChoices();
            updateCount();
        });
}

void AuditPage::rebuildActionChoices()
{
    const QString current = m_proxy->action();
    const QSignalBlocker blocker(m_actionCombo);
    m_actionCombo->clear();
    m_actionCombo->addItem(tr("All actions"), QString());
    for (const QString& action : m_model->actions()) {
        m_actionCombo->addItem(action, action);
    }
    const int index = m_actionCombo->findData(current);
    m_actionCombo->setCurrentIndex(index >= 0 ? index : 0);
    m_proxy->setAction(m_actionCombo->currentData().toString());
}

void AuditPage::updateCount()
{
    const int shown = m_proxy->rowCount();
    const int total = m_model->rowCount();
    m_countLabel->setText(tr("%1 of %2 entries").arg(QLocale().toString(shown), QLocale().toString(total)));
    m_viewStack->setCurrentWidget(shown == 0 ? static_cast<QWidget*>(m_emptyLabel) : m_table);
    m_emptyLabel->setText(total == 0 ? tr("The audit trail is empty.")
                                     : tr("No audit entries match the filter."));
    const bool unlocked = m_controller.isUnlocked();
    m_exportButton->setEnabled(unlocked && shown > 0);
    m_verifyButton->setEnabled(unlocked);
    m_refreshButton->setEnabled(unlocked);
}

void AuditPage::verifyChain()
{
    m_verifyButton->setEnabled(false);
    m_controller.run(
        this, [](Vault& vault) { return vault.audit().verify(); },
        [this](Result<AuditVerifyReport> report) {
            m_verifyButton->setEnabled(true);
            if (!report) {
                AuditVerifyReport failed;
                failed.ok = false;
                failed.problem = report.error().message;
                showVerifyReport(failed);
                return;
            }
            showVerifyReport(*report);
        });
}

void AuditPage::showVerifyReport(const AuditVerifyReport& report)
{
    const QString accent = report.ok ? QStringLiteral("#2e9b5f") : QStringLiteral("#d64545");
    QString text;
    if (report.ok) {
        text = tr("Chain verified: all %1 entries are authentic and in order.")
                   .arg(QLocale().toString(report.entriesChecked));
    } else if (report.firstBadId > 0) {
        text = tr("Chain broken at entry %1: %2")
                   .arg(report.firstBadId)
                   .arg(ErrorText::sentence(report.problem));
    } else {
        text = tr("Chain broken: %1").arg(ErrorText::sentence(report.problem));
    }
    m_statusLabel->setStyleSheet(QStringLiteral("QLabel { color: %1; font-weight: 600; }").arg(accent));
    m_statusLabel->setText(text);
    m_statusLabel->show();
}

std::vector<AuditEntry> AuditPage::visibleEntries() const
{
    std::vector<AuditEntry> entries;
    entries.reserve(static_cast<std::size_t>(m_proxy->rowCount()));
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        entries.push_back(m_model->entry(m_proxy->mapToSource(m_proxy->index(row, 0)).row()));
    }
    return entries;
}

void AuditPage::exportCsv()
{
    exportVisible(false);
}

void AuditPage::exportJson()
{
    exportVisible(true);
}

void AuditPage::exportVisible(bool json)
{
    const QString suffix = json ? QStringLiteral("json") : QStringLiteral("csv");
    const QFileInfo vault(m_controller.vaultPath());
    const QString proposed =
        QDir::home().filePath(QStringLiteral("%1-audit-%2.%3")
                                  .arg(vault.completeBaseName(),
                                       QDate::currentDate().toString(QStringLiteral("yyyy-MM-dd")), suffix));
    const QString filter = json ? tr("JSON files (*.json)") : tr("CSV files (*.csv)");
    const QString path = FileDialogs::getSaveFileName(
        this, json ? tr("Export Audit Trail as JSON") : tr("Export Audit Trail as CSV"), proposed, filter);
    if (path.isEmpty()) {
        return;
    }
    const std::vector<AuditEntry> entries = visibleEntries();
    const QByteArray bytes = json ? AuditExport::toJson(entries) : AuditExport::toCsv(entries);
    if (!FileDialogs::writeExport(this, path, bytes)) {
        return;
    }
    DialogStyle::setStatus(m_statusLabel,
                           tr("Exported %1 entries to %2.").arg(entries.size()).arg(QDir::toNativeSeparators(path)));
}

} // namespace tessera::ui
