#include "roles/RolesPage.h"

#include "app/VaultController.h"
#include "common/FindShortcut.h"
#include "common/DialogStyle.h"
#include "common/ErrorText.h"
#include "common/Icons.h"
#include "common/MessageBoxes.h"
#include "roles/NameDialog.h"
#include "roles/PermissionCellDelegate.h"
#include "roles/PermissionFilterProxyModel.h"
#include "roles/PermissionMatrixModel.h"
#include "roles/RoleChangePreviewDialog.h"
#include "roles/RoleItemDelegate.h"
#include "roles/RoleListModel.h"

#include <QAction>
#include <QCoreApplication>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QSplitter>
#include <QStringListModel>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace tessera::ui {

namespace {

// What the page reads from the vault: the saved roles and how many users hold each one.
struct RolesSnapshot
{
    RoleGraph roles;
    QHash<QString, int> userCounts;
    QString defaultRole;
};

struct WhoHas
{
    QStringList users;
    QStringList roles;
};

QString usersText(qsizetype count)
{
    return count == 1 ? QCoreApplication::translate("RolesPage", "1 user")
                      : QCoreApplication::translate("RolesPage", "%1 users").arg(QLocale().toString(count));
}

QPushButton* smallButton(const QString& icon, const QString& text, const char* name, QWidget* parent)
{
    auto* button = new QPushButton(icon.isEmpty() ? QIcon() : Icons::get(icon), text, parent);
    button->setObjectName(QString::fromLatin1(name));
    return button;
}

Status validPermission(const QString& text)
{
    TESSERA_TRY(Permission::parse(text));
    return {};
}

} // namespace

RolesPage::RolesPage(VaultController& controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_matrix(new PermissionMatrixModel(this)),
      m_proxy(new PermissionFilterProxyModel(this)), m_roleModel(new RoleListModel(*m_matrix, this)),
      m_whoUsersModel(new QStringListModel(this)), m_whoRolesModel(new QStringListModel(this))
{
    setObjectName(QStringLiteral("rolesPage"));
    m_proxy->setSourceModel(m_matrix);

    m_toolBar = new QToolBar(tr("Roles Tools"), this);
    m_toolBar->setObjectName(QStringLiteral("rolesToolBar"));
    m_toolBar->setIconSize(QSize(18, 18));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    QVBoxLayout* titleColumn = DialogStyle::pageTitle(
        tr("Roles and permissions"),
        tr("What each role grants, directly or through the roles it includes. Grants are saved only after you "
           "review who gains and who loses what."),
        this);
    auto* titleRow = new QHBoxLayout;
    titleRow->addLayout(titleColumn, 1);
    titleRow->addWidget(m_toolBar, 0, Qt::AlignTop);

    auto* rightSplitter = new QSplitter(Qt::Vertical, this);
    rightSplitter->setObjectName(QStringLiteral("rolesRightSplitter"));
    rightSplitter->setChildrenCollapsible(false);
    rightSplitter->addWidget(createMatrixPanel());
    rightSplitter->addWidget(createWhoHasPanel());
    rightSplitter->setStretchFactor(0, 3);
    rightSplitter->setStretchFactor(1, 1);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("rolesSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(createRolePanel());
    splitter->addWidget(rightSplitter);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({330, 700});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(10);
    layout->addLayout(titleRow);
    layout->addSpacing(4);
    layout->addWidget(splitter, 1);

    m_reviewAction = new QAction(tr("Review Changes…"), this);
    m_reviewAction->setObjectName(QStringLiteral("reviewChangesAction"));
    m_reviewAction->setShortcut(QKeySequence::Save);
    m_reviewAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_reviewAction);
    FindShortcut::install(this, m_filterEdit);

    connect(m_reviewAction, &QAction::triggered, this, &RolesPage::reviewChanges);
    connect(m_reviewButton, &QPushButton::clicked, this, &RolesPage::reviewChanges);
    connect(m_discardButton, &QPushButton::clicked, this, &RolesPage::discardChanges);
    connect(m_addRoleButton, &QPushButton::clicked, this, &RolesPage::addRole);
    connect(m_renameRoleButton, &QPushButton::clicked, this, &RolesPage::renameRole);
    connect(m_deleteRoleButton, &QPushButton::clicked, this, &RolesPage::deleteRole);
    connect(m_addPermissionButton, &QPushButton::clicked, this, &RolesPage::addPermission);
    connect(m_renamePermissionButton, &QPushButton::clicked, this, &RolesPage::renamePermission);
    connect(m_removePermissionButton, &QPushButton::clicked, this, &RolesPage::removePermission);
    connect(m_filterEdit, &QLineEdit::textChanged, m_proxy, &PermissionFilterProxyModel::setText);
    connect(m_roleList, &QListView::doubleClicked, this, &RolesPage::renameRole);
    connect(m_roleList->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] {
        m_includesError->hide();
        rebuildIncludes();
        updateButtons();
        // Follow the role in the matrix once a cell is current (choosing a role alone picks no permission).
        const int row = m_matrix->rowOf(currentRole());
        if (row >= 0 && m_table->currentIndex().isValid() && m_table->currentIndex().row() != row) {
            const int column = std::max(0, m_table->currentIndex().column());
            m_table->selectionModel()->setCurrentIndex(m_proxy->index(row, column),
                                                       QItemSelectionModel::NoUpdate);
            m_table->scrollTo(m_proxy->index(row, column));
        }
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid()) {
                    const QString role = m_matrix->roleAt(m_proxy->mapToSource(current).row());
                    if (role != currentRole()) {
                        selectRole(role);
                    }
                }
                updateWhoHas();
                updateButtons();
            });
    // A single-selection table ignores header clicks; here one picks the permission for "Who has".
    connect(m_table->horizontalHeader(), &QHeaderView::sectionClicked, this, [this](int column) {
        const int row = std::max(0, m_table->currentIndex().row());
        m_table->setCurrentIndex(m_proxy->index(row, column));
    });
    connect(m_includesList, &QListWidget::itemChanged, this, &RolesPage::includeToggled);
    connect(m_matrix, &PermissionMatrixModel::pendingChanged, this, &RolesPage::updatePendingState);
    connect(&m_controller, &VaultController::unlocked, this, &RolesPage::refresh);
    connect(&m_controller, &VaultController::identityChanged, this, &RolesPage::refresh);
    connect(&m_controller, &VaultController::locked, this, &RolesPage::clear);
    connect(&m_controller, &VaultController::busyChanged, this, &RolesPage::updateButtons);
    clear();
}

QWidget* RolesPage::createRolePanel()
{
    auto* panel = new QWidget(this);
    m_roleList = new QListView(panel);
    m_roleList->setObjectName(QStringLiteral("roleListView"));
    m_roleList->setModel(m_roleModel);
    m_roleList->setItemDelegate(new RoleItemDelegate(m_roleList));
    m_roleList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_roleList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_roleList->setUniformItemSizes(false);
    m_roleList->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_addRoleButton = smallButton(QStringLiteral("add"), tr("&Add Role…"), "addRoleButton", panel);
    m_renameRoleButton = smallButton(QString(), tr("Re&name…"), "renameRoleButton", panel);
    m_deleteRoleButton = smallButton(QStringLiteral("remove"), tr("&Delete"), "deleteRoleButton", panel);
    m_renameRoleButton->setToolTip(tr("Rename the role or change its description"));
    m_deleteRoleButton->setToolTip(tr("Delete the role; its users lose it"));

    auto* rolesHeading = new QLabel(tr("Roles"), panel);
    DialogStyle::makeHeading(rolesHeading, 1.1);
    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(6);
    buttons->addWidget(m_addRoleButton);
    buttons->addWidget(m_renameRoleButton);
    buttons->addWidget(m_deleteRoleButton);
    buttons->addStretch();

    auto* includesHeading = new QLabel(tr("Includes"), panel);
    DialogStyle::makeHeading(includesHeading, 1.1);
    m_includesHint = new QLabel(panel);
    m_includesHint->setObjectName(QStringLiteral("includesHintLabel"));
    DialogStyle::makeHint(m_includesHint);
    m_includesList = new QListWidget(panel);
    m_includesList->setObjectName(QStringLiteral("includesListWidget"));
    m_includesList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_includesList->setIconSize(QSize(16, 16));
    m_includesList->setSpacing(1);
    m_includesList->setMaximumHeight(190);
    m_includesError = new QLabel(panel);
    m_includesError->setObjectName(QStringLiteral("includesErrorLabel"));
    DialogStyle::makeError(m_includesError);

    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 12, 0);
    layout->setSpacing(8);
    layout->addWidget(rolesHeading);
    layout->addLayout(buttons);
    layout->addWidget(m_roleList, 1);
    layout->addSpacing(6);
    layout->addWidget(includesHeading);
    layout->addWidget(m_includesHint);
    layout->addWidget(m_includesList);
    layout->addWidget(m_includesError);
    panel->setMinimumWidth(260);
    return panel;
}

QWidget* RolesPage::createMatrixPanel()
{
    auto* panel = new QWidget(this);
    m_filterEdit = new QLineEdit(panel);
    m_filterEdit->setObjectName(QStringLiteral("permissionFilterLineEdit"));
    m_filterEdit->setPlaceholderText(tr("Filter permissions (Ctrl+F)"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->addAction(Icons::get(QStringLiteral("search")), QLineEdit::LeadingPosition);
    m_filterEdit->setMinimumWidth(180);
    m_addPermissionButton =
        smallButton(QStringLiteral("add"), tr("Add &Permission…"), "addPermissionButton", panel);
    m_renamePermissionButton = smallButton(QString(), tr("Rena&me…"), "renamePermissionButton", panel);
    m_removePermissionButton =
        smallButton(QStringLiteral("remove"), tr("Remo&ve"), "removePermissionButton", panel);
    m_renamePermissionButton->setToolTip(tr("Rename the selected permission in every role and object grant"));
    m_removePermissionButton->setToolTip(tr("Remove the selected permission from the catalog, every role and "
                                            "every object grant"));

    m_statusLabel = new QLabel(panel);
    m_statusLabel->setObjectName(QStringLiteral("rolesStatusLabel"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->hide();

    // The pending-changes bar: what is unsaved, and the way to review or drop it.
    m_pendingBar = new QFrame(panel);
    m_pendingBar->setObjectName(QStringLiteral("pendingChangesBar"));
    QColor tint = PermissionMatrixModel::pendingColor();
    m_pendingBar->setStyleSheet(
        QStringLiteral("QFrame#pendingChangesBar { background: rgba(%1, %2, %3, 40); "
                       "border: 1px solid rgba(%1, %2, %3, 150); border-radius: 4px; }")
            .arg(tint.red())
            .arg(tint.green())
            .arg(tint.blue()));
    m_pendingLabel = new QLabel(m_pendingBar);
    m_pendingLabel->setObjectName(QStringLiteral("pendingChangesLabel"));
    m_pendingLabel->setWordWrap(true);
    m_discardButton = smallButton(QString(), tr("D&iscard"), "discardPendingButton", m_pendingBar);
    m_reviewButton =
        smallButton(QStringLiteral("check"), tr("&Review Changes…"), "reviewChangesButton", m_pendingBar);
    m_reviewButton->setToolTip(tr("See who gains and who loses which permissions, then apply (Ctrl+S)"));
    auto* barLayout = new QHBoxLayout(m_pendingBar);
    barLayout->setContentsMargins(10, 6, 6, 6);
    auto* barIcon = new QLabel(m_pendingBar);
    barIcon->setPixmap(Icons::pixmap(QStringLiteral("info"), 18));
    barLayout->addWidget(barIcon);
    barLayout->addWidget(m_pendingLabel, 1);
    barLayout->addWidget(m_discardButton);
    barLayout->addWidget(m_reviewButton);

    m_table = new QTableView(panel);
    m_table->setObjectName(QStringLiteral("permissionMatrixView"));
    m_table->setModel(m_proxy);
    m_table->setItemDelegate(new PermissionCellDelegate(m_table));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->setWordWrap(false);
    m_table->setCornerButtonEnabled(false);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Both headers stay put while the matrix scrolls: the role names and the permission names.
    QHeaderView* columns = m_table->horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::ResizeToContents);
    columns->setMinimumSectionSize(84);
    columns->setDefaultAlignment(Qt::AlignCenter);
    columns->setHighlightSections(true);
    columns->setSectionsClickable(true);
    QHeaderView* rows = m_table->verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(m_table->fontMetrics().height() + 14);
    rows->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    rows->setMinimumWidth(m_table->fontMetrics().horizontalAdvance(QStringLiteral("superadmin •")) + 24);
    rows->setHighlightSections(true);

    m_legendLabel =
        new QLabel(tr("Checked: granted directly · Dimmed: held through an included role or admin:all "
                      "(hover for which) · Amber corner: unsaved"),
                   panel);
    m_legendLabel->setObjectName(QStringLiteral("matrixLegendLabel"));
    DialogStyle::makeHint(m_legendLabel);

    auto* toolbar = new QHBoxLayout;
    toolbar->setSpacing(6);
    toolbar->addWidget(m_filterEdit, 1);
    toolbar->addSpacing(6);
    toolbar->addWidget(m_addPermissionButton);
    toolbar->addWidget(m_renamePermissionButton);
    toolbar->addWidget(m_removePermissionButton);

    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(12, 0, 0, 6);
    layout->setSpacing(8);
    auto* heading = new QLabel(tr("Permission matrix"), panel);
    DialogStyle::makeHeading(heading, 1.1);
    layout->addWidget(heading);
    layout->addLayout(toolbar);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_pendingBar);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_legendLabel);
    return panel;
}

QWidget* RolesPage::createWhoHasPanel()
{
    auto* panel = new QWidget(this);
    panel->setObjectName(QStringLiteral("whoHasPanel"));
    m_whoTitle = new QLabel(panel);
    m_whoTitle->setObjectName(QStringLiteral("whoHasTitleLabel"));
    DialogStyle::makeHeading(m_whoTitle, 1.1);
    m_whoHint = new QLabel(panel);
    m_whoHint->setObjectName(QStringLiteral("whoHasHintLabel"));
    DialogStyle::makeHint(m_whoHint);
    m_whoUsersCount = new QLabel(panel);
    m_whoUsersCount->setObjectName(QStringLiteral("whoHasUsersCountLabel"));
    m_whoRolesCount = new QLabel(panel);
    m_whoRolesCount->setObjectName(QStringLiteral("whoHasRolesCountLabel"));
    m_whoUsers = new QListView(panel);
    m_whoUsers->setObjectName(QStringLiteral("whoHasUsersListView"));
    m_whoRoles = new QListView(panel);
    m_whoRoles->setObjectName(QStringLiteral("whoHasRolesListView"));
    for (QListView* view : {m_whoUsers, m_whoRoles}) {
        view->setEditTriggers(QAbstractItemView::NoEditTriggers);
        view->setUniformItemSizes(true);
        view->setAlternatingRowColors(true);
    }
    m_whoUsers->setModel(m_whoUsersModel);
    m_whoRoles->setModel(m_whoRolesModel);

    auto* usersColumn = new QVBoxLayout;
    usersColumn->addWidget(m_whoUsersCount);
    usersColumn->addWidget(m_whoUsers, 1);
    auto* rolesColumn = new QVBoxLayout;
    rolesColumn->addWidget(m_whoRolesCount);
    rolesColumn->addWidget(m_whoRoles, 1);
    auto* lists = new QHBoxLayout;
    lists->setSpacing(12);
    lists->addLayout(usersColumn, 1);
    lists->addLayout(rolesColumn, 1);

    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(12, 6, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_whoTitle);
    layout->addWidget(m_whoHint);
    layout->addLayout(lists, 1);
    panel->setMinimumHeight(150);
    return panel;
}

void RolesPage::addToolActions(const QList<QAction*>& actions)
{
    m_toolBar->addActions(actions);
}

void RolesPage::clear()
{
    m_matrix->clear();
    m_roleModel->setUserCounts({}, QString());
    m_filterEdit->clear();
    m_statusLabel->hide();
    m_includesError->hide();
    m_whoPermission = Permission();
    m_whoUsersModel->setStringList({});
    m_whoRolesModel->setStringList({});
    m_selectAfterReload.clear();
    m_selectPermissionAfterReload = Permission();
    m_reviewing = false;
    m_stale = false;
    rebuildIncludes();
    updatePendingState();
    updateWhoHas();
    updateButtons();
}

void RolesPage::refresh()
{
    if (!m_controller.isUnlocked()) {
        return;
    }
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    if (m_reloadScheduled) {
        return;
    }
    m_reloadScheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_reloadScheduled = false;
        reload();
    });
}

void RolesPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale) {
        m_stale = false;
        refresh();
    }
}

void RolesPage::reload()
{
    m_controller.runDirectory(
        this,
        [](Directory& directory) -> Result<RolesSnapshot> {
            RolesSnapshot snapshot;
            snapshot.roles = directory.model().roles();
            snapshot.defaultRole = directory.defaultRole();
            for (const UserAccess& user : directory.model().users()) {
                for (const QString& role : user.roles) {
                    ++snapshot.userCounts[role];
                }
            }
            return snapshot;
        },
        [this](Result<RolesSnapshot> snapshot) {
            if (!snapshot) {
                showStatus(ErrorText::forUser(snapshot.error()), true);
                return;
            }
            const QString role = m_selectAfterReload.isEmpty() ? currentRole() : m_selectAfterReload;
            const Permission permission =
                m_selectPermissionAfterReload.isNull() ? currentPermission() : m_selectPermissionAfterReload;
            m_selectAfterReload.clear();
            m_selectPermissionAfterReload = Permission();
            m_matrix->setSavedRoles(std::move(snapshot->roles));
            m_roleModel->setUserCounts(std::move(snapshot->userCounts), snapshot->defaultRole);
            selectRole(role.isEmpty() || m_roleModel->rowOf(role) < 0 ? m_roleModel->roleAt(0) : role);
            if (!permission.isNull() && m_matrix->columnOf(permission) >= 0) {
                selectPermission(permission);
            }
            rebuildIncludes();
            updatePendingState();
            updateWhoHas();
            updateButtons();
            Q_EMIT reloaded();
        });
}

QString RolesPage::currentRole() const
{
    const QModelIndex index = m_roleList->currentIndex();
    return index.isValid() ? m_roleModel->roleAt(index.row()) : QString();
}

void RolesPage::selectRole(const QString& role)
{
    const int row = m_roleModel->rowOf(role);
    if (row < 0) {
        return;
    }
    m_roleList->setCurrentIndex(m_roleModel->index(row));
}

Permission RolesPage::currentPermission() const
{
    const QModelIndex index = m_table->currentIndex();
    return index.isValid() ? m_matrix->permissionAt(m_proxy->mapToSource(index).column()) : Permission();
}

void RolesPage::selectPermission(const Permission& permission)
{
    const int column = m_matrix->columnOf(permission);
    if (column < 0) {
        return;
    }
    const int row = std::max(0, m_matrix->rowOf(currentRole()));
    const QModelIndex index = m_proxy->mapFromSource(m_matrix->index(row, column));
    if (index.isValid()) {
        m_table->setCurrentIndex(index);
        m_table->scrollTo(index);
    }
}

void RolesPage::rebuildIncludes()
{
    const QSignalBlocker blocker(m_includesList);
    m_includesList->clear();
    const QString role = currentRole();
    const RoleGraph& graph = m_matrix->pendingRoles();
    const RoleDefinition* definition = graph.role(role);
    m_includesList->setEnabled(definition != nullptr);
    if (definition == nullptr) {
        m_includesHint->setText(tr("Select a role to choose the roles it includes."));
        return;
    }
    m_includesHint->setText(tr("%1 also grants everything the checked roles grant.").arg(role));
    QColor tint = PermissionMatrixModel::pendingColor();
    tint.setAlpha(70);
    for (const QString& other : graph.roleNames()) {
        if (other == role) {
            continue;
        }
        auto* item = new QListWidgetItem(other, m_includesList);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        const bool included = definition->includes.contains(other);
        item->setCheckState(included ? Qt::Checked : Qt::Unchecked);
        QString tip;
        if (!included) {
            if (const QStringList cycle = graph.cycleIfIncluded(role, other); !cycle.isEmpty()) {
                // Explained before it is tried; trying anyway shows the core's refusal.
                item->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
                item->setIcon(Icons::get(QStringLiteral("warning")));
                tip = tr("%1 cannot include %2: that would make a cycle %3")
                          .arg(role, other, cycle.join(QStringLiteral(" → ")));
            }
        }
        if (tip.isEmpty()) {
            QStringList permissions;
            for (const Permission& permission : graph.effectivePermissions(other)) {
                permissions.append(permission.toString());
            }
            tip = permissions.isEmpty()
                      ? tr("%1 grants nothing yet").arg(other)
                      : tr("%1 grants %2").arg(other, permissions.join(QStringLiteral(", ")));
        }
        if (m_matrix->changes().isIncludePending(role, other)) {
            item->setBackground(tint);
            tip += QLatin1Char('\n') +
                   (included ? tr("Unsaved: will be included") : tr("Unsaved: will no longer be included"));
        }
        item->setToolTip(tip);
    }
}

void RolesPage::includeToggled(QListWidgetItem* item)
{
    const QString role = currentRole();
    const QString other = item->text();
    const bool include = item->checkState() == Qt::Checked;
    if (Status done = m_matrix->setIncluded(role, other, include); !done) {
        {
            const QSignalBlocker blocker(m_includesList);
            item->setCheckState(include ? Qt::Unchecked : Qt::Checked);
        }
        m_includesError->setText(ErrorText::forUser(done.error()));
        m_includesError->show();
        return;
    }
    m_includesError->hide();
    // pendingChanged() rebuilt the list; keep the same entry current for keyboard users.
    const QList<QListWidgetItem*> found = m_includesList->findItems(other, Qt::MatchExactly);
    if (!found.isEmpty()) {
        m_includesList->setCurrentItem(found.first());
    }
}

void RolesPage::updatePendingState()
{
    const PendingRoleChanges& changes = m_matrix->changes();
    const QStringList roles = changes.pendingRoles();
    const int edits = changes.editCount();
    m_pendingBar->setVisible(edits > 0);
    if (edits > 0) {
        m_pendingLabel->setText(
            edits == 1 ? tr("1 unsaved change to %1.").arg(roles.join(QStringLiteral(", ")))
                       : tr("%1 unsaved changes to %2.").arg(edits).arg(roles.join(QStringLiteral(", "))));
    }
    if (!m_whoPermission.isNull()) {
        m_whoHint->setText(edits > 0 ? tr("As saved; unsaved changes are not counted.") : QString());
        m_whoHint->setVisible(edits > 0);
    }
    rebuildIncludes();
    updateButtons();
}

void RolesPage::updateButtons()
{
    const bool unlocked = m_controller.isUnlocked();
    const bool hasRole = !currentRole().isEmpty();
    const Permission permission = currentPermission();
    m_addRoleButton->setEnabled(unlocked);
    m_renameRoleButton->setEnabled(unlocked && hasRole);
    m_deleteRoleButton->setEnabled(unlocked && hasRole);
    m_addPermissionButton->setEnabled(unlocked);
    const bool editablePermission = unlocked && !permission.isNull() && !permission.isWildcard();
    m_renamePermissionButton->setEnabled(editablePermission);
    m_removePermissionButton->setEnabled(editablePermission);
    const bool pending = m_matrix->hasPendingChanges();
    m_reviewButton->setEnabled(unlocked && pending && !m_reviewing);
    m_reviewAction->setEnabled(unlocked && pending && !m_reviewing);
    m_discardButton->setEnabled(pending && !m_reviewing);
    m_filterEdit->setEnabled(unlocked);
}

void RolesPage::updateWhoHas()
{
    const Permission permission = currentPermission();
    if (permission.isNull()) {
        m_whoPermission = Permission();
        m_whoTitle->setText(tr("Who has a permission"));
        m_whoHint->setText(
            tr("Select a permission column to see which users hold it and which roles grant it."));
        m_whoHint->show();
        m_whoUsersCount->clear();
        m_whoRolesCount->clear();
        m_whoUsersModel->setStringList({});
        m_whoRolesModel->setStringList({});
        return;
    }
    m_whoPermission = permission;
    m_whoTitle->setText(tr("Who has %1").arg(permission.toString()));
    const bool pending = m_matrix->hasPendingChanges();
    m_whoHint->setText(pending ? tr("As saved; unsaved changes are not counted.") : QString());
    m_whoHint->setVisible(pending);
    m_controller.runDirectory(
        this,
        [permission](Directory& directory) -> Result<WhoHas> {
            return WhoHas{directory.evaluator().usersWith(permission),
                          directory.evaluator().rolesGranting(permission)};
        },
        [this, permission](Result<WhoHas> who) {
            if (!who || !(permission == m_whoPermission)) {
                return; // a newer column was selected meanwhile
            }
            m_whoUsersCount->setText(who->users.isEmpty()
                                         ? tr("No user holds it")
                                         : tr("%1 through their roles").arg(usersText(who->users.size())));
            m_whoRolesCount->setText(who->roles.size() == 1 ? tr("1 role grants it")
                                                            : tr("%1 roles grant it").arg(who->roles.size()));
            m_whoUsersModel->setStringList(who->users);
            m_whoRolesModel->setStringList(who->roles);
        });
}

void RolesPage::showStatus(const QString& text, bool error)
{
    m_statusLabel->setStyleSheet(error ? QStringLiteral("QLabel { color: #d64545; }") : QString());
    m_statusLabel->setText(text);
    m_statusLabel->setVisible(!text.isEmpty());
}

void RolesPage::discardChanges()
{
    m_matrix->discardChanges();
    m_includesError->hide();
    showStatus(QString(), false);
}

void RolesPage::reviewChanges()
{
    const QList<RoleChange> changes = m_matrix->changes().changes();
    if (changes.isEmpty() || m_reviewing) {
        return;
    }
    m_reviewing = true;
    updateButtons();
    const bool queued = m_controller.runDirectory(
        this, [changes](Directory& directory) { return planRoleChanges(directory, changes); },
        [this](Result<RoleChangePlan> plan) {
            m_reviewing = false;
            updateButtons();
            if (!plan) {
                showStatus(tr("These changes cannot be saved: %1").arg(ErrorText::forUser(plan.error())),
                           true);
                return;
            }
            showStatus(QString(), false);
            auto* dialog = new RoleChangePreviewDialog(m_controller, std::move(*plan), this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            connect(dialog, &RoleChangePreviewDialog::applied, this, [this] {
                // The reload drops every pending edit, as each now matches the saved roles.
                showStatus(tr("Role changes saved."), false);
                m_controller.notifyIdentityChanged();
            });
            connect(dialog, &RoleChangePreviewDialog::applyFailed, this,
                    [this] { m_controller.notifyIdentityChanged(); });
            connect(dialog, &RoleChangePreviewDialog::discardRequested, this, &RolesPage::discardChanges);
            dialog->open();
        });
    if (!queued) {
        m_reviewing = false;
        updateButtons();
    }
}

void RolesPage::addRole()
{
    NameDialog::Texts texts{tr("Add Role"),
                            tr("Add a role"),
                            tr("A role bundles permissions. Grant them in the matrix after adding it."),
                            tr("&Name:"),
                            tr("e.g. moderator"),
                            tr("&Add Role"),
                            QStringLiteral("roles")};
    auto* dialog = new NameDialog(texts, &RoleGraph::validateRoleName, true, this);
    dialog->setObjectName(QStringLiteral("addRoleDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setTaken(m_matrix->pendingRoles().roleNames(), tr("A role named %1 already exists."));
    QPointer<NameDialog> guard(dialog);
    connect(dialog, &NameDialog::submitted, this, [this, guard] {
        const QString name = guard->name();
        const QString description = guard->description();
        m_controller.runDirectory(
            this, [name, description](Directory& directory) { return directory.addRole(name, description); },
            [this, guard, name](Status status) {
                if (guard) {
                    guard->finish(status);
                }
                if (status) {
                    m_selectAfterReload = name;
                    m_controller.notifyIdentityChanged();
                }
            });
    });
    dialog->open();
}

void RolesPage::renameRole()
{
    const QString role = currentRole();
    const RoleDefinition* definition = m_matrix->changes().saved().role(role);
    if (definition == nullptr) {
        return;
    }
    NameDialog::Texts texts{tr("Edit Role"),
                            tr("Rename %1").arg(role),
                            tr("Users keep the role under its new name; roles that include it follow."),
                            tr("&Name:"),
                            QString(),
                            tr("&Save"),
                            QStringLiteral("roles")};
    auto* dialog = new NameDialog(texts, &RoleGraph::validateRoleName, true, this);
    dialog->setObjectName(QStringLiteral("renameRoleDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setName(role);
    dialog->setDescription(definition->description);
    dialog->setTaken(m_matrix->pendingRoles().roleNames(), tr("A role named %1 already exists."), role);
    QPointer<NameDialog> guard(dialog);
    connect(dialog, &NameDialog::submitted, this, [this, guard, role] {
        const QString name = guard->name();
        const QString description = guard->description();
        const bool renamed = name != role;
        const bool described = description != guard->originalDescription();
        if (!renamed && !described) {
            guard->finish({});
            return;
        }
        m_controller.runDirectory(
            this,
            [role, name, description, renamed, described](Directory& directory) -> Status {
                if (renamed) {
                    TESSERA_TRY(directory.renameRole(role, name));
                }
                if (described) {
                    TESSERA_TRY(directory.setRoleDescription(name, description));
                }
                return {};
            },
            [this, guard, role, name, renamed](Status status) {
                if (guard) {
                    guard->finish(status);
                }
                if (status) {
                    if (renamed) {
                        m_matrix->changes().renameRole(role, name);
                        m_selectAfterReload = name;
                    }
                    m_controller.notifyIdentityChanged();
                }
            });
    });
    dialog->open();
}

void RolesPage::deleteRole()
{
    const QString role = currentRole();
    if (role.isEmpty()) {
        return;
    }
    RoleChange change;
    change.role = role;
    change.removeRole = true;
    m_controller.runDirectory(
        this, [change](Directory& directory) { return directory.previewRoleChange(change); },
        [this, role](Result<RoleChangePreview> preview) {
            if (!preview) {
                MessageBoxes::warning(this, tr("Delete Role"), ErrorText::forUser(preview.error()));
                return;
            }
            const int holders = m_roleModel->userCount(role);
            QStringList text;
            text.append(holders == 0 ? tr("No user holds it.")
                        : holders == 1
                            ? tr("1 user holds it and loses it.")
                            : tr("%1 users hold it and lose it.").arg(QLocale().toString(holders)));
            if (!preview->isEmpty()) {
                text.append(tr("Effect: %1").arg(ErrorText::sentence(preview->summary())));
            }
            QStringList includers;
            for (const RoleDefinition& other : m_matrix->changes().saved().definitions()) {
                if (other.includes.contains(role)) {
                    includers.append(other.name);
                }
            }
            if (!includers.isEmpty()) {
                text.append(tr("%1 will no longer include it.").arg(includers.join(QStringLiteral(", "))));
            }
            text.append(tr("This cannot be undone."));
            if (MessageBoxes::question(this, tr("Delete Role"),
                                       tr("Delete the role “%1”?").arg(role) + QStringLiteral("\n\n") +
                                           text.join(QLatin1Char(' '))) != QMessageBox::Yes) {
                return;
            }
            m_controller.runDirectory(
                this, [role](Directory& directory) { return directory.removeRole(role); },
                [this](Status status) {
                    if (!status) {
                        MessageBoxes::warning(this, tr("Delete Role"), ErrorText::forUser(status.error()));
                        return;
                    }
                    m_controller.notifyIdentityChanged();
                });
        });
}

void RolesPage::addPermission()
{
    NameDialog::Texts texts{tr("Add Permission"),
                            tr("Add a permission"),
                            tr("Permissions read action:resource in lower case, e.g. publish:posts. A new "
                               "permission is granted to no role until you check it in the matrix."),
                            tr("&Permission:"),
                            tr("action:resource"),
                            tr("&Add Permission"),
                            QStringLiteral("key")};
    auto* dialog = new NameDialog(texts, &validPermission, false, this);
    dialog->setObjectName(QStringLiteral("addPermissionDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QStringList known;
    for (const Permission& permission : m_matrix->pendingRoles().permissionCatalog()) {
        known.append(permission.toString());
    }
    dialog->setTaken(known, tr("%1 is already in the catalog."));
    QPointer<NameDialog> guard(dialog);
    connect(dialog, &NameDialog::submitted, this, [this, guard] {
        const Result<Permission> permission = Permission::parse(guard->name());
        if (!permission) {
            guard->finish(std::unexpected(permission.error()));
            return;
        }
        m_controller.runDirectory(
            this, [p = *permission](Directory& directory) { return directory.addPermission(p); },
            [this, guard, p = *permission](Status status) {
                if (guard) {
                    guard->finish(status);
                }
                if (status) {
                    m_selectPermissionAfterReload = p;
                    m_controller.notifyIdentityChanged();
                }
            });
    });
    dialog->open();
}

void RolesPage::renamePermission()
{
    const Permission from = currentPermission();
    if (from.isNull() || from.isWildcard()) {
        return;
    }
    NameDialog::Texts texts{tr("Rename Permission"),
                            tr("Rename %1").arg(from.toString()),
                            tr("Every role and object grant that holds it follows the new name."),
                            tr("&Permission:"),
                            tr("action:resource"),
                            tr("&Rename"),
                            QStringLiteral("key")};
    auto* dialog = new NameDialog(texts, &validPermission, false, this);
    dialog->setObjectName(QStringLiteral("renamePermissionDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setName(from.toString());
    QStringList known;
    for (const Permission& permission : m_matrix->pendingRoles().permissionCatalog()) {
        known.append(permission.toString());
    }
    dialog->setTaken(known, tr("%1 is already in the catalog."), from.toString());
    QPointer<NameDialog> guard(dialog);
    connect(dialog, &NameDialog::submitted, this, [this, guard, from] {
        const Result<Permission> to = Permission::parse(guard->name());
        if (!to) {
            guard->finish(std::unexpected(to.error()));
            return;
        }
        if (*to == from) {
            guard->finish({});
            return;
        }
        m_controller.runDirectory(
            this, [from, to = *to](Directory& directory) { return directory.renamePermission(from, to); },
            [this, guard, from, to = *to](Status status) {
                if (guard) {
                    guard->finish(status);
                }
                if (status) {
                    m_matrix->changes().renamePermission(from, to);
                    m_selectPermissionAfterReload = to;
                    m_controller.notifyIdentityChanged();
                }
            });
    });
    dialog->open();
}

void RolesPage::removePermission()
{
    const Permission permission = currentPermission();
    if (permission.isNull() || permission.isWildcard()) {
        return;
    }
    m_controller.runDirectory(
        this,
        [permission](Directory& directory) -> Result<WhoHas> {
            return WhoHas{directory.evaluator().usersWith(permission), {}};
        },
        [this, permission](Result<WhoHas> who) {
            if (!who) {
                MessageBoxes::warning(this, tr("Remove Permission"), ErrorText::forUser(who.error()));
                return;
            }
            QStringList granting;
            for (const RoleDefinition& role : m_matrix->changes().saved().definitions()) {
                if (role.permissions.contains(permission)) {
                    granting.append(role.name);
                }
            }
            QString text = tr("Remove the permission %1 from the catalog?").arg(permission.toString()) +
                           QStringLiteral("\n\n");
            text += granting.isEmpty()
                        ? tr("No role grants it directly.")
                        : tr("It is revoked from %1.").arg(granting.join(QStringLiteral(", ")));
            text += QLatin1Char(' ');
            text += who->users.isEmpty()
                        ? tr("No user holds it through a role today.")
                        : tr("%1 hold it through a role today.").arg(usersText(who->users.size()));
            text += QLatin1Char(' ') + tr("Object grants of it are removed too. This cannot be undone.");
            if (MessageBoxes::question(this, tr("Remove Permission"), text) != QMessageBox::Yes) {
                return;
            }
            m_controller.runDirectory(
                this, [permission](Directory& directory) { return directory.removePermission(permission); },
                [this](Status status) {
                    if (!status) {
                        MessageBoxes::warning(this, tr("Remove Permission"),
                                              ErrorText::forUser(status.error()));
                        return;
                    }
                    m_controller.notifyIdentityChanged();
                });
        });
}

} // namespace tessera::ui
