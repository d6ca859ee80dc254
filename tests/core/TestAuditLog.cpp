#include "TestVault.h"

#include "audit/AuditExport.h"
#include "crypto/CryptoRuntime.h"
#include "crypto/PasswordKdf.h"
#include "vault/Transaction.h"
#include "vault/VaultHeader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tessera;
using namespace tessera::test;

class TestAuditLog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    static constexpr qint64 kStartMs = 1'700'000'000'000;
    ManualClock m_clock{kStartMs};

    // A vault with `count` entries besides vault.create, made with the manual clock.
    QString makeVault(const QString& name, int count)
    {
        const QString file = m_dir.filePath(name);
        m_clock.setMs(kStartMs);
        auto vault = Vault::create(file, password(), KdfParams::insecureTestParams(), actor(), m_clock);
        if (!vault) {
            return {};
        }
        auto tx = Transaction::begin((*vault)->database()); // one fsync, not one per entry
        for (int i = 1; i <= count; ++i) {
            m_clock.advanceMs(1000);
            (void)(*vault)->audit().append(i % 2 ? QStringLiteral("user.add") : QStringLiteral("role.grant"),
                                           QStringLiteral("alice%1").arg(i), QStringLiteral("change %1").arg(i));
        }
        return tx && tx->commit() ? file : QString();
    }

    // Tampers the way an attacker with the password and the stock sqlcipher shell would.
    static void tamperWithSqlcipherShell(const QString& file, const QByteArray& sql)
    {
        const QString shell = QStandardPaths::findExecutable(QStringLiteral("sqlcipher"));
        QVERIFY2(!shell.isEmpty(), "the sqlcipher shell (Debian package sqlcipher) is required");
        auto header = VaultHeader::readFrom(file);
        QVERIFY(header);
        auto key = PasswordKdf::derive(password(), header->bytes(), header->kdf());
        QVERIFY(key);
        const SecretBuffer spec = header->sqlCipherKeySpec(*key);
        QProcess process;
        process.start(shell, {file});
        QVERIFY(process.waitForStarted());
        process.write("PRAGMA key = \"" + QByteArray(spec.chars(), qsizetype(spec.size())) + "\";\n" + sql + "\n");
        process.closeWriteChannel();
        QVERIFY(process.waitForFinished());
        QCOMPARE(process.exitCode(), 0);
        QVERIFY2(process.readAllStandardError().isEmpty(), "sqlcipher shell reported an error");
    }

    static AuditVerifyReport verifyFile(const QString& file)
    {
        auto vault = Vault::open(file, password(), actor(), Vault::Access::ReadOnly);
        if (!vault) {
            return AuditVerifyReport{false, 0, -1, vault.error().message};
        }
        auto report = (*vault)->audit().verify();
        return report ? *report : AuditVerifyReport{false, 0, -1, report.error().message};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(CryptoRuntime::initialise());
        QVERIFY(m_dir.isValid());
    }

    void appendRecordsActorTimeAndOrder()
    {
        const QString file = makeVault(QStringLiteral("order.tessera"), 3);
        auto vault = openVault(file);
        QVERIFY(vault);
        auto entries = vault->audit().list();
        QVERIFY(entries);
        QCOMPARE(entries->size(), std::size_t{4});
        QCOMPARE(entries->front().id, qint64{4}); // newest first
        QCOMPARE(entries->back().action, QStringLiteral("vault.create"));
        QCOMPARE(entries->front().atMs, qint64{1'700'000'003'000});
        QCOMPARE(entries->front().osUser, QStringLiteral("tester"));
        QCOMPARE(entries->front().via, QStringLiteral("test"));
    }

    void filtersByActionTextAndTime()
    {
        const QString file = makeVault(QStringLiteral("filter.tessera"), 6);
        auto vault = openVault(file);
        QVERIFY(vault);
        AuditFilter byAction;
        byAction.action = QStringLiteral("user.add");
        QCOMPARE(vault->audit().list(byAction)->size(), std::size_t{3});
        AuditFilter byPrefix;
        byPrefix.action = QStringLiteral("role.");
        QCOMPARE(vault->audit().list(byPrefix)->size(), std::size_t{3});
        AuditFilter byText;
        byText.text = QStringLiteral("ALICE5");
        auto found = vault->audit().list(byText);
        QCOMPARE(found->size(), std::size_t{1});
        QCOMPARE(found->front().target, QStringLiteral("alice5"));
        AuditFilter byTime;
        byTime.fromMs = 1'700'000'002'000;
        byTime.toMs = byTime.fromMs + 2000;
        QCOMPARE(vault->audit().list(byTime)->size(), std::size_t{2});
        AuditFilter limited;
        limited.limit = 2;
        QCOMPARE(vault->audit().list(limited)->size(), std::size_t{2});
    }

    void untouchedChainVerifies()
    {
        const QString file = makeVault(QStringLiteral("clean.tessera"), 20);
        const AuditVerifyReport report = verifyFile(file);
        QVERIFY2(report.ok, qPrintable(report.problem));
        QCOMPARE(report.entriesChecked, qint64{21});
    }

    void tamperingIsDetected_data()
    {
        QTest::addColumn<QByteArray>("sql");
        QTest::addColumn<qint64>("firstBadId");
        QTest::newRow("edited summary") << QByteArray("UPDATE audit_log SET summary = 'nothing to see' WHERE id = 5;")
                                        << qint64{5};
        QTest::newRow("edited time") << QByteArray("UPDATE audit_log SET at_ms = at_ms + 1 WHERE id = 3;") << qint64{3};
        QTest::newRow("removed middle") << QByteArray("DELETE FROM audit_log WHERE id = 4;") << qint64{5};
        QTest::newRow("removed tail") << QByteArray("DELETE FROM audit_log WHERE id >= 9;") << qint64{0};
        QTest::newRow("reordered") << QByteArray("UPDATE audit_log SET id = 100 WHERE id = 6;"
                                                 "UPDATE audit_log SET id = 6 WHERE id = 7;"
                                                 "UPDATE audit_log SET id = 7 WHERE id = 100;")
                                   << qint64{6};
        QTest::newRow("forged entry appended")
            << QByteArray("INSERT INTO audit_log SELECT 11, at_ms, os_user, via, action, target, summary, mac "
                          "FROM audit_log WHERE id = 10;")
            << qint64{11};
    }

    void tamperingIsDetected()
    {
        QFETCH(QByteArray, sql);
        QFETCH(qint64, firstBadId);
        const QString file = makeVault(QStringLiteral("tamper-%1.tessera").arg(QString::fromLatin1(QTest::currentDataTag())).replace(u' ', u'-'), 9);
        QVERIFY(verifyFile(file).ok);
        tamperWithSqlcipherShell(file, sql);
        const AuditVerifyReport report = verifyFile(file);
        QVERIFY(!report.ok);
        QCOMPARE(report.firstBadId, firstBadId);
        QVERIFY(!report.problem.isEmpty());
    }

    void checkReportsAuditTampering()
    {
        const QString file = makeVault(QStringLiteral("check.tessera"), 3);
        tamperWithSqlcipherShell(file, "UPDATE audit_log SET target = 'mallory' WHERE id = 2;");
        auto vault = openVault(file);
        QVERIFY(vault);
        auto report = vault->check();
        QVERIFY(report);
        QVERIFY(report->integrityProblems.isEmpty());
        QVERIFY(!report->ok());
        QCOMPARE(report->audit.firstBadId, qint64{2});
    }

    void verifyCanBeCancelled()
    {
        const QString file = makeVault(QStringLiteral("cancel.tessera"), 5000);
        auto vault = openVault(file);
        QVERIFY(vault);
        int calls = 0;
        auto result = vault->audit().verify([&](qint64, qint64) { return ++calls < 1; });
        QVERIFY(!result);
        QCOMPARE(result.error().kind, ErrorKind::Cancelled);
    }

    void csvExportQuotesAndNeutralisesFormulas()
    {
        std::vector<AuditEntry> entries{{1, 0, QStringLiteral("root"), QStringLiteral("cli"), QStringLiteral("a.b"),
                                         QStringLiteral("=HYPERLINK(\"x\")"), QStringLiteral("line1\nline2, \"q\"")}};
        const QByteArray csv = AuditExport::toCsv(entries);
        QVERIFY(csv.startsWith("id,time_utc,os_user,via,action,target,summary\r\n"));
        QVERIFY(csv.contains("1,1970-01-01T00:00:00.000Z,root,cli,a.b,"));
        QVERIFY(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""));
        QVERIFY(csv.contains("\"line1\nline2, \"\"q\"\"\""));
        const QJsonArray json = QJsonDocument::fromJson(AuditExport::toJson(entries)).array();
        QCOMPARE(json.size(), 1);
        QCOMPARE(json.at(0)[QStringLiteral("target")].toString(), QStringLiteral("=HYPERLINK(\"x\")"));
        QCOMPARE(json.at(0)[QStringLiteral("id")].toInteger(), qint64{1});
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "TestAuditLog.moc"
