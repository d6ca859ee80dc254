#include "crypto/CryptoRuntime.h"
#include "password/CommonPasswords.h"
#include "password/HashParams.h"
#include "password/PasswordHasher.h"
#include "password/PasswordPolicy.h"

#include <QJsonDocument>
#include <QTest>

using namespace tessera;

namespace {

QString latin1(const char* text)
{
    return QString::fromLatin1(text);
}

QStringList idsOf(const QList<PolicyViolation>& violations)
{
    QStringList ids;
    for (const PolicyViolation& v : violations) {
        ids.append(v.ruleId);
    }
    return ids;
}

QString hashOf(const char* password)
{
    return PasswordHasher::hash(SecretBuffer::fromBytes(password), HashParams::insecureTestParams()).value();
}

} // namespace

class TestPasswordPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(CryptoRuntime::initialise()); }

    void defaultsAreTheGuidesPlusTheIssues()
    {
        const PasswordPolicy policy;
        QCOMPARE(policy.minLength, 8);
        QCOMPARE(policy.maxLength, 128);
        QVERIFY(policy.requireLowercase && policy.requireUppercase && policy.requireDigit);
        QVERIFY(policy.forbidUsername && policy.forbidEmail && policy.forbidCommon);
        QCOMPARE(policy.historySize, 3);
        QVERIFY(policy.validate());
        QCOMPARE(PasswordPolicy::ruleIds(),
                 (QStringList{latin1("min-length"), latin1("max-length"), latin1("lowercase"),
                              latin1("uppercase"), latin1("digit"), latin1("contains-username"),
                              latin1("contains-email"), latin1("common"), latin1("reused")}));
    }

    // One row per rule: a password that fails exactly that rule (and a neighbour that passes).
    void eachRuleFailsOnItsOwn_data()
    {
        QTest::addColumn<QString>("password");
        QTest::addColumn<QStringList>("failed");
        QTest::newRow("acceptable") << latin1("Blue7Kettle") << QStringList();
        QTest::newRow("7 characters") << latin1("Blu7Ket") << QStringList{latin1("min-length")};
        QTest::newRow("8 characters") << latin1("Blu7Kett") << QStringList();
        QTest::newRow("128 characters") << latin1("Aa1") + QString(125, u'x') << QStringList();
        QTest::newRow("129 characters")
            << latin1("Aa1") + QString(126, u'x') << QStringList{latin1("max-length")};
        QTest::newRow("no lower") << latin1("BLUE7KETTLE") << QStringList{latin1("lowercase")};
        QTest::newRow("no upper") << latin1("blue7kettle") << QStringList{latin1("uppercase")};
        QTest::newRow("no digit") << latin1("BlueKettle") << QStringList{latin1("digit")};
        QTest::newRow("username inside, other case")
            << latin1("xxALICE99yY") << QStringList{latin1("contains-username")};
        QTest::newRow("email local part") << latin1("Bob.Smith77") << QStringList{latin1("contains-email")};
        QTest::newRow("common, any case") << latin1("Password1") << QStringList{latin1("common")};
        QTest::newRow("empty") << QString()
                               << QStringList{latin1("min-length"), latin1("lowercase"), latin1("uppercase"),
                                              latin1("digit")};
        QTest::newRow("several at once") << latin1("alice")
                                         << QStringList{latin1("min-length"), latin1("uppercase"),
                                                        latin1("digit"), latin1("contains-username")};
        QTest::newRow("short and common")
            << latin1("dragon")
            << QStringList{latin1("min-length"), latin1("uppercase"), latin1("digit"), latin1("common")};
        // Unicode: lengths count code points (each emoji is 2 UTF-16 units) and classes follow Unicode.
        QTest::newRow("unicode classes")
            << QString::fromUtf8("\xc3\x89t\xc3\xa9-\xd9\xa3xyz") << QStringList();
        QTest::newRow("7 code points")
            << QString::fromUtf8("Ab1\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80!")
            << QStringList{latin1("min-length")};
    }
    void eachRuleFailsOnItsOwn()
    {
        QFETCH(QString, password);
        QFETCH(QStringList, failed);
        PasswordContext context;
        context.username = latin1("Alice");
        context.email = latin1("bob.smith@example.org");
        const QList<PolicyViolation> violations = PasswordPolicy{}.evaluate(password, context);
        QCOMPARE(idsOf(violations), failed);
        for (const PolicyViolation& v : violations) {
            QVERIFY(!v.message.isEmpty());
        }
    }

    void messagesAreTheGuides()
    {
        const auto violations = PasswordPolicy{}.evaluate(latin1("x"));
        QCOMPARE(violations.at(0).message, latin1("Password must be at least 8 characters"));
        QCOMPARE(violations.at(1).message, latin1("Must contain at least one uppercase letter"));
        QCOMPARE(violations.at(2).message, latin1("Must contain at least one digit"));
        PasswordPolicy policy;
        policy.maxLength = 10;
        QCOMPARE(policy.evaluate(latin1("Abcdefghij1")).at(0).message,
                 latin1("Password must not exceed 10 characters"));
    }

    void shortIdentitiesAreNotSearchedFor()
    {
        PasswordContext context;
        context.username = latin1("al"); // every password containing "al" would fail otherwise
        context.email = latin1("jo@example.org");
        QVERIFY(PasswordPolicy{}.evaluate(latin1("Always7Jolly"), context).isEmpty());
        context.username = latin1("alw");
        QCOMPARE(idsOf(PasswordPolicy{}.evaluate(latin1("Always7Jolly"), context)),
                 QStringList{latin1("contains-username")});
    }

    void emailWithoutAtSignIsUsedWhole()
    {
        PasswordContext context;
        context.email = latin1("kettle");
        QCOMPARE(idsOf(PasswordPolicy{}.evaluate(latin1("Blue7Kettle"), context)),
                 QStringList{latin1("contains-email")});
    }

    void disabledRulesDoNotFire()
    {
        PasswordPolicy policy;
        policy.minLength = 1;
        policy.requireLowercase = policy.requireUppercase = policy.requireDigit = false;
        policy.forbidUsername = policy.forbidEmail = policy.forbidCommon = false;
        policy.historySize = 0;
        PasswordContext context;
        context.username = latin1("alice");
        context.email = latin1("alice@example.org");
        context.previousHashes = {hashOf("alice")};
        QVERIFY(policy.evaluate(latin1("alice"), context).isEmpty());
    }

    void reuseIsCheckedAgainstTheNewestHashes()
    {
        PasswordContext context;
        // Newest first: the fourth-newest is outside the default history of 3.
        context.previousHashes = {hashOf("Newest1Pass"), latin1("not a hash at all"), hashOf("Third3Pass"),
                                  hashOf("Fourth4Pass")};
        const PasswordPolicy policy;
        QCOMPARE(idsOf(policy.evaluate(latin1("Newest1Pass"), context)), QStringList{latin1("reused")});
        QCOMPARE(idsOf(policy.evaluate(latin1("Third3Pass"), context)), QStringList{latin1("reused")});
        QVERIFY(policy.evaluate(latin1("Fourth4Pass"), context).isEmpty());
        QVERIFY(policy.evaluate(latin1("Brand9New"), context).isEmpty());
        QCOMPARE(policy.evaluate(latin1("Newest1Pass"), context).at(0).message,
                 latin1("Must not be one of the last 3 passwords"));

        PasswordPolicy longer;
        longer.historySize = 4;
        QCOMPARE(idsOf(longer.evaluate(latin1("Fourth4Pass"), context)), QStringList{latin1("reused")});
        PasswordPolicy one;
        one.historySize = 1;
        QVERIFY(one.evaluate(latin1("Third3Pass"), context).isEmpty());
        QCOMPARE(one.evaluate(latin1("Newest1Pass"), context).at(0).message,
                 latin1("Must not be the previous password"));
    }

    void reuseCanBeAnsweredByACallback()
    {
        int calls = 0;
        int askedCount = 0;
        PasswordContext context;
        context.isReused = [&](const SecretBuffer& password, int count) {
            ++calls;
            askedCount = count;
            return password.view() == QByteArrayView("Old5Secret");
        };
        QCOMPARE(idsOf(PasswordPolicy{}.evaluate(latin1("Old5Secret"), context)),
                 QStringList{latin1("reused")});
        QCOMPARE(askedCount, 3);
        QVERIFY(PasswordPolicy{}.evaluate(latin1("New5Secret"), context).isEmpty());
        QCOMPARE(calls, 2);
    }

    void anInjectedCommonListIsUsed()
    {
        const CommonPasswords list = CommonPasswords::fromText("# test\nBlue7Kettle\n");
        PasswordContext context;
        context.commonPasswords = &list;
        QCOMPARE(idsOf(PasswordPolicy{}.evaluate(latin1("blue7KETTLE"), context)),
                 QStringList{latin1("common")});
        QVERIFY(
            PasswordPolicy{}.evaluate(latin1("Password1x"), context).isEmpty()); // not in the injected list
    }

    void jsonRoundTrips()
    {
        PasswordPolicy policy;
        policy.minLength = 12;
        policy.maxLength = 64;
        policy.requireDigit = false;
        policy.forbidCommon = false;
        policy.historySize = 5;
        const QJsonObject json = policy.toJson();
        QCOMPARE(json.size(), 9);
        QCOMPARE(json.value(latin1("minLength")).toInt(), 12);
        QCOMPARE(json.value(latin1("requireDigit")).toBool(true), false);
        const auto back = PasswordPolicy::fromJson(json);
        QVERIFY(back);
        QCOMPARE(*back, policy);
        // Through text too, as the vault stores it.
        const QByteArray text = QJsonDocument(json).toJson(QJsonDocument::Compact);
        QCOMPARE(PasswordPolicy::fromJson(QJsonDocument::fromJson(text).object()).value(), policy);
        // Missing keys keep their defaults.
        QCOMPARE(PasswordPolicy::fromJson(QJsonObject{}).value(), PasswordPolicy{});
        QCOMPARE(PasswordPolicy::fromJson(QJsonObject{{latin1("historySize"), 0}})->historySize, 0);
    }

    void badJsonNamesTheProblem_data()
    {
        QTest::addColumn<QJsonObject>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown key") << QJsonObject{{latin1("minLenght"), 8}}
                                     << latin1("unknown password policy setting \"minLenght\"");
        QTest::newRow("string number") << QJsonObject{{latin1("minLength"), latin1("8")}}
                                       << latin1("\"minLength\" must be a whole number");
        QTest::newRow("fraction") << QJsonObject{{latin1("maxLength"), 8.5}}
                                  << latin1("\"maxLength\" must be a whole number");
        QTest::newRow("negative") << QJsonObject{{latin1("historySize"), -1}}
                                  << latin1("\"historySize\" must be a whole number");
        QTest::newRow("number for bool")
            << QJsonObject{{latin1("requireDigit"), 1}} << latin1("\"requireDigit\" must be true or false");
        QTest::newRow("null") << QJsonObject{{latin1("forbidCommon"), QJsonValue()}}
                              << latin1("\"forbidCommon\" must be true or false");
        QTest::newRow("zero minimum")
            << QJsonObject{{latin1("minLength"), 0}} << latin1("minimum password length");
        QTest::newRow("max below min") << QJsonObject{{latin1("minLength"), 20}, {latin1("maxLength"), 10}}
                                       << latin1("maximum password length must be between the minimum (20)");
        QTest::newRow("max too large")
            << QJsonObject{{latin1("maxLength"), 5000}} << latin1("maximum password length");
        QTest::newRow("history too long")
            << QJsonObject{{latin1("historySize"), 25}} << latin1("history size must be between 0 and 24");
    }
    void badJsonNamesTheProblem()
    {
        QFETCH(QJsonObject, json);
        QFETCH(QString, expected);
        const auto policy = PasswordPolicy::fromJson(json);
        QVERIFY(!policy);
        QCOMPARE(policy.error().kind, ErrorKind::Input);
        QVERIFY2(policy.error().message.contains(expected), qPrintable(policy.error().message));
    }

    void describeListsTheRulesInForce()
    {
        const QStringList lines = PasswordPolicy{}.describe();
        QCOMPARE(lines.size(), 8);
        QCOMPARE(lines.first(), latin1("Between 8 and 128 characters"));
        QCOMPARE(lines.last(), latin1("Not one of the last 3 passwords"));
        PasswordPolicy loose;
        loose.requireDigit = loose.forbidCommon = false;
        loose.historySize = 0;
        QCOMPARE(loose.describe().size(), 5);
        QVERIFY(!loose.describe().contains(latin1("At least one digit")));
    }
};

QTEST_GUILESS_MAIN(TestPasswordPolicy)
#include "TestPasswordPolicy.moc"
