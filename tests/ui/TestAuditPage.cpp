#include "TestVault.h"
#include "UiTestSupport.h"
#include "app/MainWindow.h"
#include "app/VaultController.h"
#include "audit/AuditFilterProxyModel.h"
#include "audit/AuditPage.h"
#include "identity/Directory.h"
#include "audit/AuditTableModel.h"
#include "common/FileDialogs.h"

#include <QAction>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QTableView>

using namespace tessera;
using namespace tessera::test;
using namespace tessera::ui;

class TestAuditPage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;

    // A window with the test vault unlocked and the Audit section showing its entries.
    struct Harness
    {
        VaultController controller;
        MainWindow window{controller};
        AuditPage* page = nullptr;
    };

    bool open(Harness& h)
    {
        h.window.show();
        if (!QTest::qWaitForWindowExposed(&h.window)) {
            return false;
        }
        h.controller.unlockVault(m_path, password());
        if (!QTest::qWaitFor([&] { return h.controller.isUnlocked(); })) {
            return false;
        }
        auto* navigation = child<QListWidget>(&h.window, "navigationListWidget");
        navigation->setCurrentItem(navigation->findItems(QStringLiteral("Audit"), Qt::MatchExactly).value(0));
        h.page = child<AuditPage>(&h.window, "auditPage");
        return h.page && QTest::qWaitFor([&] { return h.page->model()->rowCount() == 4; });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(initUiTestEnvironment(m_dir));
        m_path = m_dir.filePath(QStringLiteral("audited.tessera"));
        auto vault = createVault(m_path);
        QVERIFY(vault);
        // As `vault create` and the GUI do: the example roles are seeded (one role.seed entry).
        QVERIFY(Directory::open(*vault).has_value());
        QVERIFY(vault->setSetting(QStringLiteral("session.idle_minutes"), QStringLiteral("9")).has_value());
        QVERIFY(vault->setSetting(QStringLiteral("session.max_hours"), QStringLiteral("4")).has_value());
    }

    void listsEveryEntryNewestFirst()
    {
        Harness h;
        QVERIFY(open(h));
        auto* table = child<QTableView>(h.page, "auditTableView");
        QVERIFY(table->isVisible());
        QCOMPARE(table->model()->rowCount(), 4);
        QCOMPARE(child<QLabel>(h.page, "auditCountLabel")->text(), QStringLiteral("4 of 4 entries"));
        const QModelIndex newest = table->model()->index(0, AuditTableModel::ActionColumn);
        const QModelIndex oldest = table->model()->index(3, AuditTableModel::ActionColumn);
        QCOMPARE(oldest.data().toString(), QStringLiteral("vault.create"));
        QCOMPARE(newest.data().toString(), QStringLiteral("settings.change"));
        QCOMPARE(table->model()->index(3, AuditTableModel::ViaColumn).data().toString(),
                 QStringLiteral("test"));
    }

    void theFilterNarrowsRowsAcrossColumns()
    {
        Harness h;
        QVERIFY(open(h));
        auto* filter = child<QLineEdit>(h.page, "auditFilterLineEdit");
        auto* table = child<QTableView>(h.page, "auditTableView");
        QTest::keyClicks(filter, QStringLiteral("IDLE"));
        QCOMPARE(table->model()->rowCount(), 1);
        QCOMPARE(table->model()->index(0, AuditTableModel::TargetColumn).data().toString(),
                 QStringLiteral("session.idle_minutes"));
        QCOMPARE(child<QLabel>(h.page, "auditCountLabel")->text(), QStringLiteral("1 of 4 entries"));

        typeInto(filter, QStringLiteral("no such thing"));
        QCOMPARE(table->model()->rowCount(), 0);
        QVERIFY(child<QLabel>(h.page, "auditEmptyLabel")->isVisible());
        QVERIFY(!table->isVisible());

        filter->clear();
        QCOMPARE(table->model()->rowCount(), 4);
        auto* actions = child<QComboBox>(h.page, "auditActionComboBox");
        QCOMPARE(actions->count(), 4); // all, role.seed, settings.change, vault.create
        actions->setCurrentIndex(actions->findText(QStringLiteral("vault.create")));
        QCOMPARE(table->model()->rowCount(), 1);
    }

    void exportWritesTheVisibleRowsAsCsvAndJson()
    {
        Harness h;
        QVERIFY(open(h));
        QTest::keyClicks(child<QLineEdit>(h.page, "auditFilterLineEdit"), QStringLiteral("settings"));

        const QString csvPath = m_dir.filePath(QStringLiteral("audit.csv"));
        FileDialogs::setNextFileName(csvPath);
        child<QAction>(h.page, "exportCsvAction")->trigger();
        const QList<QByteArray> lines = readAll(csvPath).trimmed().split('\n');
        QCOMPARE(lines.size(), 3); // header + two settings changes
        QVERIFY(lines.at(0).toLower().contains("action"));
        QVERIFY(lines.at(1).contains("settings.change"));
        QVERIFY(!readAll(csvPath).contains("vault.create"));

        const QString jsonPath = m_dir.filePath(QStringLiteral("audit.json"));
        FileDialogs::setNextFileName(jsonPath);
        child<QAction>(h.page, "exportJsonAction")->trigger();
        const QJsonDocument json = QJsonDocument::fromJson(readAll(jsonPath));
        QVERIFY(json.isArray());
        QCOMPARE(json.array().size(), 2);

        // Cancelling the file dialog writes nothing.
        const QString untouched = m_dir.filePath(QStringLiteral("never.csv"));
        child<QAction>(h.page, "exportCsvAction")->trigger();
        QVERIFY(!QFileInfo::exists(untouched));
    }

    void verifyChainReportsAnIntactTrail()
    {
        Harness h;
        QVERIFY(open(h));
        auto* status = child<QLabel>(h.page, "auditStatusLabel");
        QTest::mouseClick(child<QPushButton>(h.page, "verifyAuditButton"), Qt::LeftButton);
        QTRY_VERIFY(status->isVisible());
        QCOMPARE(status->text(), QStringLiteral("Chain verified: all 4 entries are authentic and in order."));
    }

    void verifyChainNamesTheFirstTamperedEntry()
    {
        const QString tampered = m_dir.filePath(QStringLiteral("tampered.tessera"));
        {
            auto vault = createVault(tampered);
            QVERIFY(vault);
            QVERIFY(vault->setSetting(QStringLiteral("a"), QStringLiteral("1")).has_value());
            QVERIFY(vault->setSetting(QStringLiteral("b"), QStringLiteral("2")).has_value());
            // What an outside SQLCipher tool could do with the key: rewrite history.
            QVERIFY(vault->database()
                        .exec("UPDATE audit_log SET summary = 'nothing happened' WHERE id = 2")
                        .has_value());
        }
        VaultController controller;
        MainWindow window(controller);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        controller.unlockVault(tampered, password());
        QTRY_VERIFY(controller.isUnlocked());
        auto* page = child<AuditPage>(&window, "auditPage");
        QTRY_VERIFY(page->model()->rowCount() >= 3);
        page->verifyChain();
        auto* status = child<QLabel>(page, "auditStatusLabel");
        QTRY_VERIFY(status->text().startsWith(QStringLiteral("Chain broken at entry 2")));
    }

    void timeSortsByMillisecondsNotText()
    {
        AuditTableModel model;
        std::vector<AuditEntry> entries(3);
        entries[0].atMs = 9'000'000'000'000; // 2255: longer digits, later time
        entries[1].atMs = 100'000'000'000;   // 1973
        entries[2].atMs = 1'700'000'000'000; // 2023
        for (std::size_t i = 0; i < entries.size(); ++i) {
            entries[i].id = static_cast<qint64>(i + 1);
            entries[i].action = QStringLiteral("a%1").arg(i);
        }
        model.setEntries(entries);
        AuditFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.sort(AuditTableModel::TimeColumn, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, AuditTableModel::ActionColumn).data().toString(), QStringLiteral("a1"));
        QCOMPARE(proxy.index(1, AuditTableModel::ActionColumn).data().toString(), QStringLiteral("a2"));
        QCOMPARE(proxy.index(2, AuditTableModel::ActionColumn).data().toString(), QStringLiteral("a0"));
        QCOMPARE(model.headerData(AuditTableModel::SummaryColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Summary"));
    }
};

QTEST_MAIN(TestAuditPage)
#include "TestAuditPage.moc"
