// `user import` and `user export` through the real tessera-cli: every bad row listed by line with
// nothing written, an all-or-nothing import, and exports that read back and leave hashes out by default.
#include "CliRunner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace tessera::test;

namespace {

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestCliUserFiles : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<CliRunner> m_cli;
    QString m_vault;
    int m_counter = 0;

    CliRun cli(QStringList arguments, const QByteArray& input = {})
    {
        arguments.prepend(m_vault);
        arguments.prepend(QStringLiteral("--vault"));
        return m_cli->run(arguments, input);
    }

    QString path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_cli = std::make_unique<CliRunner>(m_dir.path());
        m_cli->setEnv(QStringLiteral("TESSERA_PASSWORD"), QStringLiteral("master password for tests"));
    }

    void init()
    {
        m_vault = m_dir.filePath(QStringLiteral("v%1.tessera").arg(++m_counter));
        CLI_EXPECT_EXIT(cli({QStringLiteral("vault"), QStringLiteral("create"), QStringLiteral("--kdf-test-insecure")}), 0);
    }

    void badLineSevenImportsNothingAndNamesTheLine()
    {
        QByteArray csv = "username,display_name,email,roles\n";
        for (int i = 1; i <= 8; ++i) {
            // Line 7 (the header is line 1) has a broken email.
            const QByteArray email = i == 6 ? QByteArray("broken@") : "u" + QByteArray::number(i) + "@example.org";
            csv += "u" + QByteArray::number(i) + ",User " + QByteArray::number(i) + "," + email + ",viewer\n";
        }
        writeFile(path("users.csv"), csv);
        const CliRun run = cli({QStringLiteral("user"), QStringLiteral("import"), path("users.csv")});
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY2(run.outText().contains(QStringLiteral("line 7")), run.describe().constData());
        QVERIFY(run.errText().contains(QStringLiteral("nothing was imported")));
        const CliRun exported = cli({QStringLiteral("user"), QStringLiteral("export"), path("after.json"), QStringLiteral("--json")});
        CLI_EXPECT_EXIT(exported, 0);
        QCOMPARE(exported.json().value(QStringLiteral("users")).toInt(), 0);
    }

    void everyProblemIsListedWithJson()
    {
        writeFile(path("many.csv"), "username,email,roles\nok,ok@example.org,viewer\nbad name,,viewer\n"
                                    "OK,,viewer\nfine,,ghost\n");
        const CliRun run = cli({QStringLiteral("--json"), QStringLiteral("user"), QStringLiteral("import"), path("many.csv")});
        CLI_EXPECT_EXIT(run, 2);
        const QJsonArray problems = run.json().value(QStringLiteral("preview")).toObject().value(QStringLiteral("problems")).toArray();
        QCOMPARE(problems.size(), 3);
        QCOMPARE(problems[0].toObject().value(QStringLiteral("line")).toInt(), 3);
        QCOMPARE(problems[1].toObject().value(QStringLiteral("line")).toInt(), 4);
        QCOMPARE(problems[2].toObject().value(QStringLiteral("line")).toInt(), 5);
        QCOMPARE(problems[2].toObject().value(QStringLiteral("field")).toString(), QStringLiteral("roles"));
    }

    void importThenExportRoundTripsWithoutHashesByDefault()
    {
        const QByteArray json = R"({"format": "tessera-users", "version": 1,
  "roles": [{"name": "auditor", "description": "reads the trail", "permissions": ["read:audit"], "includes": ["viewer"]}],
  "users": [
    {"username": "Dana", "displayName": "Dana D", "email": "dana@example.org", "roles": ["auditor"],
     "attributes": {"team": "blue"}, "password": "Plain-Text-Pass-1"},
    {"username": "eli", "roles": ["viewer"], "status": "disabled"}
  ]})";
        writeFile(path("in.json"), json);
        const CliRun dry = cli({QStringLiteral("--json"), QStringLiteral("user"), QStringLiteral("import"), path("in.json"), QStringLiteral("--dry-run")});
        CLI_EXPECT_EXIT(dry, 0);
        QCOMPARE(dry.json().value(QStringLiteral("imported")).toBool(), false);
        QVERIFY(dry.errText().contains(QStringLiteral("plaintext")));

        const CliRun run = cli({QStringLiteral("--json"), QStringLiteral("user"), QStringLiteral("import"), path("in.json")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(QStringLiteral("usersAdded")).toInt(), 2);
        QCOMPARE(run.json().value(QStringLiteral("rolesAdded")).toArray().first().toString(), QStringLiteral("auditor"));
        QCOMPARE(run.json().value(QStringLiteral("passwordsHashed")).toInt(), 1);

        // Importing the same file again clashes with the users now in the vault: nothing changes.
        const CliRun again = cli({QStringLiteral("user"), QStringLiteral("import"), path("in.json")});
        CLI_EXPECT_EXIT(again, 2);
        QVERIFY(again.outText().contains(QStringLiteral("already exists")));

        CLI_EXPECT_EXIT(cli({QStringLiteral("user"), QStringLiteral("export"), path("out.json")}), 0);
        const QByteArray exported = readFile(path("out.json"));
        QVERIFY(exported.contains("\"Dana\""));
        QVERIFY(exported.contains("\"auditor\""));
        QVERIFY(exported.contains("\"team\""));
        QVERIFY(!exported.contains("argon2"));
        QVERIFY(!exported.contains("Plain-Text-Pass-1"));
        QCOMPARE(QFile::permissions(path("out.json")) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());

        // Refuses to overwrite without --force; with hashes on request.
        CLI_EXPECT_EXIT(cli({QStringLiteral("user"), QStringLiteral("export"), path("out.json")}), 2);
        CLI_EXPECT_EXIT(cli({QStringLiteral("user"), QStringLiteral("export"), path("out.json"), QStringLiteral("--force"),
                             QStringLiteral("--include-hashes")}),
                        0);
        QVERIFY(readFile(path("out.json")).contains("$argon2id$"));
        // A folder (exit 2, even with --force) or a missing folder (exit 3) is refused before the export.
        CLI_EXPECT_EXIT(
            cli({QStringLiteral("user"), QStringLiteral("export"), m_dir.path(), QStringLiteral("--force")}),
            2);
        CLI_EXPECT_EXIT(
            cli({QStringLiteral("user"), QStringLiteral("export"), path("no-such-folder/out.json")}), 3);
        QVERIFY(!QFileInfo::exists(path("no-such-folder")));

        // The export imports into a fresh vault unchanged (hashes included, so the password still works).
        const QString first = m_vault;
        init();
        const CliRun copy = cli({QStringLiteral("user"), QStringLiteral("import"), path("out.json")});
        CLI_EXPECT_EXIT(copy, 0);
        CLI_EXPECT_EXIT(cli({QStringLiteral("user"), QStringLiteral("export"), path("copy.json")}), 0);
        m_vault = first;
        CLI_EXPECT_EXIT(cli({QStringLiteral("user"), QStringLiteral("export"), path("orig.json")}), 0);
        auto withoutTimes = [](QByteArray text) {
            QList<QByteArray> kept;
            for (const QByteArray& line : text.split('\n')) {
                if (!line.contains("\"created\"") && !line.contains("\"lastLogin")) {
                    kept << line;
                }
            }
            return kept;
        };
        QCOMPARE(withoutTimes(readFile(path("copy.json"))), withoutTimes(readFile(path("orig.json"))));
    }

    void unreadableAndMalformedFilesAreInputErrors()
    {
        const CliRun format = cli({QStringLiteral("user"), QStringLiteral("export"), path("x.xml"),
                                   QStringLiteral("--format"), QStringLiteral("xml")});
        CLI_EXPECT_EXIT(format, 2);
        QVERIFY(format.errText().contains(QStringLiteral("--format")));
        QVERIFY(!QFile::exists(path("x.xml")));

        const CliRun missing = cli({QStringLiteral("user"), QStringLiteral("import"), path("nope.csv")});
        CLI_EXPECT_EXIT(missing, 2);
        writeFile(path("broken.json"), "{\"format\": \"tessera-users\", \"users\": [\n{\"username\": \"x\",,}\n]}");
        const CliRun broken = cli({QStringLiteral("user"), QStringLiteral("import"), path("broken.json")});
        CLI_EXPECT_EXIT(broken, 2);
        QVERIFY2(broken.outText().contains(QStringLiteral("line 2")), broken.describe().constData());
    }
};

QTEST_GUILESS_MAIN(TestCliUserFiles)
#include "TestCliUserFiles.moc"
