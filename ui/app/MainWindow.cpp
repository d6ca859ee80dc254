#include "app/MainWindow.h"

#include "access/AccessCheckDialog.h"
#include "access/TestSignInDialog.h"
#include "app/VaultController.h"
#include "audit/AuditPage.h"
#include "common/FileDialogs.h"
#include "common/Icons.h"
#include "common/MessageBoxes.h"
#include "common/TimeText.h"
#include "keys/KeysPage.h"
#include "platform/AppPaths.h"
#include "roles/RolesPage.h"
#include "settings/Preferences.h"
#include "settings/PreferencesDialog.h"
#include "start/CreateVaultDialog.h"
#include "start/StartPage.h"
#include "start/UnlockDialog.h"
#include "tokens/PkceDialog.h"
#include "tokens/TokenSignerPage.h"
#include "tokens/TokensPage.h"
#include "users/UsersPage.h"
#include "vault/VaultPage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

namespace tessera::ui {

MainWindow::MainWindow(VaultController& controller, QWidget* parent)
    : QMainWindow(parent), m_controller(controller), m_stack(new QStackedWidget(this)),
      m_startPage(new StartPage(this)), m_navigation(new QListWidget(this)),
      m_pages(new QStackedWidget(this)), m_vaultStatus(new QLabel(this)),
      m_sessionStatus(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(Icons::application());
    m_stack->setObjectName(QStringLiteral("mainStackedWidget"));
    m_workspace = createWorkspace();
    m_stack->addWidget(m_startPage);
    m_stack->addWidget(m_workspace);
    setCentralWidget(m_stack);
    createActions();
    createMenus();
    createStatusBar();

    connect(m_startPage, &StartPage::createRequested, this, [this] { showCreateDialog(); });
    connect(m_startPage, &StartPage::openRequested, this, &MainWindow::showOpenDialog);
    connect(m_startPage, &StartPage::unlockRequested, this, &MainWindow::showUnlockDialog);
    connect(&m_controller, &VaultController::unlocked, this, &MainWindow::onUnlocked);
    connect(&m_controller, &VaultController::locked, this, &MainWindow::onLocked);
    connect(&m_controller, &VaultController::sessionTick, this, &MainWindow::updateSessionStatus);
    connect(&m_controller, &VaultController::busyChanged, this, &MainWindow::updateActions);

    resize(1100, 720);
    restoreGeometry(Preferences().windowGeometry());
    onLocked();
}

MainWindow::~MainWindow() = default;

QWidget* MainWindow::createWorkspace()
{
    m_navigation->setObjectName(QStringLiteral("navigationListWidget"));
    m_pages->setObjectName(QStringLiteral("pageStackedWidget"));
    m_navigation->setIconSize(QSize(20, 20));
    m_navigation->setSpacing(2);
    m_navigation->setFixedWidth(190);
    m_navigation->setFrameShape(QFrame::NoFrame);
    // A sidebar, not a content list: it takes the window colour rather than the base colour.
    m_navigation->viewport()->setBackgroundRole(QPalette::Window);
    m_navigation->setStyleSheet(
        QStringLiteral("QListWidget { padding: 8px 6px; } QListWidget::item { padding: 7px 6px; }"));
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    auto* separator = new QFrame(this);
    separator->setFrameShape(QFrame::VLine);
    separator->setFrameShadow(QFrame::Plain);
    separator->setForegroundRole(QPalette::Mid); // a quiet line on light and dark palettes
    auto* workspace = new QWidget(this);
    workspace->setObjectName(QStringLiteral("workspaceWidget"));
    auto* layout = new QHBoxLayout(workspace);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_navigation);
    layout->addWidget(separator);
    layout->addWidget(m_pages, 1);
    return workspace;
}

void MainWindow::createActions()
{
    auto make = [this](const QString& icon, const QString& text, const QString& name,
                       const QKeySequence& key) {
        auto* action = new QAction(icon.isEmpty() ? QIcon() : Icons::get(icon), text, this);
        action->setObjectName(name);
        action->setShortcut(key);
        return action;
    };
    m_newAction =
        make(QStringLiteral("add"), tr("&New Vault…"), QStringLiteral("newVaultAction"), QKeySequence::New);
    m_openAction = make(QStringLiteral("unlock"), tr("&Open Vault…"), QStringLiteral("openVaultAction"),
                        QKeySequence::Open);
    m_lockAction =
        make(QStringLiteral("lock"), tr("&Lock"), QStringLiteral("lockAction"), QKeySequence(tr("Ctrl+L")));
    m_changePasswordAction = make(QStringLiteral("key"), tr("&Change Master Password…"),
                                  QStringLiteral("changePasswordAction"), QKeySequence(tr("Ctrl+Shift+P")));
    m_backupAction = make(QStringLiteral("backup"), tr("&Back Up Vault…"), QStringLiteral("backupAction"),
                          QKeySequence(tr("Ctrl+Shift+B")));
    m_checkAccessAction = make(QStringLiteral("shield"), tr("Check &Access…"),
                               QStringLiteral("checkAccessAction"), QKeySequence(tr("Ctrl+Shift+A")));
    m_testSignInAction = make(QStringLiteral("unlock"), tr("&Test Sign-in…"),
                              QStringLiteral("testSignInAction"), QKeySequence(tr("Ctrl+Shift+T")));
    m_checkAccessAction->setToolTip(tr("Ask whether a user may do something, and why (Ctrl+Shift+A)"));
    m_testSignInAction->setToolTip(tr("Try a user's password as a real, audited sign-in (Ctrl+Shift+T)"));
    m_pkceAction = make(QStringLiteral("shield"), tr("&PKCE Values…"), QStringLiteral("pkceAction"), {});
    m_pkceAction->setToolTip(tr("Make a PKCE code verifier, its S256 challenge and a state value"));
    m_preferencesAction = make(QStringLiteral("settings"), tr("&Preferences…"),
                               QStringLiteral("preferencesAction"), QKeySequence(tr("Ctrl+,")));
    m_quitAction = make(QString(), tr("&Quit"), QStringLiteral("quitAction"), QKeySequence::Quit);
    m_aboutAction = make(QStringLiteral("info"), tr("&About Tessera"), QStringLiteral("aboutAction"), {});
    m_lockAction->setToolTip(tr("Lock the vault and wipe its keys from memory (Ctrl+L)"));
    m_preferencesAction->setMenuRole(QAction::PreferencesRole);
    m_quitAction->setMenuRole(QAction::QuitRole);

    connect(m_newAction, &QAction::triggered, this, [this] { showCreateDialog(); });
    connect(m_openAction, &QAction::triggered, this, &MainWindow::showOpenDialog);
    connect(m_lockAction, &QAction::triggered, this,
            [this] { m_controller.lock(VaultController::LockReason::User); });
    // Both actions are enabled only while unlocked, when the pages exist.
    connect(m_changePasswordAction, &QAction::triggered, this, [this] {
        if (m_vaultPage != nullptr) {
            m_vaultPage->changeMasterPassword();
        }
    });
    connect(m_backupAction, &QAction::triggered, this, [this] {
        if (m_vaultPage != nullptr) {
            m_vaultPage->backUp();
        }
    });
    connect(m_checkAccessAction, &QAction::triggered, this, &MainWindow::showAccessCheck);
    connect(m_testSignInAction, &QAction::triggered, this, &MainWindow::showTestSignIn);
    connect(m_pkceAction, &QAction::triggered, this, &MainWindow::showPkceTool);
    connect(m_preferencesAction, &QAction::triggered, this, &MainWindow::showPreferences);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenus()
{
    QMenu* vault = menuBar()->addMenu(tr("&Vault"));
    vault->addActions({m_newAction, m_openAction});
    vault->addSeparator();
    vault->addActions({m_lockAction, m_changePasswordAction, m_backupAction});
    vault->addSeparator();
    vault->addAction(m_quitAction);
    QMenu* tools = menuBar()->addMenu(tr("&Tools"));
    tools->addActions({m_checkAccessAction, m_testSignInAction});
    tools->addAction(m_pkceAction);
    tools->addSeparator();
    tools->addAction(m_preferencesAction);
    menuBar()->addMenu(tr("&Help"))->addAction(m_aboutAction);

    QToolBar* toolBar = addToolBar(tr("Main Toolbar"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setMovable(false);
    toolBar->setIconSize(QSize(20, 20));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addActions({m_newAction, m_openAction, m_lockAction});
    toolBar->addSeparator();
    toolBar->addActions({m_backupAction, m_preferencesAction});
}

void MainWindow::createStatusBar()
{
    m_vaultStatus->setObjectName(QStringLiteral("vaultStatusLabel"));
    m_sessionStatus->setObjectName(QStringLiteral("autoLockStatusLabel"));
    m_vaultStatus->setContentsMargins(6, 0, 6, 0);
    m_sessionStatus->setContentsMargins(6, 0, 6, 0);
    statusBar()->addWidget(m_vaultStatus, 1);
    statusBar()->addPermanentWidget(m_sessionStatus);
}

void MainWindow::openVaultAtStart(const QString& path)
{
    if (QFileInfo::exists(path)) {
        m_startPage->selectPath(path);
        showUnlockDialog(path);
    } else {
        showCreateDialog(path);
    }
}

bool MainWindow::lockBeforeSwitching()
{
    if (m_controller.isUnlocked()) {
        m_controller.lock(VaultController::LockReason::Replaced);
    }
    return !m_controller.isUnlocked() && !m_controller.isBusy();
}

void MainWindow::showCreateDialog(const QString& path)
{
    if (!lockBeforeSwitching()) {
        return;
    }
    auto* dialog = new CreateVaultDialog(m_controller, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!path.isEmpty()) {
        dialog->setLocation(path);
    }
    dialog->open();
}

void MainWindow::showOpenDialog()
{
    if (!lockBeforeSwitching()) {
        return;
    }
    const QString folder =
        QFileInfo(Preferences().recentVaults().value(0, AppPaths::defaultVaultPath())).absolutePath();
    const QString path =
        FileDialogs::getOpenFileName(this, tr("Open Vault"), folder, FileDialogs::vaultFilter());
    if (!path.isEmpty()) {
        showUnlockDialog(path);
    }
}

void MainWindow::showUnlockDialog(const QString& path)
{
    if (!lockBeforeSwitching()) {
        return;
    }
    if (!QFileInfo(path).isFile()) {
        MessageBoxes::warning(this, tr("Open Vault"),
                              tr("The vault %1 does not exist.").arg(QDir::toNativeSeparators(path)));
        return;
    }
    auto* dialog = new UnlockDialog(m_controller, path, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showPreferences()
{
    auto* dialog = new PreferencesDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showAccessCheck()
{
    if (!m_controller.isUnlocked()) {
        return;
    }
    auto* dialog = new AccessCheckDialog(m_controller, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showTestSignIn()
{
    if (!m_controller.isUnlocked()) {
        return;
    }
    auto* dialog = new TestSignInDialog(m_controller, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showPkceTool()
{
    auto* dialog = new PkceDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showAbout()
{
    MessageBoxes::information(
        this, tr("About Tessera"),
        tr("Tessera %1\n\nAn offline identity manager: users, roles, MFA, keys and tokens in "
           "one encrypted vault.")
            .arg(QApplication::applicationVersion()));
}

void MainWindow::createPages()
{
    if (m_vaultPage != nullptr) {
        return;
    }
    // Built on first unlock rather than at start-up: the start page shows alone, and the pages' widgets
    // (a clear button alone loads Qt's image plug-ins) would cost start-up time for nothing.
    m_usersPage = new UsersPage(m_controller, m_pages);
    m_vaultPage = new VaultPage(m_controller, m_pages);
    m_auditPage = new AuditPage(m_controller, m_pages);
    m_rolesPage = new RolesPage(m_controller, m_pages);
    m_rolesPage->addToolActions({m_checkAccessAction, m_testSignInAction});
    m_tokensPage = new TokensPage(m_controller, m_pages);
    m_keysPage = new KeysPage(m_controller, m_pages);
    auto addSection = [this](const QString& icon, const QString& text, QWidget* page) {
        auto* item = new QListWidgetItem(Icons::get(icon), text, m_navigation);
        item->setSizeHint(QSize(0, 38));
        m_pages->addWidget(page);
    };
    // The admin's daily work first; the vault's own settings and its trail after.
    addSection(QStringLiteral("users"), tr("Users"), m_usersPage);
    addSection(QStringLiteral("roles"), tr("Roles"), m_rolesPage);
    addSection(QStringLiteral("audit"), tr("Audit"), m_auditPage);
    addSection(QStringLiteral("vault"), tr("Vault"), m_vaultPage);
    // After the sections that existed before them, so their rows keep their places.
    addSection(QStringLiteral("token"), tr("Tokens"), m_tokensPage);
    addSection(QStringLiteral("key"), tr("Keys"), m_keysPage);
    // The signer's "Generate Key…" (shown while the vault has no signing key) leads to the Keys page.
    connect(m_tokensPage->signer(), &TokenSignerPage::generateKeyRequested, this, [this] {
        m_navigation->setCurrentRow(m_pages->indexOf(m_keysPage));
        m_keysPage->generateKey();
    });
    // They connect to VaultController::unlocked themselves, but that signal is being delivered now.
    m_usersPage->refresh();
    m_vaultPage->refresh();
    m_auditPage->refresh();
    m_rolesPage->refresh();
    // The token and key pages read the vault when first shown.
}

void MainWindow::onUnlocked()
{
    createPages();
    Preferences().addRecentVault(m_controller.vaultPath());
    m_navigation->setCurrentRow(0);
    m_stack->setCurrentWidget(m_workspace);
    setWindowTitle(tr("Tessera — %1").arg(m_controller.vaultName()));
    m_vaultStatus->setText(QFileInfo(m_controller.vaultPath()).fileName());
    m_vaultStatus->setToolTip(QDir::toNativeSeparators(m_controller.vaultPath()));
    updateSessionStatus(m_controller.msUntilLock());
    updateActions();
    m_navigation->setFocus();
}

void MainWindow::onLocked()
{
    m_stack->setCurrentWidget(m_startPage);
    m_startPage->reload();
    setWindowTitle(tr("Tessera"));
    m_vaultStatus->setText(tr("No vault unlocked"));
    m_vaultStatus->setToolTip(QString());
    m_sessionStatus->clear();
    updateActions();
}

void MainWindow::updateActions()
{
    const bool unlocked = m_controller.isUnlocked();
    m_lockAction->setEnabled(unlocked);
    m_changePasswordAction->setEnabled(unlocked && !m_controller.isBusy());
    m_backupAction->setEnabled(unlocked && !m_controller.isBusy());
    m_checkAccessAction->setEnabled(unlocked);
    m_testSignInAction->setEnabled(unlocked);
}

void MainWindow::updateSessionStatus(qint64 msUntilLock)
{
    if (!m_controller.isUnlocked()) {
        m_sessionStatus->clear();
        return;
    }
    m_sessionStatus->setText(tr("Auto-lock in %1").arg(TimeText::countdown(msUntilLock)));
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::WindowStateChange && isMinimized() && m_controller.isUnlocked() &&
        Preferences().lockOnMinimise()) {
        m_controller.lock(VaultController::LockReason::Minimised);
    }
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    Preferences().setWindowGeometry(saveGeometry());
    m_controller.lock(VaultController::LockReason::User);
    QMainWindow::closeEvent(event);
}

} // namespace tessera::ui
