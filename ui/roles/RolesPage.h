#pragma once

#include "access/Permission.h"

#include <QHash>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QListView;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QStringListModel;
class QTableView;
class QToolBar;

namespace tessera::ui {

class PermissionFilterProxyModel;
class PermissionMatrixModel;
class RoleListModel;
class VaultController;

// Roles and permissions: the role list with its includes on the left, the roles x permissions matrix
// on the right, and who holds the selected permission below it. Role and catalog edits (add, rename,
// delete) save at once, after a confirmation where something is lost; grants and includes are
// collected as pending changes and saved only through the review dialog, which shows who gains and
// who loses what.
class RolesPage : public QWidget
{
    Q_OBJECT

public:
    RolesPage(VaultController& controller, QWidget* parent = nullptr);

    // Reloads the saved roles: coalesced into one job per event-loop turn, and put off until the page is
    // shown when it is hidden (so unlocking and edits elsewhere cost nothing until the page is opened).
    void refresh();
    void clear();
    // Tools shown in the page's own tool bar (the main window's Check Access and Test Sign-in).
    void addToolActions(const QList<QAction*>& actions);

    void addRole();
    void renameRole();
    void deleteRole();
    void addPermission();
    void renamePermission();
    void removePermission();
    void reviewChanges();
    void discardChanges();

    QString currentRole() const;
    void selectRole(const QString& role);
    Permission currentPermission() const;
    void selectPermission(const Permission& permission);

    PermissionMatrixModel* matrixModel() const { return m_matrix; }
    RoleListModel* roleModel() const { return m_roleModel; }
    QTableView* matrixView() const { return m_table; }

Q_SIGNALS:
    void reloaded(); // the saved roles were read again (tests wait on it)

protected:
    void showEvent(QShowEvent* event) override;

private:
    void reload();
    QWidget* createRolePanel();
    QWidget* createMatrixPanel();
    QWidget* createWhoHasPanel();
    void rebuildIncludes();
    void includeToggled(QListWidgetItem* item);
    void updatePendingState();
    void updateButtons();
    void updateWhoHas();
    void showStatus(const QString& text, bool error);

    VaultController& m_controller;
    PermissionMatrixModel* m_matrix;
    PermissionFilterProxyModel* m_proxy;
    RoleListModel* m_roleModel;

    QToolBar* m_toolBar;
    QListView* m_roleList;
    QPushButton* m_addRoleButton;
    QPushButton* m_renameRoleButton;
    QPushButton* m_deleteRoleButton;
    QLabel* m_includesHint;
    QListWidget* m_includesList;
    QLabel* m_includesError;

    QLineEdit* m_filterEdit;
    QPushButton* m_addPermissionButton;
    QPushButton* m_renamePermissionButton;
    QPushButton* m_removePermissionButton;
    QLabel* m_statusLabel;
    QWidget* m_pendingBar;
    QLabel* m_pendingLabel;
    QPushButton* m_discardButton;
    QPushButton* m_reviewButton;
    QAction* m_reviewAction;
    QTableView* m_table;
    QLabel* m_legendLabel;

    QLabel* m_whoTitle;
    QLabel* m_whoUsersCount;
    QLabel* m_whoRolesCount;
    QLabel* m_whoHint;
    QListView* m_whoUsers;
    QListView* m_whoRoles;
    QStringListModel* m_whoUsersModel;
    QStringListModel* m_whoRolesModel;
    Permission m_whoPermission;

    QString m_selectAfterReload;
    Permission m_selectPermissionAfterReload;
    bool m_reviewing = false;
    bool m_stale = false; // a reload was asked for while hidden
    bool m_reloadScheduled = false;
};

} // namespace tessera::ui
