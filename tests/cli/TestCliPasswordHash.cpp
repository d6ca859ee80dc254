// tessera-cli password hash | verify: stateless hashing, checked against independent tools (Debian's
// `argon2` reference CLI, libxcrypt's `mkpasswd`) and published bcrypt vectors.
#include "ToolRun.h"
#include "CliRunner.h"
#include "PseudoTerminal.h"
#include "crypto/CryptoRuntime.h"

#include <QFileInfo>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <cstdlib>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

using namespace tessera;
using namespace tessera::test;

namespace {

QString latin1(const char* text)
{
    return QString::fromLatin1(text);
}

// Fast parameters for the runs where only the plumbing is under test (1 pass over 8 KiB).
const QStringList kFast{QStringLiteral("--ops"), QStringLiteral("1"), QStringLiteral("--memory-kib"),
                        QStringLiteral("8")};

// A bash $'...' literal for arbitrary bytes except NUL, so a binary salt reaches argv unchanged.
QString bashBytes(const QByteArray& bytes)
{
    QString out = latin1("$'");
    for (const char c : bytes) {
        out += QStringLiteral("\\x%1").arg(static_cast<unsigned char>(c), 2, 16, QChar(u'0'));
    }
    return out + u'\'';
}

bool isOneErrorLine(const CliRun& run)
{
    const QString err = run.errText();
    return err.startsWith(QStringLiteral("tessera-cli: error: ")) && err.endsWith(QLatin1Char('\n')) &&
           err.count(QLatin1Char('\n')) == 1;
}

} // namespace

class TestCliPasswordHash : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    CliRunner runner() const { return CliRunner(m_dir.path()); }

    CliRun hash(const QByteArray& input, QStringList extra = kFast) const
    {
        return runner().run(QStringList{QStringLiteral("password"), QStringLiteral("hash")} + extra, input);
    }
    CliRun verify(const QString& encoded, const QByteArray& input, const QStringList& extra = {}) const
    {
        return runner().run(QStringList{QStringLiteral("password"), QStringLiteral("verify"),
                                        QStringLiteral("--hash"), encoded} +
                                extra,
                            input);
    }
    // The PHC string printed by a successful `password hash`.
    QString hashOf(const QByteArray& input, const QStringList& extra = kFast) const
    {
        const CliRun run = hash(input, extra);
        return run.exitCode == 0 ? run.outText().trimmed() : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(CryptoRuntime::initialise());
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo(CliRunner::program()).isExecutable(), "TESSERA_CLI must point at tessera-cli");
    }

    void hashThenVerifyRoundTrip()
    {
        const CliRun run =
            hash("correct horse battery staple\n", kFast + QStringList{QStringLiteral("--stdin")});
        CLI_EXPECT_EXIT(run, 0);
        static const QRegularExpression phc(
            latin1("^\\$argon2id\\$v=19\\$m=8,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}\n$"));
        QVERIFY2(phc.match(run.outText()).hasMatch(), run.describe().constData());
        QVERIFY(run.err.isEmpty());
        const QString encoded = run.outText().trimmed();

        CLI_EXPECT_EXIT(verify(encoded, "correct horse battery staple\n", {QStringLiteral("--stdin")}), 0);
        CLI_EXPECT_EXIT(verify(encoded, "correct horse battery staple\n"), 0); // stdin is not a terminal
        const CliRun ok = verify(encoded, "correct horse battery staple");
        CLI_EXPECT_EXIT(ok, 0);
        QVERIFY(ok.outText().contains(QStringLiteral("matches")));
        QVERIFY(!ok.outText().contains(QStringLiteral("horse")));

        // A fresh salt each time.
        QVERIFY(hashOf("correct horse battery staple\n") != encoded);
    }

    void defaultParametersAreArgon2idThreePasses64MiB()
    {
        const CliRun run = hash("pässwörd ✓\n", {QStringLiteral("--stdin")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY2(run.outText().startsWith(latin1("$argon2id$v=19$m=65536,t=3,p=1$")),
                 run.describe().constData());
        const QString encoded = run.outText().trimmed();
        CLI_EXPECT_EXIT(verify(encoded, "pässwörd ✓\n"), 0);
        CLI_EXPECT_EXIT(verify(encoded, "passwörd ✓\n"), 1);
    }

    void mismatchExitsOne()
    {
        const QString encoded = hashOf("right\n");
        QVERIFY(!encoded.isEmpty());
        const CliRun run = verify(encoded, "wrong\n");
        CLI_EXPECT_EXIT(run, 1);
        QVERIFY(isOneErrorLine(run));
        QVERIFY2(run.errText().contains(QStringLiteral("does not match")), run.describe().constData());
        QVERIFY(run.out.isEmpty());
        QVERIFY(!run.errText().contains(encoded));
        // A prefix or an extension of the password is no match either.
        CLI_EXPECT_EXIT(verify(encoded, "righ\n"), 1);
        CLI_EXPECT_EXIT(verify(encoded, "right \n"), 1);
        CLI_EXPECT_EXIT(verify(encoded, "right\n\n"), 0); // only the first line counts
    }

    void lineEndingsAreStripped()
    {
        const QString fromCrlf = hashOf("secret\r\n");
        const QString fromLf = hashOf("secret\n");
        const QString fromBare = hashOf("secret");
        QVERIFY(!fromCrlf.isEmpty() && !fromLf.isEmpty() && !fromBare.isEmpty());
        for (const QString& encoded : {fromCrlf, fromLf, fromBare}) {
            CLI_EXPECT_EXIT(verify(encoded, "secret\r\n"), 0);
            CLI_EXPECT_EXIT(verify(encoded, "secret\n"), 0);
            CLI_EXPECT_EXIT(verify(encoded, "secret"), 0);
            CLI_EXPECT_EXIT(verify(encoded, "secret\r\r\n"), 1); // only one CR is a line ending
        }
        // Only the line ending: spaces are part of the password.
        CLI_EXPECT_EXIT(verify(hashOf(" secret \r\n"), " secret \n"), 0);
        CLI_EXPECT_EXIT(verify(hashOf(" secret \r\n"), "secret\n"), 1);
    }

    void emptyOrMissingPasswordIsAnInputError_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("no input") << QByteArray();
        QTest::newRow("empty line") << QByteArray("\n");
        QTest::newRow("empty CRLF line") << QByteArray("\r\nsecond line\n");
        QTest::newRow("too long") << QByteArray(2000, 'x') + '\n';
    }

    void emptyOrMissingPasswordIsAnInputError()
    {
        QFETCH(QByteArray, input);
        const CliRun run = hash(input, kFast + QStringList{QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY(isOneErrorLine(run));
        QCOMPARE(run.json().value(QStringLiteral("ok")).toBool(true), false);
        QCOMPARE(
            run.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("kind")).toString(),
            QStringLiteral("input"));
        const QString encoded = hashOf("x\n");
        CLI_EXPECT_EXIT(verify(encoded, input), 2);
    }

    // clang-format off
    void badParametersAreUsageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("zero passes") << QStringList{QStringLiteral("--ops"), QStringLiteral("0")} << latin1("passes");
        QTest::newRow("too many passes") << QStringList{QStringLiteral("--ops"), QStringLiteral("1001")} << latin1("passes");
        QTest::newRow("passes not a number") << QStringList{QStringLiteral("--ops"), QStringLiteral("three")}
                                             << latin1("--ops must be a whole number");
        QTest::newRow("negative passes") << QStringList{QStringLiteral("--ops=-1")} << latin1("--ops must be a whole number");
        QTest::newRow("too little memory") << QStringList{QStringLiteral("--memory-kib"), QStringLiteral("4")} << latin1("memory");
        QTest::newRow("too much memory") << QStringList{QStringLiteral("--memory-kib"), QStringLiteral("99999999999999999")}
                                         << latin1("memory");
        QTest::newRow("no value") << QStringList{QStringLiteral("--memory-kib")} << latin1("needs a value");
    }
    // clang-format on

    void badParametersAreUsageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        // Refused before any password is read: stdin holds one, and it must not matter.
        const CliRun run = hash("secret\n", arguments + QStringList{QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY(isOneErrorLine(run));
        QVERIFY2(run.errText().contains(message), run.describe().constData());
        QCOMPARE(
            run.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("kind")).toString(),
            QStringLiteral("usage"));
    }

    void customParametersAreUsed()
    {
        const QString encoded = hashOf(
            "secret\n", {QStringLiteral("--ops"), QStringLiteral("2"), QStringLiteral("--memory-kib=1024")});
        QVERIFY2(encoded.startsWith(latin1("$argon2id$v=19$m=1024,t=2,p=1$")), qPrintable(encoded));
        CLI_EXPECT_EXIT(verify(encoded, "secret\n"), 0);
    }

    void jsonShapes()
    {
        CliRun run = hash("secret\n", kFast + QStringList{QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 0);
        QJsonObject json = run.json();
        QCOMPARE(json.keys(), (QStringList{QStringLiteral("hash"), QStringLiteral("ok")}));
        QCOMPARE(json.value(QStringLiteral("ok")).toBool(), true);
        const QString encoded = json.value(QStringLiteral("hash")).toString();
        QVERIFY(encoded.startsWith(latin1("$argon2id$v=19$m=8,t=1,p=1$")));

        run = verify(encoded, "secret\n", {QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 0);
        json = run.json();
        QCOMPARE(json, (QJsonObject{{QStringLiteral("ok"), true},
                                    {QStringLiteral("match"), true},
                                    {QStringLiteral("format"), QStringLiteral("argon2id")}}));

        // A mismatch is a negative answer (exit 1): ok is false, the normal fields stay, and the error
        // says why, as for `vault check`.
        run = verify(encoded, "other\n", {QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 1);
        json = run.json();
        QCOMPARE(json.value(QStringLiteral("ok")).toBool(true), false);
        QCOMPARE(json.value(QStringLiteral("match")).toBool(true), false);
        QCOMPARE(json.value(QStringLiteral("format")).toString(), QStringLiteral("argon2id"));
        const QJsonObject error = json.value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("kind")).toString(), QStringLiteral("no-match"));
        QCOMPARE(error.value(QStringLiteral("exitCode")).toInt(), 1);

        run = verify(latin1("$2b$04$4iLjBf6bjjM7pmLBj5z5lO5ffkPZ4yLRMxwFooHstV7oJJqQSjP6O"), "password\n",
                     {QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(QStringLiteral("format")).toString(), QStringLiteral("bcrypt"));

        run = verify(latin1("nonsense"), "x\n", {QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 2);
        QCOMPARE(run.json().value(QStringLiteral("ok")).toBool(true), false);
        QCOMPARE(
            run.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("kind")).toString(),
            QStringLiteral("input"));
        QVERIFY(!run.json().contains(QStringLiteral("match")));
    }

    // ---- other hash formats ------------------------------------------------------------------------

    // clang-format off
    void bcryptVectors_data()
    {
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<QString>("encoded");
        // Made with python3-bcrypt (OpenBSD's code), as in TestPasswordHasher.
        QTest::newRow("2a") << QByteArray("password") << latin1("$2a$04$ym8aSSO40TIaipzmslDR3O/QwADBZCY7VKeZ1PZCksGE9Mjs1OZee");
        QTest::newRow("2b") << QByteArray("password") << latin1("$2b$04$4iLjBf6bjjM7pmLBj5z5lO5ffkPZ4yLRMxwFooHstV7oJJqQSjP6O");
        QTest::newRow("2y") << QByteArray("password") << latin1("$2y$04$4iLjBf6bjjM7pmLBj5z5lO5ffkPZ4yLRMxwFooHstV7oJJqQSjP6O");
        // Published vectors of Openwall's crypt_blowfish.
        QTest::newRow("openwall U*U") << QByteArray("U*U") << latin1("$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW");
        QTest::newRow("openwall 2y high bytes") << QByteArray("\xff\xff\xa3")
                                                << latin1("$2y$05$/OK.fbVrR/bpIqNJ5ianF.CE5elHaaO4EbggVDjb8P19RukzXSM3e");
    }
    // clang-format on

    void bcryptVectors()
    {
        QFETCH(QByteArray, password);
        QFETCH(QString, encoded);
        CLI_EXPECT_EXIT(verify(encoded, password + '\n'), 0);
        CLI_EXPECT_EXIT(verify(encoded, password + "x\n"), 1);
    }

    void bcryptUsesTheFirst72Bytes()
    {
        // Openwall crypt_blowfish's vector for exactly this rule.
        const QString openwall = latin1("$2a$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui");
        const QByteArray first72 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        QCOMPARE(first72.size(), 72);
        CLI_EXPECT_EXIT(verify(openwall, first72 + "chars after 72 are ignored\n"), 0);
        CLI_EXPECT_EXIT(verify(openwall, first72 + "\n"), 0);
        CLI_EXPECT_EXIT(verify(openwall, first72.left(71) + "\n"), 1);
    }

    void bcryptFromMkpasswd()
    {
        const QString mkpasswd = QStandardPaths::findExecutable(QStringLiteral("mkpasswd"));
        if (mkpasswd.isEmpty()) {
            QSKIP("mkpasswd (Debian package whois) is not installed");
        }
        const ToolRun made = runTool(mkpasswd,
                                     {QStringLiteral("-m"), QStringLiteral("bcrypt"), QStringLiteral("-R"),
                                      QStringLiteral("5"), QStringLiteral("--stdin")},
                                     "tr0ub4dor&3\n");
        QVERIFY(made.started);
        QCOMPARE(made.exitCode, 0);
        const QString encoded = QString::fromLatin1(made.out).trimmed();
        QVERIFY2(encoded.startsWith(latin1("$2b$05$")), qPrintable(encoded));
        CLI_EXPECT_EXIT(verify(encoded, "tr0ub4dor&3\n"), 0);
        CLI_EXPECT_EXIT(verify(encoded, "tr0ub4dor&4\n"), 1);
    }

    void argon2iFromTheReferenceTool()
    {
        const QString argon2 = QStandardPaths::findExecutable(QStringLiteral("argon2"));
        if (argon2.isEmpty()) {
            QSKIP("the argon2 reference tool is not installed (apt-get install argon2)");
        }
        const ToolRun made =
            runTool(argon2,
                    {QStringLiteral("saltsaltsalt"), QStringLiteral("-i"), QStringLiteral("-t"),
                     QStringLiteral("2"), QStringLiteral("-k"), QStringLiteral("1024"), QStringLiteral("-p"),
                     QStringLiteral("2"), QStringLiteral("-e")},
                    "Tr0ub4dor&3");
        QVERIFY(made.started);
        QCOMPARE(made.exitCode, 0);
        const QString encoded = QString::fromLatin1(made.out).trimmed();
        QVERIFY2(encoded.startsWith(latin1("$argon2i$v=19$m=1024,t=2,p=2$")), qPrintable(encoded));
        CLI_EXPECT_EXIT(verify(encoded, "Tr0ub4dor&3\n"), 0);
        CLI_EXPECT_EXIT(verify(encoded, "Tr0ub4dor&4\n"), 1);
        const CliRun json = verify(encoded, "Tr0ub4dor&3\n", {QStringLiteral("--json")});
        QCOMPARE(json.json().value(QStringLiteral("format")).toString(), QStringLiteral("argon2i"));

        // The parameters in another order are the same hash.
        QString reordered = encoded;
        reordered.replace(latin1("m=1024,t=2,p=2"), latin1("p=2,t=2,m=1024"));
        CLI_EXPECT_EXIT(verify(reordered, "Tr0ub4dor&3\n"), 0);
        CLI_EXPECT_EXIT(verify(reordered, "Tr0ub4dor&4\n"), 1);
    }

    // Our default hash, re-derived by the reference tool from the same salt, is the same string.
    void ourHashMatchesTheReferenceTool()
    {
        const QString argon2 = QStandardPaths::findExecutable(QStringLiteral("argon2"));
        if (argon2.isEmpty()) {
            QSKIP("the argon2 reference tool is not installed (apt-get install argon2)");
        }
        const QByteArray password = "correct horse battery staple";
        // The salt goes through argv, which cannot hold a NUL byte; a random 16-byte salt has one about
        // 6% of the time, so hash again until it has none.
        QString encoded;
        QByteArray salt;
        for (int attempt = 0; attempt < 20; ++attempt) {
            const CliRun run = hash(password + '\n', {QStringLiteral("--stdin")});
            CLI_EXPECT_EXIT(run, 0);
            encoded = run.outText().trimmed();
            const QStringList parts = encoded.split(u'$');
            QCOMPARE(parts.size(), 6);
            QCOMPARE(parts.at(3), latin1("m=65536,t=3,p=1"));
            salt = QByteArray::fromBase64(parts.at(4).toLatin1());
            QCOMPARE(salt.size(), 16);
            if (!salt.contains('\0')) {
                break;
            }
        }
        QVERIFY(!salt.contains('\0'));
        const ToolRun reference = runTool(
            latin1("/bin/bash"),
            {latin1("-c"), QStringLiteral("%1 %2 -id -t 3 -k 65536 -p 1 -e").arg(argon2, bashBytes(salt))},
            password);
        QVERIFY(reference.started);
        QCOMPARE(reference.exitCode, 0);
        QCOMPARE(QString::fromLatin1(reference.out).trimmed(), encoded);
    }

    // clang-format off
    void malformedHashExitsTwo_data()
    {
        QTest::addColumn<QString>("encoded");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown scheme") << latin1("$1$saltsalt$abcdefghijklmnopqrstuv") << latin1("unknown password hash format");
        QTest::newRow("plain text") << latin1("hunter2hash") << latin1("unknown password hash format");
        QTest::newRow("argon2d") << latin1("$argon2d$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")
                                 << latin1("argon2d");
        QTest::newRow("argon2 without parameters") << latin1("$argon2id$v=19$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")
                                                   << QString();
        QTest::newRow("argon2 unknown parameter") << latin1("$argon2id$v=19$m=256,t=2,p=4,x=1$c29tZXNhbHRzYWx0$zE/U2a+pOYeYDCW8qjKBAgflxJ/1XzrpNPWZc8avnHQ")
                                                  << latin1("parameter");
        QTest::newRow("argon2 bad base64") << latin1("$argon2id$v=19$m=256,t=2,p=4$c29tZXNhbHRzYWx0$zE/U2a+pOYeYD!W8qjKBAgflxJ/1XzrpNPWZc8avnHQ")
                                           << QString();
        QTest::newRow("bcrypt too short") << latin1("$2b$04$4iLjBf6bjjM7pmLBj5z5lO5ffkPZ4yLRMxwFooHstV7oJJq")
                                          << latin1("exactly 60 characters");
        QTest::newRow("bcrypt cost 03") << latin1("$2b$03$4iLjBf6bjjM7pmLBj5z5lO5ffkPZ4yLRMxwFooHstV7oJJqQSjP6O")
                                        << latin1("cost");
        QTest::newRow("bcrypt bad character") << latin1("$2b$04$4iLjBf6bjjM7pmLBj5z5lO5ffkPZ4yLRMxwFooHstV7oJJqQSjP6+")
                                              << latin1("characters");
    }
    // clang-format on

    void malformedHashExitsTwo()
    {
        QFETCH(QString, encoded);
        QFETCH(QString, message);
        // No stdin at all: the hash is refused before a password is read.
        const CliRun run = verify(encoded, {});
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY(isOneErrorLine(run));
        QVERIFY2(run.errText().contains(message), run.describe().constData());
        QVERIFY2(!run.errText().contains(encoded), "the message must not echo the hash");
        const QStringList pieces = encoded.split(u'$', Qt::SkipEmptyParts);
        QVERIFY(!run.errText().contains(pieces.last()));
    }

    void verifyNeedsAHash()
    {
        CliRun run = runner().run({QStringLiteral("password"), QStringLiteral("verify")}, "x\n");
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY(run.errText().contains(QStringLiteral("--hash")));
        run = runner().run({QStringLiteral("password"), QStringLiteral("verify"), QStringLiteral("--hash=")},
                           "x\n");
        CLI_EXPECT_EXIT(run, 2);
    }

    void helpListsBothCommands()
    {
        const CliRun run = runner().run({QStringLiteral("password"), QStringLiteral("--help")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(run.outText().contains(QStringLiteral("hash")));
        QVERIFY(run.outText().contains(QStringLiteral("verify")));
        const CliRun command =
            runner().run({QStringLiteral("help"), QStringLiteral("password"), QStringLiteral("verify")});
        CLI_EXPECT_EXIT(command, 0);
        QVERIFY(command.outText().contains(QStringLiteral("--hash")));
    }

    // ---- on a terminal ------------------------------------------------------------------------------

    void hashAsksTwiceWithoutEchoOnATerminal()
    {
        PseudoTerminal terminal;
        if (!terminal.isValid()) {
            QSKIP("no pseudo-terminals in this environment");
        }
        const AnsweredRun typed =
            runAnswering(runner(), QStringList{QStringLiteral("password"), QStringLiteral("hash")} + kFast,
                         terminal, {"typed twice\n", "typed twice\n"});
        CLI_EXPECT_EXIT(typed.run, 0);
        QCOMPARE(typed.prompts.size(), 2);
        QVERIFY(typed.prompts.at(1).contains(QStringLiteral("Repeat")));
        QCOMPARE(typed.echoAtPrompt, QList<bool>({false, false}));
        QVERIFY(terminal.echoIsOn());
        CLI_EXPECT_EXIT(verify(typed.run.outText().trimmed(), "typed twice\n"), 0);
    }

    void hashOnATerminalRefusesTwoDifferentEntries()
    {
        PseudoTerminal terminal;
        if (!terminal.isValid()) {
            QSKIP("no pseudo-terminals in this environment");
        }
        const CliRun run = runAnswering(runner(),
                                        QStringList{QStringLiteral("password"), QStringLiteral("hash"),
                                                    QStringLiteral("--json")} +
                                            kFast,
                                        terminal, {"first\n", "second\n"})
                               .run;
        CLI_EXPECT_EXIT(run, 1);
        QCOMPARE(
            run.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("kind")).toString(),
            QStringLiteral("password-mismatch"));
        QVERIFY(!run.json().contains(QStringLiteral("hash")));
    }

    void verifyAsksOnceOnATerminal()
    {
        PseudoTerminal terminal;
        if (!terminal.isValid()) {
            QSKIP("no pseudo-terminals in this environment");
        }
        const QString encoded = hashOf("asked once\n");
        QStringList prompts;
        const CliRun run = runner().runInteractive(
            {QStringLiteral("password"), QStringLiteral("verify"), QStringLiteral("--hash"), encoded},
            terminal.attachToStdin(), [&](QProcess& process) {
                prompts << awaitPrompt(process);
                terminal.type("asked once\n");
            });
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(prompts.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCliPasswordHash)
#include "TestCliPasswordHash.moc"
