#include "tokens/SessionsPage.h"

#include "app/VaultController.h"
#include "common/RefreshWhenShown.h"
#include "common/DialogStyle.h"
#include "common/ErrorText.h"
#include "common/FileDialogs.h"
#include "common/Icons.h"
#include "common/MessageBoxes.h"
#include "common/TableStyle.h"
#include "tokens/TokenIssuer.h"

#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <set>

namespace tessera::ui {

namespace {

QString timeText(qint64 ms)
{
    return ms == 0 ? QString() : QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

SessionsPage::SessionsPage(VaultController& controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_model(new QStandardItemModel(0, ColumnCount, this)),
      m_proxy(new QSortFilterProxyModel(this)), m_userCombo(new QComboBox(this)),
      m_refreshButton(new QPushButton(Icons::get(QStringLiteral("refresh")), tr("&Refresh"), this)),
      m_revokeButton(new QPushButton(Icons::get(QStringLiteral("disable")), tr("Re&voke"), this)),
      m_revokeAllButton(new QPushButton(tr("Revoke &All for User…"), this)),
      m_exportButton(new QPushButton(Icons::get(QStringLiteral("export")), tr("E&xport Revocation List…"), this)),
      m_statusLabel(new QLabel(this)), m_viewStack(new QStackedWidget(this)), m_table(new QTableView(this)),
      m_emptyLabel(new QLabel(this))
{
    m_refresher = new RefreshWhenShown(this, [this] { refresh(); });
    setObjectName(QStringLiteral("sessionsPage"));
    m_userCombo->setObjectName(QStringLiteral("sessionsUserComboBox"));
    m_revokeButton->setObjectName(QStringLiteral("revokeSessionButton"));
    m_revokeAllButton->setObjectName(QStringLiteral("revokeAllSessionsButton"));
    m_exportButton->setObjectName(QStringLiteral("exportRevocationListButton"));
    m_table->setObjectName(QStringLiteral("sessionsTableView"));
    m_emptyLabel->setObjectName(QStringLiteral("sessionsEmptyLabel"));
    m_statusLabel->setObjectName(QStringLiteral("sessionsStatusLabel"));
    m_model->setHorizontalHeaderLabels(
        {tr("User"), tr("Token id (jti)"), tr("Key"), tr("Issued"), tr("Expires"), tr("State")});
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(UserColumn);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(IssuedColumn, Qt::DescendingOrder);
    TableStyle::configure(m_table);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    const QFontMetrics metrics = fontMetrics();
    m_table->setColumnWidth(JtiColumn,
                            metrics.horizontalAdvance(QStringLiteral("00000000-0000-0000-0000-000000000000")) + 16);
    for (int column : {UserColumn, KidColumn, IssuedColumn, ExpiresColumn}) {
        m_table->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    }
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_emptyLabel->setWordWrap(true);
    m_viewStack->addWidget(m_table);
    m_viewStack->addWidget(m_emptyLabel);
    m_statusLabel->setWordWrap(true);
    m_statusLabel->hide();
    m_userCombo->setMinimumContentsLength(16);

    auto* row = new QHBoxLayout;
    row->setSpacing(8);
    row->addWidget(new QLabel(tr("User:"), this));
    row->addWidget(m_userCombo);
    row->addStretch();
    row->addWidget(m_refreshButton);
    row->addWidget(m_revokeButton);
    row->addWidget(m_revokeAllButton);
    row->addWidget(m_exportButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(10);
    layout->addLayout(DialogStyle::pageTitle(
        tr("Sessions"),
        tr("Refresh tokens issued from this vault. Revoking one ends that session at its next refresh; the "
           "revocation list tells services which tokens to refuse."),
        this));
    layout->addSpacing(6);
    layout->addLayout(row);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_viewStack, 1);

    connect(m_userCombo, &QComboBox::currentIndexChanged, this, [this] {
        const QString user = m_userCombo->currentData().toString();
        m_proxy->setFilterRegularExpression(
            user.isEmpty() ? QRegularExpression()
                           : QRegularExpression(QStringLiteral("^%1$").arg(QRegularExpression::escape(user))));
        updateButtons();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SessionsPage::updateButtons);
    connect(m_refreshButton, &QPushButton::clicked, this, &SessionsPage::refresh);
    connect(m_revokeButton, &QPushButton::clicked, this, &SessionsPage::revokeSelected);
    connect(m_revokeAllButton, &QPushButton::clicked, this, &SessionsPage::revokeAllForUser);
    connect(m_exportButton, &QPushButton::clicked, this, &SessionsPage::exportRevocationList);
    connect(&m_controller, &VaultController::unlocked, m_refresher, &RefreshWhenShown::request);
    connect(&m_controller, &VaultController::vaultChanged, m_refresher, &RefreshWhenShown::request);
    connect(&m_controller, &VaultController::locked, this, &SessionsPage::clear);
    clear();
}

void SessionsPage::clear()
{
    m_records.clear();
    m_statusLabel->hide();
    rebuild();
}

void SessionsPage::refresh()
{
    m_refresher->markFresh();
    if (!m_controller.isUnlocked()) {
        return;
    }
    m_controller.runDirectory(
        this, [](Directory& directory) { return tokens::TokenIssuer(directory).sessions(); },
        [this](Result<QList<tokens::RefreshTokenRecord>> records) {
            if (!records) {
                DialogStyle::setStatus(m_statusLabel, ErrorText::forUser(records.error()), true);
                return;
            }
            m_records = *records;
            rebuild();
        });
}

void SessionsPage::rebuild()
{
    const QString user = m_userCombo->currentData().toString();
    m_model->setRowCount(0);
    std::set<QString> users;
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    for (const tokens::RefreshTokenRecord& record : m_records) {
        users.insert(record.username);
        QString state = record.isRevoked() ? tr("Revoked")
                        : record.isExpiredAt(nowMs) ? tr("Expired")
                                                    : tr("Live");
        if (record.isRevoked() && !record.reason.isEmpty()) {
            state += QStringLiteral(": %1").arg(record.reason);
        }
        QList<QStandardItem*> items{new QStandardItem(record.username), new QStandardItem(record.jti),
                                    new QStandardItem(record.kid), new QStandardItem(timeText(record.issuedMs)),
                                    new QStandardItem(timeText(record.expiresMs)), new QStandardItem(state)};
        if (record.isRevoked()) {
            items[StateColumn]->setToolTip(tr("Revoked %1").arg(timeText(record.revokedMs)));
            items[StateColumn]->setForeground(DialogStyle::failureColor(palette()));
        }
        items[JtiColumn]->setData(record.isLiveAt(nowMs), Qt::UserRole);
        m_model->appendRow(items);
    }
    {
        const QSignalBlocker blocker(m_userCombo);
        m_userCombo->clear();
        m_userCombo->addItem(tr("All users"), QString());
        for (const QString& name : users) {
            m_userCombo->addItem(name, name);
        }
        m_userCombo->setCurrentIndex(qMax(0, m_userCombo->findData(user)));
    }
    const QString selected = m_userCombo->currentData().toString();
    m_proxy->setFilterRegularExpression(
        selected.isEmpty() ? QRegularExpression()
                           : QRegularExpression(QStringLiteral("^%1$").arg(QRegularExpression::escape(selected))));
    m_emptyLabel->setText(tr("No refresh tokens have been issued from this vault yet.\n"
                             "They are recorded here when “tessera-cli token issue” makes them."));
    m_viewStack->setCurrentIndex(m_records.isEmpty() ? 1 : 0);
    updateButtons();
}

QString SessionsPage::selectedJti() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows(JtiColumn);
    return rows.isEmpty() ? QString() : rows.first().data().toString();
}

QString SessionsPage::selectedUser() const
{
    const QString filtered = m_userCombo->currentData().toString();
    if (!filtered.isEmpty()) {
        return filtered;
    }
    const QModelIndexList rows = m_table->selectionModel()->selectedRows(UserColumn);
    return rows.isEmpty() ? QString() : rows.first().data().toString();
}

void SessionsPage::updateButtons()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows(JtiColumn);
    const bool live = !rows.isEmpty() && rows.first().data(Qt::UserRole).toBool();
    const bool unlocked = m_controller.isUnlocked();
    m_revokeButton->setEnabled(unlocked && live);
    m_revokeAllButton->setEnabled(unlocked && !selectedUser().isEmpty());
    m_exportButton->setEnabled(unlocked);
    m_refreshButton->setEnabled(unlocked);
}

void SessionsPage::revokeSelected()
{
    const QString jti = selectedJti();
    if (jti.isEmpty() ||
        MessageBoxes::question(this, tr("Revoke Refresh Token"),
                               tr("Revoke the refresh token %1? The session ends at its next refresh.").arg(jti)) !=
            QMessageBox::Yes) {
        return;
    }
    m_controller.runDirectory(
        this, [jti](Directory& directory) { return tokens::TokenIssuer(directory).revoke(jti, QStringLiteral("gui")); },
        [this, jti](Status done) {
            if (!done) {
                DialogStyle::setStatus(m_statusLabel, ErrorText::forUser(done.error()), true);
                return;
            }
            DialogStyle::setStatus(m_statusLabel, tr("Revoked %1.").arg(jti));
            m_controller.notifyVaultChanged(); // this page and the inspector's revocation list reload
        });
}

void SessionsPage::revokeAllForUser()
{
    const QString user = selectedUser();
    if (user.isEmpty() ||
        MessageBoxes::question(this, tr("Revoke All Sessions"),
                               tr("Revoke every live refresh token of %1?").arg(user)) != QMessageBox::Yes) {
        return;
    }
    m_controller.runDirectory(
        this,
        [user](Directory& directory) { return tokens::TokenIssuer(directory).revokeAll(user, QStringLiteral("gui")); },
        [this, user](Result<int> count) {
            if (!count) {
                DialogStyle::setStatus(m_statusLabel, ErrorText::forUser(count.error()), true);
                return;
            }
            DialogStyle::setStatus(m_statusLabel, tr("Revoked %1 of %2's refresh tokens.").arg(*count).arg(user));
            m_controller.notifyVaultChanged();
        });
}

void SessionsPage::exportRevocationList()
{
    const QString path = FileDialogs::getSaveFileName(this, tr("Export Revocation List"),
                                                      QDir::home().filePath(QStringLiteral("revoked-tokens.json")),
                                                      tr("JSON files (*.json)"));
    if (path.isEmpty()) {
        return;
    }
    m_controller.runDirectory(
        this, [](Directory& directory) { return tokens::TokenIssuer(directory).revocationList(); },
        [this, path](Result<QJsonObject> list) {
            if (!list) {
                MessageBoxes::warning(this, tr("Export Failed"), ErrorText::forUser(list.error()));
                return;
            }
            if (!FileDialogs::writeExport(this, path, QJsonDocument(*list).toJson(QJsonDocument::Indented))) {
                return;
            }
            DialogStyle::setStatus(m_statusLabel,
                                   tr("Exported the revocation list to %1.").arg(QDir::toNativeSeparators(path)));
        });
}

} // namespace tessera::ui
