// tessera-cli's command-line contract: help, version, exit codes for bad usage, the JSON envelope.
#include "CliRunner.h"
#include "TestVault.h"
#include "crypto/CryptoRuntime.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace tessera;
using namespace tessera::test;

class TestCliUsage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_vault;

    CliRunner runner() const
    {
        CliRunner cli(m_dir.path());
        cli.setEnv(QStringLiteral("TESSERA_PASSWORD"), QString::fromLatin1(kPassword));
        return cli;
    }
    static QString errorKind(const CliRun& run)
    {
        return run.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("kind")).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(CryptoRuntime::initialise());
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo(CliRunner::program()).isExecutable(), "TESSERA_CLI must point at tessera-cli");
        m_vault = m_dir.filePath(QStringLiteral("usage.tessera"));
        QVERIFY(createVault(m_vault));
    }

    void versionNeedsNoVault()
    {
        CliRunner cli(m_dir.path());
        cli.setEnv(QStringLiteral("TESSERA_VAULT"), m_dir.filePath(QStringLiteral("does-not-exist.tessera")));
        CliRun run = cli.run({QStringLiteral("--version")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.out, QByteArray("tessera-cli " TESSERA_VERSION "\n"));
        QVERIFY(run.err.isEmpty());

        run = cli.run({QStringLiteral("--json"), QStringLiteral("--version")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(run.json().value(QStringLiteral("version")).toString(), QStringLiteral(TESSERA_VERSION));
    }

    void helpListsEveryCommand()
    {
        const CliRun run = runner().run({QStringLiteral("--help")});
        CLI_EXPECT_EXIT(run, 0);
        for (const char* command : {"vault create", "vault info", "vault check", "vault change-password",
                                    "vault backup", "audit list", "audit verify"}) {
            QVERIFY2(run.outText().contains(QString::fromLatin1(command)), command);
        }
        QVERIFY(run.outText().contains(QStringLiteral("--password-file")));
        QVERIFY(run.outText().contains(QStringLiteral("TESSERA_PASSWORD")));
    }

    void everyCommandHasHelp_data()
    {
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("vault create") << QStringList{QStringLiteral("vault"), QStringLiteral("create")}
                                      << QStringLiteral("--kdf-test-insecure");
        QTest::newRow("vault info") << QStringList{QStringLiteral("vault"), QStringLiteral("info")}
                                    << QStringLiteral("never a secret");
        QTest::newRow("vault check") << QStringList{QStringLiteral("vault"), QStringLiteral("check")}
                                     << QStringLiteral("integrity");
        QTest::newRow("vault change-password")
            << QStringList{QStringLiteral("vault"), QStringLiteral("change-password")}
            << QStringLiteral("--new-password-file");
        QTest::newRow("vault backup")
            << QStringList{QStringLiteral("vault"), QStringLiteral("backup")} << QStringLiteral("--force");
        QTest::newRow("audit list") << QStringList{QStringLiteral("audit"), QStringLiteral("list")}
                                    << QStringLiteral("--since");
        QTest::newRow("audit verify")
            << QStringList{QStringLiteral("audit"), QStringLiteral("verify")} << QStringLiteral("tampered");
    }

    void everyCommandHasHelp()
    {
        QFETCH(QStringList, command);
        QFETCH(QString, mentions);
        const QString usage = QStringLiteral("Usage: tessera-cli %1").arg(command.join(QLatin1Char(' ')));
        for (const QStringList& form :
             {command + QStringList{QStringLiteral("--help")}, QStringList{QStringLiteral("-h")} + command,
              QStringList{QStringLiteral("help")} + command}) {
            const CliRun run = runner().run(form);
            CLI_EXPECT_EXIT(run, 0);
            QVERIFY2(run.outText().startsWith(usage), run.out.constData());
            QVERIFY2(run.outText().contains(mentions), run.out.constData());
        }
        // Help is answered before the arguments are checked, so it works even when they are incomplete.
        const CliRun json =
            runner().run(command + QStringList{QStringLiteral("--help"), QStringLiteral("--json")});
        CLI_EXPECT_EXIT(json, 0);
        QVERIFY(json.json().value(QStringLiteral("help")).toString().startsWith(usage));
    }

    void groupHelpListsItsCommands()
    {
        const CliRun run = runner().run({QStringLiteral("vault"), QStringLiteral("--help")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(run.outText().contains(QStringLiteral("change-password")));
        QVERIFY(!run.outText().contains(QStringLiteral("verify")));
    }

    void usageErrorsExitTwoWithAHint_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("hint");
        QTest::newRow("no command") << QStringList{} << QStringLiteral("--help");
        QTest::newRow("unknown command")
            << QStringList{QStringLiteral("frobnicate")} << QStringLiteral("--help");
        QTest::newRow("unknown subcommand") << QStringList{QStringLiteral("vault"), QStringLiteral("explode")}
                                            << QStringLiteral("tessera-cli vault --help");
        QTest::newRow("group without command")
            << QStringList{QStringLiteral("audit")} << QStringLiteral("list, verify");
        QTest::newRow("unknown flag")
            << QStringList{QStringLiteral("vault"), QStringLiteral("info"), QStringLiteral("--verbose")}
            << QStringLiteral("tessera-cli vault info --help");
        QTest::newRow("unknown global flag")
            << QStringList{QStringLiteral("--colour")} << QStringLiteral("--help");
        QTest::newRow("short flag") << QStringList{QStringLiteral("vault"), QStringLiteral("info"),
                                                   QStringLiteral("-v")}
                                    << QStringLiteral("--help");
        QTest::newRow("missing argument")
            << QStringList{QStringLiteral("vault"), QStringLiteral("backup")} << QStringLiteral("OUT");
        QTest::newRow("extra argument")
            << QStringList{QStringLiteral("vault"), QStringLiteral("info"), QStringLiteral("extra")}
            << QStringLiteral("extra");
        QTest::newRow("flag with a value")
            << QStringList{QStringLiteral("vault"), QStringLiteral("backup"), QStringLiteral("out"),
                           QStringLiteral("--force=yes")}
            << QStringLiteral("--force");
        QTest::newRow("global missing value")
            << QStringList{QStringLiteral("vault"), QStringLiteral("info"), QStringLiteral("--vault")}
            << QStringLiteral("--vault");
    }

    void usageErrorsExitTwoWithAHint()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, hint);
        CliRun run = runner().run(QStringList{QStringLiteral("--vault"), m_vault} + arguments);
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY2(run.errText().startsWith(QStringLiteral("tessera-cli: error: ")), run.err.constData());
        QCOMPARE(run.errText().count(QLatin1Char('\n')), 1);
        QVERIFY2(run.errText().contains(hint), run.err.constData());
        QVERIFY(run.out.isEmpty());

        // Same failure with --json: one document on stdout as well as the stderr line.
        run = runner().run(QStringList{QStringLiteral("--json"), QStringLiteral("--vault"), m_vault} +
                           arguments);
        CLI_EXPECT_EXIT(run, 2);
        const QJsonObject document = run.json();
        QCOMPARE(document.value(QStringLiteral("ok")).toBool(), false);
        QCOMPARE(errorKind(run), QStringLiteral("usage"));
        QCOMPARE(document.value(QStringLiteral("error")).toObject().value(QStringLiteral("exitCode")).toInt(),
                 2);
        QVERIFY(!document.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("message"))
                     .toString()
                     .isEmpty());
        QVERIFY(run.errText().startsWith(QStringLiteral("tessera-cli: error: ")));
    }

    void globalOptionsMayFollowTheCommand()
    {
        CliRunner cli(m_dir.path());
        const QString passwordFile = m_dir.filePath(QStringLiteral("global-after.txt"));
        writeAll(passwordFile, kPassword);
        const CliRun run = cli.run({QStringLiteral("vault"), QStringLiteral("info"), QStringLiteral("--json"),
                                    QStringLiteral("--password-file=") + passwordFile,
                                    QStringLiteral("--vault=") + m_vault});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(QStringLiteral("path")).toString(), m_vault);
    }

    void jsonSuccessIsExactlyOneDocument()
    {
        const CliRun run = runner().run({QStringLiteral("--json"), QStringLiteral("--vault"), m_vault,
                                         QStringLiteral("vault"), QStringLiteral("check")});
        CLI_EXPECT_EXIT(run, 0);
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(run.out, &error);
        QCOMPARE(error.error, QJsonParseError::NoError); // trailing text after the document would fail here
        QVERIFY(document.isObject());
        QCOMPARE(document.object().value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(document.object().value(QStringLiteral("healthy")).toBool(), true);
        QVERIFY(!document.object().contains(QStringLiteral("error")));
        QVERIFY(run.err.isEmpty());
    }

    void jsonErrorForAVaultProblem()
    {
        CliRunner cli(m_dir.path());
        cli.setEnv(QStringLiteral("TESSERA_PASSWORD"), QStringLiteral("wrong"));
        const CliRun run = cli.run({QStringLiteral("--vault"), m_vault, QStringLiteral("--json"),
                                    QStringLiteral("vault"), QStringLiteral("info")});
        CLI_EXPECT_EXIT(run, 3);
        const QJsonObject error = run.json().value(QStringLiteral("error")).toObject();
        QCOMPARE(run.json().value(QStringLiteral("ok")).toBool(), false);
        QCOMPARE(error.value(QStringLiteral("kind")).toString(), QStringLiteral("wrong-password"));
        QCOMPARE(error.value(QStringLiteral("exitCode")).toInt(), 3);
        QVERIFY(error.value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("wrong master password")));
        QCOMPARE(run.errText(), QStringLiteral("tessera-cli: error: %1\n")
                                    .arg(error.value(QStringLiteral("message")).toString()));
    }
};

QTEST_GUILESS_MAIN(TestCliUsage)
#include "TestCliUsage.moc"
