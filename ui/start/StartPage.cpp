#include "start/StartPage.h"

#include "common/DialogStyle.h"
#include "common/Icons.h"
#include "settings/Preferences.h"

#include <QAction>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace tessera::ui {

namespace {

constexpr int kPathRole = Qt::UserRole + 1;

} // namespace

StartPage::StartPage(QWidget* parent)
    : QWidget(parent),
      m_createButton(new QPushButton(Icons::get(QStringLiteral("add")), tr("&Create new vault…"), this)),
      m_openButton(new QPushButton(Icons::get(QStringLiteral("unlock")), tr("&Open vault…"), this)),
      m_recentStack(new QStackedWidget(this)), m_recentList(new QListWidget(this)),
      m_emptyLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("startPage"));
    m_createButton->setObjectName(QStringLiteral("createVaultButton"));
    m_openButton->setObjectName(QStringLiteral("openVaultButton"));
    m_recentList->setObjectName(QStringLiteral("recentVaultsListWidget"));
    m_emptyLabel->setObjectName(QStringLiteral("noRecentVaultsLabel"));
    for (QPushButton* button : {m_createButton, m_openButton}) {
        button->setIconSize(QSize(20, 20));
        button->setMinimumHeight(40);
        button->setAutoDefault(false);
    }

    auto* logo = new QLabel(this);
    logo->setPixmap(Icons::pixmap(QStringLiteral("tessera"), 72));
    auto* title = new QLabel(tr("Tessera"), this);
    DialogStyle::makeHeading(title, 2.0);
    auto* tagline =
        new QLabel(tr("Users, roles, MFA, keys and tokens in one encrypted vault, offline."), this);
    tagline->setForegroundRole(QPalette::PlaceholderText);

    auto* titleColumn = new QVBoxLayout;
    titleColumn->setSpacing(2);
    titleColumn->addStretch();
    titleColumn->addWidget(title);
    titleColumn->addWidget(tagline);
    titleColumn->addStretch();
    auto* header = new QHBoxLayout;
    header->setSpacing(16);
    header->addWidget(logo);
    header->addLayout(titleColumn, 1);

    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(12);
    buttons->addWidget(m_createButton, 1);
    buttons->addWidget(m_openButton, 1);

    auto* recentHeading = new QLabel(tr("&Recent vaults"), this);
    DialogStyle::makeHeading(recentHeading, 1.15);
    recentHeading->setBuddy(m_recentList);

    m_recentList->setIconSize(QSize(32, 32));
    m_recentList->setSpacing(2);
    m_recentList->setUniformItemSizes(true);
    m_recentList->setContextMenuPolicy(Qt::CustomContextMenu);
    m_recentList->setMinimumHeight(160);
    m_emptyLabel->setText(tr("No recent vaults yet.\nCreate a new vault, or open one you already have."));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_emptyLabel->setWordWrap(true);
    m_recentStack->addWidget(m_recentList);
    m_recentStack->addWidget(m_emptyLabel);

    auto* column = new QVBoxLayout;
    column->setSpacing(14);
    column->addLayout(header);
    column->addSpacing(12);
    column->addLayout(buttons);
    column->addSpacing(12);
    column->addWidget(recentHeading);
    column->addWidget(m_recentStack, 1);

    // A readable column centred in the window, as wide as needed and no wider.
    auto* panel = new QWidget(this);
    panel->setLayout(column);
    panel->setMaximumWidth(720);
    auto* outer = new QHBoxLayout(this);
    outer->setContentsMargins(32, 40, 32, 32);
    outer->addStretch(1);
    outer->addWidget(panel, 6);
    outer->addStretch(1);

    connect(m_createButton, &QPushButton::clicked, this, &StartPage::createRequested);
    connect(m_openButton, &QPushButton::clicked, this, &StartPage::openRequested);
    connect(m_recentList, &QListWidget::itemActivated, this, &StartPage::activate);
    connect(m_recentList, &QListWidget::customContextMenuRequested, this, &StartPage::showContextMenu);

    auto* removeAction = new QAction(tr("&Remove from list"), m_recentList);
    removeAction->setObjectName(QStringLiteral("removeRecentAction"));
    removeAction->setShortcut(QKeySequence::Delete);
    removeAction->setShortcutContext(Qt::WidgetShortcut);
    m_recentList->addAction(removeAction);
    connect(removeAction, &QAction::triggered, this, &StartPage::removeSelected);

    setTabOrder(m_createButton, m_openButton);
    setTabOrder(m_openButton, m_recentList);
    reload();
}

void StartPage::showEvent(QShowEvent* event)
{
    reload();
    QWidget::showEvent(event);
}

void StartPage::reload()
{
    const QString selected =
        m_recentList->currentItem() ? m_recentList->currentItem()->data(kPathRole).toString() : QString();
    m_recentList->clear();
    const QStringList paths = Preferences().recentVaults();
    for (const QString& path : paths) {
        const QFileInfo info(path);
        auto* item = new QListWidgetItem(
            Icons::get(QStringLiteral("vault")),
            QStringLiteral("%1\n%2").arg(info.completeBaseName(), info.absolutePath()), m_recentList);
        item->setData(kPathRole, path);
        if (info.exists()) {
            item->setToolTip(path);
        } else {
            item->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
            item->setIcon(QIcon(Icons::get(QStringLiteral("vault")).pixmap(QSize(32, 32), QIcon::Disabled)));
            item->setToolTip(
                tr("%1\nThe file no longer exists. Press Delete to remove it from the list.").arg(path));
        }
    }
    m_recentStack->setCurrentWidget(paths.isEmpty() ? static_cast<QWidget*>(m_emptyLabel) : m_recentList);
    if (!selected.isEmpty()) {
        selectPath(selected);
    }
    if (!m_recentList->currentItem() && m_recentList->count() > 0) {
        m_recentList->setCurrentRow(0);
    }
}

void StartPage::selectPath(const QString& path)
{
    const QString clean = QFileInfo(path).absoluteFilePath();
    for (int row = 0; row < m_recentList->count(); ++row) {
        if (m_recentList->item(row)->data(kPathRole).toString() == clean) {
            m_recentList->setCurrentRow(row);
            return;
        }
    }
}

void StartPage::activate(QListWidgetItem* item)
{
    if (item) {
        Q_EMIT unlockRequested(item->data(kPathRole).toString());
    }
}

void StartPage::showContextMenu(const QPoint& position)
{
    QListWidgetItem* item = m_recentList->itemAt(position);
    if (!item) {
        return;
    }
    m_recentList->setCurrentItem(item);
    QMenu menu(this);
    menu.addAction(Icons::get(QStringLiteral("unlock")), tr("&Unlock…"), this,
                   [this, item] { activate(item); });
    menu.addActions(m_recentList->actions());
    menu.exec(m_recentList->viewport()->mapToGlobal(position));
}

void StartPage::removeSelected()
{
    if (QListWidgetItem* item = m_recentList->currentItem()) {
        Preferences().removeRecentVault(item->data(kPathRole).toString());
        reload();
    }
}

} // namespace tessera::ui
