// Base32, HOTP, TOTP, the verifier's window and replay rules, and the OTP policy's JSON form.
#include "OtpTestVectors.h"
#include "common/Clock.h"
#include "crypto/CryptoRuntime.h"
#include "totp/Base32.h"
#include "totp/Hotp.h"
#include "totp/OtpPolicy.h"
#include "totp/Totp.h"
#include "totp/TotpVerifier.h"

#include <QJsonDocument>
#include <QTest>

using namespace tessera;
using namespace tessera::test;

namespace {

// RFC 6238 Appendix B: each algorithm has its own ASCII seed, as long as its hash output.
SecretBuffer rfcSeed(OtpAlgorithm algorithm)
{
    switch (algorithm) {
    case OtpAlgorithm::Sha1:
        return SecretBuffer::fromBytes(rfc6238Seed(20));
    case OtpAlgorithm::Sha256:
        return SecretBuffer::fromBytes(rfc6238Seed(32));
    case OtpAlgorithm::Sha512:
        return SecretBuffer::fromBytes(rfc6238Seed(64));
    }
    return {};
}

QString codeAt(const SecretBuffer& secret, qint64 unixSecs, const OtpPolicy& policy = {})
{
    auto code = Totp::code(secret, unixSecs, policy);
    return code ? *code : QString();
}

} // namespace

Q_DECLARE_METATYPE(tessera::OtpAlgorithm)

class TestTotp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(CryptoRuntime::initialise()); }

    // --- Base32 (RFC 4648 section 10 vectors, without and with padding) ---

    void base32EncodesRfc4648Vectors_data()
    {
        QTest::addColumn<QByteArray>("plain");
        QTest::addColumn<QString>("encoded");
        QTest::newRow("f") << QByteArray("f") << QStringLiteral("MY");
        QTest::newRow("fo") << QByteArray("fo") << QStringLiteral("MZXQ");
        QTest::newRow("foo") << QByteArray("foo") << QStringLiteral("MZXW6");
        QTest::newRow("foob") << QByteArray("foob") << QStringLiteral("MZXW6YQ");
        QTest::newRow("fooba") << QByteArray("fooba") << QStringLiteral("MZXW6YTB");
        QTest::newRow("foobar") << QByteArray("foobar") << QStringLiteral("MZXW6YTBOI");
        QTest::newRow("key-uri-example")
            << QByteArray("Hello!\xde\xad\xbe\xef") << QStringLiteral("JBSWY3DPEHPK3PXP");
    }

    void base32EncodesRfc4648Vectors()
    {
        QFETCH(QByteArray, plain);
        QFETCH(QString, encoded);
        QCOMPARE(Base32::encode(plain), encoded);
        auto decoded = Base32::decode(encoded);
        QVERIFY2(decoded, qPrintable(decoded ? QString() : decoded.error().message));
        QCOMPARE(QByteArray(decoded->view().toByteArray()), plain);
    }

    void base32DecodeIsLenientAboutCaseSpacesAndPadding_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("padded") << QStringLiteral("MZXW6YQ=");
        QTest::newRow("lower case") << QStringLiteral("mzxw6yq");
        QTest::newRow("mixed, grouped") << QStringLiteral("mZxW 6yQ");
        QTest::newRow("padded, spaced") << QStringLiteral(" MZXW 6YQ = ");
    }

    void base32DecodeIsLenientAboutCaseSpacesAndPadding()
    {
        QFETCH(QString, text);
        auto decoded = Base32::decode(text);
        QVERIFY2(decoded, qPrintable(decoded ? QString() : decoded.error().message));
        QCOMPARE(decoded->view(), QByteArrayView("foob"));
    }

    void base32RejectsBadInputWithClearErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("digit one") << QStringLiteral("MZXW1YQ")
                                   << QStringLiteral("invalid character '1' at position 5");
        QTest::newRow("digit zero") << QStringLiteral("0ZXW6YQ")
                                    << QStringLiteral("invalid character '0' at position 1");
        QTest::newRow("eight") << QStringLiteral("MZXW8YQ") << QStringLiteral("'8'");
        QTest::newRow("hyphen") << QStringLiteral("MZXW-6YQ") << QStringLiteral("'-'");
        QTest::newRow("umlaut") << QStringLiteral("MZXWÄYQ") << QStringLiteral("'Ä'");
        QTest::newRow("tab") << QStringLiteral("MZXW\t6YQ") << QStringLiteral("U+0009");
        QTest::newRow("empty") << QString() << QStringLiteral("empty");
        QTest::newRow("only spaces and padding") << QStringLiteral("  ==") << QStringLiteral("empty");
        QTest::newRow("1 char") << QStringLiteral("M") << QStringLiteral("1 characters cannot be");
        QTest::newRow("3 chars") << QStringLiteral("MZX") << QStringLiteral("3 characters cannot be");
        QTest::newRow("6 chars") << QStringLiteral("MZXW6Y") << QStringLiteral("6 characters cannot be");
        QTest::newRow("9 chars") << QStringLiteral("MZXW6YTBO") << QStringLiteral("9 characters cannot be");
        QTest::newRow("padding inside")
            << QStringLiteral("MZ=XW6YQ") << QStringLiteral("only come at the end");
        QTest::newRow("too much padding")
            << QStringLiteral("MZXW6YQ==") << QStringLiteral("take 1 '=' of padding, not 2");
        QTest::newRow("too little padding")
            << QStringLiteral("MY=====") << QStringLiteral("take 6 '=' of padding, not 5");
    }

    void base32RejectsBadInputWithClearErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, messagePart);
        auto decoded = Base32::decode(text);
        QVERIFY(!decoded);
        QCOMPARE(decoded.error().kind, ErrorKind::Input);
        QVERIFY2(decoded.error().message.contains(messagePart), qPrintable(decoded.error().message));
    }

    void base32GroupsForManualEntry()
    {
        QCOMPARE(Base32::grouped(u"JBSWY3DPEHPK3PXP"), QStringLiteral("JBSW Y3DP EHPK 3PXP"));
        QCOMPARE(Base32::grouped(u"jbswy3dpeh=", 5), QStringLiteral("JBSWY 3DPEH"));
        auto decoded = Base32::decode(Base32::grouped(u"JBSWY3DPEHPK3PXP"));
        QVERIFY(decoded);
        QCOMPARE(decoded->view(), QByteArrayView("Hello!\xde\xad\xbe\xef"));
    }

    void base32RoundTripsEveryLength()
    {
        for (int length = 1; length <= 70; ++length) {
            const SecretBuffer bytes = SecretBuffer::random(static_cast<std::size_t>(length));
            const QString text = Base32::encode(bytes.view());
            QVERIFY(!text.contains(QLatin1Char('=')));
            auto decoded = Base32::decode(text);
            QVERIFY2(decoded, qPrintable(QString::number(length)));
            QVERIFY(decoded->equals(bytes));
        }
    }

    // --- HOTP, RFC 4226 Appendix D ---

    void hotpMatchesRfc4226AppendixD()
    {
        const SecretBuffer secret = SecretBuffer::fromBytes(rfc6238Seed(20));
        const char* const expected[] = {"755224", "287082", "359152", "969429", "338314",
                                        "254676", "287922", "162583", "399871", "520489"};
        for (std::uint64_t counter = 0; counter < 10; ++counter) {
            auto code = Hotp::code(secret, counter);
            QVERIFY2(code, qPrintable(code ? QString() : code.error().message));
            QCOMPARE(*code, QLatin1StringView(expected[counter]));
        }
    }

    void hotpKeepsLeadingZerosAndChecksDigits()
    {
        // RFC 6238's 07081804 shows the zero padding; here through HOTP directly (step 37037036).
        auto code = Hotp::code(rfcSeed(OtpAlgorithm::Sha1), 37037036, 8);
        QVERIFY(code);
        QCOMPARE(*code, QStringLiteral("07081804"));
        for (const int digits : {5, 9, 0, -1}) {
            auto bad = Hotp::code(rfcSeed(OtpAlgorithm::Sha1), 0, digits);
            QVERIFY(!bad);
            QCOMPARE(bad.error().kind, ErrorKind::Input);
        }
        auto empty = Hotp::code(SecretBuffer(), 0);
        QVERIFY(!empty);
        QCOMPARE(empty.error().kind, ErrorKind::Input);
        QCOMPARE(Hotp::code(rfcSeed(OtpAlgorithm::Sha1), 1, 7).value(),
                 QStringLiteral("4287082")); // 7 digits
    }

    // --- TOTP, RFC 6238 Appendix B ---

    void totpMatchesRfc6238AppendixB_data()
    {
        QTest::addColumn<qint64>("time");
        QTest::addColumn<OtpAlgorithm>("algorithm");
        QTest::addColumn<QString>("expected");
        for (const Rfc6238Vector& row : kRfc6238Vectors) {
            QTest::addRow("%lld SHA1", row.time)
                << row.time << OtpAlgorithm::Sha1 << QString::fromLatin1(row.sha1);
            QTest::addRow("%lld SHA256", row.time)
                << row.time << OtpAlgorithm::Sha256 << QString::fromLatin1(row.sha256);
            QTest::addRow("%lld SHA512", row.time)
                << row.time << OtpAlgorithm::Sha512 << QString::fromLatin1(row.sha512);
        }
    }

    void totpMatchesRfc6238AppendixB()
    {
        QFETCH(qint64, time);
        QFETCH(OtpAlgorithm, algorithm);
        QFETCH(QString, expected);
        auto code = Totp::code(rfcSeed(algorithm), time, 8, 30, algorithm);
        QVERIFY2(code, qPrintable(code ? QString() : code.error().message));
        QCOMPARE(*code, expected);

        // The verifier agrees, at the same instant, through the policy path.
        const OtpPolicy policy{algorithm, 8, 30, 0};
        const ManualClock clock(time * 1000);
        auto verifier = TotpVerifier::create(rfcSeed(algorithm), policy, clock);
        QVERIFY(verifier);
        auto check = verifier->verify(expected, std::nullopt);
        QVERIFY(check);
        QVERIFY(check->accepted());
        QCOMPARE(check->step, time / 30);
    }

    void totpStepsAndCountdown()
    {
        QCOMPARE(Totp::stepAt(0, 30).value(), qint64(0));
        QCOMPARE(Totp::stepAt(29, 30).value(), qint64(0));
        QCOMPARE(Totp::stepAt(30, 30).value(), qint64(1));
        QCOMPARE(Totp::stepAt(119, 60).value(), qint64(1));
        QVERIFY(!Totp::stepAt(-1, 30));
        QVERIFY(!Totp::stepAt(100, 0));
        QCOMPARE(Totp::secondsRemaining(0, 30), 30);
        QCOMPARE(Totp::secondsRemaining(29, 30), 1);
        QCOMPARE(Totp::secondsRemaining(61, 60), 59);
        QVERIFY(!Totp::code(rfcSeed(OtpAlgorithm::Sha1), -5, OtpPolicy{}));
        QVERIFY((!Totp::code(rfcSeed(OtpAlgorithm::Sha1), 59, OtpPolicy{OtpAlgorithm::Sha1, 7, 30, 1})));
    }

    void generatedSecretsAre160RandomBits()
    {
        const SecretBuffer a = Totp::generateSecret();
        const SecretBuffer b = Totp::generateSecret();
        QCOMPARE(a.size(), std::size_t{20});
        QCOMPARE(Base32::encode(a.view()).size(), 32); // 160 bits = 32 symbols, no padding needed
        QVERIFY(!a.equals(b));
    }

    // --- Verifier: window edges and replay, driven by a ManualClock ---

    void windowAcceptsOnlyNeighbouringSteps_data()
    {
        QTest::addColumn<int>("offset");
        QTest::addColumn<int>("window");
        QTest::addColumn<bool>("accepted");
        for (const int window : {0, 1, 2}) {
            for (int offset = -window - 1; offset <= window + 1; ++offset) {
                QTest::addRow("window %d, code from step %+d", window, offset)
                    << offset << window << (offset >= -window && offset <= window);
            }
        }
    }

    void windowAcceptsOnlyNeighbouringSteps()
    {
        QFETCH(int, offset);
        QFETCH(int, window);
        QFETCH(bool, accepted);
        const SecretBuffer secret = Totp::generateSecret();
        const OtpPolicy policy{OtpAlgorithm::Sha1, 6, 30, window};
        const qint64 now = 1700000015; // mid-step, so +-15 s jitter would not change the step
        ManualClock clock(now * 1000);
        auto verifier = TotpVerifier::create(secret, policy, clock);
        QVERIFY(verifier);

        const QString code = codeAt(secret, now + offset * 30, policy);
        auto check = verifier->verify(code, std::nullopt);
        QVERIFY(check);
        QCOMPARE(check->accepted(), accepted);
        QCOMPARE(check->outcome, accepted ? TotpOutcome::Accepted : TotpOutcome::Rejected);
        if (accepted) {
            QCOMPARE(check->offset, offset);
            QCOMPARE(check->step, now / 30 + offset);
        }
    }

    void windowEdgesFollowTheClock()
    {
        // The +-2 step edges seen from the code's side: a code stays valid from the start of the step
        // before it until the end of the step after it (window 1), and no longer.
        const SecretBuffer secret = Totp::generateSecret();
        ManualClock clock;
        auto verifier = TotpVerifier::create(secret, OtpPolicy{}, clock);
        QVERIFY(verifier);
        const qint64 stepStart = 1700000010; // a multiple of 30
        QCOMPARE(stepStart % 30, 0);
        const QString code = codeAt(secret, stepStart);
        const struct
        {
            qint64 at;
            bool accepted;
        } probes[] = {
            {stepStart - 31, false}, // two steps early
            {stepStart - 30, true},  // first second of the step before
            {stepStart - 1, true},   {stepStart, true},
            {stepStart + 59, true},  // last second of the step after
            {stepStart + 60, false}, // two steps late
            {stepStart + 89, false},
        };
        for (const auto& probe : probes) {
            clock.setMs(probe.at * 1000);
            auto check = verifier->verify(code, std::nullopt);
            QVERIFY(check);
            QVERIFY2(check->accepted() == probe.accepted, qPrintable(QString::number(probe.at - stepStart)));
        }
    }

    void replayOfAUsedStepIsRefused()
    {
        const SecretBuffer secret = Totp::generateSecret();
        const qint64 now = 1700000040;
        ManualClock clock(now * 1000);
        auto verifier = TotpVerifier::create(secret, OtpPolicy{}, clock);
        QVERIFY(verifier);

        const QString current = codeAt(secret, now);
        auto first = verifier->verify(current, std::nullopt);
        QVERIFY(first && first->accepted());
        const qint64 lastUsed = first->step;

        // The same code again, even a few seconds later in the same step: replayed.
        clock.advanceMs(5000);
        auto again = verifier->verify(current, lastUsed);
        QVERIFY(again);
        QCOMPARE(again->outcome, TotpOutcome::Replayed);
        QCOMPARE(again->step, lastUsed);
        QVERIFY(!again->accepted());

        // An older code still inside the window is refused too: its step is below the last used one.
        auto older = verifier->verify(codeAt(secret, now - 30), lastUsed);
        QVERIFY(older);
        QCOMPARE(older->outcome, TotpOutcome::Replayed);

        // The next step's code is fine, and moves the mark forward.
        auto next = verifier->verify(codeAt(secret, now + 30), lastUsed);
        QVERIFY(next && next->accepted());
        QCOMPARE(next->step, lastUsed + 1);
        QCOMPARE(next->offset, 1);
        // ...after which the current step's code, never used itself, is refused as well.
        auto behind = verifier->verify(current, next->step);
        QVERIFY(behind);
        QCOMPARE(behind->outcome, TotpOutcome::Replayed);
    }

    void malformedCodesAreRejectedNotErrors_data()
    {
        QTest::addColumn<QString>("code");
        QTest::newRow("empty") << QString();
        QTest::newRow("too short") << QStringLiteral("12345");
        QTest::newRow("too long") << QStringLiteral("1234567");
        QTest::newRow("letters") << QStringLiteral("12a456");
        QTest::newRow("arabic-indic digits") << QStringLiteral("١٢٣٤٥٦");
        QTest::newRow("fullwidth digits") << QStringLiteral("１２３４５６");
        QTest::newRow("sign") << QStringLiteral("-12345");
    }

    void malformedCodesAreRejectedNotErrors()
    {
        QFETCH(QString, code);
        ManualClock clock(1700000000000);
        auto verifier = TotpVerifier::create(Totp::generateSecret(), OtpPolicy{}, clock);
        QVERIFY(verifier);
        auto check = verifier->verify(code, std::nullopt);
        QVERIFY(check);
        QCOMPARE(check->outcome, TotpOutcome::Rejected);
    }

    void spacesInsideACodeAreIgnored()
    {
        const SecretBuffer secret = Totp::generateSecret();
        ManualClock clock(1700000000000);
        auto verifier = TotpVerifier::create(secret, OtpPolicy{}, clock);
        QVERIFY(verifier);
        QString code = codeAt(secret, 1700000000);
        code.insert(3, QLatin1Char(' '));
        auto check = verifier->verify(QStringLiteral(" ") + code + QStringLiteral(" "), std::nullopt);
        QVERIFY(check && check->accepted());
    }

    void eightDigitSixtySecondPolicies()
    {
        for (const OtpAlgorithm algorithm :
             {OtpAlgorithm::Sha1, OtpAlgorithm::Sha256, OtpAlgorithm::Sha512}) {
            const OtpPolicy policy{algorithm, 8, 60, 1};
            const SecretBuffer secret = Totp::generateSecret();
            ManualClock clock(1700000000000);
            auto verifier = TotpVerifier::create(secret, policy, clock);
            QVERIFY(verifier);
            const QString code = codeAt(secret, 1700000000 - 60, policy);
            QCOMPARE(code.size(), 8);
            auto check = verifier->verify(code, std::nullopt);
            QVERIFY(check && check->accepted());
            QCOMPARE(check->offset, -1);
            // A 6-digit prefix of the right code is not the code.
            auto prefix = verifier->verify(code.left(6), std::nullopt);
            QVERIFY(prefix && !prefix->accepted());
        }
    }

    void verifierRefusesBadSetUp()
    {
        ManualClock clock;
        QVERIFY(!TotpVerifier::create(SecretBuffer(), OtpPolicy{}, clock));
        QVERIFY(
            (!TotpVerifier::create(Totp::generateSecret(), OtpPolicy{OtpAlgorithm::Sha1, 6, 45, 1}, clock)));
        clock.setMs(-1000);
        auto verifier = TotpVerifier::create(Totp::generateSecret(), OtpPolicy{}, clock);
        QVERIFY(verifier);
        auto check = verifier->verify(u"123456", std::nullopt);
        QVERIFY(!check); // a clock before 1970 is a broken clock, not a wrong code
        QCOMPARE(check.error().kind, ErrorKind::Input);
    }

    void windowNeverReachesBeforeTheEpoch()
    {
        const SecretBuffer secret = Totp::generateSecret();
        ManualClock clock(10 * 1000); // step 0
        auto verifier = TotpVerifier::create(secret, OtpPolicy{}, clock);
        QVERIFY(verifier);
        auto check = verifier->verify(codeAt(secret, 10), std::nullopt);
        QVERIFY(check && check->accepted());
        QCOMPARE(check->step, qint64(0));
    }

    // --- Policy ---

    void policyDefaultsAndValidation()
    {
        const OtpPolicy defaults;
        QCOMPARE(defaults.algorithm, OtpAlgorithm::Sha1);
        QCOMPARE(defaults.digits, 6);
        QCOMPARE(defaults.period, 30);
        QCOMPARE(defaults.window, 1);
        QVERIFY(defaults.validate());
        QVERIFY(defaults.usesAppDefaults());
        QVERIFY((!OtpPolicy{OtpAlgorithm::Sha256, 6, 30, 1}.usesAppDefaults()));
        QVERIFY((!OtpPolicy{OtpAlgorithm::Sha1, 8, 30, 1}.usesAppDefaults()));
        QVERIFY((!OtpPolicy{OtpAlgorithm::Sha1, 6, 60, 1}.usesAppDefaults()));
        QVERIFY((OtpPolicy{OtpAlgorithm::Sha1, 6, 30, 0}.usesAppDefaults())); // the window is ours alone
        QVERIFY((!OtpPolicy{OtpAlgorithm::Sha1, 7, 30, 1}.validate()));
        QVERIFY((!OtpPolicy{OtpAlgorithm::Sha1, 6, 15, 1}.validate()));
        QVERIFY((!OtpPolicy{OtpAlgorithm::Sha1, 6, 30, -1}.validate()));
        QVERIFY((!OtpPolicy{OtpAlgorithm::Sha1, 6, 30, OtpPolicy::kMaxWindow + 1}.validate()));
    }

    void policyJsonRoundTrips()
    {
        const OtpPolicy policy{OtpAlgorithm::Sha512, 8, 60, 2};
        const QJsonObject json = policy.toJson();
        QCOMPARE(QJsonDocument(json).toJson(QJsonDocument::Compact),
                 QByteArray(R"({"algorithm":"SHA512","digits":8,"period":60,"window":2})"));
        auto back = OtpPolicy::fromJson(json);
        QVERIFY(back);
        QVERIFY(*back == policy);
        auto defaults = OtpPolicy::fromJson(QJsonObject{});
        QVERIFY(defaults);
        QVERIFY(*defaults == OtpPolicy{});
        auto lower =
            OtpPolicy::fromJson(QJsonObject{{QStringLiteral("algorithm"), QStringLiteral("sha256")}});
        QVERIFY(lower);
        QCOMPARE(lower->algorithm, OtpAlgorithm::Sha256);
    }

    void policyJsonRejectsBadValues_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("algorithm") << QByteArray(R"({"algorithm":"MD5"})") << QStringLiteral("\"algorithm\"");
        QTest::newRow("algorithm type")
            << QByteArray(R"({"algorithm":1})") << QStringLiteral("\"algorithm\"");
        QTest::newRow("digits string")
            << QByteArray(R"({"digits":"6"})") << QStringLiteral("\"digits\" must be a whole");
        QTest::newRow("digits fraction")
            << QByteArray(R"({"digits":6.5})") << QStringLiteral("\"digits\" must be a whole");
        QTest::newRow("digits 7") << QByteArray(R"({"digits":7})") << QStringLiteral("digits must be 6 or 8");
        QTest::newRow("period 45") << QByteArray(R"({"period":45})") << QStringLiteral("30 or 60");
        QTest::newRow("window huge") << QByteArray(R"({"window":1e12})")
                                     << QStringLiteral("\"window\" must be a whole");
        QTest::newRow("window 9") << QByteArray(R"({"window":9})") << QStringLiteral("window must be 0 to 5");
    }

    void policyJsonRejectsBadValues()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, messagePart);
        auto policy = OtpPolicy::fromJson(QJsonDocument::fromJson(json).object());
        QVERIFY(!policy);
        QCOMPARE(policy.error().kind, ErrorKind::Input);
        QVERIFY2(policy.error().message.contains(messagePart), qPrintable(policy.error().message));
    }

    void algorithmNames()
    {
        QCOMPARE(otpAlgorithmName(OtpAlgorithm::Sha256), QStringLiteral("SHA256"));
        QVERIFY(parseOtpAlgorithm(u"sha512") == OtpAlgorithm::Sha512);
        QVERIFY(!parseOtpAlgorithm(u"SHA-1"));
        QVERIFY(!parseOtpAlgorithm(u""));
    }
};

QTEST_GUILESS_MAIN(TestTotp)
#include "TestTotp.moc"
