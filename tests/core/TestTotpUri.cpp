// The otpauth:// Key URI Format: what Tessera writes, what it reads, and round trips for names with
// spaces, '@', ':' and non-ASCII text.
#include "crypto/CryptoRuntime.h"
#include "totp/Base32.h"
#include "totp/OtpAuthUri.h"

#include <QRandomGenerator>
#include <QTest>

using namespace tessera;

namespace {

OtpAuthUri totpUri(const QString& issuer, const QString& account, QStringView base32 = u"JBSWY3DPEHPK3PXP")
{
    OtpAuthUri uri;
    uri.issuer = issuer;
    uri.accountName = account;
    uri.secret = Base32::decode(base32).value();
    return uri;
}

QString build(const OtpAuthUri& uri)
{
    auto text = uri.toUri();
    return text ? *text : QStringLiteral("error: ") + text.error().message;
}

} // namespace

class TestTotpUri : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(CryptoRuntime::initialise()); }

    void buildsTheKeyUriFormatExactly_data()
    {
        QTest::addColumn<QString>("issuer");
        QTest::addColumn<QString>("account");
        QTest::addColumn<QString>("expected");
        QTest::newRow("wiki example")
            << QStringLiteral("ACME Co") << QStringLiteral("john.doe@email.com")
            << QStringLiteral("otpauth://totp/ACME%20Co:john.doe%40email.com?secret=JBSWY3DPEHPK3PXP"
                              "&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30");
        QTest::newRow("non-ASCII, precomposed UTF-8")
            << QStringLiteral("Bücher GmbH") << QStringLiteral("josé@example.com")
            << QStringLiteral(
                   "otpauth://totp/B%C3%BCcher%20GmbH:jos%C3%A9%40example.com?secret=JBSWY3DPEHPK3PXP"
                   "&issuer=B%C3%BCcher%20GmbH&algorithm=SHA1&digits=6&period=30");
        QTest::newRow("colons inside names are encoded, the separator is not")
            << QStringLiteral("Corp: EU") << QStringLiteral("ops:admin")
            << QStringLiteral("otpauth://totp/Corp%3A%20EU:ops%3Aadmin?secret=JBSWY3DPEHPK3PXP"
                              "&issuer=Corp%3A%20EU&algorithm=SHA1&digits=6&period=30");
        QTest::newRow("reserved characters")
            << QStringLiteral("A&B=C?D/E#F+G%H") << QStringLiteral("x~y-z_1.2")
            << QStringLiteral("otpauth://totp/A%26B%3DC%3FD%2FE%23F%2BG%25H:x~y-z_1.2?secret="
                              "JBSWY3DPEHPK3PXP&issuer=A%26B%3DC%3FD%2FE%23F%2BG%25H"
                              "&algorithm=SHA1&digits=6&period=30");
        QTest::newRow("emoji (a surrogate pair)")
            << QStringLiteral("Tessera") << QStringLiteral("\U0001F511 keys")
            << QStringLiteral("otpauth://totp/Tessera:%F0%9F%94%91%20keys?secret="
                              "JBSWY3DPEHPK3PXP&issuer=Tessera&algorithm=SHA1&digits=6"
                              "&period=30");
        QTest::newRow("no issuer")
            << QString() << QStringLiteral("alice")
            << QStringLiteral(
                   "otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30");
        QTest::newRow("no issuer, colon in account: an empty issuer keeps it whole")
            << QString() << QStringLiteral("x:y")
            << QStringLiteral(
                   "otpauth://totp/:x%3Ay?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30");
        QTest::newRow("names trimmed")
            << QStringLiteral("  Example ") << QStringLiteral(" alice ")
            << QStringLiteral("otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example"
                              "&algorithm=SHA1&digits=6&period=30");
    }

    void buildsTheKeyUriFormatExactly()
    {
        QFETCH(QString, issuer);
        QFETCH(QString, account);
        QFETCH(QString, expected);
        QCOMPARE(build(totpUri(issuer, account)), expected);
    }

    void writesEveryParameterWithTheSecretNeverLast()
    {
        OtpAuthUri uri =
            totpUri(QStringLiteral("Example"), QStringLiteral("alice"), u"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        uri.algorithm = OtpAlgorithm::Sha512;
        uri.digits = 8;
        uri.period = 60;
        const QString text = build(uri);
        QCOMPARE(text,
                 QStringLiteral(
                     "otpauth://totp/Example:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Example"
                     "&algorithm=SHA512&digits=8&period=60"));
        // Secrets whose base32 would need padding are written without it.
        uri.secret = SecretBuffer::fromBytes("foob");
        QVERIFY(build(uri).contains(QStringLiteral("secret=MZXW6YQ&")));
        QVERIFY(!build(uri).contains(QStringLiteral("=&")));
        // Even with no issuer the secret is followed by other parameters.
        uri.issuer.clear();
        QVERIFY(build(uri).contains(QStringLiteral("?secret=MZXW6YQ&algorithm=SHA512")));
        // The whole URI is ASCII: a QR code's byte mode carries it unchanged.
        for (const QChar c : build(totpUri(QStringLiteral("Bücher GmbH"), QStringLiteral("josé")))) {
            QVERIFY(c.unicode() > 0x20 && c.unicode() < 0x7f);
        }
    }

    void hotpUrisCarryTheCounter()
    {
        OtpAuthUri uri = totpUri(QStringLiteral("Example"), QStringLiteral("alice"));
        uri.type = OtpType::Hotp;
        uri.counter = 42;
        const QString text = build(uri);
        QCOMPARE(text,
                 QStringLiteral(
                     "otpauth://hotp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example&algorithm=SHA1"
                     "&digits=6&counter=42"));
        auto back = OtpAuthUri::parse(text);
        QVERIFY(back);
        QCOMPARE(back->type, OtpType::Hotp);
        QCOMPARE(back->counter, std::uint64_t{42});
        QVERIFY(!OtpAuthUri::parse(u"otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP"));
    }

    void refusesToBuildIncompleteUris()
    {
        QVERIFY(!totpUri(QStringLiteral("Example"), QStringLiteral("   ")).toUri());
        OtpAuthUri noSecret;
        noSecret.accountName = QStringLiteral("alice");
        QVERIFY(!noSecret.toUri());
        OtpAuthUri badDigits = totpUri(QString(), QStringLiteral("alice"));
        badDigits.digits = 10;
        QVERIFY(!badDigits.toUri());
    }

    void roundTripsAwkwardNames_data()
    {
        QTest::addColumn<QString>("issuer");
        QTest::addColumn<QString>("account");
        QTest::newRow("spaces") << QStringLiteral("ACME Co Ltd") << QStringLiteral("John Doe");
        QTest::newRow("at signs") << QStringLiteral("user@corp") << QStringLiteral("alice@example.com");
        QTest::newRow("colons") << QStringLiteral("Corp: EU") << QStringLiteral("a:b:c");
        QTest::newRow("leading colon in account") << QStringLiteral("Corp") << QStringLiteral(":alice");
        QTest::newRow("non-ASCII") << QStringLiteral("Bücher GmbH") << QStringLiteral("josé@example.com");
        QTest::newRow("CJK and emoji")
            << QStringLiteral("東京 \U0001F512") << QStringLiteral("ユーザー@例え.jp");
        QTest::newRow("percent and plus") << QStringLiteral("100% Sure+") << QStringLiteral("a+b%20c");
        QTest::newRow("no issuer, colon in account") << QString() << QStringLiteral("x:y");
    }

    void roundTripsAwkwardNames()
    {
        QFETCH(QString, issuer);
        QFETCH(QString, account);
        OtpAuthUri original = totpUri(issuer, account, u"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        original.algorithm = OtpAlgorithm::Sha256;
        original.digits = 8;
        original.period = 60;
        const QString text = build(original);
        auto back = OtpAuthUri::parse(text);
        QVERIFY2(back, qPrintable(text + QLatin1Char(' ') + (back ? QString() : back.error().message)));
        QCOMPARE(back->issuer, issuer);
        QCOMPARE(back->accountName, account);
        QVERIFY(back->secret.equals(original.secret));
        QCOMPARE(back->algorithm, OtpAlgorithm::Sha256);
        QCOMPARE(back->digits, 8);
        QCOMPARE(back->period, 60);
        QCOMPARE(build(*back), text);
    }

    void roundTripsRandomNames()
    {
        // Names drawn from the characters that matter to the format, trimmed as the builder trims.
        const QString pool = QStringLiteral("aZ09 @:%&=?/#+~-._üé€東\U0001F511");
        QRandomGenerator random(20240601);
        for (int i = 0; i < 300; ++i) {
            auto randomName = [&](int minLength) {
                QString name;
                const int length = minLength + static_cast<int>(random.bounded(12));
                while (name.trimmed().size() < length) {
                    const qsizetype at = random.bounded(pool.size());
                    if (pool[at].isLowSurrogate()) {
                        continue;
                    }
                    name += pool[at].isHighSurrogate() ? pool.mid(at, 2) : pool.mid(at, 1);
                }
                return name.trimmed();
            };
            const QString issuer = i % 7 == 0 ? QString() : randomName(1);
            const QString account = randomName(1);
            OtpAuthUri original = totpUri(issuer, account);
            const QString text = build(original);
            auto back = OtpAuthUri::parse(text);
            QVERIFY2(back, qPrintable(text));
            QVERIFY2(back->issuer == issuer && back->accountName == account,
                     qPrintable(QStringLiteral("%1 | %2 -> %3 | %4")
                                    .arg(issuer, account, back->issuer, back->accountName)));
        }
    }

    void readsOtherGeneratorsForms_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<QString>("issuer");
        QTest::addColumn<QString>("account");
        QTest::newRow("literal @")
            << QStringLiteral(
                   "otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example")
            << QStringLiteral("Example") << QStringLiteral("alice@google.com");
        QTest::newRow("encoded separator and space")
            << QStringLiteral(
                   "otpauth://totp/Big%20Corporation%3A%20alice%40bigco.com?secret=JBSWY3DPEHPK3PXP")
            << QStringLiteral("Big Corporation") << QStringLiteral("alice@bigco.com");
        QTest::newRow("literal separator, spaces before the account")
            << QStringLiteral("otpauth://totp/Provider1:%20%20Alice%20Smith?secret=JBSWY3DPEHPK3PXP")
            << QStringLiteral("Provider1") << QStringLiteral("Alice Smith");
        QTest::newRow("issuer only as parameter")
            << QStringLiteral("otpauth://totp/alice?issuer=Example&secret=JBSWY3DPEHPK3PXP")
            << QStringLiteral("Example") << QStringLiteral("alice");
        QTest::newRow("encoded separator after an issuer with a colon")
            << QStringLiteral("otpauth://totp/A%3AB%3Acarol?secret=JBSWY3DPEHPK3PXP&issuer=A%3AB")
            << QStringLiteral("A:B") << QStringLiteral("carol");
        QTest::newRow("no issuer at all") << QStringLiteral("otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP")
                                          << QString() << QStringLiteral("alice");
        QTest::newRow("raw UTF-8, lower-case hex, upper-case scheme")
            << QStringLiteral("OTPAUTH://TOTP/Bücher%20gmbh:jos%c3%a9?secret=JBSWY3DPEHPK3PXP")
            << QStringLiteral("Bücher gmbh") << QStringLiteral("josé");
        QTest::newRow("secret last, padded, lower case, unknown parameter, fragment")
            << QStringLiteral("otpauth://totp/"
                              "Example:alice?issuer=Example&image=https%3A%2F%2Fx&secret=jbswy3dpehpk3pxp#x")
            << QStringLiteral("Example") << QStringLiteral("alice");
    }

    void readsOtherGeneratorsForms()
    {
        QFETCH(QString, uri);
        QFETCH(QString, issuer);
        QFETCH(QString, account);
        auto parsed = OtpAuthUri::parse(uri);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed->issuer, issuer);
        QCOMPARE(parsed->accountName, account);
        QCOMPARE(parsed->secret.view(), QByteArrayView("Hello!\xde\xad\xbe\xef"));
        QCOMPARE(parsed->algorithm, OtpAlgorithm::Sha1);
        QCOMPARE(parsed->digits, 6);
        QCOMPARE(parsed->period, 30);
    }

    void readsParameters()
    {
        auto parsed = OtpAuthUri::parse(
            u"otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&algorithm=sha256&digits=8&period=60");
        QVERIFY(parsed);
        QCOMPARE(parsed->algorithm, OtpAlgorithm::Sha256);
        QCOMPARE(parsed->digits, 8);
        QCOMPARE(parsed->period, 60);
    }

    void refusesMalformedUris_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("scheme") << QStringLiteral("https://totp/a?secret=JBSWY3DPEHPK3PXP")
                                << QStringLiteral("otpauth://");
        QTest::newRow("type") << QStringLiteral("otpauth://motp/a?secret=JBSWY3DPEHPK3PXP")
                              << QStringLiteral("totp or hotp");
        QTest::newRow("no label") << QStringLiteral("otpauth://totp") << QStringLiteral("no label");
        QTest::newRow("empty account") << QStringLiteral("otpauth://totp/Example:?secret=JBSWY3DPEHPK3PXP")
                                       << QStringLiteral("account name is empty");
        QTest::newRow("no secret") << QStringLiteral("otpauth://totp/a?issuer=x")
                                   << QStringLiteral("secret parameter is missing");
        QTest::newRow("bad secret") << QStringLiteral("otpauth://totp/a?secret=JBSWY3DPEHPK3PX1")
                                    << QStringLiteral("secret is not valid");
        QTest::newRow("empty secret")
            << QStringLiteral("otpauth://totp/a?secret=") << QStringLiteral("secret is not valid");
        QTest::newRow("algorithm") << QStringLiteral("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&algorithm=MD5")
                                   << QStringLiteral("unknown algorithm");
        QTest::newRow("digits 9") << QStringLiteral("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=9")
                                  << QStringLiteral("digits must be 6 to 8");
        QTest::newRow("digits text") << QStringLiteral("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=six")
                                     << QStringLiteral("digits must be");
        QTest::newRow("period 0") << QStringLiteral("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&period=0")
                                  << QStringLiteral("period must be");
        QTest::newRow("repeated") << QStringLiteral(
                                         "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&secret=JBSWY3DPEHPK3PXP")
                                  << QStringLiteral("\"secret\" is repeated");
        QTest::newRow("bad escape") << QStringLiteral("otpauth://totp/a%G1?secret=JBSWY3DPEHPK3PXP")
                                    << QStringLiteral("malformed percent escape");
        QTest::newRow("cut escape") << QStringLiteral("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&issuer=x%2")
                                    << QStringLiteral("malformed percent escape");
        QTest::newRow("invalid UTF-8") << QStringLiteral("otpauth://totp/%C3%28?secret=JBSWY3DPEHPK3PXP")
                                       << QStringLiteral("not valid UTF-8");
        QTest::newRow("issuers differ")
            << QStringLiteral("otpauth://totp/Foo:alice?secret=JBSWY3DPEHPK3PXP&issuer=Bar")
            << QStringLiteral("differ");
    }

    void refusesMalformedUris()
    {
        QFETCH(QString, uri);
        QFETCH(QString, messagePart);
        auto parsed = OtpAuthUri::parse(uri);
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().kind, ErrorKind::Input);
        QVERIFY2(parsed.error().message.contains(messagePart), qPrintable(parsed.error().message));
        QVERIFY2(!parsed.error().message.contains(QStringLiteral("JBSWY3DPEHPK3PX")),
                 "errors never echo the secret");
    }
};

QTEST_GUILESS_MAIN(TestTotpUri)
#include "TestTotpUri.moc"
