#pragma once

#include <QMainWindow>

class QAction;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace tessera::ui {

class AuditPage;
class KeysPage;
class RolesPage;
class StartPage;
class TokensPage;
class UsersPage;
class VaultController;
class VaultPage;

// The application window: the start page while locked, the workspace (sidebar + pages) while a
// vault is unlocked. Wiring only; pages and dialogs do the work through the VaultController.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(VaultController& controller, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens the unlock dialog for an existing file, or the create dialog preset to a new one.
    void openVaultAtStart(const QString& path);

    void showCreateDialog(const QString& path = {});
    void showOpenDialog();
    void showUnlockDialog(const QString& path);
    void showPreferences();
    void showAccessCheck();
    void showTestSignIn();
    void showPkceTool();

protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createStatusBar();
    QWidget* createWorkspace();
    void createPages();
    void onUnlocked();
    void onLocked();
    void updateActions();
    void updateSessionStatus(qint64 msUntilLock);
    void showAbout();
    bool lockBeforeSwitching();

    VaultController& m_controller;
    QStackedWidget* m_stack;
    StartPage* m_startPage;
    QWidget* m_workspace;
    QListWidget* m_navigation;
    QStackedWidget* m_pages;
    UsersPage* m_usersPage = nullptr; // the pages exist from the first unlock on
    VaultPage* m_vaultPage = nullptr;
    AuditPage* m_auditPage = nullptr;
    RolesPage* m_rolesPage = nullptr;
    TokensPage* m_tokensPage = nullptr;
    KeysPage* m_keysPage = nullptr;
    QLabel* m_vaultStatus;
    QLabel* m_sessionStatus;

    QAction* m_newAction = nullptr;
    QAction* m_openAction = nullptr;
    QAction* m_lockAction = nullptr;
    QAction* m_changePasswordAction = nullptr;
    QAction* m_backupAction = nullptr;
    QAction* m_checkAccessAction = nullptr;
    QAction* m_testSignInAction = nullptr;
    QAction* m_pkceAction = nullptr;
    QAction* m_preferencesAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_aboutAction = nullptr;
};

} // namespace tessera::ui
