#include "TestVault.h"

#include "crypto/CryptoRuntime.h"
#include "vault/Database.h"
#include "vault/Migrations.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tessera;

class TestMigrations : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    Result<Database> freshDatabase(const QString& name)
    {
        return Database::open(m_dir.filePath(name), Database::Mode::Create);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(CryptoRuntime::initialise());
        QVERIFY(m_dir.isValid());
    }

    void historyIsAppendOnlyAndIncreasing()
    {
        int previous = 0;
        for (const MigrationStep& step : Migrations::steps()) {
            QCOMPARE(step.version, previous + 1);
            previous = step.version;
        }
        QCOMPARE(Migrations::latestVersion(), previous);
    }

    void appliesOnlyMissingSteps()
    {
        auto db = freshDatabase(QStringLiteral("steps.db"));
        QVERIFY(db);
        const MigrationStep steps[] = {{1, "one", "CREATE TABLE a(x);"},
                                       {2, "two", "CREATE TABLE b(x);"},
                                       {3, "three", "CREATE TABLE c(x);"}};
        QVERIFY(Migrations::apply(*db, 0, std::span(steps, 2)).has_value());
        QCOMPARE(*db->queryInt("PRAGMA user_version"), qint64{2});
        QVERIFY(Migrations::apply(*db, 2, steps).has_value());
        QCOMPARE(*db->queryInt("PRAGMA user_version"), qint64{3});
        QCOMPARE(*db->queryInt("SELECT count(*) FROM sqlite_master WHERE type = 'table'"), qint64{3});
    }

    void failingStepRollsBackToTheLastWholeVersion()
    {
        auto db = freshDatabase(QStringLiteral("failing.db"));
        QVERIFY(db);
        const MigrationStep steps[] = {{1, "one", "CREATE TABLE a(x);"},
                                       {2, "broken", "CREATE TABLE b(x); INSERT INTO nowhere VALUES (1);"}};
        auto result = Migrations::apply(*db, 0, steps);
        QVERIFY(!result);
        QVERIFY(result.error().message.contains(QStringLiteral("version 2")));
        QCOMPARE(*db->queryInt("PRAGMA user_version"), qint64{1});
        QCOMPARE(*db->queryInt("SELECT count(*) FROM sqlite_master WHERE name = 'b'"), qint64{0});
    }

    // Vaults written by every released schema version must keep opening. Each fixture under tests/data
    // was made by `tessera-cli vault create --kdf-test-insecure` of the version that introduced it.
    void olderVaultIsBackedUpThenUpgraded_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<int>("fromVersion");
        QTest::newRow("schema v1") << QStringLiteral("vault-schema-v1.tessera") << QByteArray("fixture password v1") << 1;
    }

    void olderVaultIsBackedUpThenUpgraded()
    {
        QFETCH(QString, fixture);
        QFETCH(QByteArray, password);
        QFETCH(int, fromVersion);
        const QString source = qEnvironmentVariable("TESSERA_SOURCE_DIR") + QStringLiteral("/tests/data/") + fixture;
        const QString file = m_dir.filePath(fixture);
        QVERIFY(QFile::copy(source, file));
        QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner);
        const QByteArray original = test::readAll(file);

        // Read-only access never upgrades.
        auto readOnly = Vault::open(file, test::password(password.constData()), test::actor(), Vault::Access::ReadOnly);
        QVERIFY(!readOnly);
        QCOMPARE(readOnly.error().kind, ErrorKind::ReadOnly);
        QCOMPARE(test::readAll(file), original);

        auto vault = test::openVault(file, password.constData());
        QVERIFY(vault);
        QCOMPARE(vault->info()->schemaVersion, Migrations::latestVersion());
        const QString backup = file + QStringLiteral(".schema-v%1.bak").arg(fromVersion);
        QCOMPARE(test::readAll(backup), original);
        auto entries = vault->audit().list();
        QVERIFY(entries);
        QCOMPARE(entries->front().action, QStringLiteral("vault.upgrade"));
        auto report = vault->check();
        QVERIFY(report);
        QVERIFY2(report->ok(), qPrintable(report->audit.problem + report->integrityProblems.join(u';')));
    }

    void currentVaultOpensAtLatestVersion()
    {
        const QString file = m_dir.filePath(QStringLiteral("latest.tessera"));
        auto vault = test::createVault(file);
        QVERIFY(vault);
        QCOMPARE(vault->info()->schemaVersion, Migrations::latestVersion());
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "TestMigrations.moc"
