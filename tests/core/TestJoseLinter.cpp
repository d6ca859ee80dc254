// The token inspector's findings: one crafted token per finding id, and the weak-secret list.
#include "crypto/CryptoRuntime.h"
#include "jose/Base64Url.h"
#include "jose/JwsCrypto.h"
#include "jose/TokenLinter.h"
#include "jose/TokenPresets.h"
#include "jose/WeakSecretList.h"
#include "keys/KeyGenerator.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace tessera;
using namespace tessera::jose;
using namespace tessera::keys;

namespace {

constexpr qint64 kNow = 1'700'000'000;

QByteArray json(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject goodHeader()
{
    return {{QStringLiteral("alg"), QStringLiteral("ES256")},
            {QStringLiteral("typ"), QStringLiteral("JWT")},
            {QStringLiteral("kid"), QStringLiteral("2024-signing-key")}};
}

QJsonObject goodClaims()
{
    return {{QStringLiteral("sub"), QStringLiteral("alice")},
            {QStringLiteral("iat"), kNow - 60},
            {QStringLiteral("exp"), kNow + 600},
            {QStringLiteral("type"), QStringLiteral("access")},
            {QStringLiteral("jti"), QStringLiteral("j-1")}};
}

// An unsigned-looking token is enough for the key-independent checks.
CompactJws token(const QJsonObject& header, const QJsonObject& claims, QByteArrayView signature = "sig")
{
    const QByteArray text = Base64Url::encode(json(header)) + '.' + Base64Url::encode(json(claims)) + '.' +
                            Base64Url::encode(signature);
    auto parsed = CompactJws::parse(text);
    if (!parsed) {
        qFatal("token: %s", qPrintable(parsed.error().message));
    }
    return *parsed;
}

CompactJws hmacToken(QByteArrayView secret, JwsAlg alg = JwsAlg::HS256)
{
    const QByteArray input = Base64Url::encode(json({{QStringLiteral("alg"), JwsAlgorithm::name(alg)}})) +
                             '.' + Base64Url::encode(json(goodClaims()));
    const KeyMaterial key = *KeyMaterial::fromSecret(SecretBuffer::fromBytes(secret));
    return *CompactJws::parse(input + '.' + Base64Url::encode(*JwsCrypto::sign(key, alg, input)));
}

QStringList ids(const QList<LintFinding>& findings)
{
    QStringList out;
    for (const LintFinding& finding : findings) {
        out.append(finding.id);
    }
    return out;
}

LintContext context()
{
    LintContext ctx;
    ctx.now = kNow;
    return ctx;
}

} // namespace

class TestJoseLinter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(CryptoRuntime::initialise()); }

    void aGoodTokenHasNoFindings()
    {
        LintContext ctx = context();
        ctx.weakSecrets = &WeakSecretList::bundled();
        ctx.isRevoked = [](const QString&) {
            return false;
        };
        const auto findings = TokenLinter::lint(token(goodHeader(), goodClaims()), ctx);
        QVERIFY2(findings.isEmpty(), qPrintable(ids(findings).join(QLatin1Char(','))));
    }

    void eachProblemHasItsFinding_data()
    {
        QTest::addColumn<QJsonObject>("header");
        QTest::addColumn<QJsonObject>("claims");
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("severity");

        auto header = [](const char* name, const QJsonValue& value) {
            QJsonObject h = goodHeader();
            h.insert(QLatin1String(name), value);
            return h;
        };
        auto claims = [](const char* name, const QJsonValue& value) {
            QJsonObject c = goodClaims();
            if (value.isUndefined()) {
                c.remove(QLatin1String(name));
            } else {
                c.insert(QLatin1String(name), value);
            }
            return c;
        };
        using S = LintFinding::Severity;
        QTest::newRow("alg-none") << header("alg", QStringLiteral("none")) << goodClaims() << "alg-none"
                                  << int(S::Critical);
        QTest::newRow("alg-None") << header("alg", QStringLiteral("None")) << goodClaims() << "alg-none"
                                  << int(S::Critical);
        QTest::newRow("no-exp") << goodHeader() << claims("exp", QJsonValue::Undefined) << "no-exp"
                                << int(S::Medium);
        QTest::newRow("expired") << goodHeader() << claims("exp", kNow) << "expired" << int(S::Info);
        QTest::newRow("not-yet-valid")
            << goodHeader() << claims("nbf", kNow + 30) << "not-yet-valid" << int(S::Low);
        QTest::newRow("iat-future") << goodHeader() << claims("iat", kNow + 3600) << "iat-future"
                                    << int(S::Medium);
        QTest::newRow("long-lifetime access")
            << goodHeader() << claims("exp", kNow - 60 + 15 * 60 + 1) << "long-lifetime" << int(S::Medium);
        QJsonObject refresh = goodClaims();
        refresh.insert(QStringLiteral("type"), QStringLiteral("id"));
        refresh.insert(QStringLiteral("exp"), kNow - 60 + 86400 + 1);
        QTest::newRow("long-lifetime any") << goodHeader() << refresh << "long-lifetime" << int(S::Medium);
        refresh.insert(QStringLiteral("type"), QStringLiteral("refresh"));
        refresh.insert(QStringLiteral("exp"), kNow - 60 + 30 * 86400 + 1);
        QTest::newRow("long-lifetime refresh")
            << goodHeader() << refresh << "long-lifetime" << int(S::Medium);
        QTest::newRow("no-type") << goodHeader() << claims("type", QJsonValue::Undefined) << "no-type"
                                 << int(S::Low);
        QTest::newRow("embedded-jwk")
            << header("jwk", QJsonObject{{QStringLiteral("kty"), QStringLiteral("EC")}}) << goodClaims()
            << "embedded-jwk" << int(S::High);
        QTest::newRow("jku-header") << header("jku", QStringLiteral("https://attacker.example/jwks.json"))
                                    << goodClaims() << "jku-header" << int(S::High);
        QTest::newRow("x5u-header") << header("x5u", QStringLiteral("https://attacker.example/cert.pem"))
                                    << goodClaims() << "x5u-header" << int(S::High);
        QTest::newRow("kid path traversal") << header("kid", QStringLiteral("../../../../dev/null"))
                                            << goodClaims() << "kid-injection" << int(S::High);
        QTest::newRow("kid absolute path") << header("kid", QStringLiteral("/etc/passwd")) << goodClaims()
                                           << "kid-injection" << int(S::High);
        QTest::newRow("kid sql") << header("kid", QStringLiteral("x' UNION SELECT 'secret")) << goodClaims()
                                 << "kid-injection" << int(S::High);
        QTest::newRow("kid sql comment") << header("kid", QStringLiteral("key1 -- comment")) << goodClaims()
                                         << "kid-injection" << int(S::High);
        QTest::newRow("kid shell") << header("kid", QStringLiteral("key|whoami")) << goodClaims()
                                   << "kid-injection" << int(S::High);
        QTest::newRow("kid subshell")
            << header("kid", QStringLiteral("$(id)")) << goodClaims() << "kid-injection" << int(S::High);
        QTest::newRow("crit-unknown") << header("crit", QJsonArray{QStringLiteral("kid")}) << goodClaims()
                                      << "crit-unknown" << int(S::Medium);
    }

    void eachProblemHasItsFinding()
    {
        QFETCH(QJsonObject, header);
        QFETCH(QJsonObject, claims);
        QFETCH(QString, id);
        QFETCH(int, severity);
        const auto findings = TokenLinter::lint(token(header, claims), context());
        QCOMPARE(ids(findings), QStringList{id});
        QCOMPARE(int(findings.first().severity), severity);
        QVERIFY(!findings.first().message.isEmpty());
        QVERIFY(!findings.first().fix.isEmpty());
        const QJsonObject out = findings.first().toJson();
        QCOMPARE(out.value(QStringLiteral("id")).toString(), id);
        QVERIFY(out.contains(QStringLiteral("severity")) && out.contains(QStringLiteral("message")));
    }

    void lifetimeLimitsAreInclusive()
    {
        QJsonObject claims = goodClaims();
        claims.insert(QStringLiteral("exp"), kNow - 60 + 15 * 60); // exactly 15 minutes
        QVERIFY(TokenLinter::lint(token(goodHeader(), claims), context()).isEmpty());
        claims.insert(QStringLiteral("type"), QStringLiteral("id"));
        claims.insert(QStringLiteral("exp"), kNow - 60 + 86400); // exactly a day
        QVERIFY(TokenLinter::lint(token(goodHeader(), claims), context()).isEmpty());
        claims.insert(QStringLiteral("type"), QStringLiteral("refresh"));
        claims.insert(QStringLiteral("exp"), kNow - 60 + 30 * 86400); // a refresh token may live 30 days
        QVERIFY(TokenLinter::lint(token(goodHeader(), claims), context()).isEmpty());
        // An RFC 9068 access token (typ at+jwt) without a type claim is held to 15 minutes too.
        QJsonObject header = goodHeader();
        header.insert(QStringLiteral("typ"), QStringLiteral("at+jwt"));
        claims.remove(QStringLiteral("type"));
        QVERIFY(ids(TokenLinter::lint(token(header, claims), context()))
                    .contains(QStringLiteral("long-lifetime")));
    }

    void guidePresetsHaveNoFindings()
    {
        const QJsonObject access =
            TokenPresets::access(QStringLiteral("alice"), QStringLiteral("admin"), kNow);
        QCOMPARE(access.value(QStringLiteral("exp")).toInteger(), kNow + 15 * 60);
        QCOMPARE(access.value(QStringLiteral("role")).toString(), QStringLiteral("admin"));
        QVERIFY(TokenLinter::lint(token(goodHeader(), access), context()).isEmpty());
        const QJsonObject refresh = TokenPresets::refresh(QStringLiteral("alice"), kNow);
        QCOMPARE(refresh.value(QStringLiteral("exp")).toInteger(), kNow + 7 * 86400);
        QCOMPARE(refresh.value(QStringLiteral("type")).toString(), QStringLiteral("refresh"));
        QCOMPARE(refresh.value(QStringLiteral("jti")).toString().size(), 36);
        QVERIFY(refresh.value(QStringLiteral("jti")) !=
                TokenPresets::refresh(QStringLiteral("alice"), kNow).value(QStringLiteral("jti")));
        QVERIFY(TokenLinter::lint(token(goodHeader(), refresh), context()).isEmpty());
    }

    void messagesExplainTimesInWords()
    {
        QJsonObject claims = goodClaims();
        claims.insert(QStringLiteral("exp"), kNow - 3 * 86400);
        const auto findings = TokenLinter::lint(token(goodHeader(), claims), context());
        QCOMPARE(findings.first().id, QStringLiteral("expired"));
        QVERIFY2(findings.first().message.contains(QStringLiteral("3 days ago")),
                 qPrintable(findings.first().message));
        QCOMPARE(TokenLinter::describeDuration(45), QStringLiteral("45 s"));
        QCOMPARE(TokenLinter::describeDuration(12 * 60), QStringLiteral("12 min"));
        QCOMPARE(TokenLinter::describeDuration(5 * 3600), QStringLiteral("5 h"));
    }

    void ordinaryKidsAreNotInjection_data()
    {
        QTest::addColumn<QString>("kid");
        QTest::newRow("thumbprint") << QStringLiteral("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
        QTest::newRow("date") << QStringLiteral("2011-04-29");
        QTest::newRow("uuid") << QStringLiteral("e9bc097a-ce51-4036-9562-d2ade882db0d");
        QTest::newRow("dotted") << QStringLiteral("key.v2");
        QTest::newRow("urn") << QStringLiteral("urn:example:key:1");
    }

    void ordinaryKidsAreNotInjection()
    {
        QFETCH(QString, kid);
        QVERIFY(TokenLinter::kidInjectionReason(kid).isEmpty());
    }

    void revokedJtiIsReported()
    {
        LintContext ctx = context();
        ctx.isRevoked = [](const QString& jti) {
            return jti == QLatin1String("j-1");
        };
        const auto findings = TokenLinter::lint(token(goodHeader(), goodClaims()), ctx);
        QCOMPARE(ids(findings), QStringList{QStringLiteral("revoked")});
        QCOMPARE(findings.first().severity, LintFinding::Severity::High);
    }

    void findingsComeMostSevereFirst()
    {
        QJsonObject header = goodHeader();
        header.insert(QStringLiteral("alg"), QStringLiteral("none"));
        QJsonObject claims = goodClaims();
        claims.remove(QStringLiteral("type"));
        claims.remove(QStringLiteral("exp"));
        header.insert(QStringLiteral("jku"), QStringLiteral("https://x.example"));
        const auto findings = TokenLinter::lint(token(header, claims), context());
        QCOMPARE(ids(findings), (QStringList{QStringLiteral("alg-none"), QStringLiteral("jku-header"),
                                             QStringLiteral("no-exp"), QStringLiteral("no-type")}));
    }

    void jweGetsHeaderChecksOnly()
    {
        const QByteArray text =
            Base64Url::encode("{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"jku\":\"https://x.example\"}") + ".." +
            Base64Url::encode("iv") + '.' + Base64Url::encode("ct") + '.' + Base64Url::encode("tag");
        const auto jwe = CompactJws::parse(text);
        QVERIFY(jwe && jwe->isJwe());
        QCOMPARE(ids(TokenLinter::lint(*jwe, context())), QStringList{QStringLiteral("jku-header")});
    }

    void bundledWeakSecretListIsLoaded()
    {
        const WeakSecretList& list = WeakSecretList::bundled();
        QVERIFY2(list.size() >= 3000, qPrintable(QString::number(list.size())));
        for (const char* secret :
             {"secret", "your-256-bit-secret", "changeme", "password", "dragon", "keyboard cat"}) {
            QVERIFY2(std::find(list.secrets().begin(), list.secrets().end(), QByteArray(secret)) !=
                         list.secrets().end(),
                     secret);
        }
        for (const QByteArray& secret : list.secrets()) {
            QVERIFY(!secret.startsWith('#') && !secret.isEmpty() && !secret.endsWith('\r'));
        }
    }

    void weakHmacSecretsAreFound_data()
    {
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QString>("alg");
        QTest::newRow("secret") << QByteArray("secret") << QStringLiteral("HS256");
        QTest::newRow("jwt.io default") << QByteArray("your-256-bit-secret") << QStringLiteral("HS256");
        QTest::newRow("HS384") << QByteArray("your-384-bit-secret") << QStringLiteral("HS384");
        QTest::newRow("HS512") << QByteArray("changeme") << QStringLiteral("HS512");
        QTest::newRow("common password") << QByteArray("dragon") << QStringLiteral("HS256");
    }

    void weakHmacSecretsAreFound()
    {
        QFETCH(QByteArray, secret);
        QFETCH(QString, alg);
        LintContext ctx = context();
        ctx.weakSecrets = &WeakSecretList::bundled();
        const auto findings = TokenLinter::lint(hmacToken(secret, *JwsAlgorithm::fromName(alg)), ctx);
        QCOMPARE(ids(findings), QStringList{QStringLiteral("weak-hmac-secret")});
        QCOMPARE(findings.first().severity, LintFinding::Severity::Critical);
        QVERIFY(findings.first().message.contains(QString::fromUtf8(secret)));
    }

    void strongSecretIsNotFlaggedAndTheCheckIsFast()
    {
        const KeyMaterial strong = *KeyGenerator::generate(QStringLiteral("oct-256"));
        const CompactJws jws = hmacToken(strong.secret());
        LintContext ctx = context();
        ctx.weakSecrets = &WeakSecretList::bundled();
        QElapsedTimer timer;
        timer.start();
        const auto findings = TokenLinter::lint(jws, ctx); // tries every secret in the list
        const qint64 elapsed = timer.elapsed();
        QVERIFY(findings.isEmpty());
        // The goal is "well under a second"; allow for a loaded CI machine.
        QVERIFY2(elapsed < 500, qPrintable(QStringLiteral("%1 ms").arg(elapsed)));
        qInfo("weak-secret check over %zu secrets: %lld ms", WeakSecretList::bundled().size(), elapsed);
    }

    void customListsIgnoreCommentsAndLineEndings()
    {
        const WeakSecretList list = WeakSecretList::fromText("# comment\r\nalpha\r\n\nbeta\n#gamma\ndelta");
        QCOMPARE(list.secrets(), (std::vector<QByteArray>{"alpha", "beta", "delta"}));
        const CompactJws jws = hmacToken("delta");
        QCOMPARE(list.findSecret(JwsAlg::HS256, jws.signingInput(), jws.signature()).value(),
                 QByteArray("delta"));
        QVERIFY(!list.findSecret(JwsAlg::RS256, jws.signingInput(), jws.signature()));
    }
};

QTEST_GUILESS_MAIN(TestJoseLinter)
#include "TestJoseLinter.moc"
