// PKCE (RFC 7636) S256: the RFC's example, generated verifiers, and the format checks.
#include "crypto/CryptoRuntime.h"
#include "jose/Pkce.h"

#include <QSet>
#include <QTest>

using namespace tessera;
using namespace tessera::jose;

class TestPkce : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(CryptoRuntime::initialise()); }

    void rfc7636AppendixB()
    {
        const QByteArray verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        QCOMPARE(Pkce::challengeS256(verifier), QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
        const auto match = Pkce::verify(verifier, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        QVERIFY(match && *match);
    }

    void mismatchIsNotAnError()
    {
        const auto match = Pkce::verify("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXl",
                                        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        QVERIFY(match);
        QVERIFY(!*match);
    }

    void generatedVerifiersHaveTheLengthAndAlphabetAsked_data()
    {
        QTest::addColumn<int>("length");
        QTest::newRow("43") << 43;
        QTest::newRow("44") << 44;
        QTest::newRow("64") << 64;
        QTest::newRow("127") << 127;
        QTest::newRow("128") << 128;
    }

    void generatedVerifiersHaveTheLengthAndAlphabetAsked()
    {
        QFETCH(int, length);
        const auto verifier = Pkce::generateVerifier(length);
        QVERIFY(verifier);
        QCOMPARE(verifier->size(), length);
        QVERIFY(Pkce::checkVerifier(*verifier));
        const QByteArray challenge = Pkce::challengeS256(*verifier);
        QCOMPARE(challenge.size(), Pkce::ChallengeLength);
        QVERIFY(Pkce::checkChallenge(challenge));
        QVERIFY(*Pkce::verify(*verifier, challenge));
    }

    void generatedVerifiersDiffer()
    {
        QSet<QByteArray> seen;
        for (int i = 0; i < 100; ++i) {
            seen.insert(*Pkce::generateVerifier());
        }
        QCOMPARE(seen.size(), 100);
    }

    void lengthsOutsideTheRfcAreRefused()
    {
        for (int length : {0, 42, 129, -1}) {
            const auto verifier = Pkce::generateVerifier(length);
            QVERIFY(!verifier);
            QCOMPARE(verifier.error().kind, ErrorKind::Usage);
        }
    }

    void malformedInputIsAnError_data()
    {
        QTest::addColumn<QByteArray>("verifier");
        QTest::addColumn<QByteArray>("challenge");
        const QByteArray goodVerifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        const QByteArray goodChallenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        QTest::newRow("verifier too short") << goodVerifier.left(42) << goodChallenge;
        QTest::newRow("verifier too long") << QByteArray(129, 'a') << goodChallenge;
        QTest::newRow("verifier with a space")
            << QByteArray("dBjftJeZ4CVP-mB92K27uhbUJU1p1r wW1gFWFOEjXk") << goodChallenge;
        QTest::newRow("verifier with '+'")
            << QByteArray("dBjftJeZ4CVP+mB92K27uhbUJU1p1r_wW1gFWFOEjXk") << goodChallenge;
        QTest::newRow("challenge padded") << goodVerifier << goodChallenge + "=";
        QTest::newRow("challenge short") << goodVerifier << goodChallenge.left(42);
        QTest::newRow("challenge in base64 (not url)")
            << goodVerifier << QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM");
        // The last character carries 2 unused bits that must be zero.
        QTest::newRow("challenge non-canonical")
            << goodVerifier << QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cN");
    }

    void malformedInputIsAnError()
    {
        QFETCH(QByteArray, verifier);
        QFETCH(QByteArray, challenge);
        const auto result = Pkce::verify(verifier, challenge);
        QVERIFY(!result);
        QCOMPARE(result.error().kind, ErrorKind::Input);
    }

    void unreservedPunctuationIsAllowedInVerifiers()
    {
        // RFC 7636 allows "-._~"; a verifier made elsewhere may use them.
        const QByteArray verifier = QByteArray("a.b~c_d-e") + QByteArray(40, 'x');
        QVERIFY(Pkce::checkVerifier(verifier));
        QVERIFY(*Pkce::verify(verifier, Pkce::challengeS256(verifier)));
    }
};

QTEST_GUILESS_MAIN(TestPkce)
#include "TestPkce.moc"
