// Where tessera-cli gets passwords: --password-file (first line), $TESSERA_PASSWORD, a no-echo prompt
// on a terminal (driven here through a real pseudo-terminal), else a usage error.
#include "CliRunner.h"
#include "PseudoTerminal.h"
#include "TestVault.h"
#include "crypto/CryptoRuntime.h"

#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cstdlib>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

using namespace tessera;
using namespace tessera::test;

namespace {

} // namespace

class TestCliPassword : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_vault; // opens with kPassword

    QString path(const QString& name) const { return m_dir.filePath(name); }
    QStringList info(const QString& vault = {}) const
    {
        return {QStringLiteral("--vault"), vault.isEmpty() ? m_vault : vault, QStringLiteral("vault"),
                QStringLiteral("info"), QStringLiteral("--json")};
    }
    CliRun infoWithPasswordFile(const QByteArray& contents)
    {
        const QString file = path(QStringLiteral("password.txt"));
        writeAll(file, contents);
        return CliRunner(m_dir.path()).run(info() + QStringList{QStringLiteral("--password-file"), file});
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(CryptoRuntime::initialise());
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo(CliRunner::program()).isExecutable(), "TESSERA_CLI must point at tessera-cli");
        m_vault = path(QStringLiteral("password.tessera"));
        QVERIFY(createVault(m_vault));
    }

    void passwordFileUsesOnlyTheFirstLine_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<int>("exitCode");
        const QByteArray pw(kPassword);
        QTest::newRow("no newline") << pw << 0;
        QTest::newRow("LF") << pw + "\n" << 0;
        QTest::newRow("CRLF") << pw + "\r\n" << 0;
        QTest::newRow("more lines") << pw + "\r\nsomething else\n" << 0;
        QTest::newRow("trailing space is part of it") << pw + " \n" << 3;
        QTest::newRow("leading space is part of it") << " " + pw + "\n" << 3;
        QTest::newRow("second line is not read") << "wrong\n" + pw + "\n" << 3;
        QTest::newRow("empty first line") << "\n" + pw << 2;
        QTest::newRow("empty file") << QByteArray() << 2;
    }

    void passwordFileUsesOnlyTheFirstLine()
    {
        QFETCH(QByteArray, contents);
        QFETCH(int, exitCode);
        const CliRun run = infoWithPasswordFile(contents);
        CLI_EXPECT_EXIT(run, exitCode);
    }

    void passwordFileWinsOverTheEnvironment()
    {
        const QString file = path(QStringLiteral("first.txt"));
        writeAll(file, kPassword);
        CliRunner cli(m_dir.path());
        cli.setEnv(QStringLiteral("TESSERA_PASSWORD"), QStringLiteral("wrong"));
        CLI_EXPECT_EXIT(cli.run(info() + QStringList{QStringLiteral("--password-file"), file}), 0);
    }

    void unreadablePasswordFileIsAnInputError()
    {
        const CliRun run = CliRunner(m_dir.path())
                               .run(info() + QStringList{QStringLiteral("--password-file"),
                                                         path(QStringLiteral("missing.txt"))});
        CLI_EXPECT_EXIT(run, 2);
        QCOMPARE(
            run.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("kind")).toString(),
            QStringLiteral("input"));
    }

    void environmentVariableIsUsed()
    {
        CliRunner cli(m_dir.path());
        cli.setEnv(QStringLiteral("TESSERA_PASSWORD"), QString::fromLatin1(kPassword));
        CLI_EXPECT_EXIT(cli.run(info()), 0);
    }

    void noSourceWithoutATerminalIsAUsageError()
    {
        CliRunner cli(m_dir.path());
        cli.setEnv(QStringLiteral("TESSERA_PASSWORD"), QString()); // empty counts as unset
        const QByteArray before = readAll(m_vault);
        const CliRun run = cli.run(info(), "typed into a pipe\n"); // stdin is a pipe, not a terminal
        CLI_EXPECT_EXIT(run, 2);
        const QString message =
            run.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
        QVERIFY2(message.contains(QStringLiteral("--password-file")) &&
                     message.contains(QStringLiteral("TESSERA_PASSWORD")),
                 qPrintable(message));
        QCOMPARE(readAll(m_vault), before);

        // create refuses too, and creates nothing.
        const QString fresh = path(QStringLiteral("never.tessera"));
        CLI_EXPECT_EXIT(cli.run({QStringLiteral("--vault"), fresh, QStringLiteral("vault"),
                                 QStringLiteral("create"), QStringLiteral("--kdf-test-insecure")}),
                        2);
        QVERIFY(!QFileInfo::exists(fresh));
    }

    void terminalPromptReadsWithoutEcho()
    {
        PseudoTerminal terminal;
        if (!terminal.isValid()) {
            QSKIP("no pseudo-terminals in this environment");
        }
        bool echoDuringPrompt = true;
        QString prompt;
        const CliRun run =
            CliRunner(m_dir.path()).runInteractive(info(), terminal.attachToStdin(), [&](QProcess& process) {
                prompt = awaitPrompt(process);
                echoDuringPrompt = terminal.echoIsOn();
                terminal.type(QByteArray(kPassword) + "\n");
            });
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY2(prompt.contains(QStringLiteral("Master password")), qPrintable(prompt));
        QVERIFY(!echoDuringPrompt);
        QVERIFY(terminal.echoIsOn()); // restored afterwards
        QCOMPARE(run.json().value(QStringLiteral("path")).toString(), m_vault);
    }

    void createAsksTwiceOnATerminal()
    {
        PseudoTerminal terminal;
        if (!terminal.isValid()) {
            QSKIP("no pseudo-terminals in this environment");
        }
        const QString fresh = path(QStringLiteral("prompted.tessera"));
        QStringList prompts;
        const CliRun run =
            CliRunner(m_dir.path())
                .runInteractive({QStringLiteral("--vault"), fresh, QStringLiteral("vault"),
                                 QStringLiteral("create"), QStringLiteral("--kdf-test-insecure")},
                                terminal.attachToStdin(), [&](QProcess& process) {
                                    prompts << awaitPrompt(process);
                                    terminal.type("typed twice\n");
                                    prompts << awaitPrompt(process);
                                    terminal.type("typed twice\n");
                                });
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(prompts.size(), 2);
        QVERIFY(prompts.at(1).contains(QStringLiteral("Repeat")));
        CliRunner check(m_dir.path());
        check.setEnv(QStringLiteral("TESSERA_PASSWORD"), QStringLiteral("typed twice"));
        CLI_EXPECT_EXIT(check.run(info(fresh)), 0);
    }

    void createMismatchExitsOneAndCreatesNothing()
    {
        PseudoTerminal terminal;
        if (!terminal.isValid()) {
            QSKIP("no pseudo-terminals in this environment");
        }
        const QString fresh = path(QStringLiteral("mismatch.tessera"));
        const CliRun run = CliRunner(m_dir.path())
                               .runInteractive({QStringLiteral("--json"), QStringLiteral("--vault"), fresh,
                                                QStringLiteral("vault"), QStringLiteral("create"),
                                                QStringLiteral("--kdf-test-insecure")},
                                               terminal.attachToStdin(), [&](QProcess& process) {
                                                   awaitPrompt(process);
                                                   terminal.type("first try\n");
                                                   awaitPrompt(process);
                                                   terminal.type("second try\n");
                                               });
        CLI_EXPECT_EXIT(run, 1);
        QCOMPARE(
            run.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("kind")).toString(),
            QStringLiteral("password-mismatch"));
        QVERIFY(!QFileInfo::exists(fresh));
        QVERIFY(terminal.echoIsOn());
    }

    void changePasswordAsksForTheNewOneOnATerminal()
    {
        PseudoTerminal terminal;
        if (!terminal.isValid()) {
            QSKIP("no pseudo-terminals in this environment");
        }
        const QString file = path(QStringLiteral("rekey-prompt.tessera"));
        QVERIFY(createVault(file));
        CliRunner cli(m_dir.path());
        cli.setEnv(QStringLiteral("TESSERA_PASSWORD"),
                   QString::fromLatin1(kPassword)); // current one from the variable
        QStringList prompts;
        const CliRun run =
            cli.runInteractive({QStringLiteral("--vault"), file, QStringLiteral("vault"),
                                QStringLiteral("change-password"), QStringLiteral("--kdf-test-insecure")},
                               terminal.attachToStdin(), [&](QProcess& process) {
                                   prompts << awaitPrompt(process);
                                   terminal.type("brand new\n");
                                   prompts << awaitPrompt(process);
                                   terminal.type("brand new\n");
                               });
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(prompts.at(0).contains(QStringLiteral("New master password")));
        CliRunner check(m_dir.path());
        check.setEnv(QStringLiteral("TESSERA_PASSWORD"), QStringLiteral("brand new"));
        CLI_EXPECT_EXIT(check.run(info(file)), 0);
    }
};

QTEST_GUILESS_MAIN(TestCliPassword)
#include "TestCliPassword.moc"
