// tessera-cli audit list | verify: filters, formats and tamper detection.
#include "CliRunner.h"
#include "TestVault.h"
#include "common/Clock.h"
#include "crypto/CryptoRuntime.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace tessera;
using namespace tessera::test;

namespace {

qint64 utcMs(const char* iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toMSecsSinceEpoch();
}

} // namespace

class TestCliAudit : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_vault;

    CliRunner runner() const
    {
        CliRunner cli(m_dir.path());
        cli.setEnv(QStringLiteral("TESSERA_PASSWORD"), QString::fromLatin1(kPassword));
        // A local zone far from UTC (POSIX form, no tzdata needed), so reading a time as local shows.
        cli.setEnv(QStringLiteral("TZ"), QStringLiteral("EST+5"));
        return cli;
    }
    CliRun list(const QStringList& options, const QString& vault = {}) const
    {
        return runner().run(QStringList{QStringLiteral("--vault"), vault.isEmpty() ? m_vault : vault,
                                        QStringLiteral("audit"), QStringLiteral("list")} +
                            options);
    }
    static QList<qint64> ids(const CliRun& run)
    {
        QList<qint64> result;
        for (const QJsonValue& entry : run.json().value(QStringLiteral("entries")).toArray()) {
            result.append(entry.toObject().value(QStringLiteral("id")).toInteger());
        }
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(CryptoRuntime::initialise());
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo(CliRunner::program()).isExecutable(), "TESSERA_CLI must point at tessera-cli");
        // A vault whose entries have known times: 1 created 2020-01-01, then 2..4 below.
        m_vault = m_dir.filePath(QStringLiteral("audit.tessera"));
        ManualClock clock(utcMs("2020-01-01T00:00:00Z"));
        {
            auto vault = Vault::create(m_vault, password(), KdfParams::insecureTestParams(), actor(), clock);
            QVERIFY(vault);
        }
        auto vault = Vault::open(m_vault, password(), actor(), Vault::Access::ReadWrite, clock);
        QVERIFY(vault);
        AuditLog& audit = (*vault)->audit();
        clock.setMs(utcMs("2021-03-01T10:00:00Z"));
        QVERIFY(
            audit.append(QStringLiteral("user.add"), QStringLiteral("alice"), QStringLiteral("Added Alice"))
                .has_value());
        clock.setMs(utcMs("2022-06-15T12:30:00Z"));
        QVERIFY(audit
                    .append(QStringLiteral("user.delete"), QStringLiteral("bob"),
                            QStringLiteral("removed, \"quoted\""))
                    .has_value());
        clock.setMs(utcMs("2023-09-30T23:59:59Z"));
        QVERIFY(audit
                    .append(QStringLiteral("settings.change"), QStringLiteral("session.idle_minutes"),
                            QStringLiteral("5 -> 10"))
                    .has_value());
    }

    void listsNewestFirstAsJson()
    {
        const CliRun run = list({QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 0);
        const QJsonObject document = run.json();
        QCOMPARE(document.value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(document.value(QStringLiteral("count")).toInt(), 4);
        QCOMPARE(ids(run), (QList<qint64>{4, 3, 2, 1}));
        const QJsonObject newest = document.value(QStringLiteral("entries")).toArray().first().toObject();
        QCOMPARE(newest.value(QStringLiteral("action")).toString(), QStringLiteral("settings.change"));
        QCOMPARE(newest.value(QStringLiteral("target")).toString(), QStringLiteral("session.idle_minutes"));
        QCOMPARE(newest.value(QStringLiteral("summary")).toString(), QStringLiteral("5 -> 10"));
        QCOMPARE(newest.value(QStringLiteral("time")).toString(), QStringLiteral("2023-09-30T23:59:59.000Z"));
        QCOMPARE(newest.value(QStringLiteral("timeMs")).toInteger(), utcMs("2023-09-30T23:59:59Z"));
        QCOMPARE(newest.value(QStringLiteral("osUser")).toString(), QStringLiteral("tester"));
        QCOMPARE(newest.value(QStringLiteral("via")).toString(), QStringLiteral("test"));
    }

    void filters_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QList<qint64>>("expected");
        QTest::newRow("exact action")
            << QStringList{QStringLiteral("--action"), QStringLiteral("user.add")} << QList<qint64>{2};
        QTest::newRow("action prefix")
            << QStringList{QStringLiteral("--action"), QStringLiteral("user.")} << QList<qint64>{3, 2};
        QTest::newRow("unknown action")
            << QStringList{QStringLiteral("--action"), QStringLiteral("user")} << QList<qint64>{};
        QTest::newRow("search ignores case")
            << QStringList{QStringLiteral("--search"), QStringLiteral("ALICE")} << QList<qint64>{2};
        QTest::newRow("since date") << QStringList{QStringLiteral("--since"), QStringLiteral("2022-01-01")}
                                    << QList<qint64>{4, 3};
        QTest::newRow("since is inclusive")
            << QStringList{QStringLiteral("--since"), QStringLiteral("2022-06-15T12:30:00Z")}
            << QList<qint64>{4, 3};
        QTest::newRow("until is exclusive")
            << QStringList{QStringLiteral("--until"), QStringLiteral("2022-06-15T12:30:00Z")}
            << QList<qint64>{2, 1};
        // Entry 2 is at 10:00Z, which is 05:00 in the runner's zone: read as local time, it would be
        // included.
        QTest::newRow("no offset means UTC")
            << QStringList{QStringLiteral("--until"), QStringLiteral("2021-03-01T09:59:59")}
            << QList<qint64>{1};
        QTest::newRow("offset honoured")
            << QStringList{QStringLiteral("--until"), QStringLiteral("2021-03-01T11:00:00+01:00")}
            << QList<qint64>{1};
        QTest::newRow("unix seconds")
            << QStringList{QStringLiteral("--since"), QString::number(utcMs("2021-01-01T00:00:00Z") / 1000),
                           QStringLiteral("--until"), QString::number(utcMs("2023-01-01T00:00:00Z") / 1000)}
            << QList<qint64>{3, 2};
        QTest::newRow("limit keeps the newest")
            << QStringList{QStringLiteral("--limit"), QStringLiteral("2")} << QList<qint64>{4, 3};
        QTest::newRow("filters combine")
            << QStringList{QStringLiteral("--action"),   QStringLiteral("user."),   QStringLiteral("--since"),
                           QStringLiteral("2022-01-01"), QStringLiteral("--limit"), QStringLiteral("5")}
            << QList<qint64>{3};
        QTest::newRow("option=value form") << QStringList{QStringLiteral("--search=bob")} << QList<qint64>{3};
    }

    void filters()
    {
        QFETCH(QStringList, options);
        QFETCH(QList<qint64>, expected);
        const CliRun run = list(options + QStringList{QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(ids(run), expected);
        QCOMPARE(run.json().value(QStringLiteral("count")).toInt(), expected.size());
    }

    void tableHasAlignedColumns()
    {
        const CliRun run = list({});
        CLI_EXPECT_EXIT(run, 0);
        const QStringList lines = run.outText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 5); // header + 4 entries
        QVERIFY(lines.first().contains(QStringLiteral("ACTION")));
        const qsizetype actionColumn = lines.first().indexOf(QStringLiteral("ACTION"));
        const qsizetype summaryColumn = lines.first().indexOf(QStringLiteral("SUMMARY"));
        QCOMPARE(lines.at(1).indexOf(QStringLiteral("settings.change")), actionColumn);
        QCOMPARE(lines.at(2).indexOf(QStringLiteral("user.delete")), actionColumn);
        QCOMPARE(lines.at(4).indexOf(QStringLiteral("vault.create")), actionColumn);
        QCOMPARE(lines.at(1).indexOf(QStringLiteral("5 -> 10")), summaryColumn);
        QVERIFY(lines.at(1).contains(QStringLiteral("2023-09-30 23:59:59")));
    }

    void csvFormat()
    {
        const CliRun run = list({QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--limit"),
                                 QStringLiteral("3")});
        CLI_EXPECT_EXIT(run, 0);
        const QStringList rows = run.outText().split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows.at(0), QStringLiteral("id,time_utc,os_user,via,action,target,summary"));
        QVERIFY(
            rows.at(1).startsWith(QStringLiteral("4,2023-09-30T23:59:59.000Z,tester,test,settings.change,")));
        QCOMPARE(rows.at(2),
                 QStringLiteral(
                     "3,2022-06-15T12:30:00.000Z,tester,test,user.delete,bob,\"removed, \"\"quoted\"\"\""));
    }

    void jsonFormatIsABareArray()
    {
        const CliRun run = list({QStringLiteral("--format"), QStringLiteral("json")});
        CLI_EXPECT_EXIT(run, 0);
        const QJsonDocument document = QJsonDocument::fromJson(run.out);
        QVERIFY(document.isArray());
        QCOMPARE(document.array().size(), 4);
        QCOMPARE(document.array().at(0).toObject().value(QStringLiteral("id")).toInt(), 4);
    }

    void jsonFlagWinsOverFormat()
    {
        const CliRun run =
            list({QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(run.json().value(QStringLiteral("count")).toInt(), 4);
    }

    void badListOptionsAreUsageErrors_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::newRow("since") << QStringList{QStringLiteral("--since"), QStringLiteral("last tuesday")};
        QTest::newRow("until") << QStringList{QStringLiteral("--until"), QStringLiteral("2024-13-45")};
        QTest::newRow("limit zero") << QStringList{QStringLiteral("--limit"), QStringLiteral("0")};
        QTest::newRow("limit text") << QStringList{QStringLiteral("--limit"), QStringLiteral("many")};
        QTest::newRow("format") << QStringList{QStringLiteral("--format"), QStringLiteral("xml")};
        QTest::newRow("twice") << QStringList{QStringLiteral("--limit"), QStringLiteral("1"),
                                              QStringLiteral("--limit"), QStringLiteral("2")};
    }

    void badListOptionsAreUsageErrors()
    {
        QFETCH(QStringList, options);
        const CliRun run = list(options + QStringList{QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 2);
        QCOMPARE(
            run.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("kind")).toString(),
            QStringLiteral("usage"));
    }

    void verifyAcceptsAnIntactChain()
    {
        const CliRun run = runner().run({QStringLiteral("--vault"), m_vault, QStringLiteral("audit"),
                                         QStringLiteral("verify"), QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(QStringLiteral("intact")).toBool(), true);
        QCOMPARE(run.json().value(QStringLiteral("entriesChecked")).toInt(), 4);
        QVERIFY(run.json().value(QStringLiteral("firstBadId")).isNull());
    }

    void verifyNamesTheFirstAlteredEntry()
    {
        const QString copy = m_dir.filePath(QStringLiteral("tampered.tessera"));
        QVERIFY(QFile::copy(m_vault, copy));
        {
            auto vault = openVault(copy);
            QVERIFY(vault);
            QVERIFY(
                vault->database().exec("UPDATE audit_log SET target = 'mallory' WHERE id = 3").has_value());
        }
        const QByteArray before = readAll(copy);
        CliRun run = runner().run({QStringLiteral("--vault"), copy, QStringLiteral("audit"),
                                   QStringLiteral("verify"), QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 1);
        const QJsonObject report = run.json();
        QCOMPARE(report.value(QStringLiteral("ok")).toBool(), false);
        QCOMPARE(report.value(QStringLiteral("intact")).toBool(), false);
        QCOMPARE(report.value(QStringLiteral("firstBadId")).toInt(), 3);
        QCOMPARE(report.value(QStringLiteral("entriesChecked")).toInt(), 2);
        QVERIFY(!report.value(QStringLiteral("problem")).toString().isEmpty());
        QCOMPARE(report.value(QStringLiteral("error")).toObject().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("tampered"));
        QVERIFY(run.errText().contains(QStringLiteral("entry 3")));
        QCOMPARE(readAll(copy), before); // verification is read-only

        run = runner().run(
            {QStringLiteral("--vault"), copy, QStringLiteral("audit"), QStringLiteral("verify")});
        CLI_EXPECT_EXIT(run, 1);
        QVERIFY(run.outText().contains(QStringLiteral("BROKEN at entry 3")));
    }

    void verifyDetectsARemovedNewestEntry()
    {
        const QString copy = m_dir.filePath(QStringLiteral("truncated-chain.tessera"));
        QVERIFY(QFile::copy(m_vault, copy));
        {
            auto vault = openVault(copy);
            QVERIFY(vault);
            QVERIFY(vault->database().exec("DELETE FROM audit_log WHERE id = 4").has_value());
        }
        const CliRun run = runner().run({QStringLiteral("--vault"), copy, QStringLiteral("audit"),
                                         QStringLiteral("verify"), QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 1);
        QCOMPARE(run.json().value(QStringLiteral("intact")).toBool(), false);
        QVERIFY(run.json().value(QStringLiteral("firstBadId")).isNull());
    }

    void listingDoesNotWriteTheVault()
    {
        const QByteArray before = readAll(m_vault);
        CLI_EXPECT_EXIT(list({}), 0);
        QCOMPARE(readAll(m_vault), before);
    }
};

QTEST_GUILESS_MAIN(TestCliAudit)
#include "TestCliAudit.moc"
