// tessera-cli role ... and access check: permission strings, composite roles and cycles, the change
// preview and --dry-run, explanations of allowed and denied checks, confirmations on a terminal.
#include "IdentityFixture.h"
#include "PseudoTerminal.h"
#include "crypto/CryptoRuntime.h"

#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <fcntl.h>
#include <unistd.h>

using namespace tessera;
using namespace tessera::test;

namespace {

QString s(const char* text)
{
    return QString::fromUtf8(text);
}


} // namespace

class TestCliRoles : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    IdentityCli m_cli;

    CliRun check(const QString& user, const QString& permission, const QStringList& options = {}) const
    {
        return m_cli.run(QStringList{s("access"), s("check"), user, permission} + options);
    }
    QJsonObject roleJson(const QString& role) const
    {
        return m_cli.json({s("role"), s("show"), role}).json().value(s("role")).toObject();
    }
    bool roleExists(const QString& role) const
    {
        for (const QJsonValue& value :
             m_cli.json({s("role"), s("list")}).json().value(s("roles")).toArray()) {
            if (value.toObject().value(s("name")).toString() == role) {
                return true;
            }
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(CryptoRuntime::initialise());
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo(CliRunner::program()).isExecutable(), "TESSERA_CLI must point at tessera-cli");
        m_cli = IdentityCli(m_dir.path(), m_dir.filePath(s("roles.tessera")));
        QVERIFY(m_cli.create());
        for (const char* user : {"ann", "ben", "cy"}) {
            CLI_EXPECT_EXIT(m_cli.run({s("user"), s("add"), s(user), s("--no-role")}), 0);
        }
    }

    void invalidPermissionStringIsAUsageError()
    {
        CliRun run = m_cli.json({s("role"), s("grant"), s("editor"), s("Read:Posts")});
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY2(run.errText().contains(s("permission 'Read:Posts' must be lower-case")),
                 run.err.constData());
        QCOMPARE(run.json().value(s("error")).toObject().value(s("kind")).toString(), s("input"));
        run = check(s("ann"), s("Read:Posts"));
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY(run.errText().contains(s("lower-case")));
        run = check(s("ann"), s("readposts"));
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY(run.errText().contains(s("no colon")));
        // Checked before the vault is opened: no master password needed.
        CLI_EXPECT_EXIT(
            CliRunner(m_dir.path())
                .run({s("--vault"), m_cli.vault(), s("access"), s("check"), s("ann"), s("Read:Posts")}),
            2);
    }

    void roleCycleIsRefusedAndNamed()
    {
        CLI_EXPECT_EXIT(m_cli.run({s("role"), s("add"), s("base")}), 0);
        CLI_EXPECT_EXIT(m_cli.run({s("role"), s("add"), s("middle"), s("--include"), s("base")}), 0);
        CLI_EXPECT_EXIT(m_cli.run({s("role"), s("add"), s("top"), s("--include"), s("middle")}), 0);
        const CliRun run = m_cli.json({s("role"), s("include"), s("base"), s("top")});
        CLI_EXPECT_EXIT(run, 2);
        const QString message = run.json().value(s("error")).toObject().value(s("message")).toString();
        QVERIFY2(message.contains(s("cycle")), qPrintable(message));
        QVERIFY2(message.contains(s("base -> top -> middle -> base")), qPrintable(message));
        QCOMPARE(stringsOf(roleJson(s("base")).value(s("includes"))), QStringList{});
        // An unknown --include leaves no half-made role behind.
        CLI_EXPECT_EXIT(m_cli.run({s("role"), s("add"), s("orphan"), s("--include"), s("nosuchrole")}), 2);
        QVERIFY(!roleExists(s("orphan")));
    }

    void grantThenCheckExplainsThePath()
    {
        CLI_EXPECT_EXIT(m_cli.run({s("role"), s("add"), s("writer"), s("--description"), s("Writes docs")}),
                        0);
        CliRun run = m_cli.run({s("role"), s("grant"), s("writer"), s("write:docs"), s("read:docs")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY2(run.outText().startsWith(s("Preview: no user's permissions change")), run.out.constData());
        CLI_EXPECT_EXIT(m_cli.run({s("role"), s("assign"), s("writer"), s("ann")}), 0);
        CLI_EXPECT_EXIT(m_cli.run({s("role"), s("add"), s("lead"), s("--include"), s("writer")}), 0);
        CLI_EXPECT_EXIT(m_cli.run({s("role"), s("assign"), s("lead"), s("BEN")}), 0);

        run = check(s("ann"), s("write:docs"));
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY2(run.outText().startsWith(s("allowed: ann -> writer -> write:docs")), run.out.constData());
        run = check(s("ben"), s("write:docs"));
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY2(run.outText().contains(s("ben -> lead -> writer -> write:docs")), run.out.constData());

        run = m_cli.json({s("access"), s("check"), s("ben"), s("write:docs")});
        CLI_EXPECT_EXIT(run, 0);
        const QJsonObject document = run.json();
        QCOMPARE(document.value(s("ok")).toBool(), true);
        QCOMPARE(document.value(s("allowed")).toBool(), true);
        QCOMPARE(document.value(s("basis")).toString(), s("role"));
        QCOMPARE(document.value(s("user")).toString(), s("ben"));
        QCOMPARE(document.value(s("userKnown")).toBool(), true);
        QCOMPARE(document.value(s("permission")).toString(), s("write:docs"));
        QVERIFY(document.value(s("object")).isNull());
        QStringList kinds;
        QStringList names;
        for (const QJsonValue& step : document.value(s("path")).toArray()) {
            kinds << step.toObject().value(s("kind")).toString();
            names << step.toObject().value(s("name")).toString();
        }
        QCOMPARE(kinds, (QStringList{s("user"), s("role"), s("role"), s("permission")}));
        QCOMPARE(names, (QStringList{s("ben"), s("lead"), s("writer"), s("write:docs")}));

        // The wildcard.
        CLI_EXPECT_EXIT(m_cli.run({s("role"), s("assign"), s("superadmin"), s("cy")}), 0);
        run = m_cli.json({s("access"), s("check"), s("cy"), s("launch:rockets")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(s("basis")).toString(), s("wildcard"));
        CLI_EXPECT_EXIT(m_cli.run({s("role"), s("unassign"), s("superadmin"), s("cy")}), 0);
        CLI_EXPECT_EXIT(check(s("cy"), s("launch:rockets")), 1);
    }

    void denialExitsOneWithReasonAndClosestGrants()
    {
        CliRun run = check(s("ann"), s("delete:docs"));
        CLI_EXPECT_EXIT(run, 1);
        QVERIFY2(run.outText().startsWith(s("denied: ")), run.out.constData());
        QVERIFY(run.outText().contains(s("closest")));
        QVERIFY(run.errText().startsWith(s("tessera-cli: error: access denied")));
        run = m_cli.json({s("access"), s("check"), s("ann"), s("delete:docs")});
        CLI_EXPECT_EXIT(run, 1);
        const QJsonObject document = run.json();
        QCOMPARE(document.value(s("ok")).toBool(true), false);
        QCOMPARE(document.value(s("allowed")).toBool(true), false);
        QCOMPARE(document.value(s("basis")).toString(), s("none"));
        QCOMPARE(document.value(s("error")).toObject().value(s("kind")).toString(), s("denied"));
        QCOMPARE(document.value(s("error")).toObject().value(s("exitCode")).toInt(), 1);
        const QJsonArray closest = document.value(s("closest")).toArray();
        QCOMPARE(closest.size(), 1);
        QCOMPARE(closest.first().toObject().value(s("role")).toString(), s("writer"));
        QVERIFY(!document.value(s("reason")).toString().isEmpty());
    }

    void unknownUserIsADenialNotAnError()
    {
        const CliRun run = m_cli.json({s("access"), s("check"), s("nobody"), s("read:posts")});
        CLI_EXPECT_EXIT(run, 1);
        QCOMPARE(run.json().value(s("userKnown")).toBool(true), false);
        QCOMPARE(run.json().value(s("error")).toObject().value(s("kind")).toString(), s("denied"));
        QVERIFY(run.json().value(s("reason")).toString().contains(s("no user named")));
    }

    void dryRunChangesNothing()
    {
        CliRun run = m_cli.json({s("role"), s("grant"), s("writer"), s("publish:docs"), s("--dry-run")});
        CLI_EXPECT_EXIT(run, 0);
        QJsonObject document = run.json();
        QCOMPARE(document.value(s("dryRun")).toBool(), true);
        QCOMPARE(document.value(s("applied")).toBool(true), false);
        const QJsonObject preview = document.value(s("preview")).toObject();
        QCOMPARE(preview.value(s("summary")).toString(), s("2 users gain publish:docs"));
        QJsonArray users = preview.value(s("users")).toArray();
        QCOMPARE(users.size(), 2);
        QCOMPARE(users.at(0).toObject(), (QJsonObject{{s("username"), s("ann")},
                                                      {s("gained"), QJsonArray{s("publish:docs")}},
                                                      {s("lost"), QJsonArray{}}}));
        run = m_cli.run({s("role"), s("grant"), s("writer"), s("publish:docs"), s("--dry-run")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY2(run.outText().contains(s("ann  gains publish:docs")), run.out.constData());
        QVERIFY(run.outText().contains(s("Dry run: nothing was changed.")));
        CLI_EXPECT_EXIT(check(s("ann"), s("publish:docs")), 1);

        run = m_cli.json({s("role"), s("grant"), s("writer"), s("publish:docs")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(s("applied")).toBool(), true);
        CLI_EXPECT_EXIT(check(s("ann"), s("publish:docs")), 0);

        run = m_cli.run({s("role"), s("exclude"), s("lead"), s("writer"), s("--dry-run")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY2(run.outText().contains(s("ben  loses publish:docs, read:docs, write:docs")),
                 run.out.constData());
        CLI_EXPECT_EXIT(check(s("ben"), s("write:docs")), 0);
        run = m_cli.run({s("role"), s("revoke"), s("writer"), s("publish:docs"), s("--dry-run")});
        CLI_EXPECT_EXIT(run, 0);
        CLI_EXPECT_EXIT(check(s("ann"), s("publish:docs")), 0);
        CLI_EXPECT_EXIT(m_cli.run({s("role"), s("revoke"), s("writer"), s("publish:docs")}), 0);
        CLI_EXPECT_EXIT(check(s("ann"), s("publish:docs")), 1);
        // Revoking what the role does not grant is refused by the preview already.
        CLI_EXPECT_EXIT(m_cli.run({s("role"), s("revoke"), s("writer"), s("publish:docs"), s("--dry-run")}),
                        2);
    }

    void listShowDefaultRename()
    {
        CliRun run = m_cli.json({s("role"), s("list")});
        CLI_EXPECT_EXIT(run, 0);
        QJsonObject document = run.json();
        QCOMPARE(document.value(s("defaultRole")).toString(), s("viewer"));
        QJsonObject writer;
        for (const QJsonValue& role : document.value(s("roles")).toArray()) {
            if (role.toObject().value(s("name")).toString() == s("writer")) {
                writer = role.toObject();
            }
        }
        QCOMPARE(keysOf(writer), (QStringList{s("default"), s("description"), s("includes"), s("name"),
                                              s("permissions"), s("userCount")}));
        QCOMPARE(stringsOf(writer.value(s("permissions"))), (QStringList{s("read:docs"), s("write:docs")}));
        QCOMPARE(writer.value(s("userCount")).toInt(), 1);
        QCOMPARE(writer.value(s("description")).toString(), s("Writes docs"));
        run = m_cli.run({s("role"), s("list")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(run.outText().startsWith(s("ROLE")));
        QVERIFY(run.outText().contains(s("viewer (default)")));

        QJsonObject lead = roleJson(s("lead"));
        QCOMPARE(stringsOf(lead.value(s("permissions"))), QStringList{});
        QCOMPARE(stringsOf(lead.value(s("effectivePermissions"))),
                 (QStringList{s("read:docs"), s("write:docs")}));
        QCOMPARE(stringsOf(lead.value(s("includes"))), QStringList{s("writer")});
        QCOMPARE(stringsOf(lead.value(s("users"))), QStringList{s("ben")});
        const QJsonObject writerShown = roleJson(s("writer"));
        QCOMPARE(stringsOf(writerShown.value(s("includedBy"))), QStringList{s("lead")});
        QCOMPARE(stringsOf(writerShown.value(s("users"))), QStringList{s("ann")});
        QCOMPARE(stringsOf(writerShown.value(s("usersThroughOtherRoles"))), QStringList{s("ben")});
        CLI_EXPECT_EXIT(m_cli.run({s("role"), s("show"), s("nosuchrole")}), 2);

        run = m_cli.run({s("role"), s("default")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(run.outText().contains(s("viewer")));
        CLI_EXPECT_EXIT(m_cli.run({s("role"), s("default"), s("writer")}), 0);
        run = m_cli.json({s("user"), s("add"), s("dee")});
        QCOMPARE(stringsOf(run.json().value(s("user")).toObject().value(s("roles"))),
                 QStringList{s("writer")});
        CLI_EXPECT_EXIT(m_cli.run({s("role"), s("default"), s("--none")}), 0);
        QVERIFY(m_cli.json({s("role"), s("default")}).json().value(s("defaultRole")).isNull());
        CLI_EXPECT_EXIT(m_cli.run({s("role"), s("default"), s("nosuchrole")}), 2);
        CLI_EXPECT_EXIT(m_cli.run({s("role"), s("default"), s("viewer")}), 0);

        CLI_EXPECT_EXIT(m_cli.run({s("role"), s("rename"), s("lead"), s("chief")}), 0);
        CLI_EXPECT_EXIT(check(s("ben"), s("write:docs")), 0);
        QCOMPARE(stringsOf(roleJson(s("chief")).value(s("users"))), QStringList{s("ben")});
        CLI_EXPECT_EXIT(m_cli.run({s("role"), s("add"), s("writer")}), 2); // exists
        CLI_EXPECT_EXIT(m_cli.run({s("role"), s("add"), s("Bad Name")}), 2);
    }

    void deleteNeedsYesOrATerminal()
    {
        CLI_EXPECT_EXIT(m_cli.run({s("role"), s("add"), s("temp")}), 0);
        CLI_EXPECT_EXIT(m_cli.run({s("role"), s("grant"), s("temp"), s("read:temp")}), 0);
        CLI_EXPECT_EXIT(m_cli.run({s("role"), s("assign"), s("temp"), s("cy")}), 0);
        CliRun run = m_cli.run({s("role"), s("delete"), s("temp")});
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY(run.errText().contains(s("--yes")));
        QVERIFY(roleExists(s("temp")));
        run = m_cli.run({s("role"), s("delete"), s("temp"), s("--dry-run")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY2(run.outText().contains(s("cy  loses read:temp")), run.out.constData());
        QVERIFY(roleExists(s("temp")));
        CLI_EXPECT_EXIT(check(s("cy"), s("read:temp")), 0);
        run = m_cli.json({s("role"), s("delete"), s("temp"), s("--yes")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(s("preview")).toObject().value(s("summary")).toString(),
                 s("1 user loses read:temp"));
        QVERIFY(!roleExists(s("temp")));
        CLI_EXPECT_EXIT(check(s("cy"), s("read:temp")), 1);
        // The default role cannot go.
        run = m_cli.run({s("role"), s("delete"), s("viewer"), s("--yes")});
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY(run.errText().contains(s("default role")));
    }

    void confirmationsOnATerminal()
    {
        PseudoTerminal terminal;
        if (!terminal.isValid()) {
            QSKIP("no pseudo-terminals in this environment");
        }
        CLI_EXPECT_EXIT(m_cli.run({s("role"), s("add"), s("keep")}), 0);
        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("add"), s("gone")}), 0);
        QString question;
        CliRun run =
            m_cli.runner().runInteractive({s("--vault"), m_cli.vault(), s("role"), s("delete"), s("keep")},
                                          terminal.attachToStdin(), [&](QProcess& process) {
                                              question = CliRunner::awaitStderr(process, "[y/N] ");
                                              terminal.type("n\n");
                                          });
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY2(question.contains(s("Delete role keep")), qPrintable(question));
        QVERIFY(run.errText().contains(s("cancelled")));
        QVERIFY(roleExists(s("keep")));

        run = m_cli.runner().runInteractive({s("--vault"), m_cli.vault(), s("user"), s("delete"), s("gone")},
                                            terminal.attachToStdin(), [&](QProcess& process) {
                                                question = CliRunner::awaitStderr(process, "[y/N] ");
                                                terminal.type("y\n");
                                            });
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY2(question.contains(s("gone")), qPrintable(question));
        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("show"), s("gone")}), 2);

        // user passwd asks twice on a terminal; the second entry must match.
        QStringList prompts;
        run = m_cli.runner().runInteractive({s("--vault"), m_cli.vault(), s("user"), s("passwd"), s("dee")},
                                            terminal.attachToStdin(), [&](QProcess& process) {
                                                prompts << CliRunner::awaitStderr(process, ": ");
                                                terminal.type("Typed-Twice-42\n");
                                                prompts << CliRunner::awaitStderr(process, ": ");
                                                terminal.type("Typed-Twice-42\n");
                                            });
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(prompts.size(), 2);
        QVERIFY2(prompts.at(0).contains(s("New password for dee")), qPrintable(prompts.at(0)));
        CLI_EXPECT_EXIT(m_cli.run({s("auth"), s("login"), s("dee")}, "Typed-Twice-42\n"), 0);
    }
};

QTEST_GUILESS_MAIN(TestCliRoles)
#include "TestCliRoles.moc"
