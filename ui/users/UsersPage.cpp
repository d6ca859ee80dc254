#include "users/UsersPage.h"

#include "identity/IdentityStore.h"

#include "users/PasswordPolicyDialog.h"
#include "mfa/MfaPolicyDialog.h"
#include "mfa/MfaService.h"
#include "users/UserImportDialog.h"
#include "common/FindShortcut.h"
#include "common/FileDialogs.h"
#include "identity/UserFileWriter.h"
#include "platform/FileSystem.h"

#include "access/RoleDefinition.h"
#include "app/VaultController.h"
#include "common/DialogStyle.h"
#include "common/ErrorText.h"
#include "common/Icons.h"
#include "common/MessageBoxes.h"
#include "identity/UserValidator.h"
#include "users/UsersFilterProxyModel.h"
#include "users/UsersTableModel.h"
#include "vault/Transaction.h"
#include "vault/Vault.h"

#include <QAction>
#include <QFileInfo>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QSet>
#include <QStackedWidget>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace tessera::ui {

namespace {

// Enough for a maximised window on a tall screen.
constexpr int kFirstScreenRows = 200;

// What a load hands from the worker to the UI thread: rows already prepared for the model.
struct Loaded
{
    UsersTableModel::Rows rows;
    QStringList roles;
    QStringList roleDescriptions;
};

Result<QList<UserSummary>> summariesOf(const Directory& d, const QStringList& names)
{
    QList<UserSummary> summaries;
    summaries.reserve(names.size());
    for (const QString& name : names) {
        TESSERA_TRY_ASSIGN(summary, d.userSummary(name));
        summaries.append(std::move(summary));
    }
    return summaries;
}

// "alice, bob and carol" or "alice, bob, carol, dave, erin and 7 more".
QString nameList(const QStringList& names)
{
    constexpr qsizetype kShown = 5;
    if (names.size() == 1) {
        return names.first();
    }
    if (names.size() <= kShown) {
        return UsersPage::tr("%1 and %2")
            .arg(names.first(names.size() - 1).join(QStringLiteral(", ")), names.last());
    }
    return UsersPage::tr("%1 and %2 more")
        .arg(names.first(kShown).join(QStringLiteral(", ")))
        .arg(QLocale().toString(names.size() - kShown));
}

} // namespace

UsersPage::UsersPage(VaultController& controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_model(new UsersTableModel(this)),
      m_proxy(new UsersFilterProxyModel(this))
{
    setObjectName(QStringLiteral("usersPage"));
    m_proxy->setUsersModel(m_model);

    m_filterEdit = new QLineEdit(this);
    m_statusCombo = new QComboBox(this);
    m_countLabel = new QLabel(this);
    m_errorLabel = new QLabel(this);
    m_viewStack = new QStackedWidget(this);
    m_table = new QTableView(this);
    m_filterEdit->setObjectName(QStringLiteral("usersFilterLineEdit"));
    m_statusCombo->setObjectName(QStringLiteral("usersStatusComboBox"));
    m_countLabel->setObjectName(QStringLiteral("usersCountLabel"));
    m_errorLabel->setObjectName(QStringLiteral("usersErrorLabel"));
    m_table->setObjectName(QStringLiteral("usersTableView"));
    buildToolBar();

    // The table: sized for 100,000 rows, so nothing here measures contents.
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(UsersTableModel::UsernameColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 12);
    QHeaderView* header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSectionsMovable(true);
    header->setMinimumSectionSize(60);
    // Email takes what the other columns leave, so the table fits the page without a horizontal
    // scroll bar at the default window size and grows with the window.
    header->setStretchLastSection(false);
    header->setSectionResizeMode(UsersTableModel::EmailColumn, QHeaderView::Stretch);
    const QFontMetrics metrics = m_table->fontMetrics();
    auto width = [&](const QString& sample) {
        return metrics.horizontalAdvance(sample) + 24;
    };
    // With the MFA column the fixed ones are trimmed a little, so Email keeps a useful width at the
    // default window size; longer texts elide and are in the tooltips.
    m_table->setColumnWidth(UsersTableModel::UsernameColumn, width(QStringLiteral("firstname.last")));
    m_table->setColumnWidth(UsersTableModel::NameColumn, width(QStringLiteral("Firstname Lastn")));
    m_table->setColumnWidth(UsersTableModel::RolesColumn, width(QStringLiteral("editor, viewer")));
    m_table->setColumnWidth(UsersTableModel::StatusColumn, width(tr("Locked until 00:00")) - 8);
    // Room for the warning mark (16 px and a gap) beside "Active · 3 codes left".
    m_table->setColumnWidth(UsersTableModel::MfaColumn, width(tr("Active · 3 codes left")) + 20);
    m_table->setColumnWidth(UsersTableModel::LastSignInColumn, width(tr("11 months ago")));
    m_table->installEventFilter(this);
    auto* deleteShortcut = new QAction(this);
    deleteShortcut->setShortcut(QKeySequence::Delete);
    deleteShortcut->setShortcutContext(Qt::WidgetShortcut); // not while typing in the filter
    m_table->addAction(deleteShortcut);
    connect(deleteShortcut, &QAction::triggered, this, &UsersPage::deleteSelection);

    // Empty states: no users at all, or none that pass the filter.
    m_emptyState = new QWidget(this);
    m_emptyState->setObjectName(QStringLiteral("usersEmptyState"));
    m_emptyIcon = new QLabel(m_emptyState);
    m_emptyTitle = new QLabel(m_emptyState);
    m_emptyHint = new QLabel(m_emptyState);
    m_emptyButton = new QPushButton(m_emptyState);
    m_emptyTitle->setObjectName(QStringLiteral("usersEmptyLabel"));
    m_emptyButton->setObjectName(QStringLiteral("usersEmptyButton"));
    DialogStyle::makeHeading(m_emptyTitle, 1.2);
    DialogStyle::makeHint(m_emptyHint);
    m_emptyIcon->setAlignment(Qt::AlignCenter);
    m_emptyTitle->setAlignment(Qt::AlignCenter);
    m_emptyHint->setAlignment(Qt::AlignCenter);
    auto* emptyLayout = new QVBoxLayout(m_emptyState);
    emptyLayout->setSpacing(8);
    emptyLayout->addStretch(2);
    emptyLayout->addWidget(m_emptyIcon);
    emptyLayout->addWidget(m_emptyTitle);
    emptyLayout->addWidget(m_emptyHint);
    emptyLayout->addSpacing(6);
    emptyLayout->addWidget(m_emptyButton, 0, Qt::AlignHCenter);
    emptyLayout->addStretch(3);
    connect(m_emptyButton, &QPushButton::clicked, this, [this] {
        if (m_model->rowCount() == 0) {
            addUser();
        } else {
            m_filterEdit->clear();
            m_statusCombo->setCurrentIndex(0);
        }
    });
    m_viewStack->addWidget(m_table);
    m_viewStack->addWidget(m_emptyState);

    m_filterEdit->setPlaceholderText(tr("Filter by username, name, email or role (Ctrl+F)"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->addAction(Icons::get(QStringLiteral("search")), QLineEdit::LeadingPosition);
    m_filterEdit->setMinimumWidth(220);
    FindShortcut::install(this, m_filterEdit);
    m_statusCombo->addItem(tr("All statuses"));
    m_statusCombo->addItem(tr("Active"), static_cast<int>(UsersTableModel::Status::Active));
    m_statusCombo->addItem(tr("Disabled"), static_cast<int>(UsersTableModel::Status::Disabled));
    m_statusCombo->addItem(tr("Locked"), static_cast<int>(UsersTableModel::Status::Locked));
    m_statusCombo->insertSeparator(m_statusCombo->count());
    m_statusCombo->addItem(tr("MFA missing"), static_cast<int>(UsersTableModel::Status::MfaMissing));
    m_statusCombo->setItemData(m_statusCombo->count() - 1,
                               tr("Users the MFA policy requires an authenticator of, who have none active"),
                               Qt::ToolTipRole);
    m_statusCombo->addItem(tr("MFA active"), static_cast<int>(UsersTableModel::Status::MfaActive));
    m_statusCombo->setToolTip(tr("Show users with one status"));
    DialogStyle::makeHint(m_countLabel);
    m_countLabel->setWordWrap(false);
    DialogStyle::makeError(m_errorLabel);

    auto* filterRow = new QHBoxLayout;
    filterRow->setSpacing(8);
    filterRow->addWidget(m_filterEdit, 3);
    filterRow->addWidget(m_statusCombo, 1);
    filterRow->addSpacing(8);
    filterRow->addWidget(m_countLabel);
    filterRow->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(10);
    layout->addLayout(DialogStyle::pageTitle(
        tr("Users"), tr("Local accounts in this vault: who can sign in, and with which roles."), this));
    layout->addSpacing(4);
    layout->addWidget(m_toolBar);
    layout->addLayout(filterRow);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_viewStack, 1);

    connect(m_filterEdit, &QLineEdit::textChanged, m_proxy, &UsersFilterProxyModel::setText);
    connect(m_statusCombo, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant status = m_statusCombo->currentData();
        m_proxy->setStatus(status.isValid()
                               ? std::optional(static_cast<UsersTableModel::Status>(status.toInt()))
                               : std::nullopt);
    });
    // The proxy announces removals before its source has made them, so the total is counted again when
    // the source is done.
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(m_proxy, signal, this, &UsersPage::updateCount);
        connect(m_model, signal, this, &UsersPage::updateCount);
    }
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &UsersPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &UsersPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, &UsersPage::updateActions);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &UsersPage::updateActions);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        if (index.isValid()) {
            editUser(index.data(UsersTableModel::UsernameRole).toString());
        }
    });
    connect(&m_controller, &VaultController::unlocked, this, &UsersPage::refresh);
    connect(&m_controller, &VaultController::identityChanged, this, [this] {
        if (!m_ownChange) {
            refresh();
        }
    });
    connect(&m_controller, &VaultController::locked, this, &UsersPage::clear);
    connect(&m_controller, &VaultController::busyChanged, this, &UsersPage::updateActions);

    setTabOrder(m_filterEdit, m_statusCombo);
    setTabOrder(m_statusCombo, m_table);
    clear();
}

UsersPage::~UsersPage() = default;

void UsersPage::buildToolBar()
{
    m_toolBar = new QToolBar(tr("User Actions"), this);
    m_toolBar->setObjectName(QStringLiteral("usersToolBar"));
    m_toolBar->setIconSize(QSize(18, 18));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setMovable(false);
    m_toolBar->setFloatable(false);
    m_toolBar->setStyleSheet(QStringLiteral("QToolBar { border: none; spacing: 2px; padding: 0px; }"));

    auto make = [this](const QString& icon, const QString& text, const QString& name, const QString& tip) {
        auto* action = new QAction(Icons::get(icon), text, this);
        action->setObjectName(name);
        action->setToolTip(tip);
        return action;
    };
    m_addAction = make(QStringLiteral("add-user"), tr("&Add User…"), QStringLiteral("addUserAction"),
                       tr("Add a user to this vault (Ctrl+Shift+N)"));
    m_addAction->setShortcut(QKeySequence(tr("Ctrl+Shift+N")));
    m_addAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_editAction = make(QStringLiteral("edit"), tr("&Edit…"), QStringLiteral("editUserAction"),
                        tr("Edit the selected user (Enter or double-click)"));
    m_enableAction = make(QStringLiteral("check"), tr("E&nable"), QStringLiteral("enableUsersAction"),
                          tr("Let the selected users sign in again"));
    m_disableAction = make(QStringLiteral("disable"), tr("&Disable"), QStringLiteral("disableUsersAction"),
                           tr("Stop the selected users from signing in, keeping their accounts"));
    m_unlockAction = make(QStringLiteral("unlock"), tr("&Unlock"), QStringLiteral("unlockUsersAction"),
                          tr("Clear the sign-in lock of the selected users"));
    m_deleteAction = make(QStringLiteral("delete"), tr("Delete…"), QStringLiteral("deleteUsersAction"),
                          tr("Delete the selected users (Delete)"));
    m_importAction = make(QStringLiteral("import"), tr("&Import…"), QStringLiteral("importUsersAction"),
                          tr("Import users, roles and assignments from CSV or JSON (previewed first)"));
    m_exportAction = make(QStringLiteral("export"), tr("E&xport…"), QStringLiteral("exportUsersAction"),
                          tr("Export users, roles and assignments to CSV or JSON (without password hashes)"));
    m_policyAction = make(QStringLiteral("key"), tr("Password &Policy…"), QStringLiteral("passwordPolicyAction"),
                          tr("The rules every password in this vault must meet"));
    m_mfaPolicyAction = make(QStringLiteral("shield"), tr("&MFA Policy…"), QStringLiteral("mfaPolicyAction"),
                             tr("Authenticator settings, and which permissions require a second factor"));

    auto roleButton = [this](const QString& icon, const QString& text, const QString& name,
                             const QString& tip, QMenu*& menu) {
        auto* button = new QToolButton(this);
        button->setObjectName(name);
        button->setIcon(Icons::get(icon));
        button->setText(text);
        button->setToolTip(tip);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setPopupMode(QToolButton::InstantPopup);
        button->setAutoRaise(true);
        // The arrow goes in the text: the style's own indicator squeezes under the last letters.
        button->setStyleSheet(QStringLiteral("QToolButton::menu-indicator { image: none; width: 0px; }"));
        menu = new QMenu(button);
        menu->setObjectName(name + QStringLiteral("Menu"));
        button->setMenu(menu);
        return button;
    };
    m_addRoleButton = roleButton(QStringLiteral("roles"), tr("Add &Role ▾"), QStringLiteral("addRoleButton"),
                                 tr("Give the selected users a role"), m_addRoleMenu);
    m_removeRoleButton =
        roleButton(QStringLiteral("roles"), tr("Remo&ve Role ▾"), QStringLiteral("removeRoleButton"),
                   tr("Take a role from the selected users"), m_removeRoleMenu);

    m_toolBar->addAction(m_addAction);
    m_toolBar->addAction(m_editAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_enableAction);
    m_toolBar->addAction(m_disableAction);
    m_toolBar->addWidget(m_addRoleButton);
    m_toolBar->addWidget(m_removeRoleButton);
    m_toolBar->addAction(m_unlockAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_deleteAction);
    // Less frequent work behind one button, so the toolbar fits the default window width.
    auto* more = new QToolButton(this);
    more->setObjectName(QStringLiteral("moreUsersButton"));
    more->setText(tr("More ▾"));
    more->setToolTip(tr("Import, export, the password policy and the MFA policy"));
    more->setToolButtonStyle(Qt::ToolButtonTextOnly);
    more->setPopupMode(QToolButton::InstantPopup);
    more->setAutoRaise(true);
    more->setStyleSheet(QStringLiteral("QToolButton::menu-indicator { image: none; width: 0px; }"));
    auto* moreMenu = new QMenu(more);
    moreMenu->addAction(m_importAction);
    moreMenu->addAction(m_exportAction);
    moreMenu->addSeparator();
    moreMenu->addAction(m_policyAction);
    moreMenu->addAction(m_mfaPolicyAction);
    more->setMenu(moreMenu);
    m_toolBar->addSeparator();
    m_toolBar->addWidget(more);
    // Shortcuts of toolbar actions work while focus is anywhere on the page.
    addAction(m_addAction);

    connect(m_addAction, &QAction::triggered, this, &UsersPage::addUser);
    connect(m_importAction, &QAction::triggered, this, &UsersPage::importUsers);
    connect(m_exportAction, &QAction::triggered, this, &UsersPage::exportUsers);
    connect(m_policyAction, &QAction::triggered, this, [this] {
        auto* dialog = new PasswordPolicyDialog(m_controller, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    connect(m_mfaPolicyAction, &QAction::triggered, this, [this] {
        auto* dialog = new MfaPolicyDialog(m_controller, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &MfaPolicyDialog::saved, this, &UsersPage::loadMfaStatuses);
        dialog->open();
    });
    connect(m_editAction, &QAction::triggered, this, &UsersPage::editCurrent);
    connect(m_enableAction, &QAction::triggered, this, [this] { setSelectionDisabled(false); });
    connect(m_disableAction, &QAction::triggered, this, [this] { setSelectionDisabled(true); });
    connect(m_unlockAction, &QAction::triggered, this, &UsersPage::unlockSelection);
    connect(m_deleteAction, &QAction::triggered, this, &UsersPage::deleteSelection);
    connect(m_removeRoleMenu, &QMenu::aboutToShow, this, &UsersPage::prepareRemoveRoleMenu);
}

void UsersPage::setRoleChoices(const QStringList& roles, const QStringList& descriptions)
{
    m_addRoleMenu->clear();
    m_removeRoleMenu->clear();
    for (qsizetype i = 0; i < roles.size(); ++i) {
        const QString& role = roles.at(i);
        QAction* add = m_addRoleMenu->addAction(role, this, [this, role] { assignRole(role); });
        add->setObjectName(QStringLiteral("addRoleAction_%1").arg(role));
        add->setToolTip(descriptions.value(i));
        QAction* remove = m_removeRoleMenu->addAction(role, this, [this, role] { unassignRole(role); });
        remove->setObjectName(QStringLiteral("removeRoleAction_%1").arg(role));
        remove->setToolTip(descriptions.value(i));
    }
    m_addRoleMenu->menuAction()->setEnabled(!roles.isEmpty());
}

void UsersPage::prepareRemoveRoleMenu()
{
    // Only roles that some selected user holds can be removed.
    QSet<QString> held;
    for (int row : selectedSourceRows()) {
        for (const QString& role : m_model->user(row).roles.split(QStringLiteral(", "), Qt::SkipEmptyParts)) {
            held.insert(role);
        }
    }
    for (QAction* action : m_removeRoleMenu->actions()) {
        action->setEnabled(held.contains(action->text()));
    }
}

void UsersPage::clear()
{
    m_loading = false;
    m_loadedOnce = false;
    m_busy = false;
    m_model->clear();
    m_filterEdit->clear();
    m_statusCombo->setCurrentIndex(0);
    setRoleChoices({}, {});
    hideError();
    updateCount();
}

void UsersPage::importUsers()
{
    const QString path = FileDialogs::getOpenFileName(this, tr("Import Users"), QString(),
                                                      tr("Users files (*.csv *.json);;All files (*)"));
    if (path.isEmpty()) {
        return;
    }
    auto* dialog = new UserImportDialog(m_controller, path, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void UsersPage::exportUsers()
{
    const QString path = FileDialogs::getSaveFileName(this, tr("Export Users"), QStringLiteral("users.json"),
                                                      tr("JSON (*.json);;CSV (*.csv)"));
    if (path.isEmpty()) {
        return;
    }
    const bool csv = path.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive);
    const QString name = QFileInfo(path).fileName();
    m_controller.runDirectory(
        this,
        [path, csv, name](Directory& d) -> Result<int> {
            TESSERA_TRY_ASSIGN(records, d.exportUsers(false, name));
            const QByteArray bytes =
                csv ? UserFileWriter::usersCsv(records) : UserFileWriter::json(records, d.roles());
            TESSERA_TRY(FileSystem::writePrivately(path, bytes));
            return int(records.size());
        },
        [this, name](Result<int> exported) {
            if (!exported) {
                showError(ErrorText::forUser(exported.error()));
                return;
            }
            m_controller.notifyVaultChanged(); // the export is in the audit trail
            m_countLabel->setToolTip(tr("Exported %1 user(s) to %2").arg(*exported).arg(name));
            Q_EMIT exportedUsers(*exported);
        });
}

void UsersPage::refresh()
{
    m_model->setClock(&m_controller.clock());
    if (!m_loadedOnce && m_model->rowCount() == 0) {
        // The first screen from the username index while every row loads behind it: with 100,000 users
        // the full read takes a few hundred milliseconds, the first screen a few.
        // Straight from the store: neither load waits for the access model.
        m_controller.run(
            this,
            [](Vault& vault) -> Result<UsersTableModel::Rows> {
                TESSERA_TRY_ASSIGN(users, IdentityStore(vault.database()).loadFirstSummaries(kFirstScreenRows));
                return UsersTableModel::prepare(std::move(users));
            },
            [this](Result<UsersTableModel::Rows> rows) {
                if (rows && !m_loadedOnce && m_model->rowCount() == 0) {
                    m_model->setRows(std::move(*rows));
                    updateCount();
                    Q_EMIT firstScreenShown();
                }
            });
    }
    const bool started = m_controller.run(
        this,
        [](Vault& vault) -> Result<Loaded> {
            const IdentityStore store(vault.database());
            TESSERA_TRY_ASSIGN(users, store.loadSummaries());
            TESSERA_TRY_ASSIGN(graph, store.loadRoles());
            Loaded loaded;
            loaded.rows = UsersTableModel::prepare(std::move(users)); // off the UI thread
            for (const RoleDefinition& role : graph.definitions()) {
                loaded.roles.append(role.name);
                loaded.roleDescriptions.append(role.description);
            }
            return loaded;
        },
        [this](Result<Loaded> loaded) {
            m_loading = false;
            if (!loaded) {
                showError(ErrorText::forUser(loaded.error()));
                updateCount();
                return;
            }
            // Keep the selection across a reload by id (which survives renames).
            QList<qint64> selectedIds;
            for (int row : selectedSourceRows()) {
                selectedIds.append(m_model->user(row).id);
            }
            qint64 currentId = -1;
            if (const QModelIndex current = m_table->currentIndex(); current.isValid()) {
                currentId = m_model->user(m_proxy->mapToSource(current).row()).id;
            }
            m_model->setRows(std::move(loaded->rows));
            setRoleChoices(loaded->roles, loaded->roleDescriptions);
#ifdef __GLIBC__
            // A load of 100,000 rows frees tens of megabytes of temporaries on two threads; hand them
            // back to the system instead of keeping them in glibc's arenas for the whole session.
            ::malloc_trim(0);
#endif
            m_loadedOnce = true;
            if (!selectedIds.isEmpty()) {
                QItemSelection selection;
                for (qint64 id : std::as_const(selectedIds)) {
                    const QModelIndex index = m_proxy->mapFromSource(m_model->index(m_model->rowOfId(id), 0));
                    if (index.isValid()) {
                        selection.select(index, index);
                    }
                }
                m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect |
                                                                 QItemSelectionModel::Rows);
            }
            if (currentId >= 0) {
                const QModelIndex index =
                    m_proxy->mapFromSource(m_model->index(m_model->rowOfId(currentId), 0));
                m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
            }
            hideError();
            updateCount();
            Q_EMIT refreshed();
            loadMfaStatuses();
        });
    m_loading = started;
    updateCount();
}

void UsersPage::loadMfaStatuses()
{
    // A directory job (it needs the access model for "required"), so it comes after the rows, which
    // are read straight from the store; until it answers the column is blank.
    m_controller.runDirectory(
        this, [](Directory& d) { return d.mfa().statuses(); },
        [this](Result<QHash<qint64, MfaStatus>> statuses) {
            if (!statuses) {
                showError(tr("Could not read the MFA states: %1").arg(ErrorText::forUser(statuses.error())));
                return;
            }
            m_model->setMfaStatuses(std::move(*statuses));
            updateCount();
            Q_EMIT mfaStatusesLoaded();
        });
}

QList<int> UsersPage::selectedSourceRows() const
{
    QList<int> rows;
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    rows.reserve(selected.size());
    for (const QModelIndex& index : selected) {
        rows.append(m_proxy->mapToSource(index).row());
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

QStringList UsersPage::selectedUsernames() const
{
    // In the order the table shows them, which is what a confirmation should list.
    QModelIndexList selected = m_table->selectionModel()->selectedRows();
    std::sort(selected.begin(), selected.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QStringList names;
    names.reserve(selected.size());
    for (const QModelIndex& index : std::as_const(selected)) {
        names.append(index.data(UsersTableModel::UsernameRole).toString());
    }
    return names;
}

void UsersPage::updateCount()
{
    const int shown = m_proxy->rowCount();
    const int total = m_model->rowCount();
    if (m_loading && !m_loadedOnce) {
        m_countLabel->setText(tr("Loading users…"));
    } else {
        m_countLabel->setText(
            total == 1 && shown == 1
                ? tr("1 of 1 user")
                : tr("%1 of %2 users").arg(QLocale().toString(shown), QLocale().toString(total)));
    }
    const bool empty = shown == 0 && m_loadedOnce;
    m_viewStack->setCurrentWidget(empty ? m_emptyState : static_cast<QWidget*>(m_table));
    if (empty) {
        const bool none = total == 0;
        m_emptyIcon->setPixmap(Icons::pixmap(none ? QStringLiteral("users") : QStringLiteral("search"), 48));
        m_emptyTitle->setText(none ? tr("No users yet") : tr("No users match the filter"));
        m_emptyHint->setText(none ? tr("Add the first account to this vault, or import users from a file.")
                                  : tr("Try fewer or shorter words, or another status."));
        m_emptyButton->setText(none ? tr("Add User…") : tr("Clear Filter"));
        m_emptyButton->setIcon(none ? Icons::get(QStringLiteral("add-user")) : QIcon());
    }
    updateActions();
}

void UsersPage::updateActions()
{
    const bool ready = m_controller.isUnlocked() && m_loadedOnce && !m_busy;
    const QList<int> rows = selectedSourceRows();
    const qint64 now = m_model->nowMs();
    bool anyDisabled = false;
    bool anyEnabled = false;
    bool anyLocked = false;
    for (int row : rows) {
        const UserSummary& user = m_model->user(row);
        anyDisabled = anyDisabled || user.disabled;
        anyEnabled = anyEnabled || !user.disabled;
        anyLocked = anyLocked || user.lockedUntilMs > now;
        if (anyDisabled && anyEnabled && anyLocked) {
            break;
        }
    }
    m_addAction->setEnabled(ready);
    m_editAction->setEnabled(ready && rows.size() == 1);
    m_enableAction->setEnabled(ready && anyDisabled);
    m_disableAction->setEnabled(ready && anyEnabled);
    m_unlockAction->setEnabled(ready && anyLocked);
    m_deleteAction->setEnabled(ready && !rows.isEmpty());
    m_addRoleButton->setEnabled(ready && !rows.isEmpty() && !m_addRoleMenu->isEmpty());
    m_removeRoleButton->setEnabled(ready && !rows.isEmpty() && !m_removeRoleMenu->isEmpty());
    m_filterEdit->setEnabled(m_controller.isUnlocked());
    m_statusCombo->setEnabled(m_controller.isUnlocked());
}

void UsersPage::showError(const QString& text)
{
    m_errorLabel->setText(text);
    m_errorLabel->show();
}

void UsersPage::hideError()
{
    m_errorLabel->clear();
    m_errorLabel->hide();
}

void UsersPage::notifyOwnChange()
{
    // The table already shows the change; other pages (the audit trail) reload.
    m_ownChange = true;
    m_controller.notifyIdentityChanged();
    m_ownChange = false;
}

template <typename Work> void UsersPage::runOnSelection(const QStringList& names, Work work, bool rolesChange)
{
    if (names.isEmpty() || m_busy) {
        return;
    }
    m_busy = true;
    hideError();
    updateActions();
    const bool started = m_controller.runDirectory(
        this,
        [names, work](Directory& d) -> Result<QList<UserSummary>> {
            TESSERA_TRY(work(d, names));
            return summariesOf(d, names);
        },
        [this, rolesChange](Result<QList<UserSummary>> summaries) {
            m_busy = false;
            if (!summaries) {
                showError(ErrorText::forUser(summaries.error()));
                updateActions();
                return;
            }
            m_model->updateRows(*summaries);
            notifyOwnChange();
            updateActions();
            if (rolesChange) {
                loadMfaStatuses();
            }
        });
    if (!started) {
        m_busy = false;
        updateActions();
    }
}

void UsersPage::setSelectionDisabled(bool disabled)
{
    // Only the users whose state changes, so the audit trail records real changes.
    QStringList names;
    for (int row : selectedSourceRows()) {
        if (m_model->user(row).disabled != disabled) {
            names.append(m_model->user(row).username);
        }
    }
    runOnSelection(
        names, [disabled](Directory& d, const QStringList& users) { return d.setDisabled(users, disabled); });
}

void UsersPage::assignRole(const QString& role)
{
    runOnSelection(
        selectedUsernames(), [role](Directory& d, const QStringList& users) { return d.assignRole(users, role); },
        true);
}

void UsersPage::unassignRole(const QString& role)
{
    runOnSelection(
        selectedUsernames(), [role](Directory& d, const QStringList& users) { return d.unassignRole(users, role); },
        true);
}

void UsersPage::unlockSelection()
{
    QStringList names;
    const qint64 now = m_model->nowMs();
    for (int row : selectedSourceRows()) {
        if (m_model->user(row).lockedUntilMs > now) {
            names.append(m_model->user(row).username);
        }
    }
    // Directory unlocks one user per call; one transaction around them keeps the action all-or-nothing.
    runOnSelection(names, [](Directory& d, const QStringList& users) -> Status {
        TESSERA_TRY_ASSIGN(tx, Transaction::begin(d.vault().database()));
        for (const QString& user : users) {
            TESSERA_TRY(d.unlockUser(user));
        }
        return tx.commit();
    });
}

void UsersPage::deleteSelection()
{
    const QStringList names = selectedUsernames();
    if (names.isEmpty() || m_busy || !m_deleteAction->isEnabled()) {
        return;
    }
    const QString question =
        names.size() == 1 ? tr("Delete the user %1?").arg(names.first())
                          : tr("Delete %1 users: %2?").arg(QLocale().toString(names.size()), nameList(names));
    const auto answer = MessageBoxes::question(
        this, names.size() == 1 ? tr("Delete User") : tr("Delete Users"),
        question + QStringLiteral("\n\n") +
            tr("Their roles, grants and password history are deleted with them. This cannot be undone; "
               "the audit trail keeps a record."),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes) {
        return;
    }
    m_busy = true;
    hideError();
    updateActions();
    const bool started = m_controller.runDirectory(
        this, [names](Directory& d) { return d.deleteUsers(names); },
        [this, names](Status deleted) {
            m_busy = false;
            if (!deleted) {
                showError(ErrorText::forUser(deleted.error()));
                updateActions();
                return;
            }
            m_model->removeUsers(names);
            notifyOwnChange();
            updateActions();
        });
    if (!started) {
        m_busy = false;
        updateActions();
    }
}

void UsersPage::addUser()
{
    if (!m_controller.isUnlocked()) {
        return;
    }
    openEditor(new UserEditorDialog(m_controller, this));
}

void UsersPage::editUser(const QString& username)
{
    if (!m_controller.isUnlocked() || username.isEmpty()) {
        return;
    }
    openEditor(new UserEditorDialog(m_controller, username, this));
}

void UsersPage::editCurrent()
{
    const QStringList names = selectedUsernames();
    if (names.size() == 1) {
        editUser(names.first());
    } else if (const QModelIndex current = m_table->currentIndex(); names.isEmpty() && current.isValid()) {
        editUser(current.data(UsersTableModel::UsernameRole).toString());
    }
}

void UsersPage::openEditor(UserEditorDialog* editor)
{
    editor->setAttribute(Qt::WA_DeleteOnClose);
    if (m_generate) {
        editor->setGenerateHandler(m_generate);
    }
    // Live "already exists" from the table; core decides again when the editor saves.
    editor->setUsernameLookup([this](const QString& username) {
        const int row = m_model->rowOfUsername(username);
        return row >= 0 ? m_model->user(row).username : QString();
    });
    connect(editor, &UserEditorDialog::userSaved, this, &UsersPage::applySaved);
    connect(editor, &UserEditorDialog::mfaChanged, this,
            [this](qint64 userId, const MfaStatus& status) { m_model->setMfaStatus(userId, status); });
    editor->open();
    Q_EMIT editorOpened(editor);
}

void UsersPage::applySaved(const QString& previousUsername, const UserSummary& user)
{
    Q_UNUSED(previousUsername);
    m_model->updateRow(user); // by id: a rename updates the row in place, a new user is appended
    notifyOwnChange();
    selectUsername(user.username);
    loadMfaStatuses(); // roles decide who the MFA policy requires
}

void UsersPage::selectUsername(const QString& username)
{
    const int row = m_model->rowOfUsername(username);
    if (row < 0) {
        return;
    }
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid()) {
        return; // filtered out
    }
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

bool UsersPage::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            key->modifiers() == Qt::NoModifier) {
            editCurrent();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace tessera::ui
