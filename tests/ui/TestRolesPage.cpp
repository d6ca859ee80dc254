#include "TestVault.h"
#include "UiTestSupport.h"
#include "app/MainWindow.h"
#include "app/VaultController.h"
#include "audit/AuditLog.h"
#include "common/MessageBoxes.h"
#include "identity/Directory.h"
#include "roles/NameDialog.h"
#include "roles/PermissionMatrixModel.h"
#include "roles/RoleChangePreviewDialog.h"
#include "roles/RoleListModel.h"
#include "roles/RolesPage.h"

#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTreeWidget>
#include <algorithm>
#include <optional>

using namespace tessera;
using namespace tessera::test;
using namespace tessera::ui;

namespace {

const char* kUserPassword = "Harbour-Lantern-42";

Permission perm(const char* text)
{
    return Permission::parse(QString::fromLatin1(text)).value();
}

} // namespace

class TestRolesPage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_vaults = 0;

    // A window with a fresh vault unlocked (default roles; alice editor, bob viewer, carol admin,
    // dave superadmin) and the Roles section showing.
    struct Harness
    {
        VaultController controller;
        MainWindow window{controller};
        RolesPage* page = nullptr;
        QTableView* matrix = nullptr;
    };

    QString makeVault()
    {
        return createVaultWithUsers(m_dir.filePath(QStringLiteral("roles-%1.tessera").arg(++m_vaults)),
                                    {{QStringLiteral("alice"), QStringLiteral("editor")},
                                     {QStringLiteral("bob"), QStringLiteral("viewer")},
                                     {QStringLiteral("carol"), QStringLiteral("admin")},
                                     {QStringLiteral("dave"), QStringLiteral("superadmin")}},
                                    kUserPassword);
    }

    // Runs `work(Directory&)` on the controller's worker and waits for its result.
    template <typename Work> static auto onDirectory(VaultController& controller, Work work)
    {
        using R = std::invoke_result_t<Work&, Directory&>;
        std::optional<R> out;
        QObject context;
        if constexpr (IsResult<R>::value) {
            controller.runDirectory(&context, work, [&](R r) { out.emplace(std::move(r)); });
        } else {
            // Directory jobs return Results (loading the directory can fail); plain answers are wrapped.
            controller.runDirectory(
                &context, [work](Directory& d) mutable -> Result<R> { return work(d); },
                [&](Result<R> r) {
                    if (r) {
                        out.emplace(std::move(*r));
                    }
                });
        }
        (void)QTest::qWaitFor([&] { return out.has_value(); }, 10000);
        return out;
    }

    bool open(Harness& h)
    {
        const QString path = makeVault();
        if (path.isEmpty()) {
            return false;
        }
        if (!showAndUnlock(h.controller, h.window, path)) {
            return false;
        }
        h.page = child<RolesPage>(&h.window, "rolesPage");
        if (h.page == nullptr) {
            return false;
        }
        auto* navigation = child<QListWidget>(&h.window, "navigationListWidget");
        for (int row = 0; row < navigation->count(); ++row) {
            if (navigation->item(row)->text() == QStringLiteral("Roles")) {
                navigation->setCurrentRow(row);
            }
        }
        h.matrix = child<QTableView>(h.page, "permissionMatrixView");
        return h.matrix && h.page->isVisible() &&
               QTest::qWaitFor([&] { return h.page->matrixModel()->rowCount() == 4; });
    }

    static QModelIndex cell(Harness& h, const QString& role, const Permission& permission)
    {
        PermissionMatrixModel* model = h.page->matrixModel();
        const QModelIndex source = model->index(model->rowOf(role), model->columnOf(permission));
        return qobject_cast<QSortFilterProxyModel*>(h.matrix->model())->mapFromSource(source);
    }

    static void clickCell(Harness& h, const QModelIndex& index)
    {
        h.matrix->scrollTo(index);
        const QRect rect = h.matrix->visualRect(index);
        QTest::mouseClick(h.matrix->viewport(), Qt::LeftButton, {}, rect.center());
    }

    static void toggleInclude(Harness& h, const QString& other)
    {
        auto* list = child<QListWidget>(h.page, "includesListWidget");
        const QList<QListWidgetItem*> items = list->findItems(other, Qt::MatchExactly);
        QVERIFY(!items.isEmpty());
        list->setFocus();
        list->setCurrentItem(items.first());
        QTest::keyClick(list, Qt::Key_Space);
    }

    static bool hasAuditEntry(VaultController& controller, const QString& action, const QString& target)
    {
        auto entries = std::make_shared<std::vector<AuditEntry>>();
        bool done = false;
        QObject context;
        controller.run(
            &context, [](Vault& vault) { return vault.audit().list(); },
            [&](Result<std::vector<AuditEntry>> list) {
                if (list) {
                    *entries = std::move(*list);
                }
                done = true;
            });
        (void)QTest::qWaitFor([&] { return done; }, 10000);
        return std::any_of(entries->begin(), entries->end(),
                           [&](const AuditEntry& e) { return e.action == action && e.target == target; });
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(initUiTestEnvironment(m_dir)); }

    void cleanup() { MessageBoxes::clearLast(); }

    void showsRolesWithUsersAndTheMatrix()
    {
        Harness h;
        QVERIFY(open(h));
        RoleListModel* roles = h.page->roleModel();
        QCOMPARE(roles->rowCount(), 4);
        QCOMPARE(roles->userCount(QStringLiteral("editor")), 1);
        QVERIFY(
            roles->index(roles->rowOf(QStringLiteral("viewer"))).data(RoleListModel::DefaultRole).toBool());
        QCOMPARE(h.matrix->model()->columnCount(), 5); // admin:all + the four default permissions
        // A direct grant, nothing, and admin:all covering everything for superadmin.
        QCOMPARE(cell(h, QStringLiteral("editor"), perm("write:posts")).data(Qt::CheckStateRole).toInt(),
                 int(Qt::Checked));
        QCOMPARE(cell(h, QStringLiteral("viewer"), perm("write:posts")).data(Qt::CheckStateRole).toInt(),
                 int(Qt::Unchecked));
        const QModelIndex covered = cell(h, QStringLiteral("superadmin"), perm("delete:posts"));
        QCOMPARE(covered.data(Qt::CheckStateRole).toInt(), int(Qt::PartiallyChecked));
        QVERIFY(covered.data(Qt::ToolTipRole).toString().contains(QStringLiteral("admin:all")));
        QVERIFY(!child<QWidget>(h.page, "pendingChangesBar")->isVisible());
    }

    void grantThroughTheMatrixThenReviewAndApply()
    {
        Harness h;
        QVERIFY(open(h));
        const QModelIndex index = cell(h, QStringLiteral("viewer"), perm("write:posts"));
        clickCell(h, index);
        QCOMPARE(index.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QVERIFY(index.data(PermissionMatrixModel::PendingRole).toBool());
        QVERIFY(child<QWidget>(h.page, "pendingChangesBar")->isVisible());
        QCOMPARE(child<QLabel>(h.page, "pendingChangesLabel")->text(),
                 QStringLiteral("1 unsaved change to viewer."));
        // Nothing is saved yet.
        auto before = onDirectory(
            h.controller, [](Directory& d) { return d.check(QStringLiteral("bob"), perm("write:posts")); });
        QVERIFY(before && !*before);

        QTest::mouseClick(child<QPushButton>(h.page, "reviewChangesButton"), Qt::LeftButton);
        QPointer<RoleChangePreviewDialog> dialog = waitForDialog<RoleChangePreviewDialog>(&h.window);
        QVERIFY(dialog);
        QVERIFY(child<QLabel>(dialog, "previewSummaryLabel")
                    ->text()
                    .contains(QStringLiteral("1 user gains write:posts")));
        auto* tree = child<QTreeWidget>(dialog, "previewTreeWidget");
        QCOMPARE(tree->topLevelItemCount(), 1);
        QTreeWidgetItem* bob = tree->topLevelItem(0);
        QCOMPARE(bob->text(0), QStringLiteral("bob"));
        QCOMPARE(bob->childCount(), 1);
        QCOMPARE(bob->child(0)->text(0), QStringLiteral("+ write:posts"));

        QTest::mouseClick(child<QPushButton>(dialog, "applyChangesButton"), Qt::LeftButton);
        QTRY_VERIFY(!dialog);
        QTRY_VERIFY(!h.page->matrixModel()->hasPendingChanges());
        QTRY_VERIFY(!child<QWidget>(h.page, "pendingChangesBar")->isVisible());
        QCOMPARE(cell(h, QStringLiteral("viewer"), perm("write:posts")).data(Qt::CheckStateRole).toInt(),
                 int(Qt::Checked));
        auto after = onDirectory(
            h.controller, [](Directory& d) { return d.check(QStringLiteral("bob"), perm("write:posts")); });
        QVERIFY(after && *after);
        QVERIFY(hasAuditEntry(h.controller, QStringLiteral("role.change"), QStringLiteral("viewer")));
    }

    void discardRevertsPendingCells()
    {
        Harness h;
        QVERIFY(open(h));
        const QModelIndex grant = cell(h, QStringLiteral("editor"), perm("delete:posts"));
        const QModelIndex revoke = cell(h, QStringLiteral("editor"), perm("read:posts"));
        clickCell(h, grant);
        clickCell(h, revoke);
        QCOMPARE(grant.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QCOMPARE(revoke.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QCOMPARE(child<QLabel>(h.page, "pendingChangesLabel")->text(),
                 QStringLiteral("2 unsaved changes to editor."));
        // Clicking a cell back to its saved state is no longer a change.
        clickCell(h, revoke);
        QVERIFY(!revoke.data(PermissionMatrixModel::PendingRole).toBool());
        clickCell(h, revoke);

        QTest::mouseClick(child<QPushButton>(h.page, "discardPendingButton"), Qt::LeftButton);
        QCOMPARE(grant.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QCOMPARE(revoke.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QVERIFY(!h.page->matrixModel()->hasPendingChanges());
        QVERIFY(!child<QWidget>(h.page, "pendingChangesBar")->isVisible());

        // The review dialog's Discard does the same; Ctrl+S opens it.
        clickCell(h, grant);
        h.matrix->setFocus();
        QTest::keyClick(h.matrix, Qt::Key_S, Qt::ControlModifier);
        QPointer<RoleChangePreviewDialog> dialog = waitForDialog<RoleChangePreviewDialog>(&h.window);
        QVERIFY(dialog);
        QVERIFY(child<QLabel>(dialog, "previewSummaryLabel")
                    ->text()
                    .contains(QStringLiteral("1 user gains delete:posts")));
        QTest::mouseClick(child<QPushButton>(dialog, "discardChangesButton"), Qt::LeftButton);
        QTRY_VERIFY(!dialog);
        QCOMPARE(grant.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QVERIFY(!h.page->matrixModel()->hasPendingChanges());
        auto saved = onDirectory(h.controller, [](Directory& d) {
            return d.check(QStringLiteral("alice"), perm("delete:posts"));
        });
        QVERIFY(saved && !*saved);
    }

    void addPermissionValidatesInline()
    {
        Harness h;
        QVERIFY(open(h));
        QTest::mouseClick(child<QPushButton>(h.page, "addPermissionButton"), Qt::LeftButton);
        QPointer<NameDialog> dialog = waitForDialog<NameDialog>(&h.window);
        QVERIFY(dialog);
        auto* name = child<QLineEdit>(dialog, "nameLineEdit");
        auto* error = child<QLabel>(dialog, "nameErrorLabel");
        auto* ok = child<QPushButton>(dialog, "okButton");
        QVERIFY(!ok->isEnabled());
        QTest::keyClicks(name, QStringLiteral("Read:Posts"));
        QVERIFY(error->isVisible());
        QCOMPARE(error->text(), QStringLiteral("Permission 'Read:Posts' must be lower-case."));
        QVERIFY(!ok->isEnabled());
        typeInto(name, QStringLiteral("read:posts"));
        QVERIFY(error->text().contains(QStringLiteral("already in the catalog")));
        typeInto(name, QStringLiteral("publish:posts"));
        QVERIFY(!error->isVisible());
        QVERIFY(ok->isEnabled());
        QTest::keyClick(name, Qt::Key_Return);
        QTRY_VERIFY(!dialog);
        QTRY_VERIFY(h.page->matrixModel()->columnOf(perm("publish:posts")) >= 0);
        QCOMPARE(h.page->currentPermission(), perm("publish:posts"));
        QVERIFY(
            hasAuditEntry(h.controller, QStringLiteral("permission.add"), QStringLiteral("publish:posts")));
    }

    void includeMakingACycleIsRefusedWithTheMessage()
    {
        Harness h;
        QVERIFY(open(h));
        h.page->selectRole(QStringLiteral("viewer"));
        toggleInclude(h, QStringLiteral("editor"));
        // viewer now holds write:posts through editor: a partial check naming the role.
        const QModelIndex inherited = cell(h, QStringLiteral("viewer"), perm("write:posts"));
        QCOMPARE(inherited.data(Qt::CheckStateRole).toInt(), int(Qt::PartiallyChecked));
        QVERIFY(inherited.data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("through the included role editor")));
        QVERIFY(h.page->matrixModel()->changes().isIncludePending(QStringLiteral("viewer"),
                                                                  QStringLiteral("editor")));

        h.page->selectRole(QStringLiteral("editor"));
        auto* list = child<QListWidget>(h.page, "includesListWidget");
        QListWidgetItem* viewer = list->findItems(QStringLiteral("viewer"), Qt::MatchExactly).value(0);
        QVERIFY(viewer);
        QVERIFY(viewer->toolTip().contains(QStringLiteral("would make a cycle editor → viewer → editor")));
        toggleInclude(h, QStringLiteral("viewer"));
        auto* error = child<QLabel>(h.page, "includesErrorLabel");
        QVERIFY(error->isVisible());
        QCOMPARE(
            error->text(),
            QStringLiteral(
                "Role editor cannot include viewer: that would make a cycle editor -> viewer -> editor."));
        viewer = list->findItems(QStringLiteral("viewer"), Qt::MatchExactly).value(0);
        QCOMPARE(viewer->checkState(), Qt::Unchecked);
        QVERIFY(!h.page->matrixModel()
                     ->pendingRoles()
                     .role(QStringLiteral("editor"))
                     ->includes.contains(QStringLiteral("viewer")));

        // The pending include is saved like a grant, with its preview.
        h.page->reviewChanges();
        QPointer<RoleChangePreviewDialog> dialog = waitForDialog<RoleChangePreviewDialog>(&h.window);
        QVERIFY(dialog);
        QVERIFY(
            child<QLabel>(dialog, "previewSummaryLabel")->text().contains(QStringLiteral("include editor")));
        QTest::mouseClick(child<QPushButton>(dialog, "applyChangesButton"), Qt::LeftButton);
        QTRY_VERIFY(!dialog);
        auto saved = onDirectory(
            h.controller, [](Directory& d) { return d.check(QStringLiteral("bob"), perm("write:posts")); });
        QVERIFY(saved && *saved);
    }

    void deleteRoleAsksNamingHowManyUsersLoseIt()
    {
        Harness h;
        QVERIFY(open(h));
        h.page->selectRole(QStringLiteral("editor"));
        MessageBoxes::setNextAnswer(QMessageBox::No);
        QTest::mouseClick(child<QPushButton>(h.page, "deleteRoleButton"), Qt::LeftButton);
        QTRY_VERIFY(MessageBoxes::lastText().contains(QStringLiteral("1 user holds it and loses it.")));
        QVERIFY(MessageBoxes::lastText().contains(QStringLiteral("1 user loses write:posts")));
        QVERIFY(h.page->roleModel()->rowOf(QStringLiteral("editor")) >= 0);

        MessageBoxes::clearLast();
        MessageBoxes::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(child<QPushButton>(h.page, "deleteRoleButton"), Qt::LeftButton);
        QTRY_COMPARE(h.page->roleModel()->rowOf(QStringLiteral("editor")), -1);
        QCOMPARE(h.page->matrixModel()->rowCount(), 3);
        QVERIFY(hasAuditEntry(h.controller, QStringLiteral("role.delete"), QStringLiteral("editor")));
    }

    void whoHasTheSelectedPermission()
    {
        Harness h;
        QVERIFY(open(h));
        const int column = cell(h, QStringLiteral("viewer"), perm("write:posts")).column();
        QVERIFY(column >= 0);
        QHeaderView* header = h.matrix->horizontalHeader();
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                          QPoint(header->sectionViewportPosition(column) + header->sectionSize(column) / 2,
                                 header->height() / 2));
        QCOMPARE(h.page->currentPermission().toString(), QStringLiteral("write:posts"));
        QCOMPARE(child<QLabel>(h.page, "whoHasTitleLabel")->text(), QStringLiteral("Who has write:posts"));
        auto* users = child<QListView>(h.page, "whoHasUsersListView");
        auto* roles = child<QListView>(h.page, "whoHasRolesListView");
        QTRY_COMPARE(users->model()->rowCount(), 3);
        QCOMPARE(users->model()->index(0, 0).data().toString(), QStringLiteral("alice"));
        QCOMPARE(users->model()->index(1, 0).data().toString(), QStringLiteral("carol"));
        QCOMPARE(users->model()->index(2, 0).data().toString(), QStringLiteral("dave"));
        QCOMPARE(roles->model()->rowCount(), 3); // admin, editor, superadmin (through admin:all)
        QCOMPARE(child<QLabel>(h.page, "whoHasUsersCountLabel")->text(),
                 QStringLiteral("3 users through their roles"));
    }

    void lockingClearsThePage()
    {
        Harness h;
        QVERIFY(open(h));
        clickCell(h, cell(h, QStringLiteral("viewer"), perm("write:posts")));
        QVERIFY(h.page->matrixModel()->hasPendingChanges());
        h.controller.lock();
        QTRY_VERIFY(!h.controller.isUnlocked());
        QCOMPARE(h.page->matrixModel()->rowCount(), 0);
        QCOMPARE(h.page->roleModel()->rowCount(), 0);
        QVERIFY(!h.page->matrixModel()->hasPendingChanges());
    }

    // Not a check: with TESSERA_RENDER_DIR set, saves the page for a visual review.
    void renderForReview()
    {
        const QString out = qEnvironmentVariable("TESSERA_RENDER_DIR");
        if (out.isEmpty()) {
            QSKIP("set TESSERA_RENDER_DIR to render the Roles page");
        }
        Harness h;
        QVERIFY(open(h));
        h.window.resize(1280, 800);
        h.page->selectRole(QStringLiteral("viewer"));
        toggleInclude(h, QStringLiteral("editor"));
        h.page->selectRole(QStringLiteral("editor"));
        clickCell(h, cell(h, QStringLiteral("editor"), perm("delete:posts")));
        h.page->selectPermission(perm("write:posts"));
        QTRY_COMPARE(child<QListView>(h.page, "whoHasUsersListView")->model()->rowCount(), 3);
        QTest::qWait(100);
        QVERIFY(h.window.grab().save(QDir(out).filePath(QStringLiteral("roles-page.png"))));
        h.page->reviewChanges();
        QPointer<RoleChangePreviewDialog> dialog = waitForDialog<RoleChangePreviewDialog>(&h.window);
        QVERIFY(dialog);
        QTest::qWait(100);
        QVERIFY(dialog->grab().save(QDir(out).filePath(QStringLiteral("role-change-preview.png"))));
        dialog->reject();
    }
};

QTEST_MAIN(TestRolesPage)
#include "TestRolesPage.moc"
