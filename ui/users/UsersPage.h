#pragma once

#include "users/UserEditorDialog.h"

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QPushButton;
class QStackedWidget;
class QTableView;
class QToolBar;
class QToolButton;

namespace tessera::ui {

class UsersFilterProxyModel;
class UsersTableModel;
class VaultController;

// The users of the unlocked vault: a filterable, sortable table with bulk actions on the selection
// (enable, disable, add or remove a role, unlock, delete) and the editor for one user.
//
// Each bulk action is one Directory call, all-or-nothing, after which only the affected rows are
// updated; a change made elsewhere (identityChanged from another page) reloads the whole table.
class UsersPage : public QWidget
{
    Q_OBJECT

public:
    UsersPage(VaultController& controller, QWidget* parent = nullptr);
    ~UsersPage() override;

    void refresh();
    void clear();

    void addUser();
    void editUser(const QString& username);
    void editCurrent();
    void setSelectionDisabled(bool disabled);
    void assignRole(const QString& role);
    void unassignRole(const QString& role);
    void unlockSelection();
    void deleteSelection(); // asks first
    void importUsers();     // file dialog, then the previewing import dialog
    void exportUsers();     // file dialog; JSON or CSV by the extension, no hashes
    void loadMfaStatuses(); // the MFA column, in its own job after the rows

    QStringList selectedUsernames() const;
    // Passed to every editor the page opens (see UserEditorDialog::setGenerateHandler).
    void setGenerateHandler(UserEditorDialog::GenerateHandler handler) { m_generate = std::move(handler); }

    UsersTableModel* model() const { return m_model; }
    UsersFilterProxyModel* proxy() const { return m_proxy; }
    QTableView* view() const { return m_table; }
    bool isLoading() const { return m_loading; }

Q_SIGNALS:
    void refreshed(); // a load finished and the table shows it
    void mfaStatusesLoaded();
    void firstScreenShown();
    void exportedUsers(int count); // the first screenful is in the table while the rest still loads
    void editorOpened(tessera::ui::UserEditorDialog* editor);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildToolBar();
    void setRoleChoices(const QStringList& roles, const QStringList& descriptions);
    void prepareRemoveRoleMenu();
    void updateCount();
    void updateActions();
    void showError(const QString& text);
    void hideError();
    void openEditor(UserEditorDialog* editor);
    void applySaved(const QString& previousUsername, const UserSummary& user);
    void selectUsername(const QString& username);
    void notifyOwnChange();
    QList<int> selectedSourceRows() const;
    // Runs `work(Directory&, names)` (returning Status) on the selection, then reloads those rows (and
    // the MFA column when `rolesChange`: roles decide whom the MFA policy requires).
    template <typename Work>
    void runOnSelection(const QStringList& names, Work work, bool rolesChange = false);

    VaultController& m_controller;
    UsersTableModel* m_model;
    UsersFilterProxyModel* m_proxy;
    UserEditorDialog::GenerateHandler m_generate;
    bool m_loading = false;
    bool m_loadedOnce = false;
    bool m_ownChange = false;
    bool m_busy = false;

    QToolBar* m_toolBar = nullptr;
    QAction* m_addAction = nullptr;
    QAction* m_editAction = nullptr;
    QAction* m_enableAction = nullptr;
    QAction* m_disableAction = nullptr;
    QToolButton* m_addRoleButton = nullptr;
    QToolButton* m_removeRoleButton = nullptr;
    QMenu* m_addRoleMenu = nullptr;
    QMenu* m_removeRoleMenu = nullptr;
    QAction* m_unlockAction = nullptr;
    QAction* m_deleteAction = nullptr;
    QAction* m_policyAction = nullptr;
    QAction* m_mfaPolicyAction = nullptr;
    QAction* m_importAction = nullptr;
    QAction* m_exportAction = nullptr;
    QLineEdit* m_filterEdit = nullptr;
    QComboBox* m_statusCombo = nullptr;
    QLabel* m_countLabel = nullptr;
    QLabel* m_errorLabel = nullptr;
    QStackedWidget* m_viewStack = nullptr;
    QTableView* m_table = nullptr;
    QWidget* m_emptyState = nullptr;
    QLabel* m_emptyIcon = nullptr;
    QLabel* m_emptyTitle = nullptr;
    QLabel* m_emptyHint = nullptr;
    QPushButton* m_emptyButton = nullptr;
};

} // namespace tessera::ui
