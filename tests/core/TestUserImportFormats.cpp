// The users/roles import files: CSV and JSON readers, the writer, format detection and line numbers.
#include "crypto/CryptoRuntime.h"
#include "identity/ImportBatch.h"
#include "identity/JsonLineScanner.h"
#include "identity/UserCsvReader.h"
#include "identity/UserFileFormat.h"
#include "identity/UserFileWriter.h"
#include "identity/UserJsonReader.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace tessera;

namespace {

QString latin1(const char* text)
{
    return QString::fromLatin1(text);
}

// Reference hashes from TestPasswordHasher (argon2 reference tool, python3-bcrypt).
const char* kArgon2id =
    "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
const char* kArgon2i =
    "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA";
const char* kBcrypt = "$2b$04$4iLjBf6bjjM7pmLBj5z5lO5ffkPZ4yLRMxwFooHstV7oJJqQSjP6O";

QString problemsText(const ImportBatch& batch)
{
    QStringList lines;
    for (const ImportProblem& problem : batch.problems) {
        lines.append(problem.toText());
    }
    return lines.join(u'\n');
}

// Every field, one per line, so a failed comparison shows exactly what differs.
QString dump(const UserRecord& user)
{
    QStringList out{
        QStringLiteral("username=") + user.username,
        QStringLiteral("displayName=") + user.displayName,
        QStringLiteral("email=") + user.email,
        QStringLiteral("disabled=%1").arg(user.disabled),
        QStringLiteral("mustChangePassword=%1").arg(user.mustChangePassword),
        QStringLiteral("notes=") + user.notes,
        QStringLiteral("roles=") + user.roles.join(u'|'),
        QStringLiteral("passwordHash=") + user.passwordHash,
        QStringLiteral("createdMs=%1").arg(user.createdMs),
    };
    for (auto it = user.attributes.cbegin(); it != user.attributes.cend(); ++it) {
        out.append(QStringLiteral("attr %1=%2").arg(it.key(), it.value()));
    }
    for (const ObjectGrant& grant : user.objectGrants) {
        out.append(QStringLiteral("grant %1 on %2").arg(grant.permission.toString(), grant.objectId));
    }
    return out.join(u'\n');
}

QString dump(const RoleDefinition& role)
{
    QStringList permissions;
    for (const Permission& permission : role.permissions) {
        permissions.append(permission.toString());
    }
    return QStringLiteral("%1|%2|%3|%4")
        .arg(role.name, role.description, permissions.join(u';'), role.includes.join(u';'));
}

Permission permission(const char* text)
{
    return Permission::parse(latin1(text)).value();
}

std::vector<UserRecord> sampleUsers()
{
    std::vector<UserRecord> users;
    UserRecord ana;
    ana.username = QStringLiteral("ana");
    ana.displayName = QStringLiteral("Ana María \"Ani\" Pérez, PhD");
    ana.email = QStringLiteral("ana@example.org");
    ana.roles = {QStringLiteral("admin"), QStringLiteral("editor")};
    ana.notes = QStringLiteral("line one\nline two, with a comma\n\"quoted\" line three");
    ana.attributes = {{QStringLiteral("department"), QStringLiteral("R&D")},
                      {QStringLiteral("employee.id"), QStringLiteral("00042")}};
    ana.passwordHash = latin1(kArgon2id);
    ana.createdMs = 1714554764262;
    ana.objectGrants = {ObjectGrant{permission("delete:posts"), QStringLiteral("42")}};
    users.push_back(ana);

    UserRecord bob;
    bob.username = QStringLiteral("Bob.Smith@corp");
    bob.displayName = QStringLiteral("  Bob with edge spaces  ");
    bob.disabled = true;
    bob.mustChangePassword = true;
    bob.passwordHash = latin1(kBcrypt);
    bob.attributes = {{QStringLiteral("phone"), QStringLiteral("+1 555 0100")}};
    users.push_back(bob);

    UserRecord cleo;
    cleo.username = QStringLiteral("cleo_3");
    cleo.displayName = QStringLiteral("Cléo 日本語 ✓");
    cleo.passwordHash = latin1(kArgon2i);
    cleo.notes = QStringLiteral("=SUM(A1:A2)"); // kept as data, not formula-escaped
    users.push_back(cleo);

    UserRecord dan; // nearly empty
    dan.username = QStringLiteral("dan");
    users.push_back(dan);
    return users;
}

QList<RoleDefinition> sampleRoles()
{
    return {
        RoleDefinition{QStringLiteral("editor"),
                       QStringLiteral("Edits posts, \"carefully\""),
                       {permission("read:posts"), permission("write:posts")},
                       {}},
        RoleDefinition{QStringLiteral("admin"),
                       QStringLiteral("Everything"),
                       {permission("admin:all")},
                       {QStringLiteral("editor")}},
        RoleDefinition{QStringLiteral("viewer"), QString(), {}, {}},
    };
}

QByteArray header()
{
    return "username,display_name,email,status,roles,password_hash,password,must_change_password,notes,"
           "created\n";
}

} // namespace

class TestUserImportFormats : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(CryptoRuntime::initialise()); }

    // ---- line numbers ---------------------------------------------------------------------------------

    void csvBadLineSevenIsReportedAsLineSeven()
    {
        QByteArray csv = "username,email\n";
        for (int i = 2; i <= 9; ++i) {
            csv += "user" + QByteArray::number(i) + ",user" + QByteArray::number(i) + "@example.org\n";
        }
        csv.replace("user7@example.org", "user7@"); // line 7
        const ImportBatch batch = UserCsvReader::read(csv);
        QCOMPARE(batch.problems.size(), 1);
        QCOMPARE(batch.problems.front().line, 7);
        QCOMPARE(batch.problems.front().field, QStringLiteral("email"));
        QCOMPARE(batch.problems.front().toText(),
                 QStringLiteral("line 7 (email): 'user7@' is not a valid email address"));
        QCOMPARE(batch.users.size(), std::size_t{7}); // the good rows are still read
        QCOMPARE(batch.users.front().line, 2);
        QCOMPARE(batch.users.back().line, 9);
    }

    void csvMultiLineRecordsShiftLineNumbers()
    {
        const QByteArray csv = "username,notes,email\n"                   // 1
                               "ana,\"first line\n"                       // 2
                               "second line\n"                            // 3
                               "third, with \"\"quotes\"\"\",ana@x.org\n" // 4
                               "bob,plain,bob@x.org\n"                    // 5
                               "\"carl\",\"two\r\n"                       // 6
                               "lines\",carl@\n"                          // 7: the record starts on 6
                               "dora,ok,dora@\n";                         // 8
        const ImportBatch batch = UserCsvReader::read(csv);
        QCOMPARE(batch.problems.size(), 2);
        QCOMPARE(batch.problems.at(0).line, 6);
        QCOMPARE(batch.problems.at(1).line, 8);
        QCOMPARE(batch.users.size(), std::size_t{2});
        QCOMPARE(batch.users.at(0).line, 2);
        QCOMPARE(batch.users.at(0).record.notes,
                 QStringLiteral("first line\nsecond line\nthird, with \"quotes\""));
        QCOMPARE(batch.users.at(1).line, 5);
    }

    void csvBlankLinesAreSkippedButCounted()
    {
        const QByteArray csv = "username\n\nana\n\n\nbad user\n\n\n";
        const ImportBatch batch = UserCsvReader::read(csv);
        QCOMPARE(batch.users.size(), std::size_t{1});
        QCOMPARE(batch.users.front().line, 3);
        QCOMPARE(batch.problems.size(), 1);
        QCOMPARE(batch.problems.front().line, 6);
    }

    void jsonProblemsNameTheLineWhereTheObjectStarts()
    {
        const QByteArray json =
            "{\n"                                                // 1
            "  \"format\": \"tessera-users\", \"version\": 1,\n" // 2
            "  \"roles\": [ {\"name\": \"x{[\\\"\"},\n"          // 3: bad role name with braces in a string
            "    {\"name\": \"ok\"} ],\n"                        // 4
            "  \"users\": [\n"                                   // 5
            "    {\"username\": \"ana\", \"notes\": \"{ [ \\\" }\"},\n" // 6
            "    {\n"                                                   // 7
            "      \"username\": \"bob\",\n"                            // 8
            "      \"email\": \"bob@\"\n"                               // 9
            "    }, {\"username\": \"carl\", \"colour\": \"red\"},\n"   // 10
            "    {\"username\": \"ANA\"}\n"                             // 11
            "  ]\n"
            "}\n";
        const ImportBatch batch = UserJsonReader::read(json);
        QCOMPARE(batch.problems.size(), 4);
        QCOMPARE(batch.problems.at(0).line, 3);
        QCOMPARE(batch.problems.at(0).field, QStringLiteral("name"));
        QCOMPARE(batch.problems.at(1).line, 7);
        QCOMPARE(batch.problems.at(1).field, QStringLiteral("email"));
        QCOMPARE(batch.problems.at(2).line, 10);
        QCOMPARE(batch.problems.at(2).field, QStringLiteral("colour"));
        QCOMPARE(batch.problems.at(3).line, 11);
        QVERIFY2(batch.problems.at(3).message.contains(QStringLiteral("line 6")),
                 qPrintable(problemsText(batch)));
        QCOMPARE(batch.users.size(), std::size_t{1});
        QCOMPARE(batch.users.front().line, 6);
        QCOMPARE(batch.roles.size(), 1);
        QCOMPARE(batch.roleLines, QList<int>{4});
    }

    void jsonLineScannerFindsElementStarts()
    {
        const QByteArray json =
            "{\"a\": [1, 2], \"users\": [\n\"s\",\n\n  [ {} ], {\"users\": [9]},\r\n null\n],"
            "\"roles\":[]}";
        const JsonLineScanner::Lines lines =
            JsonLineScanner::scan(json, {QStringLiteral("users"), QStringLiteral("roles")});
        QCOMPARE(lines.objectLine, 1);
        QCOMPARE(lines.elementLines.value(QStringLiteral("users")), (QList<int>{2, 4, 4, 5}));
        QVERIFY(lines.elementLines.value(QStringLiteral("roles")).isEmpty());
        QVERIFY(!lines.elementLines.contains(QStringLiteral("a")));
        QCOMPARE(JsonLineScanner::lineAt("a\nb\r\nc\rd", 8), 4);
    }

    void jsonSyntaxErrorIsOneProblemAtItsLine()
    {
        const QByteArray json = "{\n  \"format\": \"tessera-users\",\n  \"version\": 1,\n  \"users\": [\n"
                                "    {\"username\": \"ana\"}\n    {\"username\": \"bob\"}\n  ]\n}\n";
        const ImportBatch batch = UserJsonReader::read(json);
        QCOMPARE(batch.problems.size(), 1);
        QCOMPARE(batch.problems.front().line, 6);
        QVERIFY(batch.problems.front().message.startsWith(QStringLiteral("JSON syntax error")));
        QVERIFY(batch.users.empty());
    }

    // ---- every rule has a bad input ------------------------------------------------------------------

    // One row per case, as in TestPasswordHasher.
    // clang-format off
    void csvBadInput_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");

        QTest::newRow("empty file") << QByteArray() << 1 << QString() << latin1("the file is empty");
        QTest::newRow("only blank lines") << QByteArray("\r\n\n") << 1 << QString() << latin1("the file is empty");
        QTest::newRow("no username or role column") << QByteArray("name,email\nana,a@b.org\n") << 1 << QString()
                                                    << latin1("no 'username' column");
        QTest::newRow("unknown column") << QByteArray("username,colour\nana,red\n") << 1 << latin1("colour")
                                        << latin1("unknown column 'colour'");
        QTest::newRow("repeated column") << QByteArray("username,Email,EMAIL\nana,a@b.org,a@b.org\n") << 1
                                         << latin1("EMAIL") << latin1("appears twice");
        QTest::newRow("unnamed column") << QByteArray("username,,email\nana,,a@b.org\n") << 1 << QString()
                                        << latin1("column 2 has no name");
        QTest::newRow("bad attribute name") << QByteArray("username,attr:bad name\nana,x\n") << 1
                                            << latin1("attr:bad name") << latin1("attribute name 'bad name'");
        QTest::newRow("bad username") << QByteArray("username\nbad user\n") << 2 << latin1("username")
                                      << latin1("contains");
        QTest::newRow("empty username") << QByteArray("username,email\n,a@b.org\n") << 2 << latin1("username")
                                        << latin1("the username is empty");
        QTest::newRow("long username") << QByteArray("username\n" + QByteArray(65, 'a') + "\n") << 2
                                       << latin1("username") << latin1("longer than 64");
        QTest::newRow("bad email") << QByteArray("username,email\nana,ana@@x.org\n") << 2 << latin1("email")
                                   << latin1("not a valid email address");
        QTest::newRow("bad status") << QByteArray("username,status\nana,paused\n") << 2 << latin1("status")
                                    << latin1("'paused' is not a status");
        QTest::newRow("bad role name") << QByteArray("username,roles\nana,editor;Admin\n") << 2 << latin1("roles")
                                       << latin1("must be lower-case");
        QTest::newRow("unknown hash format") << QByteArray("username,password_hash\nana,{SSHA}abcdef\n") << 2
                                             << latin1("password_hash") << latin1("unknown password hash format");
        QTest::newRow("argon2d hash") << QByteArray("username,password_hash\nana,\"$argon2d$v=19$m=8,t=1,p=1$c29tZXNhbHQ$"
                                                    "CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc\"\n")
                                      << 2 << latin1("password_hash") << latin1("argon2d");
        QTest::newRow("unquoted argon2 hash") << QByteArray("username,password_hash\nana,") + kArgon2id + "\n" << 2
                                              << QString() << latin1("4 field(s) but the header has 2");
        QTest::newRow("malformed argon2") << QByteArray("username,password_hash\nana,$argon2id$v=19$m=65536$abc\n") << 2
                                          << latin1("password_hash") << QString();
        QTest::newRow("truncated bcrypt") << QByteArray("username,password_hash\nana,$2b$04$4iLjBf6bjjM7pmLBj5z5\n")
                                          << 2 << latin1("password_hash") << latin1("exactly 60 characters");
        QTest::newRow("password and hash") << QByteArray("username,password,password_hash\nana,secret,") + kBcrypt + "\n"
                                           << 2 << latin1("password") << latin1("not both");
        QTest::newRow("bad flag") << QByteArray("username,must_change_password\nana,maybe\n") << 2
                                  << latin1("must_change_password") << latin1("'maybe' is not a yes/no value");
        QTest::newRow("bad created") << QByteArray("username,created\nana,yesterday\n") << 2 << latin1("created")
                                     << latin1("not an ISO 8601 date");
        QTest::newRow("bad created date") << QByteArray("username,created\nana,2024-02-30\n") << 2
                                          << latin1("created") << latin1("not an ISO 8601 date");
        QTest::newRow("repeated username ignoring case") << QByteArray("username\nAna\nbob\nana\n") << 4
                                                         << latin1("username") << latin1("already appears on line 2");
        QTest::newRow("too few fields") << QByteArray("username,email,notes\nana,a@b.org\n") << 2 << QString()
                                        << latin1("2 field(s) but the header has 3");
        QTest::newRow("too many fields") << QByteArray("username,email\nana,a@b.org,extra\n") << 2 << QString()
                                         << latin1("3 field(s) but the header has 2");
        QTest::newRow("unclosed quote") << QByteArray("username,notes\nana,\"never closed\nbob,x\n") << 2 << QString()
                                        << latin1("never closed");
        QTest::newRow("text after closing quote") << QByteArray("username,notes\nana,\"quoted\"tail\n") << 2
                                                  << QString() << latin1("after the closing quote");
        QTest::newRow("invalid UTF-8") << QByteArray("username,display_name\nana,Ana P\xe9rez\n") << 2
                                       << latin1("display_name") << latin1("not valid UTF-8");
        QTest::newRow("overlong UTF-8") << QByteArray("username,notes\nana,\xc0\xaf\n") << 2 << latin1("notes")
                                        << latin1("not valid UTF-8");
        QTest::newRow("invalid UTF-8 password") << QByteArray("username,password\nana,s\xe9same\n") << 2
                                                << latin1("password") << latin1("password is not valid UTF-8");

        QTest::newRow("roles: bad permission") << QByteArray("role,permissions\neditor,read:posts;Write:Posts\n") << 2
                                               << latin1("permissions") << latin1("must be lower-case");
        QTest::newRow("roles: permission without colon") << QByteArray("role,permissions\neditor,readposts\n") << 2
                                                         << latin1("permissions") << latin1("has no colon");
        QTest::newRow("roles: bad name") << QByteArray("role\nEditor\n") << 2 << latin1("role")
                                         << latin1("must be lower-case");
        QTest::newRow("roles: repeated") << QByteArray("role\neditor\nviewer\neditor\n") << 4 << latin1("role")
                                         << latin1("already appears on line 2");
        QTest::newRow("roles: bad include") << QByteArray("role,includes\nadmin,editor;bad name\n") << 2
                                            << latin1("includes") << latin1("contains a space");
        QTest::newRow("roles: includes itself") << QByteArray("role,includes\nadmin,admin\n") << 2
                                                << latin1("includes") << latin1("cannot include itself");
        QTest::newRow("roles: unknown column") << QByteArray("role,email\nadmin,a@b.org\n") << 1 << latin1("email")
                                               << latin1("columns of a roles file");
    }
    // clang-format on

    void csvBadInput()
    {
        QFETCH(QByteArray, csv);
        QFETCH(int, line);
        QFETCH(QString, field);
        QFETCH(QString, message);
        const ImportBatch batch = UserCsvReader::read(csv);
        QVERIFY2(batch.problems.size() == 1, qPrintable(problemsText(batch)));
        const ImportProblem& problem = batch.problems.front();
        QCOMPARE(problem.line, line);
        QCOMPARE(problem.field, field);
        QVERIFY2(problem.message.contains(message), qPrintable(problem.toText()));
        QVERIFY2(!problem.message.contains(QStringLiteral("secret")) &&
                     !problem.message.contains(QStringLiteral("same")),
                 "a message never shows a password");
        QVERIFY2(!problem.message.contains(QStringLiteral("4iLjBf6bjjM7")), "a message never shows a hash");
    }

    void csvReportsEveryBadRowAndKeepsTheGoodOnes()
    {
        const QByteArray csv = header() +
                               "ana,Ana,ana@x.org,active,admin,,,no,,\n"            // 2 good
                               "bob,Bob,bob@,paused,Admin,,,perhaps,,yesterday\n"   // 3: five problems
                               "carl,Carl,carl@x.org,disabled,,,pw,1,,2024-05-01\n" // 4 good
                               "ANA,Ana again,,,,,,,,\n"                            // 5 repeated
                               "dora,Dora\n";                                       // 6 short
        const ImportBatch batch = UserCsvReader::read(csv);
        QStringList lines;
        for (const ImportProblem& problem : batch.problems) {
            lines.append(QStringLiteral("%1 %2").arg(problem.line).arg(problem.field));
        }
        QCOMPARE(lines, (QStringList{QStringLiteral("3 email"), QStringLiteral("3 status"),
                                     QStringLiteral("3 roles"), QStringLiteral("3 must_change_password"),
                                     QStringLiteral("3 created"), QStringLiteral("5 username"),
                                     QStringLiteral("6 ")}));
        QCOMPARE(batch.users.size(), std::size_t{2});
        QCOMPARE(batch.users.at(0).record.username, QStringLiteral("ana"));
        QCOMPARE(batch.users.at(1).record.username, QStringLiteral("carl"));
        QVERIFY(batch.users.at(1).record.disabled);
        QVERIFY(batch.users.at(1).record.mustChangePassword);
        QCOMPARE(batch.users.at(1).record.createdMs, 1714521600000);
    }

    void csvUnknownColumnStillChecksTheRows()
    {
        const ImportBatch batch =
            UserCsvReader::read("username,colour,email\nana,red,a@b.org\nbob,blue,bob@\n");
        QCOMPARE(batch.problems.size(), 2);
        QCOMPARE(batch.problems.at(0).line, 1);
        QCOMPARE(batch.problems.at(1).line, 3);
        QCOMPARE(batch.users.size(), std::size_t{1});
    }

    void csvValuesAndDefaults()
    {
        const QByteArray csv =
            "Username , EMAIL,Roles,Status,must_change_password,created,attr:Dept,attr:empty\n"
            " ana , ana@x.org , editor; ;admin;editor ,DISABLED,Yes,2024-05-01T12:00:00+02:00,R&D,\n"
            "bob,,,,,2024-05-01T10:00:00.5,,\n";
        const ImportBatch batch = UserCsvReader::read(csv);
        QVERIFY2(batch.problems.isEmpty(), qPrintable(problemsText(batch)));
        QCOMPARE(batch.users.size(), std::size_t{2});
        const UserRecord& ana = batch.users.at(0).record;
        QCOMPARE(ana.username, QStringLiteral("ana"));
        QCOMPARE(ana.email, QStringLiteral("ana@x.org"));
        QCOMPARE(ana.roles, (QStringList{QStringLiteral("editor"), QStringLiteral("admin")}));
        QVERIFY(ana.disabled);
        QVERIFY(ana.mustChangePassword);
        QCOMPARE(ana.createdMs, 1714557600000);
        QCOMPARE(ana.attributes, (QMap<QString, QString>{{QStringLiteral("Dept"), QStringLiteral("R&D")}}));
        const UserRecord& bob = batch.users.at(1).record;
        QVERIFY(!bob.disabled);
        QVERIFY(!bob.mustChangePassword);
        QVERIFY(bob.roles.isEmpty());
        QCOMPARE(bob.createdMs, 1714557600500); // no offset: UTC
        QVERIFY(bob.attributes.isEmpty());
        QVERIFY(batch.users.at(0).plaintextPassword.isNull());
        QVERIFY(!batch.hasPlaintextPasswords());
    }

    void csvRolesFile()
    {
        const QByteArray csv = "Role,Description,Permissions,Includes\r\n"
                               "editor,\"Edits, carefully\",read:posts;write:posts;read:posts,\r\n"
                               "admin,All,admin:all,editor\r\n";
        const ImportBatch batch = UserCsvReader::read(csv);
        QVERIFY2(batch.problems.isEmpty(), qPrintable(problemsText(batch)));
        QVERIFY(batch.users.empty());
        QCOMPARE(batch.roles.size(), 2);
        QCOMPARE(dump(batch.roles.at(0)), QStringLiteral("editor|Edits, carefully|read:posts;write:posts|"));
        QCOMPARE(dump(batch.roles.at(1)), QStringLiteral("admin|All|admin:all|editor"));
        QCOMPARE(batch.roleLines, (QList<int>{2, 3}));
    }

    // One row per case, as in TestPasswordHasher.
    // clang-format off
    void jsonBadInput_data()
    {
        QTest::addColumn<QByteArray>("users");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        // Each row is the "users" array's content, one user per line after the header lines (user 1 is on line 3).
        QTest::newRow("user not an object") << QByteArray("\"ana\"") << QString() << latin1("must be an object, not a string");
        QTest::newRow("unknown key") << QByteArray("{\"username\": \"ana\", \"userName\": \"x\"}") << latin1("userName")
                                     << latin1("unknown key \"userName\"");
        QTest::newRow("missing username") << QByteArray("{\"email\": \"a@b.org\"}") << latin1("username") << latin1("missing");
        QTest::newRow("username not a string") << QByteArray("{\"username\": 7}") << latin1("username")
                                               << latin1("must be a string, not a number");
        QTest::newRow("bad username") << QByteArray("{\"username\": \"a b\"}") << latin1("username") << latin1("contains");
        QTest::newRow("bad email") << QByteArray("{\"username\": \"ana\", \"email\": \"nope\"}") << latin1("email")
                                   << latin1("not a valid email");
        QTest::newRow("bad status") << QByteArray("{\"username\": \"ana\", \"status\": \"gone\"}") << latin1("status")
                                    << latin1("not a status");
        QTest::newRow("roles not an array") << QByteArray("{\"username\": \"ana\", \"roles\": \"admin\"}") << latin1("roles")
                                            << latin1("must be an array of strings, not a string");
        QTest::newRow("role item not a string") << QByteArray("{\"username\": \"ana\", \"roles\": [\"admin\", 3]}")
                                                << latin1("roles") << latin1("one item is a number");
        QTest::newRow("bad role name") << QByteArray("{\"username\": \"ana\", \"roles\": [\"Admin\"]}") << latin1("roles")
                                       << latin1("lower-case");
        QTest::newRow("bad hash") << QByteArray("{\"username\": \"ana\", \"passwordHash\": \"md5$abc\"}")
                                  << latin1("passwordHash") << latin1("unknown password hash format");
        QTest::newRow("password and hash") << QByteArray("{\"username\": \"ana\", \"password\": \"pw\", \"passwordHash\": \"")
                                                  + kBcrypt + "\"}"
                                           << latin1("password") << latin1("not both");
        QTest::newRow("password not a string") << QByteArray("{\"username\": \"ana\", \"password\": 1234}") << latin1("password")
                                               << latin1("must be a string");
        QTest::newRow("flag not a boolean") << QByteArray("{\"username\": \"ana\", \"mustChangePassword\": \"yes\"}")
                                            << latin1("mustChangePassword") << latin1("must be true or false");
        QTest::newRow("attributes not an object") << QByteArray("{\"username\": \"ana\", \"attributes\": [1]}")
                                                  << latin1("attributes") << latin1("must be an object");
        QTest::newRow("attribute not a string") << QByteArray("{\"username\": \"ana\", \"attributes\": {\"age\": 42}}")
                                                << latin1("attributes.age") << latin1("must be a string");
        QTest::newRow("bad attribute name") << QByteArray("{\"username\": \"ana\", \"attributes\": {\"a b\": \"x\"}}")
                                            << latin1("attributes.a b") << latin1("attribute name");
        QTest::newRow("grants not an array") << QByteArray("{\"username\": \"ana\", \"objectGrants\": {}}")
                                             << latin1("objectGrants") << latin1("must be an array");
        QTest::newRow("bad grant permission") << QByteArray("{\"username\": \"ana\", \"objectGrants\": [{\"permission\": "
                                                            "\"delete\", \"objectId\": \"42\"}]}")
                                              << latin1("objectGrants[0]") << latin1("has no colon");
        QTest::newRow("grant without object") << QByteArray("{\"username\": \"ana\", \"objectGrants\": [{\"permission\": "
                                                            "\"delete:posts\"}]}")
                                              << latin1("objectGrants[0]") << latin1("objectId");
        QTest::newRow("grant unknown key") << QByteArray("{\"username\": \"ana\", \"objectGrants\": [{\"permission\": "
                                                         "\"delete:posts\", \"objectId\": \"1\", \"until\": \"x\"}]}")
                                           << latin1("until") << latin1("unknown key \"until\" in an object grant");
        QTest::newRow("bad created") << QByteArray("{\"username\": \"ana\", \"created\": \"May 1st\"}") << latin1("created")
                                     << latin1("ISO 8601");
        QTest::newRow("created not a string") << QByteArray("{\"username\": \"ana\", \"created\": 1714554764262}")
                                              << latin1("created") << latin1("must be a string");
    }
    // clang-format on

    void jsonBadInput()
    {
        QFETCH(QByteArray, users);
        QFETCH(QString, field);
        QFETCH(QString, message);
        const QByteArray json =
            "{\"format\": \"tessera-users\", \"version\": 1,\n\"users\": [\n{\"username\": \"first\"},\n" +
            users + "\n]}\n";
        const ImportBatch batch = UserJsonReader::read(json);
        QVERIFY2(batch.problems.size() == 1, qPrintable(problemsText(batch)));
        const ImportProblem& problem = batch.problems.front();
        QCOMPARE(problem.line, 4);
        QCOMPARE(problem.field, field);
        QVERIFY2(problem.message.contains(message), qPrintable(problem.toText()));
        QCOMPARE(batch.users.size(), std::size_t{1});
    }

    // One row per case, as in TestPasswordHasher.
    // clang-format off
    void jsonBadDocument_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        QTest::newRow("not an object") << QByteArray("[1, 2]") << 1 << QString() << latin1("must be a JSON object");
        QTest::newRow("empty") << QByteArray("") << 1 << QString() << latin1("JSON syntax error");
        QTest::newRow("no format") << QByteArray("{\"version\": 1, \"users\": []}") << 1 << latin1("format") << latin1("missing");
        QTest::newRow("other format") << QByteArray("\n{\"format\": \"audit\", \"version\": 1}") << 2 << latin1("format")
                                      << latin1("not a Tessera users file");
        QTest::newRow("no version") << QByteArray("{\"format\": \"tessera-users\"}") << 1 << latin1("version") << latin1("missing");
        QTest::newRow("newer version") << QByteArray("{\"format\": \"tessera-users\", \"version\": 2}") << 1 << latin1("version")
                                       << latin1("newer Tessera");
        QTest::newRow("fractional version") << QByteArray("{\"format\": \"tessera-users\", \"version\": 1.5}") << 1
                                            << latin1("version") << latin1("whole number");
        QTest::newRow("unknown top-level key") << QByteArray("{\"format\": \"tessera-users\", \"version\": 1, \"groups\": []}")
                                               << 1 << latin1("groups") << latin1("unknown key \"groups\" in the document");
        QTest::newRow("repeated key") << QByteArray("{\"format\": \"tessera-users\", \"version\": 1, \"users\": [], \"users\": []}")
                                      << 1 << latin1("users") << latin1("more than once");
        QTest::newRow("users not an array") << QByteArray("{\"format\": \"tessera-users\", \"version\": 1, \"users\": {}}")
                                            << 1 << latin1("users") << latin1("must be an array of user objects");
        QTest::newRow("roles not an array") << QByteArray("{\"format\": \"tessera-users\", \"version\": 1, \"roles\": 5}")
                                            << 1 << latin1("roles") << latin1("must be an array of role objects");
        QTest::newRow("role without name") << QByteArray("{\"format\": \"tessera-users\", \"version\": 1, \"roles\": [\n"
                                                         "{\"description\": \"x\"}]}")
                                           << 2 << latin1("name") << latin1("missing");
        QTest::newRow("role bad permission") << QByteArray("{\"format\": \"tessera-users\", \"version\": 1, \"roles\": [\n"
                                                           "{\"name\": \"a\", \"permissions\": [\"read:Posts\"]}]}")
                                             << 2 << latin1("permissions") << latin1("lower-case");
        QTest::newRow("role unknown key") << QByteArray("{\"format\": \"tessera-users\", \"version\": 1, \"roles\": [\n"
                                                        "{\"name\": \"a\", \"perms\": []}]}")
                                          << 2 << latin1("perms") << latin1("unknown key \"perms\" in a role");
        QTest::newRow("role repeated") << QByteArray("{\"format\": \"tessera-users\", \"version\": 1, \"roles\": [\n"
                                                     "{\"name\": \"a\"},\n{\"name\": \"a\"}]}")
                                       << 3 << latin1("name") << latin1("already appears on line 2");
        QTest::newRow("role includes itself") << QByteArray("{\"format\": \"tessera-users\", \"version\": 1, \"roles\": [\n"
                                                            "{\"name\": \"a\", \"includes\": [\"a\"]}]}")
                                              << 2 << latin1("includes") << latin1("cannot include itself");
        QTest::newRow("syntax error on line 3") << QByteArray("{\n\"format\": \"tessera-users\",\n\"version\": 1,,\n}") << 3
                                                << QString() << latin1("JSON syntax error");
    }
    // clang-format on

    void jsonBadDocument()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, line);
        QFETCH(QString, field);
        QFETCH(QString, message);
        const ImportBatch batch = UserJsonReader::read(json);
        QVERIFY2(batch.problems.size() == 1, qPrintable(problemsText(batch)));
        QCOMPARE(batch.problems.front().line, line);
        QCOMPARE(batch.problems.front().field, field);
        QVERIFY2(batch.problems.front().message.contains(message),
                 qPrintable(batch.problems.front().toText()));
    }

    // ---- secrets ------------------------------------------------------------------------------------

    void plaintextPasswordsGoIntoTheArena()
    {
        const QByteArray csv = "username,password,notes\n"
                               "ana,\"correct horse, battery\",x\n"
                               "bob,,no password\n"
                               "carl, spaces kept ,y\n";
        const ImportBatch batch = UserCsvReader::read(csv);
        QVERIFY2(batch.problems.isEmpty(), qPrintable(problemsText(batch)));
        QCOMPARE(batch.users.size(), std::size_t{3});
        QVERIFY(batch.hasPlaintextPasswords());
        QCOMPARE(batch.secrets.view(batch.users.at(0).plaintextPassword),
                 QByteArrayView("correct horse, battery"));
        QVERIFY(batch.users.at(1).plaintextPassword.isNull());
        QCOMPARE(batch.secrets.view(batch.users.at(2).plaintextPassword), QByteArrayView(" spaces kept "));
        for (const ImportedUser& user : batch.users) {
            QVERIFY(user.record.passwordHash.isEmpty());
            QVERIFY(!dump(user.record).contains(QStringLiteral("horse")));
            QVERIFY(!dump(user.record).contains(QStringLiteral("spaces kept")));
        }
        QCOMPARE(batch.secrets.copy(batch.users.at(0).plaintextPassword).view(),
                 QByteArrayView("correct horse, battery"));

        const QByteArray json = "{\"format\": \"tessera-users\", \"version\": 1, \"users\": ["
                                "{\"username\": \"ana\", \"password\": \"p\\u00e4ss \\\"w\\\"\"},"
                                "{\"username\": \"bob\", \"password\": \"\"}]}";
        const ImportBatch fromJson = UserJsonReader::read(json);
        QVERIFY2(fromJson.problems.isEmpty(), qPrintable(problemsText(fromJson)));
        QCOMPARE(fromJson.secrets.view(fromJson.users.at(0).plaintextPassword),
                 QByteArrayView("p\xc3\xa4ss \"w\""));
        QVERIFY(fromJson.users.at(1).plaintextPassword.isNull());
    }

    void rejectedRowsLeaveNoSecretBehind()
    {
        const ImportBatch batch =
            UserCsvReader::read("username,password,email\nana,secret1,bad@\nbob,secret2,bob@x.org\n");
        QCOMPARE(batch.problems.size(), 1);
        QCOMPARE(batch.users.size(), std::size_t{1});
        QCOMPARE(batch.secrets.size(), qsizetype{7}); // only bob's
    }

    // ---- encodings and line ends --------------------------------------------------------------------

    void csvWithBomAndCrlf()
    {
        const QByteArray csv = "\xEF\xBB\xBFusername,display_name,notes\r\n"
                               "ana,Ana P\xc3\xa9rez,\"two\r\nlines\"\r\n"
                               "bob,Bob,\r\n"
                               "\r\n";
        const ImportBatch batch = UserCsvReader::read(csv);
        QVERIFY2(batch.problems.isEmpty(), qPrintable(problemsText(batch)));
        QCOMPARE(batch.users.size(), std::size_t{2});
        QCOMPARE(batch.users.at(0).record.username,
                 QStringLiteral("ana")); // not "\uFEFFusername" as a column
        QCOMPARE(batch.users.at(0).record.displayName, QStringLiteral("Ana Pérez"));
        QCOMPARE(batch.users.at(0).record.notes, QStringLiteral("two\nlines"));
        QCOMPARE(batch.users.at(1).line, 4);
        QCOMPARE(batch.users.at(1).record.displayName, QStringLiteral("Bob"));
        QCOMPARE(batch.users.at(1).record.notes, QString());

        const QByteArray json =
            "\xEF\xBB\xBF{\"format\": \"tessera-users\",\r\n\"version\": 1,\r\n\"users\": [\r\n"
            "{\"username\": \"ana\"},\r\n{\"username\": \"b b\"}]}";
        const ImportBatch fromJson = UserJsonReader::read(json);
        QCOMPARE(fromJson.problems.size(), 1);
        QCOMPARE(fromJson.problems.front().line, 5);
    }

    void csvWithoutFinalLineEnd()
    {
        const ImportBatch batch = UserCsvReader::read("username,notes\nana,\"x\"\nbob,");
        QVERIFY2(batch.problems.isEmpty(), qPrintable(problemsText(batch)));
        QCOMPARE(batch.users.size(), std::size_t{2});
    }

    // ---- round trips --------------------------------------------------------------------------------

    void csvRoundTrip()
    {
        std::vector<UserRecord> users = sampleUsers();
        for (UserRecord& user : users) {
            user.objectGrants.clear(); // CSV carries no object grants
        }
        const QByteArray csv = UserFileWriter::usersCsv(users, true);
        QVERIFY(csv.startsWith("username,display_name,email,status,roles,must_change_password,notes,created,"
                               "password_hash,attr:department,attr:employee.id,attr:phone\r\n"));
        const ImportBatch batch = UserCsvReader::read(csv);
        QVERIFY2(batch.problems.isEmpty(), qPrintable(problemsText(batch)));
        QCOMPARE(batch.users.size(), users.size());
        for (std::size_t i = 0; i < users.size(); ++i) {
            QCOMPARE(dump(batch.users.at(i).record), dump(users.at(i)));
        }
        QCOMPARE(batch.users.at(1).line, 5); // ana's record spans lines 2-4

        const QByteArray noHashes = UserFileWriter::usersCsv(users);
        QVERIFY(!noHashes.contains("password_hash"));
        QVERIFY(!noHashes.contains("$argon2"));
        QVERIFY(!noHashes.contains("$2b$"));
        const ImportBatch withoutHashes = UserCsvReader::read(noHashes);
        QVERIFY(withoutHashes.problems.isEmpty());
        QVERIFY(withoutHashes.users.at(0).record.passwordHash.isEmpty());
    }

    void rolesCsvRoundTrip()
    {
        const QList<RoleDefinition> roles = sampleRoles();
        const ImportBatch batch = UserCsvReader::read(UserFileWriter::rolesCsv(roles));
        QVERIFY2(batch.problems.isEmpty(), qPrintable(problemsText(batch)));
        QCOMPARE(batch.roles.size(), roles.size());
        for (qsizetype i = 0; i < roles.size(); ++i) {
            QCOMPARE(dump(batch.roles.at(i)), dump(roles.at(i)));
        }
    }

    void jsonRoundTrip()
    {
        const std::vector<UserRecord> users = sampleUsers();
        const QList<RoleDefinition> roles = sampleRoles();
        const QByteArray json = UserFileWriter::json(users, roles, true);
        const QJsonObject document = QJsonDocument::fromJson(json).object();
        QCOMPARE(document.value(QStringLiteral("format")).toString(), QStringLiteral("tessera-users"));
        QCOMPARE(document.value(QStringLiteral("version")).toInt(), 1);
        QVERIFY(json.contains("\n    ")); // indented

        const ImportBatch batch = UserJsonReader::read(json);
        QVERIFY2(batch.problems.isEmpty(), qPrintable(problemsText(batch)));
        QCOMPARE(batch.users.size(), users.size());
        for (std::size_t i = 0; i < users.size(); ++i) {
            QCOMPARE(dump(batch.users.at(i).record), dump(users.at(i)));
        }
        QCOMPARE(batch.roles.size(), roles.size());
        for (qsizetype i = 0; i < roles.size(); ++i) {
            QCOMPARE(dump(batch.roles.at(i)), dump(roles.at(i)));
        }
        // Lines point at each object in the pretty-printed text.
        const QList<QByteArray> lines = json.split('\n');
        for (const ImportedUser& user : batch.users) {
            QCOMPARE(lines.at(user.line - 1).trimmed(), QByteArray("{"));
        }

        const QByteArray noHashes = UserFileWriter::json(users, roles);
        QVERIFY(!noHashes.contains("passwordHash"));
        QVERIFY(UserJsonReader::read(noHashes).problems.isEmpty());
    }

    // ---- scale, formats, helpers --------------------------------------------------------------------

    void tenThousandRows()
    {
        QByteArray csv = "username,display_name,email,roles,password,attr:team\n";
        for (int i = 0; i < 10000; ++i) {
            const QByteArray n = QByteArray::number(i);
            csv += "user" + n + ",\"User " + n + ", the " + n + "th\",user" + n +
                   "@example.org,viewer;editor,pw-" + n + ",team-" + QByteArray::number(i % 17) + "\n";
        }
        QElapsedTimer timer;
        timer.start();
        const ImportBatch batch = UserCsvReader::read(csv);
        const qint64 csvMs = timer.elapsed();
        QVERIFY2(batch.problems.isEmpty(), qPrintable(problemsText(batch).left(2000)));
        QCOMPARE(batch.users.size(), std::size_t{10000});
        QCOMPARE(batch.users.at(9999).line, 10001);
        QCOMPARE(batch.users.at(9999).record.displayName, QStringLiteral("User 9999, the 9999th"));
        QCOMPARE(batch.secrets.view(batch.users.at(4321).plaintextPassword), QByteArrayView("pw-4321"));
        QCOMPARE(batch.secrets.view(batch.users.at(9999).plaintextPassword), QByteArrayView("pw-9999"));

        std::vector<UserRecord> records;
        for (const ImportedUser& user : batch.users) {
            records.push_back(user.record);
        }
        const QByteArray json = UserFileWriter::json(records, {});
        timer.restart();
        const ImportBatch fromJson = UserJsonReader::read(json);
        const qint64 jsonMs = timer.elapsed();
        QVERIFY(fromJson.problems.isEmpty());
        QCOMPARE(fromJson.users.size(), std::size_t{10000});
        QCOMPARE(QJsonDocument::fromJson(json).object().value(QStringLiteral("users")).toArray().size(),
                 10000);
        qInfo("10,000 rows: CSV %lld ms, JSON %lld ms", csvMs, jsonMs);

        // A duplicate at the very end is still found, on its own line.
        const ImportBatch duplicate = UserCsvReader::read(csv + "USER17,,,,,\n");
        QCOMPARE(duplicate.problems.size(), 1);
        QCOMPARE(duplicate.problems.front().line, 10002);
    }

    void formatDetection()
    {
        using Kind = UserFileFormat::Kind;
        QVERIFY(UserFileFormat::fromExtension(QStringLiteral("/tmp/users.CSV")) == Kind::Csv);
        QVERIFY(UserFileFormat::fromExtension(QStringLiteral("users.json")) == Kind::Json);
        QVERIFY(!UserFileFormat::fromExtension(QStringLiteral("users.txt")));
        QVERIFY(UserFileFormat::sniff("\xEF\xBB\xBF \r\n {\"format\"") == Kind::Json);
        QVERIFY(UserFileFormat::sniff("username\nana\n") == Kind::Csv);
        QVERIFY(UserFileFormat::sniff("") == Kind::Csv);
        QVERIFY(UserFileFormat::detect(QStringLiteral("export"), "{}") == Kind::Json);
        QVERIFY(UserFileFormat::detect(QStringLiteral("export.csv"), "{}") == Kind::Csv);

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString jsonPath = dir.filePath(QStringLiteral("users.export"));
        QFile file(jsonPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(UserFileWriter::json(sampleUsers(), sampleRoles()));
        file.close();
        const auto batch = UserFileFormat::readFile(jsonPath);
        QVERIFY(batch);
        QVERIFY2(batch->problems.isEmpty(), qPrintable(problemsText(*batch)));
        QCOMPARE(batch->users.size(), sampleUsers().size());
        QCOMPARE(batch->roles.size(), sampleRoles().size());

        const auto missing = UserFileFormat::readFile(dir.filePath(QStringLiteral("missing.csv")));
        QVERIFY(!missing);
        QCOMPARE(missing.error().kind, ErrorKind::Input);
    }

    // The examples in docs/import-format.md are read as they stand, so the documentation stays true.
    void documentedExamplesParse()
    {
        QFile doc(qEnvironmentVariable("TESSERA_SOURCE_DIR") + QStringLiteral("/docs/import-format.md"));
        QVERIFY2(doc.open(QIODevice::ReadOnly), "TESSERA_SOURCE_DIR must point at the source tree");
        const QString text = QString::fromUtf8(doc.readAll());
        static const QRegularExpression block(QStringLiteral("```(csv|json)\\n(.*?)```"),
                                              QRegularExpression::DotMatchesEverythingOption);
        int blocks = 0;
        for (auto it = block.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch match = it.next();
            const QByteArray content = match.captured(2).toUtf8();
            const auto kind =
                match.captured(1) == u"json" ? UserFileFormat::Kind::Json : UserFileFormat::Kind::Csv;
            QVERIFY(UserFileFormat::sniff(content) == kind);
            const ImportBatch batch = UserFileFormat::read(content, kind);
            QVERIFY2(batch.problems.isEmpty(), qPrintable(problemsText(batch) + u'\n' + match.captured(2)));
            QVERIFY(!batch.users.empty() || !batch.roles.isEmpty());
            if (blocks == 0) { // "bob's record starts on line 3"
                QCOMPARE(batch.users.at(1).line, 3);
                QCOMPARE(batch.secrets.view(batch.users.at(1).plaintextPassword),
                         QByteArrayView("correct horse, battery"));
            }
            ++blocks;
        }
        QCOMPARE(blocks, 4);
    }

    void problemText()
    {
        QCOMPARE((ImportProblem{7, QStringLiteral("email"), QStringLiteral("bad")}).toText(),
                 QStringLiteral("line 7 (email): bad"));
        QCOMPARE((ImportProblem{7, QString(), QStringLiteral("bad")}).toText(),
                 QStringLiteral("line 7: bad"));
        QCOMPARE((ImportProblem{3, QStringLiteral("%1"), QStringLiteral("100%2 sure")}).toText(),
                 QStringLiteral("line 3 (%1): 100%2 sure"));
        QCOMPARE((ImportProblem{0, QString(), QStringLiteral("whole file")}).toText(),
                 QStringLiteral("whole file"));
    }
};

QTEST_GUILESS_MAIN(TestUserImportFormats)
#include "TestUserImportFormats.moc"
