#include "TestVault.h"
#include "UiTestSupport.h"
#include "app/MainWindow.h"
#include "app/VaultController.h"
#include "audit/AuditPage.h"
#include "audit/AuditTableModel.h"
#include "common/MessageBoxes.h"
#include "common/PasswordLineEdit.h"
#include "identity/Directory.h"
#include "users/UserEditorDialog.h"
#include "users/UsersFilterProxyModel.h"
#include "users/PasswordPolicyDialog.h"
#include "users/UserImportDialog.h"
#include "common/FileDialogs.h"
#include "users/UsersPage.h"
#include "users/UsersTableModel.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QSpinBox>
#include <QFile>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QToolButton>

using namespace tessera;
using namespace tessera::test;
using namespace tessera::ui;

namespace {

// Meets the default policy: length, both cases, a digit, not common, no username.
const QString kGoodPassword = QStringLiteral("Glacier-Mango-42");

struct Seed
{
    QString username;
    QString displayName;
    QString email;
    QStringList roles;
    bool disabled = false;
    bool locked = false; // five failed sign-ins, locked for ten minutes
};

} // namespace

class TestUsersPage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_vaults = 0;

    // A window with a vault unlocked, the Users section showing and user hashing made cheap.
    struct Harness
    {
        VaultController controller;
        MainWindow window{controller};
        UsersPage* page = nullptr;
        QTableView* table = nullptr;
    };

    static QList<Seed> fourUsers()
    {
        return {
            {QStringLiteral("alice"),
             QStringLiteral("Alice Archer"),
             QStringLiteral("alice@example.com"),
             {QStringLiteral("admin")}},
            {QStringLiteral("bob"),
             QStringLiteral("Bob Baker"),
             QStringLiteral("bob@example.com"),
             {QStringLiteral("editor")}},
            {QStringLiteral("carol"),
             QStringLiteral("Carol Cooper"),
             QStringLiteral("carol@corp.test"),
             {QStringLiteral("editor"), QStringLiteral("viewer")}},
            {QStringLiteral("dave"),
             QStringLiteral("Dave Dyer"),
             QStringLiteral("dave@corp.test"),
             {QStringLiteral("viewer")},
             true},
        };
    }

    // A new vault file holding `users` (core API, before the GUI opens it).
    QString makeVault(const QList<Seed>& users)
    {
        const QString path = m_dir.filePath(QStringLiteral("users-%1.tessera").arg(++m_vaults));
        auto vault = createVault(path);
        if (!vault) {
            return {};
        }
        auto directory = Directory::open(*vault);
        if (!directory || !(*directory)->setHashParams(HashParams::insecureTestParams())) {
            return {};
        }
        for (const Seed& seed : users) {
            NewUser user;
            user.username = seed.username;
            user.displayName = seed.displayName;
            user.email = seed.email;
            user.roles = seed.roles;
            user.disabled = seed.disabled;
            auto added = (*directory)->addUser(user);
            if (!added) {
                qWarning("seeding %s failed: %s", qPrintable(seed.username),
                         qPrintable(added.error().message));
                return {};
            }
            if (seed.locked) {
                LoginState state;
                state.failedLogins = 5;
                state.lockedUntilMs = QDateTime::currentMSecsSinceEpoch() + 10 * 60 * 1000;
                if (!(*directory)->store().saveLoginState(added->id, state)) {
                    return {};
                }
            }
        }
        return path;
    }

    bool open(Harness& h, const QString& path)
    {
        if (!showAndUnlock(h.controller, h.window, path)) {
            return false;
        }
        h.page = child<UsersPage>(&h.window, "usersPage");
        h.table = child<QTableView>(h.page, "usersTableView");
        return h.page && h.table && QTest::qWaitFor([&] { return !h.page->isLoading(); }) &&
               h.page->isVisible();
    }

    static QStringList shownUsernames(const Harness& h)
    {
        QStringList names;
        for (int row = 0; row < h.table->model()->rowCount(); ++row) {
            names.append(h.table->model()->index(row, UsersTableModel::UsernameColumn).data().toString());
        }
        return names;
    }

    static int proxyRowOf(const Harness& h, const QString& username)
    {
        return shownUsernames(h).indexOf(username);
    }

    static void select(Harness& h, const QStringList& usernames)
    {
        QItemSelection selection;
        for (const QString& name : usernames) {
            const QModelIndex index = h.table->model()->index(proxyRowOf(h, name), 0);
            selection.select(index, index);
        }
        h.table->selectionModel()->select(selection,
                                          QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }

    static QString cell(const Harness& h, const QString& username, int column)
    {
        return h.table->model()->index(proxyRowOf(h, username), column).data().toString();
    }

    // Whether the audit trail (as the Audit page shows it) has `action` on `target`.
    static bool audited(const Harness& h, const QString& action, const QString& target)
    {
        const AuditTableModel* audit = child<AuditPage>(&h.window, "auditPage")->model();
        for (int row = 0; row < audit->rowCount(); ++row) {
            if (audit->entry(row).action == action && audit->entry(row).target == target) {
                return true;
            }
        }
        return false;
    }

    static QPointer<UserEditorDialog> openedEditor(Harness& h)
    {
        QPointer<UserEditorDialog> editor = waitForDialog<UserEditorDialog>(h.page);
        if (editor && !QTest::qWaitFor([&] { return editor->isLoaded(); })) {
            return {};
        }
        return editor;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(initUiTestEnvironment(m_dir)); }

    void init() { MessageBoxes::clearLast(); }

    void usersIsTheFirstSection()
    {
        Harness h;
        QVERIFY(open(h, makeVault({})));
        auto* navigation = child<QListWidget>(&h.window, "navigationListWidget");
        QCOMPARE(navigation->item(0)->text(), QStringLiteral("Users"));
        QCOMPARE(navigation->item(1)->text(), QStringLiteral("Roles"));
        QCOMPARE(navigation->item(2)->text(), QStringLiteral("Audit"));
        QCOMPARE(navigation->item(3)->text(), QStringLiteral("Vault"));
        QCOMPARE(navigation->currentRow(), 0);
    }

    void addsAUserThroughTheEditor()
    {
        Harness h;
        QVERIFY(open(h, makeVault({})));
        // An empty vault says so, with a way forward.
        QVERIFY(child<QWidget>(h.page, "usersEmptyState")->isVisible());
        QCOMPARE(child<QLabel>(h.page, "usersEmptyLabel")->text(), QStringLiteral("No users yet"));
        QCOMPARE(child<QPushButton>(h.page, "usersEmptyButton")->text(), QStringLiteral("Add User…"));

        child<QAction>(h.page, "addUserAction")->trigger();
        QPointer<UserEditorDialog> editor = openedEditor(h);
        QVERIFY(editor);
        auto* save = child<QPushButton>(editor, "saveButton");
        QVERIFY(!save->isEnabled()); // no username yet
        // The vault's default role for new users starts ticked.
        QVERIFY(child<QCheckBox>(editor, "roleCheckBox_viewer")->isChecked());

        QTest::keyClicks(child<QLineEdit>(editor, "usernameLineEdit"), QStringLiteral("erin"));
        QTest::keyClicks(child<QLineEdit>(editor, "displayNameLineEdit"), QStringLiteral("Erin Ellis"));
        QTest::keyClicks(child<QLineEdit>(editor, "emailLineEdit"), QStringLiteral("erin@example.com"));
        QTest::mouseClick(child<QCheckBox>(editor, "roleCheckBox_editor"), Qt::LeftButton);
        QVERIFY(child<QCheckBox>(editor, "roleCheckBox_editor")->isChecked());

        // The policy is checked live against the snapshot read when the editor opened.
        auto* password = child<PasswordLineEdit>(editor, "passwordLineEdit");
        auto* rules = child<QLabel>(editor, "passwordPolicyLabel");
        QTest::keyClicks(password, QStringLiteral("short"));
        QVERIFY(rules->text().contains(QStringLiteral("at least 8 characters")));
        QVERIFY(!editor->passwordViolations().isEmpty());
        QVERIFY(!save->isEnabled());
        typeInto(password, kGoodPassword);
        QVERIFY(editor->passwordViolations().isEmpty());
        QVERIFY(rules->text().contains(QStringLiteral("Meets the password policy")));
        QVERIFY(child<QCheckBox>(editor, "mustChangePasswordCheckBox")->isChecked());
        QVERIFY(save->isEnabled());

        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_VERIFY(editor.isNull() || !editor->isVisible());

        QCOMPARE(shownUsernames(h), QStringList{QStringLiteral("erin")});
        QVERIFY(h.table->isVisible());
        QCOMPARE(cell(h, QStringLiteral("erin"), UsersTableModel::NameColumn), QStringLiteral("Erin Ellis"));
        QCOMPARE(cell(h, QStringLiteral("erin"), UsersTableModel::RolesColumn),
                 QStringLiteral("editor, viewer"));
        QCOMPARE(cell(h, QStringLiteral("erin"), UsersTableModel::StatusColumn), QStringLiteral("Active"));
        QCOMPARE(cell(h, QStringLiteral("erin"), UsersTableModel::LastSignInColumn), QStringLiteral("Never"));
        QCOMPARE(child<QLabel>(h.page, "usersCountLabel")->text(), QStringLiteral("1 of 1 user"));
        QVERIFY(h.page->model()->user(0).hasPassword);
        // Core wrote the audit entry in the same transaction; the Audit page reloads it.
        QTRY_VERIFY(audited(h, QStringLiteral("user.add"), QStringLiteral("erin")));
    }

    void editsAUserFromTheTable()
    {
        Harness h;
        QVERIFY(open(h, makeVault(fourUsers())));
        // Enter on the current row opens the editor.
        h.table->setFocus();
        h.table->selectionModel()->setCurrentIndex(
            h.table->model()->index(proxyRowOf(h, QStringLiteral("bob")), 0),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QTest::keyClick(h.table, Qt::Key_Return);
        QPointer<UserEditorDialog> editor = openedEditor(h);
        QVERIFY(editor);
        auto* username = child<QLineEdit>(editor, "usernameLineEdit");
        QCOMPARE(username->text(), QStringLiteral("bob"));
        QCOMPARE(child<QLineEdit>(editor, "displayNameLineEdit")->text(), QStringLiteral("Bob Baker"));
        QVERIFY(child<QCheckBox>(editor, "roleCheckBox_editor")->isChecked());
        QVERIFY(!child<QPushButton>(editor, "unlockUserButton")->isEnabled()); // not locked

        typeInto(username, QStringLiteral("robert"));
        typeInto(child<QLineEdit>(editor, "displayNameLineEdit"), QStringLiteral("Robert Baker"));
        QTest::mouseClick(child<QCheckBox>(editor, "roleCheckBox_admin"), Qt::LeftButton);
        auto* status = child<QComboBox>(editor, "statusComboBox");
        status->setCurrentIndex(1); // disabled
        QTest::mouseClick(child<QPushButton>(editor, "saveButton"), Qt::LeftButton);
        QTRY_VERIFY(editor.isNull() || !editor->isVisible());

        QVERIFY(!shownUsernames(h).contains(QStringLiteral("bob")));
        QCOMPARE(cell(h, QStringLiteral("robert"), UsersTableModel::NameColumn),
                 QStringLiteral("Robert Baker"));
        QCOMPARE(cell(h, QStringLiteral("robert"), UsersTableModel::RolesColumn),
                 QStringLiteral("admin, editor"));
        QCOMPARE(cell(h, QStringLiteral("robert"), UsersTableModel::StatusColumn),
                 QStringLiteral("Disabled"));
        QCOMPARE(h.page->model()->rowCount(), 4);
        QTRY_VERIFY(audited(h, QStringLiteral("user.rename"), QStringLiteral("robert")));
        QVERIFY(audited(h, QStringLiteral("user.update"), QStringLiteral("robert")));
        QVERIFY(audited(h, QStringLiteral("user.roles"), QStringLiteral("robert")));
        QVERIFY(audited(h, QStringLiteral("user.disable"), QStringLiteral("robert")));
    }

    void filteringNarrowsTheTableAndTheCount()
    {
        Harness h;
        QVERIFY(open(h, makeVault(fourUsers())));
        auto* filter = child<QLineEdit>(h.page, "usersFilterLineEdit");
        auto* count = child<QLabel>(h.page, "usersCountLabel");
        QCOMPARE(count->text(), QStringLiteral("4 of 4 users"));
        QCOMPARE(shownUsernames(h), (QStringList{QStringLiteral("alice"), QStringLiteral("bob"),
                                                 QStringLiteral("carol"), QStringLiteral("dave")}));

        // Ctrl+F reaches the filter from anywhere on the page.
        h.table->setFocus();
        QTest::keyClick(h.table, Qt::Key_F, Qt::ControlModifier);
        QVERIFY(filter->hasFocus());

        QTest::keyClicks(filter, QStringLiteral("CORP"));
        QCOMPARE(shownUsernames(h), (QStringList{QStringLiteral("carol"), QStringLiteral("dave")}));
        QCOMPARE(count->text(), QStringLiteral("2 of 4 users"));
        // Every word must match, each anywhere in username, name, email or roles.
        QTest::keyClicks(filter, QStringLiteral(" edit"));
        QCOMPARE(shownUsernames(h), QStringList{QStringLiteral("carol")});
        QCOMPARE(count->text(), QStringLiteral("1 of 4 users"));

        typeInto(filter, QStringLiteral("nobody-here"));
        QCOMPARE(count->text(), QStringLiteral("0 of 4 users"));
        QVERIFY(child<QWidget>(h.page, "usersEmptyState")->isVisible());
        QVERIFY(!h.table->isVisible());
        QCOMPARE(child<QLabel>(h.page, "usersEmptyLabel")->text(),
                 QStringLiteral("No users match the filter"));
        QTest::mouseClick(child<QPushButton>(h.page, "usersEmptyButton"), Qt::LeftButton); // Clear Filter
        QVERIFY(filter->text().isEmpty());
        QCOMPARE(count->text(), QStringLiteral("4 of 4 users"));

        auto* status = child<QComboBox>(h.page, "usersStatusComboBox");
        status->setCurrentIndex(status->findText(QStringLiteral("Disabled")));
        QCOMPARE(shownUsernames(h), QStringList{QStringLiteral("dave")});
        status->setCurrentIndex(status->findText(QStringLiteral("Active")));
        QCOMPARE(shownUsernames(h),
                 (QStringList{QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")}));

        // Sorting by a column, descending.
        status->setCurrentIndex(0);
        h.table->sortByColumn(UsersTableModel::EmailColumn, Qt::DescendingOrder);
        QCOMPARE(shownUsernames(h), (QStringList{QStringLiteral("dave"), QStringLiteral("carol"),
                                                 QStringLiteral("bob"), QStringLiteral("alice")}));
    }

    void bulkDisablesTheSelection()
    {
        Harness h;
        QVERIFY(open(h, makeVault(fourUsers())));
        select(h, {QStringLiteral("alice"), QStringLiteral("bob")});
        QCOMPARE(h.page->selectedUsernames(), (QStringList{QStringLiteral("alice"), QStringLiteral("bob")}));
        auto* disable = child<QAction>(h.page, "disableUsersAction");
        auto* enable = child<QAction>(h.page, "enableUsersAction");
        QVERIFY(disable->isEnabled());
        QVERIFY(!enable->isEnabled()); // neither is disabled

        disable->trigger();
        QTRY_COMPARE(cell(h, QStringLiteral("alice"), UsersTableModel::StatusColumn),
                     QStringLiteral("Disabled"));
        QCOMPARE(cell(h, QStringLiteral("bob"), UsersTableModel::StatusColumn), QStringLiteral("Disabled"));
        QCOMPARE(cell(h, QStringLiteral("carol"), UsersTableModel::StatusColumn), QStringLiteral("Active"));
        QTRY_VERIFY(audited(h, QStringLiteral("user.disable"), QStringLiteral("alice")));
        QVERIFY(audited(h, QStringLiteral("user.disable"), QStringLiteral("bob")));
        QVERIFY(!audited(h, QStringLiteral("user.disable"), QStringLiteral("carol")));
        // The rows stayed selected; now only Enable applies.
        QCOMPARE(h.page->selectedUsernames(), (QStringList{QStringLiteral("alice"), QStringLiteral("bob")}));
        QTRY_VERIFY(enable->isEnabled());
        QVERIFY(!disable->isEnabled());

        // A role for both through the menu, one Directory call.
        auto* addViewer = child<QAction>(h.page, "addRoleAction_viewer");
        QVERIFY(addViewer);
        addViewer->trigger();
        QTRY_COMPARE(cell(h, QStringLiteral("bob"), UsersTableModel::RolesColumn),
                     QStringLiteral("editor, viewer"));
        QCOMPARE(cell(h, QStringLiteral("alice"), UsersTableModel::RolesColumn),
                 QStringLiteral("admin, viewer"));
        child<QAction>(h.page, "removeRoleAction_editor")->trigger();
        QTRY_COMPARE(cell(h, QStringLiteral("bob"), UsersTableModel::RolesColumn), QStringLiteral("viewer"));
        QTRY_VERIFY(audited(h, QStringLiteral("user.roles"), QStringLiteral("bob")));
    }

    void deleteAsksFirstAndNoKeepsEveryone()
    {
        Harness h;
        QVERIFY(open(h, makeVault(fourUsers())));
        select(h, {QStringLiteral("carol"), QStringLiteral("dave")});

        MessageBoxes::setNextAnswer(QMessageBox::No);
        child<QAction>(h.page, "deleteUsersAction")->trigger();
        QCOMPARE(MessageBoxes::lastTitle(), QStringLiteral("Delete Users"));
        QVERIFY(MessageBoxes::lastText().startsWith(QStringLiteral("Delete 2 users: carol and dave?")));
        QTest::qWait(50);
        QVERIFY(!h.controller.isBusy());
        QCOMPARE(h.page->model()->rowCount(), 4);
        QVERIFY(!audited(h, QStringLiteral("user.delete"), QStringLiteral("carol")));

        // The Delete key asks too; Yes deletes both in one call.
        MessageBoxes::clearLast();
        MessageBoxes::setNextAnswer(QMessageBox::Yes);
        h.table->setFocus();
        QTest::keyClick(h.table, Qt::Key_Delete);
        QVERIFY(MessageBoxes::lastText().startsWith(QStringLiteral("Delete 2 users: carol and dave?")));
        QTRY_COMPARE(h.page->model()->rowCount(), 2);
        QCOMPARE(shownUsernames(h), (QStringList{QStringLiteral("alice"), QStringLiteral("bob")}));
        QCOMPARE(child<QLabel>(h.page, "usersCountLabel")->text(), QStringLiteral("2 of 2 users"));
        QTRY_VERIFY(audited(h, QStringLiteral("user.delete"), QStringLiteral("carol")));
        QVERIFY(audited(h, QStringLiteral("user.delete"), QStringLiteral("dave")));
    }

    void theEditorRefusesAUsernameDifferingOnlyInCase()
    {
        Harness h;
        QVERIFY(open(h, makeVault(fourUsers())));
        // From the page: the table knows alice, so the editor says so while typing.
        child<QAction>(h.page, "addUserAction")->trigger();
        QPointer<UserEditorDialog> editor = openedEditor(h);
        QVERIFY(editor);
        QTest::keyClicks(child<QLineEdit>(editor, "usernameLineEdit"), QStringLiteral("ALICE"));
        auto* usernameError = child<QLabel>(editor, "usernameErrorLabel");
        QVERIFY(usernameError->isVisible());
        QCOMPARE(usernameError->text(),
                 QStringLiteral("A user named 'alice' already exists (usernames ignore case)."));
        QVERIFY(!child<QPushButton>(editor, "saveButton")->isEnabled());
        // Invalid characters are core's UserValidator's to explain.
        typeInto(child<QLineEdit>(editor, "usernameLineEdit"), QStringLiteral("no spaces"));
        QVERIFY(usernameError->isVisible());
        QVERIFY(!usernameError->text().contains(QStringLiteral("already exists")));
        editor->reject();

        // Without the table's help, core refuses on save and the dialog stays open with its message.
        auto* bare = new UserEditorDialog(h.controller, h.page);
        bare->setAttribute(Qt::WA_DeleteOnClose);
        bare->open();
        QTRY_VERIFY(bare->isLoaded());
        QTest::keyClicks(child<QLineEdit>(bare, "usernameLineEdit"), QStringLiteral("Alice"));
        auto* save = child<QPushButton>(bare, "saveButton");
        QVERIFY(save->isEnabled());
        QTest::mouseClick(save, Qt::LeftButton);
        auto* error = child<QLabel>(bare, "errorLabel");
        QTRY_VERIFY(error->isVisible());
        QCOMPARE(error->text(),
                 QStringLiteral("A user named 'alice' already exists (usernames ignore case)."));
        QVERIFY(bare->isVisible());
        QCOMPARE(h.page->model()->rowCount(), 4);
        bare->reject();
    }

    void unlockClearsTheSignInLock()
    {
        QList<Seed> users = fourUsers();
        users.append({QStringLiteral("eve"), QStringLiteral("Eve Evans"), QString(), {}, false, true});
        users.append({QStringLiteral("frank"), QString(), QString(), {}, false, true});
        const QString path = makeVault(users);
        Harness h;
        QVERIFY(open(h, path));
        QVERIFY(cell(h, QStringLiteral("eve"), UsersTableModel::StatusColumn)
                    .startsWith(QStringLiteral("Locked until ")));
        auto* status = child<QComboBox>(h.page, "usersStatusComboBox");
        status->setCurrentIndex(status->findText(QStringLiteral("Locked")));
        QCOMPARE(shownUsernames(h), (QStringList{QStringLiteral("eve"), QStringLiteral("frank")}));

        // From the toolbar, for the selection.
        select(h, {QStringLiteral("eve")});
        auto* unlock = child<QAction>(h.page, "unlockUsersAction");
        QVERIFY(unlock->isEnabled());
        unlock->trigger();
        QTRY_COMPARE(shownUsernames(h), QStringList{QStringLiteral("frank")}); // no longer locked
        QCOMPARE(child<QLabel>(h.page, "usersCountLabel")->text(), QStringLiteral("1 of 6 users"));
        QTRY_VERIFY(audited(h, QStringLiteral("user.unlock"), QStringLiteral("eve")));

        // From the editor, which shows the lock.
        h.page->editUser(QStringLiteral("frank"));
        QPointer<UserEditorDialog> editor = openedEditor(h);
        QVERIFY(editor);
        auto* lockState = child<QLabel>(editor, "lockStateLabel");
        QVERIFY(lockState->text().startsWith(QStringLiteral("Locked until ")));
        QVERIFY(lockState->text().contains(QStringLiteral("5 failed sign-ins")));
        QTest::mouseClick(child<QPushButton>(editor, "unlockUserButton"), Qt::LeftButton);
        QTRY_COMPARE(lockState->text(), QStringLiteral("Not locked"));
        QVERIFY(!child<QPushButton>(editor, "unlockUserButton")->isEnabled());
        QTRY_COMPARE(shownUsernames(h), QStringList());
        QTRY_VERIFY(audited(h, QStringLiteral("user.unlock"), QStringLiteral("frank")));
        editor->reject();
    }

    void generateFillsAPasswordThatMeetsThePolicy()
    {
        Harness h;
        QVERIFY(open(h, makeVault({})));
        child<QAction>(h.page, "addUserAction")->trigger();
        QPointer<UserEditorDialog> editor = openedEditor(h);
        QVERIFY(editor);
        QTest::keyClicks(child<QLineEdit>(editor, "usernameLineEdit"), QStringLiteral("gina"));
        auto* password = child<PasswordLineEdit>(editor, "passwordLineEdit");
        QTest::mouseClick(child<QPushButton>(editor, "generatePasswordButton"), Qt::LeftButton);
        QVERIFY(password->text().size() >= editor->policy().minLength);
        QVERIFY(password->isRevealed()); // so the admin can pass it on
        QVERIFY(editor->passwordViolations().isEmpty());
        QVERIFY(child<QPushButton>(editor, "saveButton")->isEnabled());
        editor->reject();

        // The full generator dialog, from the button beside Generate: its password lands in the field.
        child<QAction>(h.page, "addUserAction")->trigger();
        editor = openedEditor(h);
        QVERIFY(editor);
        QTest::keyClicks(child<QLineEdit>(editor, "usernameLineEdit"), QStringLiteral("hugo"));
        QTest::mouseClick(child<QToolButton>(editor, "generatorOptionsButton"), Qt::LeftButton);
        QPointer<QDialog> generator = editor->findChild<QDialog*>(QStringLiteral("passwordGeneratorDialog"));
        QVERIFY(generator);
        QTRY_VERIFY(generator->isVisible());
        const QString preview = child<QLineEdit>(generator, "previewLineEdit")->text();
        QVERIFY(preview.size() >= editor->policy().minLength);
        generator->accept();
        QCOMPARE(child<PasswordLineEdit>(editor, "passwordLineEdit")->text(), preview);
        editor->reject();

        // A generator dialog plugs in through the page's seam.
        int calls = 0;
        h.page->setGenerateHandler([&calls](UserEditorDialog& dialog, const PasswordPolicy& policy) {
            ++calls;
            QCOMPARE(policy.minLength, 8);
            dialog.setGeneratedPassword(QStringLiteral("Handler-Made-77"));
        });
        child<QAction>(h.page, "addUserAction")->trigger();
        editor = openedEditor(h);
        QVERIFY(editor);
        QTest::mouseClick(child<QPushButton>(editor, "generatePasswordButton"), Qt::LeftButton);
        QCOMPARE(calls, 1);
        QCOMPARE(child<PasswordLineEdit>(editor, "passwordLineEdit")->text(),
                 QStringLiteral("Handler-Made-77"));
        editor->reject();
    }

    void lockingClearsTheTable()
    {
        Harness h;
        QVERIFY(open(h, makeVault(fourUsers())));
        QCOMPARE(h.page->model()->rowCount(), 4);
        QTest::keyClicks(child<QLineEdit>(h.page, "usersFilterLineEdit"), QStringLiteral("a"));
        select(h, {QStringLiteral("alice")});
        child<QAction>(h.page, "editUserAction")->trigger();
        QPointer<UserEditorDialog> editor = openedEditor(h);
        QVERIFY(editor);

        h.controller.lock();
        QTRY_VERIFY(!h.controller.isUnlocked());
        QCOMPARE(h.page->model()->rowCount(), 0);
        QCOMPARE(h.table->model()->rowCount(), 0);
        QVERIFY(child<QLineEdit>(h.page, "usersFilterLineEdit")->text().isEmpty());
        QVERIFY(h.page->findChild<QAction*>(QStringLiteral("addRoleAction_viewer")) == nullptr);
        QTRY_VERIFY(editor.isNull() || !editor->isVisible()); // the editor closes with the vault
    }

    void anotherPagesChangeReloadsTheTable()
    {
        Harness h;
        QVERIFY(open(h, makeVault(fourUsers())));
        QSignalSpy refreshed(h.page, &UsersPage::refreshed);
        bool added = false;
        h.controller.runDirectory(
            &h.window,
            [](Directory& d) {
                NewUser user;
                user.username = QStringLiteral("frank");
                return d.addUser(user);
            },
            [&](Result<User> user) {
                added = user.has_value();
                h.controller.notifyIdentityChanged();
            });
        QTRY_VERIFY(added);
        QTRY_COMPARE(refreshed.count(), 1);
        QVERIFY(shownUsernames(h).contains(QStringLiteral("frank")));
    }

    void importPreviewsEveryProblemThenImportsAllOrNothing()
    {
        Harness h;
        QVERIFY(open(h, makeVault(fourUsers())));
        // A file that cannot be read: said so, nothing to import.
        FileDialogs::setNextFileName(m_dir.filePath(QStringLiteral("no-such-file.csv")));
        child<QAction>(h.page, "importUsersAction")->trigger();
        QPointer<UserImportDialog> missing = h.page->findChild<UserImportDialog*>();
        QVERIFY(missing);
        QSignalSpy missingPreview(missing.data(), &UserImportDialog::previewed);
        QTRY_COMPARE(missingPreview.count(), 1);
        QCOMPARE(missingPreview.first().first().toBool(), false);
        QVERIFY(child<QLabel>(missing, "importSummaryLabel")->text().contains(QStringLiteral("no-such-file.csv")));
        QVERIFY(!child<QPushButton>(missing, "importButton")->isEnabled());
        missing->reject();
        QTRY_VERIFY(missing.isNull());

        const QString bad = m_dir.filePath(QStringLiteral("bad-import.csv"));
        QFile badFile(bad);
        QVERIFY(badFile.open(QIODevice::WriteOnly));
        badFile.write("username,email,roles,password\nnew1,new1@example.org,viewer,Plain-Pass-One1\n"
                      "alice,,viewer,\nnew2,broken@,viewer,\n");
        badFile.close();
        FileDialogs::setNextFileName(bad);
        child<QAction>(h.page, "importUsersAction")->trigger();
        QPointer<UserImportDialog> dialog = h.page->findChild<UserImportDialog*>();
        QVERIFY(dialog);
        QSignalSpy previewed(dialog.data(), &UserImportDialog::previewed);
        QTRY_COMPARE(previewed.count(), 1);
        QCOMPARE(previewed.first().first().toBool(), false);
        auto* problems = child<QTableWidget>(dialog, "importProblemsTable");
        QCOMPARE(problems->rowCount(), 2);
        QCOMPARE(problems->item(0, 0)->text(), QStringLiteral("3")); // alice exists in the vault
        QCOMPARE(problems->item(1, 0)->text(), QStringLiteral("4")); // broken email
        QVERIFY(child<QLabel>(dialog, "importWarningLabel")->isVisible()); // plaintext was present
        QVERIFY(!child<QPushButton>(dialog, "importButton")->isEnabled());
        dialog->reject();
        QTRY_VERIFY(dialog.isNull()); // closed and deleted

        const QString good = m_dir.filePath(QStringLiteral("good-import.csv"));
        QFile goodFile(good);
        QVERIFY(goodFile.open(QIODevice::WriteOnly));
        goodFile.write("username,display_name,roles\nnew1,New One,editor\nnew2,New Two,viewer\n");
        goodFile.close();
        FileDialogs::setNextFileName(good);
        child<QAction>(h.page, "importUsersAction")->trigger();
        dialog = h.page->findChild<UserImportDialog*>();
        QVERIFY(dialog);
        QSignalSpy ready(dialog.data(), &UserImportDialog::previewed);
        QSignalSpy done(dialog.data(), &UserImportDialog::finished);
        QTRY_COMPARE(ready.count(), 1);
        QVERIFY(ready.first().first().toBool());
        QTest::mouseClick(child<QPushButton>(dialog, "importButton"), Qt::LeftButton);
        QTRY_COMPARE(done.count(), 1);
        QVERIFY(done.first().first().toBool());
        QTRY_VERIFY(shownUsernames(h).contains(QStringLiteral("new2")));
        dialog->reject();

        // Export: JSON by the extension, no hashes, audited.
        const QString out = m_dir.filePath(QStringLiteral("exported.json"));
        QFile::remove(out);
        FileDialogs::setNextFileName(out);
        QSignalSpy exported(h.page, &UsersPage::exportedUsers);
        child<QAction>(h.page, "exportUsersAction")->trigger();
        QTRY_COMPARE(exported.count(), 1);
        QCOMPARE(exported.first().first().toInt(), 6);
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray json = file.readAll();
        QVERIFY(json.contains("\"new1\""));
        QVERIFY(!json.contains("argon2"));
    }

    void thePasswordPolicyIsEditedSavedAndEnforced()
    {
        Harness h;
        QVERIFY(open(h, makeVault({})));
        child<QAction>(h.page, "passwordPolicyAction")->trigger();
        QPointer<PasswordPolicyDialog> dialog = h.page->findChild<PasswordPolicyDialog*>();
        QVERIFY(dialog);
        auto* save = child<QPushButton>(dialog, "savePolicyButton");
        auto* minLength = child<QSpinBox>(dialog, "minLengthSpinBox");
        QTRY_VERIFY(minLength->isEnabled()); // the stored policy has been read
        QCOMPARE(minLength->value(), 8);
        QVERIFY(!save->isEnabled()); // nothing changed yet
        minLength->setValue(200); // longer than the maximum: refused inline
        QVERIFY(!save->isEnabled());
        minLength->setValue(14);
        QVERIFY(save->isEnabled());
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_VERIFY(dialog.isNull() || !dialog->isVisible());

        std::optional<int> stored;
        std::optional<bool> shortRefused;
        h.controller.runDirectory(
            &h.window,
            [](Directory& d) -> Result<std::pair<int, bool>> {
                NewUser user;
                user.username = QStringLiteral("ivy");
                const SecretBuffer password = SecretBuffer::fromBytes("Short-Pass-1"); // 12 characters
                const bool refused = !d.addUser(user, &password).has_value();
                return std::pair<int, bool>{d.passwordPolicy().minLength, refused};
            },
            [&](Result<std::pair<int, bool>> result) {
                stored = result->first;
                shortRefused = result->second;
            });
        QTRY_VERIFY(stored.has_value());
        QCOMPARE(*stored, 14);
        QVERIFY(*shortRefused);
    }
};

QTEST_MAIN(TestUsersPage)
#include "TestUsersPage.moc"
