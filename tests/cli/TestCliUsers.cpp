// tessera-cli user ... and auth login: accounts round trip, field rules, passwords from stdin, the one
// generic sign-in failure, lockout and unlock.
#include "IdentityFixture.h"
#include "crypto/CryptoRuntime.h"
#include "password/PasswordPolicy.h"

#include <QFileInfo>
#include <QTemporaryDir>

using namespace tessera;
using namespace tessera::test;

namespace {

const QByteArray kUserPassword = "Tessera-2024-ok\n";
const QString kUserPasswordArg = QStringLiteral("--password-stdin");

QString s(const char* text)
{
    return QString::fromUtf8(text);
}

} // namespace

class TestCliUsers : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    IdentityCli m_cli;

    QJsonObject showJson(const QString& user) const
    {
        return m_cli.json({s("user"), s("show"), user}).json().value(s("user")).toObject();
    }
    QStringList listed(const QStringList& options = {}) const
    {
        QStringList names;
        const CliRun run = m_cli.json(QStringList{s("user"), s("list")} + options);
        for (const QJsonValue& user : run.json().value(s("users")).toArray()) {
            names.append(user.toObject().value(s("username")).toString());
        }
        return names;
    }
    CliRun login(const QString& user, const QByteArray& password, bool json = false) const
    {
        const QStringList arguments{s("auth"), s("login"), user, kUserPasswordArg};
        return json ? m_cli.json(arguments, password) : m_cli.run(arguments, password);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(CryptoRuntime::initialise());
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo(CliRunner::program()).isExecutable(), "TESSERA_CLI must point at tessera-cli");
        m_cli = IdentityCli(m_dir.path(), m_dir.filePath(s("users.tessera")));
        QVERIFY(m_cli.create());
    }

    void addListShowPasswdDisableEnableDelete()
    {
        CliRun run = m_cli.json({s("user"), s("add"), s("alice"), s("--name"), s("Alice Liddell"),
                                 s("--email"), s("alice@example.com"), kUserPasswordArg},
                                kUserPassword);
        CLI_EXPECT_EXIT(run, 0);
        QJsonObject user = run.json().value(s("user")).toObject();
        QCOMPARE(user.value(s("username")).toString(), s("alice"));
        QCOMPARE(user.value(s("displayName")).toString(), s("Alice Liddell"));
        QCOMPARE(stringsOf(user.value(s("roles"))), QStringList{s("viewer")}); // the default role
        QCOMPARE(user.value(s("hasPassword")).toBool(), true);
        QCOMPARE(user.value(s("mustChangePassword")).toBool(), true);
        QCOMPARE(user.value(s("status")).toString(), s("active"));

        // The table: a header and one row per user.
        run = m_cli.run({s("user"), s("list")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY2(run.outText().startsWith(s("USERNAME")), run.out.constData());
        QVERIFY(run.outText().contains(s("alice@example.com")));
        QVERIFY(run.outText().contains(s("never"))); // no sign-in yet
        QVERIFY(listed().contains(s("alice")));
        QVERIFY(listed({s("--filter"), s("LIDDELL")}).contains(s("alice")));
        QVERIFY(listed({s("--filter"), s("nobody-matches")}).isEmpty());

        // Every field, never the hash; the lookup ignores case.
        run = m_cli.json({s("user"), s("show"), s("ALICE")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(!run.out.contains("argon2"));
        user = run.json().value(s("user")).toObject();
        for (const char* key :
             {"username", "displayName", "email", "notes", "attributes", "roles", "effectivePermissions",
              "objectGrants", "status", "disabled", "locked", "lockedUntil", "failedSignIns", "lastSignIn",
              "mustChangePassword", "createdAt"}) {
            QVERIFY2(user.contains(s(key)), key);
        }
        QCOMPARE(stringsOf(user.value(s("effectivePermissions"))), QStringList{s("read:posts")});
        run = m_cli.run({s("user"), s("show"), s("alice")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(!run.out.contains("argon2"));
        QVERIFY(run.outText().contains(s("Alice Liddell")));

        run = m_cli.run({s("user"), s("passwd"), s("alice"), kUserPasswordArg, s("--no-must-change")},
                        "Another-Pass-77\n");
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(showJson(s("alice")).value(s("mustChangePassword")).toBool(), false);

        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("disable"), s("alice")}), 0);
        QCOMPARE(showJson(s("alice")).value(s("status")).toString(), s("disabled"));
        QCOMPARE(listed({s("--disabled")}), QStringList{s("alice")});
        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("enable"), s("alice")}), 0);
        QCOMPARE(showJson(s("alice")).value(s("status")).toString(), s("active"));
        QVERIFY(listed({s("--disabled")}).isEmpty());

        run = m_cli.json({s("user"), s("delete"), s("alice"), s("--yes")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(stringsOf(run.json().value(s("deleted"))), QStringList{s("alice")});
        run = m_cli.json({s("user"), s("show"), s("alice")});
        CLI_EXPECT_EXIT(run, 2);
        QCOMPARE(run.json().value(s("error")).toObject().value(s("kind")).toString(), s("not-found"));
        QVERIFY(!listed().contains(s("alice")));
    }

    void usernameDifferingOnlyInCaseIsRefused()
    {
        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("add"), s("bob")}), 0);
        const CliRun run = m_cli.json({s("user"), s("add"), s("BOB")});
        CLI_EXPECT_EXIT(run, 2);
        const QJsonObject error = run.json().value(s("error")).toObject();
        QCOMPARE(error.value(s("kind")).toString(), s("conflict"));
        QVERIFY2(error.value(s("message")).toString().contains(s("'bob'")), run.err.constData());
        QVERIFY(run.errText().startsWith(s("tessera-cli: error: ")));
        QCOMPARE(listed({s("--filter"), s("bob")}), QStringList{s("bob")});
    }

    void invalidEmailIsRefused()
    {
        const CliRun run = m_cli.run({s("user"), s("add"), s("carol"), s("--email"), s("carol-at-example")});
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY2(run.errText().contains(s("'carol-at-example' is not a valid email address")),
                 run.err.constData());
        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("show"), s("carol")}), 2);
    }

    void weakPasswordListsEveryFailedRule()
    {
        const QString weak = s("dave");
        const CliRun run =
            m_cli.json({s("user"), s("add"), s("dave"), kUserPasswordArg}, weak.toUtf8() + "\n");
        CLI_EXPECT_EXIT(run, 2);
        const QString message = run.json().value(s("error")).toObject().value(s("message")).toString();
        PasswordContext context;
        context.username = s("dave");
        const QList<PolicyViolation> expected = PasswordPolicy{}.evaluate(weak, context);
        QVERIFY(expected.size() >= 3); // too short, no upper case, no digit, contains the username
        for (const PolicyViolation& violation : expected) {
            QVERIFY2(message.contains(violation.message), qPrintable(message));
        }
        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("show"), s("dave")}), 2); // nothing was added
    }

    void passwordStdinMustHoldAPassword()
    {
        CliRun run = m_cli.run({s("user"), s("add"), s("pat"), kUserPasswordArg}, "\n");
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY2(run.errText().contains(s("the password on stdin is empty")), run.err.constData());
        run = m_cli.run({s("user"), s("add"), s("pat"), kUserPasswordArg}, {});
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY2(run.errText().contains(s("no password on stdin")), run.err.constData());
        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("show"), s("pat")}), 2);
        // Without a terminal, passwd needs --password-stdin; nothing is opened or asked.
        run = m_cli.run({s("user"), s("passwd"), s("bob")});
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY(run.errText().contains(s("--password-stdin")));
    }

    void rolesAtCreation()
    {
        CliRun run =
            m_cli.json({s("user"), s("add"), s("ivan"), s("--role"), s("editor"), s("--role"), s("admin")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(stringsOf(run.json().value(s("user")).toObject().value(s("roles"))),
                 (QStringList{s("admin"), s("editor")}));
        run = m_cli.json({s("user"), s("add"), s("judy"), s("--no-role")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(run.json().value(s("user")).toObject().value(s("roles")).toArray().isEmpty());
        run = m_cli.run({s("user"), s("add"), s("kim"), s("--role"), s("nosuchrole")});
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY(run.errText().contains(s("nosuchrole")));
        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("add"), s("kim"), s("--role"), s("admin"), s("--no-role")}),
                        2);
        QCOMPARE(listed({s("--role"), s("editor")}), QStringList{s("ivan")});
        run = m_cli.run({s("user"), s("list"), s("--filter"), s("ivan")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY2(run.outText().contains(s(" admin,editor ")), run.out.constData());
        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("list"), s("--role"), s("nosuchrole")}), 2);
    }

    void setChangesProfileAndRenames()
    {
        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("add"), s("lena"), s("--email"), s("lena@example.com")}), 0);
        CliRun run = m_cli.json({s("user"), s("set"), s("lena"), s("--name"), s("Lena L"), s("--notes"),
                                 s("on call"), s("--attr"), s("team=ops"), s("--attr"), s("site=ber"),
                                 s("--email="), s("--rename"), s("lena.l")});
        CLI_EXPECT_EXIT(run, 0);
        QJsonObject user = showJson(s("lena.l"));
        QCOMPARE(user.value(s("displayName")).toString(), s("Lena L"));
        QCOMPARE(user.value(s("email")).toString(), QString());
        QCOMPARE(user.value(s("notes")).toString(), s("on call"));
        QCOMPARE(user.value(s("attributes")).toObject(),
                 (QJsonObject{{s("site"), s("ber")}, {s("team"), s("ops")}}));
        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("show"), s("lena")}), 2);

        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("set"), s("lena.l"), s("--unset-attr"), s("site")}), 0);
        QCOMPARE(showJson(s("lena.l")).value(s("attributes")).toObject(),
                 (QJsonObject{{s("team"), s("ops")}}));
        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("set"), s("lena.l"), s("--unset-attr"), s("site")}), 2);
        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("set"), s("lena.l"), s("--attr"), s("novalue")}), 2);
        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("set"), s("lena.l")}), 2); // nothing to change
        run = m_cli.run({s("user"), s("set"), s("lena.l"), s("--email"), s("broken")});
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY(run.errText().contains(s("'broken' is not a valid email address")));
    }

    void deleteWithoutYesNeedsATerminal()
    {
        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("add"), s("erin")}), 0);
        const CliRun run = m_cli.json({s("user"), s("delete"), s("erin")});
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY2(run.errText().contains(s("--yes")), run.err.constData());
        QCOMPARE(run.json().value(s("ok")).toBool(true), false);
        // Checked before the vault is opened: no master password needed to learn that.
        CliRunner bare(m_dir.path());
        const CliRun noPassword =
            bare.run({s("--vault"), m_cli.vault(), s("user"), s("delete"), s("erin"), s("bob")});
        CLI_EXPECT_EXIT(noPassword, 2);
        QVERIFY(noPassword.errText().contains(s("--yes")));
        QCOMPARE(listed({s("--filter"), s("erin")}), QStringList{s("erin")});
        // All or nothing: one unknown name deletes no one.
        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("delete"), s("erin"), s("nobody"), s("--yes")}), 2);
        QCOMPARE(listed({s("--filter"), s("erin")}), QStringList{s("erin")});
    }

    void objectGrants()
    {
        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("add"), s("frank")}), 0);
        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("grant"), s("frank"), s("delete:posts")}),
                        2); // --object missing
        CliRun run =
            m_cli.run({s("user"), s("grant"), s("frank"), s("delete:posts"), s("--object"), s("42")});
        CLI_EXPECT_EXIT(run, 0);
        const QJsonArray grants = showJson(s("frank")).value(s("objectGrants")).toArray();
        QCOMPARE(grants.size(), 1);
        QCOMPARE(grants.first().toObject(),
                 (QJsonObject{{s("permission"), s("delete:posts")}, {s("object"), s("42")}}));

        run = m_cli.run({s("access"), s("check"), s("frank"), s("delete:posts"), s("--object"), s("42")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY2(run.outText().contains(s("frank -> delete:posts on object 42")), run.out.constData());
        CLI_EXPECT_EXIT(
            m_cli.run({s("access"), s("check"), s("frank"), s("delete:posts"), s("--object"), s("43")}), 1);
        CLI_EXPECT_EXIT(m_cli.run({s("access"), s("check"), s("frank"), s("delete:posts")}), 1);

        CLI_EXPECT_EXIT(
            m_cli.run({s("user"), s("revoke"), s("frank"), s("delete:posts"), s("--object"), s("42")}), 0);
        CLI_EXPECT_EXIT(
            m_cli.run({s("access"), s("check"), s("frank"), s("delete:posts"), s("--object"), s("42")}), 1);
        CLI_EXPECT_EXIT(
            m_cli.run({s("user"), s("revoke"), s("frank"), s("delete:posts"), s("--object"), s("42")}), 2);
        run = m_cli.run({s("user"), s("grant"), s("frank"), s("Delete:Posts"), s("--object"), s("42")});
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY(run.errText().contains(s("lower-case")));
    }

    void signInFailuresAllLookTheSame()
    {
        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("add"), s("gina"), kUserPasswordArg, s("--no-must-change")},
                                  kUserPassword),
                        0);
        CLI_EXPECT_EXIT(
            m_cli.run({s("user"), s("add"), s("hal"), kUserPasswordArg, s("--disabled")}, kUserPassword), 0);

        CliRun run = login(s("gina"), kUserPassword);
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY2(run.outText().startsWith(s("signed in")), run.out.constData());
        QVERIFY(!run.outText().contains(s("must change")));
        run = login(s("gina"), kUserPassword, true);
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(s("authenticated")).toBool(), true);
        QCOMPARE(run.json().value(s("message")).toString(), s("signed in"));
        QVERIFY(!showJson(s("gina")).value(s("lastSignIn")).isNull());

        const CliRun wrong = login(s("gina"), "Wrong-Pass-123\n");
        const CliRun unknown = login(s("nobody"), kUserPassword);
        const CliRun disabled = login(s("hal"), kUserPassword);
        for (const CliRun* failed : {&wrong, &unknown, &disabled}) {
            CLI_EXPECT_EXIT(*failed, 1);
            QCOMPARE(failed->errText(), s("tessera-cli: error: invalid credentials\n"));
            QCOMPARE(failed->out, wrong.out);
        }
        for (const QString& user : {s("gina"), s("nobody"), s("hal")}) {
            run = login(user, user == s("gina") ? QByteArray("Wrong-Pass-123\n") : kUserPassword, true);
            CLI_EXPECT_EXIT(run, 1);
            const QJsonObject document = run.json();
            QCOMPARE(keysOf(document), (QStringList{s("authenticated"), s("error"), s("message"), s("ok")}));
            QCOMPARE(document.value(s("authenticated")).toBool(true), false);
            QCOMPARE(document.value(s("message")).toString(), s("invalid credentials"));
            const QJsonObject error = document.value(s("error")).toObject();
            QCOMPARE(keysOf(error), (QStringList{s("exitCode"), s("kind"), s("message")}));
            QCOMPARE(error.value(s("kind")).toString(), s("invalid-credentials"));
            QCOMPARE(error.value(s("message")).toString(), s("invalid credentials"));
            QCOMPARE(error.value(s("exitCode")).toInt(), 1);
        }
        // A password an admin set must be changed, and the sign-in says so.
        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("enable"), s("hal")}), 0);
        run = login(s("hal"), kUserPassword);
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY2(run.outText().contains(s("must change password")), run.out.constData());
    }

    void lockoutAfterFiveFailuresAndUnlock()
    {
        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("add"), s("mia"), kUserPasswordArg}, kUserPassword), 0);
        for (int attempt = 0; attempt < 5; ++attempt) {
            CLI_EXPECT_EXIT(login(s("mia"), "Wrong-Pass-123\n"), 1);
        }
        const CliRun locked = login(s("mia"), kUserPassword);
        CLI_EXPECT_EXIT(locked, 1);
        QCOMPARE(locked.errText(), s("tessera-cli: error: invalid credentials\n"));
        const QJsonObject user = showJson(s("mia"));
        QCOMPARE(user.value(s("locked")).toBool(), true);
        QCOMPARE(user.value(s("status")).toString(), s("locked"));
        QVERIFY(!user.value(s("lockedUntil")).isNull());
        QCOMPARE(listed({s("--locked")}), QStringList{s("mia")});

        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("unlock"), s("mia")}), 0);
        QCOMPARE(showJson(s("mia")).value(s("locked")).toBool(true), false);
        QVERIFY(listed({s("--locked")}).isEmpty());
        CLI_EXPECT_EXIT(login(s("mia"), kUserPassword), 0);
    }

    void vaultErrorsAreExitThree()
    {
        CliRunner wrong(m_dir.path());
        wrong.setEnv(s("TESSERA_PASSWORD"), s("not the master password"));
        const CliRun run = wrong.run({s("--vault"), m_cli.vault(), s("user"), s("list"), s("--json")});
        CLI_EXPECT_EXIT(run, 3);
        QCOMPARE(run.json().value(s("error")).toObject().value(s("kind")).toString(), s("wrong-password"));
    }

    void helpShowsRepeatableOptionsAndVariadicArguments()
    {
        CliRun run = m_cli.run({s("user"), s("add"), s("--help")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(run.outText().contains(s("--role ROLE")));
        QVERIFY(run.outText().contains(s("(repeatable)")));
        QVERIFY(run.outText().contains(s("--password-stdin")));
        run = m_cli.run({s("user"), s("delete"), s("--help")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY2(run.outText().startsWith(s("Usage: tessera-cli user delete [OPTIONS] USER...")),
                 run.out.constData());
        run = m_cli.run({s("user"), s("show")});
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY(run.errText().contains(s("needs USER")));
        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("show"), s("a"), s("b")}), 2);
        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("add"), s("x"), s("--name"), s("a"), s("--name"), s("b")}),
                        2);
    }
};

QTEST_GUILESS_MAIN(TestCliUsers)
#include "TestCliUsers.moc"
