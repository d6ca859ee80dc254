// The published examples: RFC 7515 appendix A.1-A.4, RFC 8037 appendix A, RFC 7638 section 3.1.
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

namespace {

// RFC 7515 A.1: the HMAC key and the JWS, joined from the RFC's lines.
const char* const kA1Key =
    "{\"kty\":\"oct\",\n"
    " \"k\":\"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow\"}";
const char* const kA1Token =
    "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
    ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
    ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

// RFC 7515 A.2 (RS256).
const char* const kA2Key =
    "{\"kty\":\"RSA\",\n"
    " \"n\":\"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-"
    "4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-"
    "bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_"
    "I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ\",\n"
    " \"e\":\"AQAB\",\n"
    " \"d\":\"Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97IjlA7_GQ5sLKMgvfTeXZx9SE-"
    "7YwVol2NXOoAJe46sui395IW_GO-pWJ1O0BkTGoVEn2bKVRUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn439X0M_"
    "V51gfpRLI9JYanrC4D4qAdGcopV_0ZHHzQlBjudU2QvXt4ehNYTCBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8bGUl_x_"
    "jTj3ccPDVZFD9pIuhLhBOneufuBiB4cS98l2SR_RQyGWSeWjnczT0QU91p1DhOVRuOopznQ\",\n"
    " \"p\":\"4BzEEOtIpmVdVEZNCqS7baC4crd0pqnRH_5IB3jw3bcxGn6QLvnEtfdUdiYrqBdss1l58BQ3KhooKeQTa9AB0Hw_"
    "Py5PJdTJNPY8cQn7ouZ2KKDcmnPGBY5t7yLc1QlQ5xHdwW1VhvKn-nXqhJTBgIPgtldC-KDV5z-y2XDwGUc\",\n"
    " \"q\":\"uQPEfgmVtjL0Uyyx88GZFF1fOunH3-7cepKmtH4pxhtCoHqpWmT8YAmZxaewHgHAjLYsp1ZSe7zFYHj7C6ul7TjeLQeZD_"
    "YwD66t62wDmpe_HlB-TnBA-njbglfIsRLtXlnDzQkv5dTltRJ11BKBBypeeF6689rjcJIDEz9RWdc\",\n"
    " \"dp\":\"BwKfV3Akq5_MFZDFZCnW-wzl-CCo83WoZvnLQwCTeDv8uzluRSnm71I3QCLdhrqE2e9YkxvuxdBfpT_PI7Yz-"
    "FOKnu1R6HsJeDCjn12Sk3vmAktV2zb34MCdy7cpdTh_YVr7tss2u6vneTwrA86rZtu5Mbr1C1XsmvkxHQAdYo0\",\n"
    " \"dq\":\"h_96-mK1R_"
    "7glhsum81dZxjTnYynPbZpHziZjeeHcXYsXaaMwkOlODsWa7I9xXDoRwbKgB719rrmI2oKr6N3Do9U0ajaHF-NKJnwgjMd2w9cjz3_-"
    "kyNlxAr2v4IKhGNpmM5iIgOS1VZnOZ68m6_pbLBSp3nssTdlqvd0tIiTHU\",\n"
    " \"qi\":\"IYd7DHOhrWvxkwPQsRM2tOgrjbcrfvtQJipd-DlcxyVuuM9sQLdgjVk2oy26F0EmpScGLq2MowX7fhd_"
    "QJQ3ydy5cY7YIBi87w93IKLEdfnbJtoOPLUW0ITrJReOgo1cq9SbsxYawBgfp_gh6A5603k2-ZQwVK0JKSHuLFkuQ3U\"}";
const char* const kA2Token =
    "eyJhbGciOiJSUzI1NiJ9"
    ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
    ".cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_"
    "O8W2Fp5jujGbds9uJdb"
    "F9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_"
    "eSN9383Lc"
    "OLn6_dO--xi12jzDwusC-"
    "eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmt"
    "VrBp0igcN_IoypGlUPQGe77Rw";

// RFC 7515 A.3 (ES256).
const char* const kA3Key = "{\"kty\":\"EC\",\"crv\":\"P-256\",\n"
                           " \"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\",\n"
                           " \"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\",\n"
                           " \"d\":\"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI\"}";
const char* const kA3Token =
    "eyJhbGciOiJFUzI1NiJ9"
    ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
    ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

// RFC 7515 A.4 (ES512 over the bytes "Payload").
const char* const kA4Key =
    "{\"kty\":\"EC\",\"crv\":\"P-521\",\n"
    " \"x\":\"AekpBQ8ST8a8VcfVOTNl353vSrDCLLJXmPk06wTjxrrjcBpXp5EOnYG_NjFZ6OvLFV1jSfS9tsz4qUxcWceqwQGk\",\n"
    " \"y\":\"ADSmRA43Z1DSNx_RvcLI87cdL07l6jQyyBXMoxVg_l2Th-x3S1WDhjDly79ajL4Kkd0AZMaZmh9ubmf63e3kyMj2\",\n"
    " \"d\":\"AY5pb7A0UFiB3RELSD64fTLOSV_jazdF7fLYyuTw8lOfRhWg6Y6rUrPAxerEzgdRhajnu0ferB0d53vM9mE15j2C\"}";
const char* const kA4Token = "eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZA"
                             ".AdwMgeerwtHoh-l192l60hp9wAHZFVJbLfD_UxMi70cwnZOYaRI1bKPWROc-mZZqwqT2SI-"
                             "KGDKB34XO0aw_7XdtAG8GaSwFKdCAPZgo"
                             "XD2YBJZCPEX3xKpRwcdOO8KpEHwJjyqOgzDO7iKvU8vcnwNrmxYbSW9ERBXukOXolLzeO_Jn";

// RFC 8037 A.1-A.4 (Ed25519 over "Example of Ed25519 signing").
const char* const kEd25519Key = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\n"
                                " \"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\",\n"
                                " \"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";
const char* const kEd25519Token =
    "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"
    ".hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

// RFC 7638 section 3.1.
const char* const kThumbprintKey =
    "{\"kty\":\"RSA\",\n"
    " \"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_"
    "BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_"
    "FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-"
    "bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw\",\n"
    " \"e\":\"AQAB\",\"alg\":\"RS256\",\"kid\":\"2011-04-29\"}";

// Before the examples' exp (1300819380), so the time checks do not mask the signature result.
constexpr qint64 kBeforeExp = 1300819000;

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
        QCOMPARE(result.alg, QStringLiteral("HS256"));
        QCOMPARE(result.claims().value(QStringLiteral("iss")).toString(), QStringLiteral("joe"));
        QCOMPARE(result.claims().value(QStringLiteral("http://example.com/is_root")).toBool(), true);
        QVERIFY(!result.kid.has_value());
        // HMAC is deterministic: signing the same input gives the RFC's signature.
        const QByteArray token(kA1Token);
        const auto sig =
            JwsCrypto::sign(key(kA1Key), JwsAlg::HS256, QByteArrayView(token).first(token.lastIndexOf('.')));
        QVERIFY(sig);
        QCOMPARE(Base64Url::encode(*sig), token.sliced(token.lastIndexOf('.') + 1));
    }

    void rfc7515A1IsExpiredAfterItsExp()
    {
        const VerifyResult result = verifyAt(kA1Token, key(kA1Key), 1300819380);
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
