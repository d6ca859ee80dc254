// tessera-cli vault create | info | check | change-password | backup, run as a separate process.
#include "CliRunner.h"
#include "TestVault.h"
#include "crypto/CryptoRuntime.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace tessera;
using namespace tessera::test;

class TestCliVault : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const QString& name) const { return m_dir.filePath(name); }
    CliRunner runner(const QString& pw = QString::fromLatin1(kPassword)) const
    {
        CliRunner cli(m_dir.path());
        if (!pw.isEmpty()) {
            cli.setEnv(QStringLiteral("TESSERA_PASSWORD"), pw);
        }
        return cli;
    }
    // A fresh vault made by the CLI itself, with the fast test KDF.
    QString createWithCli(const QString& name) const
    {
        const QString file = path(name);
        const CliRun run = runner().run({QStringLiteral("--vault"), file, QStringLiteral("vault"),
                                         QStringLiteral("create"), QStringLiteral("--kdf-test-insecure")});
        return run.exitCode == 0 ? file : QString();
    }
    static QStringList args(const QString& vault, QStringList rest)
    {
        rest.prepend(vault);
        rest.prepend(QStringLiteral("--vault"));
        return rest;
    }
    // The contract: a failure is exactly one "tessera-cli: error: ..." line on stderr.
    static bool isOneErrorLine(const CliRun& run)
    {
        const QString err = run.errText();
        return err.startsWith(QStringLiteral("tessera-cli: error: ")) && err.endsWith(QLatin1Char('\n')) &&
               err.count(QLatin1Char('\n')) == 1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(CryptoRuntime::initialise());
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo(CliRunner::program()).isExecutable(), "TESSERA_CLI must point at tessera-cli");
    }

    void createInfoCheckBackupChangePasswordRoundTrip()
    {
        const QString file = path(QStringLiteral("roundtrip.tessera"));
        const QString backup = path(QStringLiteral("roundtrip-backup.tessera"));
        CliRun run =
            runner().run(args(file, {QStringLiteral("vault"), QStringLiteral("create"),
                                     QStringLiteral("--kdf-test-insecure"), QStringLiteral("--json")}));
        CLI_EXPECT_EXIT(run, 0);
        QJsonObject created = run.json();
        QCOMPARE(created.value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(created.value(QStringLiteral("path")).toString(), file);
        QVERIFY(!created.value(QStringLiteral("vaultId")).toString().isEmpty());
        QCOMPARE(created.value(QStringLiteral("kdf")).toObject().value(QStringLiteral("passes")).toInt(), 1);
        QVERIFY(QFileInfo::exists(file));

        run = runner().run(
            args(file, {QStringLiteral("vault"), QStringLiteral("info"), QStringLiteral("--json")}));
        CLI_EXPECT_EXIT(run, 0);
        const QJsonObject info = run.json();
        QCOMPARE(info.value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(info.value(QStringLiteral("path")).toString(), file);
        QCOMPARE(info.value(QStringLiteral("vaultId")).toString(),
                 created.value(QStringLiteral("vaultId")).toString());
        QCOMPARE(info.value(QStringLiteral("formatVersion")).toInt(), 1);
        QVERIFY(info.value(QStringLiteral("schemaVersion")).toInt() >= 1);
        const QJsonObject kdf = info.value(QStringLiteral("kdf")).toObject();
        QCOMPARE(kdf.value(QStringLiteral("algorithm")).toString(), QStringLiteral("argon2id"));
        QCOMPARE(kdf.value(QStringLiteral("passes")).toInt(), 1);
        QCOMPARE(kdf.value(QStringLiteral("memoryBytes")).toInteger(), 8192);
        QCOMPARE(info.value(QStringLiteral("fileBytes")).toInteger(), QFileInfo(file).size());
        QCOMPARE(info.value(QStringLiteral("fileBytes")).toInteger(),
                 info.value(QStringLiteral("pageSize")).toInteger() *
                     info.value(QStringLiteral("pageCount")).toInteger());
        // vault.create, and role.seed for the example roles a new vault offers.
        QCOMPARE(info.value(QStringLiteral("auditEntries")).toInt(), 2);
        const QDateTime createdAt =
            QDateTime::fromString(info.value(QStringLiteral("createdAt")).toString(), Qt::ISODate);
        QVERIFY(createdAt.isValid());
        QCOMPARE(createdAt.timeSpec(), Qt::UTC);
        QCOMPARE(createdAt.toMSecsSinceEpoch() / 1000,
                 info.value(QStringLiteral("createdAtMs")).toInteger() / 1000);
        QVERIFY2(!run.outText().contains(QString::fromLatin1(kPassword)), "info must never print a secret");

        run = runner().run(args(file, {QStringLiteral("vault"), QStringLiteral("check")}));
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(run.outText().contains(QStringLiteral("Integrity: ok")));

        run = runner().run(args(file, {QStringLiteral("vault"), QStringLiteral("backup"), backup}));
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(QFileInfo::exists(backup));

        CliRunner change = runner();
        change.setEnv(QStringLiteral("TESSERA_NEW_PASSWORD"), QStringLiteral("a new passphrase"));
        run = change.run(args(file, {QStringLiteral("vault"), QStringLiteral("change-password"),
                                     QStringLiteral("--kdf-test-insecure"), QStringLiteral("--json")}));
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(QStringLiteral("ok")).toBool(), true);

        // The old password no longer opens the vault; the new one does; the earlier backup keeps the old one.
        run = runner().run(
            args(file, {QStringLiteral("vault"), QStringLiteral("info"), QStringLiteral("--json")}));
        CLI_EXPECT_EXIT(run, 3);
        QCOMPARE(
            run.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("kind")).toString(),
            QStringLiteral("wrong-password"));
        run =
            runner(QStringLiteral("a new passphrase"))
                .run(args(file, {QStringLiteral("vault"), QStringLiteral("info"), QStringLiteral("--json")}));
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(QStringLiteral("vaultId")), created.value(QStringLiteral("vaultId")));
        QCOMPARE(run.json().value(QStringLiteral("auditEntries")).toInt(),
                 4); // create, role.seed, backup, change-password
        run = runner().run(args(backup, {QStringLiteral("vault"), QStringLiteral("check")}));
        CLI_EXPECT_EXIT(run, 0);
        run = runner(QStringLiteral("a new passphrase"))
                  .run(args(backup, {QStringLiteral("vault"), QStringLiteral("info")}));
        CLI_EXPECT_EXIT(run, 3);
    }

    void wrongPasswordExitsThreeAndLeavesTheFileAlone_data()
    {
        QTest::addColumn<QStringList>("command");
        QTest::newRow("info") << QStringList{QStringLiteral("vault"), QStringLiteral("info")};
        QTest::newRow("check") << QStringList{QStringLiteral("vault"), QStringLiteral("check")};
        QTest::newRow("backup") << QStringList{QStringLiteral("vault"), QStringLiteral("backup"),
                                               QStringLiteral("never-written.tessera")};
        QTest::newRow("change-password")
            << QStringList{QStringLiteral("vault"), QStringLiteral("change-password"),
                           QStringLiteral("--kdf-test-insecure")};
        QTest::newRow("audit list") << QStringList{QStringLiteral("audit"), QStringLiteral("list")};
        QTest::newRow("audit verify") << QStringList{QStringLiteral("audit"), QStringLiteral("verify")};
    }

    void wrongPasswordExitsThreeAndLeavesTheFileAlone()
    {
        QFETCH(QStringList, command);
        QString name = QStringLiteral("wrong-%1.tessera").arg(QString::fromLatin1(QTest::currentDataTag()));
        const QString file = createWithCli(name.replace(QLatin1Char(' '), QLatin1Char('-')));
        QVERIFY(!file.isEmpty());
        const QByteArray before = readAll(file);
        CliRunner cli = runner(QStringLiteral("not the password"));
        cli.setEnv(QStringLiteral("TESSERA_NEW_PASSWORD"), QStringLiteral("whatever"));
        const CliRun run = cli.run(args(file, command));
        CLI_EXPECT_EXIT(run, 3);
        QVERIFY2(isOneErrorLine(run), run.err.constData());
        QVERIFY(run.errText().contains(QStringLiteral("wrong master password")));
        QCOMPARE(readAll(file), before);
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("never-written.tessera"))));
    }

    void notAVaultIsRefusedWithoutTouchingIt()
    {
        const QString file = path(QStringLiteral("notes.txt"));
        QByteArray bytes;
        for (int i = 0; i < 512; ++i) {
            bytes += "not a vault, just text\n";
        }
        writeAll(file, bytes);
        // No password source at all: the header is read first, so the answer is still "not a vault".
        const CliRun run =
            CliRunner(m_dir.path())
                .run(args(file, {QStringLiteral("vault"), QStringLiteral("info"), QStringLiteral("--json")}));
        CLI_EXPECT_EXIT(run, 3);
        QCOMPARE(
            run.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("kind")).toString(),
            QStringLiteral("not-a-vault"));
        QCOMPARE(readAll(file), bytes);
    }

    void missingVaultFileExitsThree()
    {
        const CliRun run = runner().run(
            args(path(QStringLiteral("absent.tessera")), {QStringLiteral("vault"), QStringLiteral("info")}));
        CLI_EXPECT_EXIT(run, 3);
        QVERIFY(isOneErrorLine(run));
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("absent.tessera"))));
    }

    void createInMissingFolderExitsThree()
    {
        const QString file = path(QStringLiteral("no-such-folder/v.tessera"));
        const CliRun run =
            runner().run(args(file, {QStringLiteral("vault"), QStringLiteral("create"),
                                     QStringLiteral("--kdf-test-insecure"), QStringLiteral("--json")}));
        CLI_EXPECT_EXIT(run, 3);
        QCOMPARE(
            run.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("kind")).toString(),
            QStringLiteral("io"));
        QVERIFY(run.errText().contains(QStringLiteral("no-such-folder")));
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("no-such-folder"))));
    }

    void createRefusesAnExistingFile()
    {
        const QString file = createWithCli(QStringLiteral("existing.tessera"));
        QVERIFY(!file.isEmpty());
        const QByteArray before = readAll(file);
        const CliRun run =
            runner(QStringLiteral("other password"))
                .run(args(file, {QStringLiteral("vault"), QStringLiteral("create"),
                                 QStringLiteral("--kdf-test-insecure"), QStringLiteral("--json")}));
        CLI_EXPECT_EXIT(run, 2);
        QCOMPARE(
            run.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("kind")).toString(),
            QStringLiteral("conflict"));
        QCOMPARE(readAll(file), before);
    }

    void createMakesOnlyTheDefaultDataFolder()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        CliRunner cli(home.path()); // XDG_DATA_HOME = <home>/xdg-data, which does not exist yet
        cli.setEnv(QStringLiteral("TESSERA_PASSWORD"), QString::fromLatin1(kPassword));
        const CliRun run = cli.run({QStringLiteral("vault"), QStringLiteral("create"),
                                    QStringLiteral("--kdf-test-insecure"), QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 0);
        const QString expected = home.filePath(QStringLiteral("xdg-data/tessera/vault.tessera"));
        QCOMPARE(run.json().value(QStringLiteral("path")).toString(), expected);
        QVERIFY(QFileInfo::exists(expected));
        const QFileInfo folder(home.filePath(QStringLiteral("xdg-data/tessera")));
        QCOMPARE(folder.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());

        // $TESSERA_VAULT is honoured when --vault is absent.
        CliRunner viaEnv(home.path());
        viaEnv.setEnv(QStringLiteral("TESSERA_PASSWORD"), QString::fromLatin1(kPassword));
        viaEnv.setEnv(QStringLiteral("TESSERA_VAULT"), expected);
        CLI_EXPECT_EXIT(viaEnv.run({QStringLiteral("vault"), QStringLiteral("info")}), 0);
    }

    void createTunesTheKdfToATarget()
    {
        const QString file = path(QStringLiteral("tuned.tessera"));
        const CliRun run = runner().run(
            args(file, {QStringLiteral("vault"), QStringLiteral("create"), QStringLiteral("--kdf-ms"),
                        QStringLiteral("100"), QStringLiteral("--json")}));
        CLI_EXPECT_EXIT(run, 0);
        const QJsonObject kdf = run.json().value(QStringLiteral("kdf")).toObject();
        QCOMPARE(kdf.value(QStringLiteral("memoryBytes")).toInteger(), qint64{64} * 1024 * 1024);
        QVERIFY(kdf.value(QStringLiteral("passes")).toInt() >= 1);
    }

    void createRejectsBadKdfOptions_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::newRow("both") << QStringList{QStringLiteral("--kdf-ms"), QStringLiteral("500"),
                                             QStringLiteral("--kdf-test-insecure")};
        QTest::newRow("not a number") << QStringList{QStringLiteral("--kdf-ms"), QStringLiteral("fast")};
        QTest::newRow("too small") << QStringList{QStringLiteral("--kdf-ms"), QStringLiteral("5")};
        QTest::newRow("missing value") << QStringList{QStringLiteral("--kdf-ms")};
    }

    void createRejectsBadKdfOptions()
    {
        QFETCH(QStringList, options);
        const QString file = path(QStringLiteral("badkdf.tessera"));
        const CliRun run = runner().run(
            args(file, QStringList{QStringLiteral("vault"), QStringLiteral("create")} + options));
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY(isOneErrorLine(run));
        QVERIFY(!QFileInfo::exists(file));
    }

    void backupRefusesToOverwriteUnlessForced()
    {
        const QString file = createWithCli(QStringLiteral("backup-source.tessera"));
        QVERIFY(!file.isEmpty());
        const QString out = path(QStringLiteral("backup-target.tessera"));
        writeAll(out, "precious");
        CliRun run = runner().run(
            args(file, {QStringLiteral("vault"), QStringLiteral("backup"), out, QStringLiteral("--json")}));
        CLI_EXPECT_EXIT(run, 2);
        QCOMPARE(
            run.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("kind")).toString(),
            QStringLiteral("conflict"));
        QCOMPARE(readAll(out), QByteArray("precious"));

        run = runner().run(args(file, {QStringLiteral("vault"), QStringLiteral("backup"), out,
                                       QStringLiteral("--force"), QStringLiteral("--json")}));
        CLI_EXPECT_EXIT(run, 0);
        const QJsonObject done = run.json();
        QCOMPARE(done.value(QStringLiteral("backupPath")).toString(), out);
        QCOMPARE(done.value(QStringLiteral("fileBytes")).toInteger(), QFileInfo(out).size());
        CLI_EXPECT_EXIT(runner().run(args(out, {QStringLiteral("audit"), QStringLiteral("verify")})), 0);

        // The backup is recorded in the source vault's audit trail.
        run = runner().run(
            args(file, {QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--action"),
                        QStringLiteral("vault.backup"), QStringLiteral("--json")}));
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(QStringLiteral("count")).toInt(), 1);
    }

    void backupIntoMissingFolderExitsThree()
    {
        const QString file = createWithCli(QStringLiteral("backup-nofolder.tessera"));
        QVERIFY(!file.isEmpty());
        const CliRun run = runner().run(args(file, {QStringLiteral("vault"), QStringLiteral("backup"),
                                                    path(QStringLiteral("gone/out.tessera"))}));
        CLI_EXPECT_EXIT(run, 3);
    }

    void checkReportsATamperedAuditTrail()
    {
        const QString file = createWithCli(QStringLiteral("tampered-check.tessera"));
        QVERIFY(!file.isEmpty());
        {
            auto vault = openVault(file);
            QVERIFY(vault);
            QVERIFY(vault->audit()
                        .append(QStringLiteral("test.one"), QStringLiteral("a"), QStringLiteral("first"))
                        .has_value());
            QVERIFY(vault->audit()
                        .append(QStringLiteral("test.two"), QStringLiteral("b"), QStringLiteral("second"))
                        .has_value());
            // What an outside SQLCipher tool could do with the key: rewrite history.
            QVERIFY(vault->database()
                        .exec("UPDATE audit_log SET summary = 'nothing happened' WHERE id = 2")
                        .has_value());
        }
        const CliRun run = runner().run(
            args(file, {QStringLiteral("vault"), QStringLiteral("check"), QStringLiteral("--json")}));
        CLI_EXPECT_EXIT(run, 1);
        const QJsonObject report = run.json();
        QCOMPARE(report.value(QStringLiteral("ok")).toBool(), false);
        QCOMPARE(report.value(QStringLiteral("healthy")).toBool(), false);
        QCOMPARE(report.value(QStringLiteral("error")).toObject().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("check-failed"));
        QCOMPARE(report.value(QStringLiteral("integrity")).toObject().value(QStringLiteral("ok")).toBool(),
                 true);
        const QJsonObject audit = report.value(QStringLiteral("audit")).toObject();
        QCOMPARE(audit.value(QStringLiteral("intact")).toBool(), false);
        QCOMPARE(audit.value(QStringLiteral("firstBadId")).toInt(), 2);

        const CliRun text = runner().run(args(file, {QStringLiteral("vault"), QStringLiteral("check")}));
        CLI_EXPECT_EXIT(text, 1);
        QVERIFY(isOneErrorLine(text));
        QVERIFY(text.outText().contains(QStringLiteral("Audit chain: broken")));
    }

    void vaultHeldByAnotherProcessIsInUse()
    {
        const QString file = createWithCli(QStringLiteral("held.tessera"));
        QVERIFY(!file.isEmpty());
        QProcess holder; // keeps the vault open read-write, as the GUI would
        holder.start(qEnvironmentVariable("TESSERA_TEST_HELPER"),
                     {QStringLiteral("hold"), file, QString::fromLatin1(kPassword)});
        QVERIFY(holder.waitForStarted());
        QByteArray said;
        while (!said.contains("held") && holder.waitForReadyRead(30000)) {
            said += holder.readAllStandardOutput();
        }
        QVERIFY2(said.contains("held"), said.constData());
        const QByteArray before = readAll(file);
        const CliRun readOnly = runner().run(
            args(file, {QStringLiteral("vault"), QStringLiteral("info"), QStringLiteral("--json")}));
        const CliRun readWrite =
            runner().run(args(file, {QStringLiteral("vault"), QStringLiteral("backup"),
                                     path(QStringLiteral("held-copy.tessera")), QStringLiteral("--json")}));
        holder.write("\n");
        holder.closeWriteChannel();
        QVERIFY(holder.waitForFinished(30000));
        for (const CliRun& run : {readOnly, readWrite}) {
            CLI_EXPECT_EXIT(run, 3);
            QCOMPARE(
                run.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("kind")).toString(),
                QStringLiteral("in-use"));
        }
        QCOMPARE(readAll(file), before);
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("held-copy.tessera"))));
    }

    void changePasswordNeedsANewPasswordSource()
    {
        const QString file = createWithCli(QStringLiteral("no-new-password.tessera"));
        QVERIFY(!file.isEmpty());
        const QByteArray before = readAll(file);
        const CliRun run =
            runner().run(args(file, {QStringLiteral("vault"), QStringLiteral("change-password"),
                                     QStringLiteral("--kdf-test-insecure"), QStringLiteral("--json")}));
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY(run.json()
                    .value(QStringLiteral("error"))
                    .toObject()
                    .value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("--new-password-file")));
        QCOMPARE(readAll(file), before);
    }

    void changePasswordReadsTheNewPasswordFile()
    {
        const QString file = createWithCli(QStringLiteral("new-password-file.tessera"));
        QVERIFY(!file.isEmpty());
        const QString newFile = path(QStringLiteral("new-password.txt"));
        writeAll(newFile, "from a file\nsecond line is ignored\n");
        CliRunner cli = runner();
        cli.setEnv(QStringLiteral("TESSERA_NEW_PASSWORD"), QStringLiteral("the file wins over this"));
        CLI_EXPECT_EXIT(cli.run(args(file, {QStringLiteral("vault"), QStringLiteral("change-password"),
                                            QStringLiteral("--kdf-test-insecure"),
                                            QStringLiteral("--new-password-file"), newFile})),
                        0);
        CLI_EXPECT_EXIT(runner(QStringLiteral("from a file"))
                            .run(args(file, {QStringLiteral("vault"), QStringLiteral("info")})),
                        0);
    }
};

QTEST_GUILESS_MAIN(TestCliVault)
#include "TestCliVault.moc"
