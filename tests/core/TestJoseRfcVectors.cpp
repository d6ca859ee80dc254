// The published examples: RFC 7515 appendix A.1-A.4, RFC 8037 appendix A, RFC 7638 section 3.1.
#include "JoseTestVectors.h"
#include "crypto/CryptoRuntime.h"
#include "jose/Base64Url.h"
#include "jose/CompactJws.h"
#include "jose/JwsCrypto.h"
#include "jose/JwsSigner.h"
#include "jose/JwsVerifier.h"
#include "jose/StrictJson.h"
#include "keys/Jwk.h"
#include "keys/KeySet.h"

#include <QTest>

using namespace tessera;
using namespace tessera::jose;
using namespace tessera::keys;
using namespace tessera::test;

namespace {

// Before the examples' exp, so the time checks do not mask the signature result.
constexpr qint64 kBeforeExp = kRfc7515Exp - 380;

KeyMaterial key(const char* json)
{
    auto parsed = Jwk::fromText(json);
    if (!parsed) {
        qFatal("key: %s", qPrintable(parsed.error().message));
    }
    return *parsed;
}

VerifyResult verifyAt(const char* token, const KeyMaterial& k, qint64 now)
{
    VerifyOptions options;
    options.now = now;
    return JwsVerifier(KeySet::single(k), options).verify(QByteArrayView(token));
}

} // namespace

class TestJoseRfcVectors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(CryptoRuntime::initialise()); }

    void rfc7515A1Hs256Verifies()
    {
        const VerifyResult result = verifyAt(kA1Token, key(kA1Key), kBeforeExp);
        QVERIFY2(result.valid(), qPrintable(result.error));
        QCOMPARE(result.alg(), QStringLiteral("HS256"));
        QCOMPARE(result.claims().value(QStringLiteral("iss")).toString(), QStringLiteral("joe"));
        QCOMPARE(result.claims().value(QStringLiteral("http://example.com/is_root")).toBool(), true);
        QVERIFY(!result.kid().has_value());
        // HMAC is deterministic: signing the same input gives the RFC's signature.
        const QByteArray token(kA1Token);
        const auto sig =
            JwsCrypto::sign(key(kA1Key), JwsAlg::HS256, QByteArrayView(token).first(token.lastIndexOf('.')));
        QVERIFY(sig);
        QCOMPARE(Base64Url::encode(*sig), token.sliced(token.lastIndexOf('.') + 1));
    }

    void rfc7515A1IsExpiredAfterItsExp()
    {
        const VerifyResult result = verifyAt(kA1Token, key(kA1Key), kRfc7515Exp);
        QCOMPARE(result.outcome, VerifyResult::Outcome::Invalid);
        QVERIFY2(result.error.contains(QStringLiteral("expired")), qPrintable(result.error));
        QCOMPARE(result.exitCode(), 1);
    }

    void rfc7515A2Rs256Verifies()
    {
        const KeyMaterial rsa = key(kA2Key);
        QCOMPARE(rsa.bits(), 2048);
        QVERIFY(rsa.hasPrivate());
        const VerifyResult result = verifyAt(kA2Token, rsa, kBeforeExp);
        QVERIFY2(result.valid(), qPrintable(result.error));
        auto pub = rsa.publicKey();
        QVERIFY(pub && !pub->hasPrivate());
        QVERIFY(verifyAt(kA2Token, *pub, kBeforeExp).valid());
        // PKCS#1 v1.5 is deterministic too.
        const QByteArray token(kA2Token);
        const auto sig =
            JwsCrypto::sign(rsa, JwsAlg::RS256, QByteArrayView(token).first(token.lastIndexOf('.')));
        QVERIFY(sig);
        QCOMPARE(Base64Url::encode(*sig), token.sliced(token.lastIndexOf('.') + 1));
    }

    void rfc7515A3Es256Verifies()
    {
        const KeyMaterial ec = key(kA3Key);
        const VerifyResult result = verifyAt(kA3Token, ec, kBeforeExp);
        QVERIFY2(result.valid(), qPrintable(result.error));
        QVERIFY(verifyAt(kA3Token, *ec.publicKey(), kBeforeExp).valid());
    }

    void rfc7515A4Es512Verifies()
    {
        auto jws = CompactJws::parse(kA4Token, CompactJws::Payload::Any);
        QVERIFY(jws);
        QCOMPARE(jws->payloadBytes(), QByteArray("Payload"));
        const auto ok = JwsCrypto::verify(key(kA4Key), JwsAlg::ES512, jws->signingInput(), jws->signature());
        QVERIFY2(ok, ok ? "" : qPrintable(ok.error().message));
    }

    void rfc8037Ed25519VerifiesAndSignsIdentically()
    {
        const KeyMaterial ed = key(kEd25519Key);
        QCOMPARE(ed.type(), KeyType::Ed25519);
        auto jws = CompactJws::parse(kEd25519Token, CompactJws::Payload::Any);
        QVERIFY(jws);
        const auto ok =
            JwsCrypto::verify(*ed.publicKey(), JwsAlg::EdDSA, jws->signingInput(), jws->signature());
        QVERIFY2(ok, ok ? "" : qPrintable(ok.error().message));
        // Ed25519 is deterministic: signing gives the RFC's token.
        SignOptions options;
        options.includeKid = false;
        options.includeTyp = false;
        const auto token = JwsSigner::signPayload(ed, "Example of Ed25519 signing", options);
        QVERIFY(token);
        QCOMPARE(*token, QByteArray(kEd25519Token));
        // As a JWT it is malformed: its payload is a sentence, not a claims set.
        const VerifyResult result = verifyAt(kEd25519Token, ed, 0);
        QCOMPARE(result.outcome, VerifyResult::Outcome::Malformed);
    }

    void rfc8037Ed25519Thumbprint()
    {
        QCOMPARE(key(kEd25519Key).thumbprint(),
                 QStringLiteral("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"));
    }

    void rfc7638ThumbprintMatches()
    {
        const KeyMaterial rsa = key(kThumbprintKey);
        QCOMPARE(rsa.thumbprint(), QStringLiteral("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"));
        QCOMPARE(rsa.kid(), QStringLiteral("2011-04-29"));
        QCOMPARE(rsa.alg(), QStringLiteral("RS256"));
        const auto input = Jwk::thumbprintInput(rsa);
        QVERIFY(input);
        QVERIFY(input->startsWith("{\"e\":\"AQAB\",\"kty\":\"RSA\",\"n\":\"0vx7agoebGcQSuuPiLJX"));
        // Without a kid, the thumbprint is the kid.
        QJsonObject bare = *Jwk::toPublicJson(rsa);
        bare.remove(QStringLiteral("kid"));
        bare.remove(QStringLiteral("alg"));
        const auto again = Jwk::fromJson(bare);
        QVERIFY(again);
        QCOMPARE(again->kid(), QStringLiteral("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"));
    }

    void rfcPrivateKeysExportTheSameMembers()
    {
        // Importing and exporting the RFC keys reproduces every member.
        for (const char* json : {kA2Key, kA3Key, kA4Key, kEd25519Key, kA1Key}) {
            const QJsonObject original = *jose::StrictJson::parseObject(json);
            QJsonObject exported = *Jwk::toPrivateJson(key(json));
            exported.remove(QStringLiteral("kid"));
            QCOMPARE(exported, original);
        }
    }
};

QTEST_GUILESS_MAIN(TestJoseRfcVectors)
#include "TestJoseRfcVectors.moc"
