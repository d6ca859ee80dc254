// One crafted bad token per verification rule, and the outcome (invalid: exit 1, malformed: exit 2).
#include "crypto/CryptoRuntime.h"
#include "jose/Base64Url.h"
#include "jose/CompactJws.h"
#include "jose/JwsCrypto.h"
#include "jose/JwsSigner.h"
#include "jose/JwsVerifier.h"
#include "keys/Jwk.h"
#include "keys/KeyGenerator.h"
#include "keys/PemCodec.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

using namespace tessera;
using namespace tessera::jose;
using namespace tessera::keys;

namespace {

constexpr qint64 kNow = 1'700'000'000;

QByteArray b64(QByteArrayView bytes)
{
    return Base64Url::encode(bytes);
}

QByteArray json(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray signingInput(QByteArrayView header, QByteArrayView payload)
{
    return b64(header) + '.' + b64(payload);
}

// A token signed over exactly these header and payload texts.
QByteArray craft(const KeyMaterial& key, JwsAlg alg, QByteArrayView header, QByteArrayView payload)
{
    const QByteArray input = signingInput(header, payload);
    const auto sig = JwsCrypto::sign(key, alg, input);
    if (!sig) {
        qFatal("craft: %s", qPrintable(sig.error().message));
    }
    return input + '.' + b64(*sig);
}

QByteArray withSignature(const QByteArray& token, QByteArrayView signature)
{
    return token.first(token.lastIndexOf('.') + 1) + b64(signature);
}

QByteArray rawSignature(const QByteArray& token)
{
    return *Base64Url::decode(QByteArrayView(token).sliced(token.lastIndexOf('.') + 1));
}

// OpenSSL's own DER signature over the same input (what a careless signer would emit).
QByteArray derEcdsaSignature(const KeyMaterial& key, QByteArrayView input)
{
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    std::size_t length = 0;
    EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key.pkey());
    EVP_DigestSign(ctx, nullptr, &length, reinterpret_cast<const unsigned char*>(input.data()),
                   static_cast<std::size_t>(input.size()));
    QByteArray der(static_cast<qsizetype>(length), '\0');
    EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(der.data()), &length,
                   reinterpret_cast<const unsigned char*>(input.data()),
                   static_cast<std::size_t>(input.size()));
    EVP_MD_CTX_free(ctx);
    der.truncate(static_cast<qsizetype>(length));
    return der;
}

// RSASSA-PSS with the largest possible salt instead of the hash length.
QByteArray pssMaxSaltSignature(const KeyMaterial& key, QByteArrayView input)
{
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX* pctx = nullptr;
    EVP_DigestSignInit(ctx, &pctx, EVP_sha256(), nullptr, key.pkey());
    EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
    EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_MAX);
    std::size_t length = 512;
    QByteArray sig(512, '\0');
    EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &length,
                   reinterpret_cast<const unsigned char*>(input.data()),
                   static_cast<std::size_t>(input.size()));
    EVP_MD_CTX_free(ctx);
    sig.truncate(static_cast<qsizetype>(length));
    return sig;
}

QByteArray p256Order()
{
    EC_GROUP* group = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
    QByteArray out(32, '\0');
    BN_bn2binpad(EC_GROUP_get0_order(group), reinterpret_cast<unsigned char*>(out.data()), 32);
    EC_GROUP_free(group);
    return out;
}

} // namespace

class TestJoseVerifierRules : public QObject
{
    Q_OBJECT

    KeyMaterial m_rsa;
    KeyMaterial m_ec256;
    KeyMaterial m_ec384;
    KeyMaterial m_ed;
    KeyMaterial m_oct;
    QByteArray m_payload;

    VerifyResult verify(const QByteArray& token, const KeyMaterial& key, VerifyOptions options = {})
    {
        if (options.now == 0) {
            options.now = kNow;
        }
        return JwsVerifier(KeySet::single(key), options).verify(token);
    }

    static void expectInvalid(const VerifyResult& result, const QString& reason)
    {
        QVERIFY2(result.outcome == VerifyResult::Outcome::Invalid,
                 qPrintable(QStringLiteral("outcome %1: %2").arg(int(result.outcome)).arg(result.error)));
        QCOMPARE(result.exitCode(), 1);
        QVERIFY2(result.error.contains(reason, Qt::CaseInsensitive),
                 qPrintable(QStringLiteral("\"%1\" lacks \"%2\"").arg(result.error, reason)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(CryptoRuntime::initialise());
        m_rsa = *KeyGenerator::generate(QStringLiteral("rsa-2048"));
        m_ec256 = *KeyGenerator::generate(QStringLiteral("ec-p256"));
        m_ec384 = *KeyGenerator::generate(QStringLiteral("ec-p384"));
        m_ed = *KeyGenerator::generate(QStringLiteral("ed25519"));
        m_oct = *KeyGenerator::generate(QStringLiteral("oct-256"));
        m_payload =
            json({{QStringLiteral("sub"), QStringLiteral("alice")}, {QStringLiteral("exp"), kNow + 600}});
    }

    void goodTokensVerify()
    {
        for (const auto& [key, alg] : {std::pair{&m_rsa, JwsAlg::RS256}, std::pair{&m_rsa, JwsAlg::PS256},
                                       std::pair{&m_ec256, JwsAlg::ES256}, std::pair{&m_ed, JwsAlg::EdDSA},
                                       std::pair{&m_oct, JwsAlg::HS256}}) {
            const QByteArray header = json({{QStringLiteral("alg"), JwsAlgorithm::name(alg)}});
            const VerifyResult result = verify(craft(*key, alg, header, m_payload), *key);
            QVERIFY2(result.valid(), qPrintable(result.error));
            QCOMPARE(result.exitCode(), 0);
        }
    }

    void algNoneIsRefused_data()
    {
        QTest::addColumn<QString>("alg");
        QTest::newRow("none") << QStringLiteral("none");
        QTest::newRow("None") << QStringLiteral("None");
        QTest::newRow("NONE") << QStringLiteral("NONE");
    }

    void algNoneIsRefused()
    {
        QFETCH(QString, alg);
        const QByteArray token = signingInput(json({{QStringLiteral("alg"), alg}}), m_payload) + '.';
        for (const KeyMaterial* key : {&m_rsa, &m_oct}) {
            expectInvalid(verify(token, *key), QStringLiteral("always refused"));
        }
        // Even with a signature attached and the caller listing every alg.
        VerifyOptions options;
        options.algs = JwsAlgorithm::all();
        expectInvalid(verify(token + "c2ln", m_oct, options), QStringLiteral("always refused"));
    }

    void unsupportedAlgIsInvalid()
    {
        const QByteArray token = signingInput("{\"alg\":\"HS1\"}", m_payload) + ".c2ln";
        expectInvalid(verify(token, m_oct), QStringLiteral("unsupported alg \"HS1\""));
        const QByteArray lower = signingInput("{\"alg\":\"hs256\"}", m_payload) + ".c2ln";
        expectInvalid(verify(lower, m_oct), QStringLiteral("unsupported alg"));
    }

    // The verifier reads a plain alg straight from the header's bytes; one written with JSON escapes
    // is the same string and must be judged the same way, "none" included.
    void escapedAlgMeansTheSameAlg()
    {
        const QByteArray escaped = "{\"alg\":\"HS\\u0032\\u00356\"}";
        QCOMPARE(CompactJws::parse(signingInput(escaped, m_payload) + ".c2ln")->alg(), QStringLiteral("HS256"));
        const VerifyResult result = verify(craft(m_oct, JwsAlg::HS256, escaped, m_payload), m_oct);
        QVERIFY2(result.valid(), qPrintable(result.error));
        QCOMPARE(result.alg(), QStringLiteral("HS256"));
        const QByteArray none = signingInput("{\"alg\":\"n\\u006fne\"}", m_payload) + ".";
        expectInvalid(verify(none, m_oct), QStringLiteral("\"none\" (an unsigned token) is always refused"));
        const QByteArray other = signingInput("{\"alg\":\"HS\\u00312\"}", m_payload) + ".c2ln";
        expectInvalid(verify(other, m_oct), QStringLiteral("unsupported alg \"HS12\""));
        // A character beyond Latin-1 after a real name does not match that name.
        const QByteArray euro = signingInput("{\"alg\":\"HS256\\u20ac\"}", m_payload) + ".c2ln";
        expectInvalid(verify(euro, m_oct), QStringLiteral("unsupported alg"));
    }

    void rsaPublicKeyNeverServesAsAnHmacSecret()
    {
        // The classic confusion attack: HMAC keyed with the RSA public key's PEM text.
        const KeyMaterial pub = *m_rsa.publicKey();
        const QByteArray pem = *PemCodec::exportPublic(pub);
        const KeyMaterial forgedKey = *KeyMaterial::fromSecret(SecretBuffer::fromBytes(pem));
        const QByteArray token = craft(forgedKey, JwsAlg::HS256, "{\"alg\":\"HS256\"}", m_payload);
        expectInvalid(verify(token, pub), QStringLiteral("needs an HMAC secret"));
        expectInvalid(verify(token, m_rsa), QStringLiteral("needs an HMAC secret"));
        KeySet set;
        set.add(pub);
        set.add(*m_ec256.publicKey());
        VerifyOptions options;
        options.now = kNow;
        expectInvalid(JwsVerifier(set, options).verify(token), QStringLiteral("needs an HMAC secret"));
        // Nor an EC key.
        const QByteArray ecPem = *PemCodec::exportPublic(m_ec256);
        const QByteArray ecToken = craft(*KeyMaterial::fromSecret(SecretBuffer::fromBytes(ecPem)),
                                         JwsAlg::HS256, "{\"alg\":\"HS256\"}", m_payload);
        expectInvalid(verify(ecToken, *m_ec256.publicKey()), QStringLiteral("needs an HMAC secret"));
    }

    void hmacSecretNeverVerifiesAsymmetricAlgs()
    {
        const QByteArray token = craft(m_rsa, JwsAlg::RS256, "{\"alg\":\"RS256\"}", m_payload);
        expectInvalid(verify(token, m_oct), QStringLiteral("needs an asymmetric key"));
    }

    void wrongLengthSignaturesAreInvalid()
    {
        const QByteArray hs = craft(m_oct, JwsAlg::HS256, "{\"alg\":\"HS256\"}", m_payload);
        expectInvalid(verify(withSignature(hs, rawSignature(hs).chopped(1)), m_oct),
                      QStringLiteral("wrong-length"));
        expectInvalid(verify(withSignature(hs, rawSignature(hs) + 'x'), m_oct),
                      QStringLiteral("wrong-length"));
        expectInvalid(verify(hs.first(hs.lastIndexOf('.') + 1), m_oct), QStringLiteral("wrong-length"));
        const QByteArray rs = craft(m_rsa, JwsAlg::RS256, "{\"alg\":\"RS256\"}", m_payload);
        expectInvalid(verify(withSignature(rs, rawSignature(rs).sliced(1)), m_rsa),
                      QStringLiteral("wrong-length"));
        const QByteArray ed = craft(m_ed, JwsAlg::EdDSA, "{\"alg\":\"EdDSA\"}", m_payload);
        expectInvalid(verify(withSignature(ed, rawSignature(ed).chopped(1)), m_ed),
                      QStringLiteral("wrong-length"));
        const QByteArray es = craft(m_ec256, JwsAlg::ES256, "{\"alg\":\"ES256\"}", m_payload);
        expectInvalid(verify(withSignature(es, rawSignature(es) + '\0'), m_ec256),
                      QStringLiteral("wrong-length"));
    }

    void derEcdsaSignatureIsRefused()
    {
        const QByteArray input = signingInput("{\"alg\":\"ES256\"}", m_payload);
        const QByteArray der = derEcdsaSignature(m_ec256, input);
        QVERIFY(der.startsWith('\x30'));
        const VerifyResult result = verify(input + '.' + b64(der), m_ec256);
        expectInvalid(result, QStringLiteral("wrong-length"));
        QVERIFY(result.error.contains(QStringLiteral("DER")));
    }

    void ecdsaRAndSOutOfRangeAreRefused()
    {
        const QByteArray token = craft(m_ec256, JwsAlg::ES256, "{\"alg\":\"ES256\"}", m_payload);
        const QByteArray sig = rawSignature(token);
        const QByteArray r = sig.first(32);
        const QByteArray s = sig.sliced(32);
        const QByteArray zero(32, '\0');
        const QByteArray n = p256Order();
        QByteArray nPlusOne = n;
        nPlusOne[31] = static_cast<char>(nPlusOne[31] + 1);
        expectInvalid(verify(withSignature(token, zero + s), m_ec256), QStringLiteral("r outside [1, n-1]"));
        expectInvalid(verify(withSignature(token, r + zero), m_ec256), QStringLiteral("s outside [1, n-1]"));
        expectInvalid(verify(withSignature(token, zero + zero), m_ec256), QStringLiteral("outside [1, n-1]"));
        expectInvalid(verify(withSignature(token, n + s), m_ec256), QStringLiteral("r outside [1, n-1]"));
        expectInvalid(verify(withSignature(token, r + n), m_ec256), QStringLiteral("s outside [1, n-1]"));
        expectInvalid(verify(withSignature(token, r + nPlusOne), m_ec256),
                      QStringLiteral("s outside [1, n-1]"));
        expectInvalid(verify(withSignature(token, QByteArray(64, '\xff')), m_ec256),
                      QStringLiteral("outside [1, n-1]"));
        // High S (n - s) is a valid ECDSA signature too: RFC 7518 has no low-S rule.
        const QByteArray flipped = [&] {
            BIGNUM* order = BN_bin2bn(reinterpret_cast<const unsigned char*>(n.constData()), 32, nullptr);
            BIGNUM* sBn = BN_bin2bn(reinterpret_cast<const unsigned char*>(s.constData()), 32, nullptr);
            BN_sub(sBn, order, sBn);
            QByteArray out(32, '\0');
            BN_bn2binpad(sBn, reinterpret_cast<unsigned char*>(out.data()), 32);
            BN_free(order);
            BN_free(sBn);
            return out;
        }();
        QVERIFY(verify(withSignature(token, r + flipped), m_ec256).valid());
    }

    void pssNeedsSaltLengthEqualToHashLength()
    {
        const QByteArray input = signingInput("{\"alg\":\"PS256\"}", m_payload);
        const QByteArray maxSalt = pssMaxSaltSignature(m_rsa, input);
        QCOMPARE(maxSalt.size(), 256);
        expectInvalid(verify(input + '.' + b64(maxSalt), m_rsa), QStringLiteral("does not match"));
        QVERIFY(verify(craft(m_rsa, JwsAlg::PS256, "{\"alg\":\"PS256\"}", m_payload), m_rsa).valid());
        // And PKCS#1 v1.5 and PSS are not interchangeable.
        const QByteArray rs = craft(m_rsa, JwsAlg::RS256, "{\"alg\":\"RS256\"}", m_payload);
        expectInvalid(
            verify(signingInput("{\"alg\":\"PS256\"}", m_payload) + '.' + b64(rawSignature(rs)), m_rsa),
            QStringLiteral("does not match"));
    }

    void tamperedTokensDoNotVerify()
    {
        const QByteArray token = craft(m_ed, JwsAlg::EdDSA, "{\"alg\":\"EdDSA\"}", m_payload);
        const QByteArray other =
            json({{QStringLiteral("sub"), QStringLiteral("admin")}, {QStringLiteral("exp"), kNow + 600}});
        const QByteArray tampered =
            signingInput("{\"alg\":\"EdDSA\"}", other) + '.' + b64(rawSignature(token));
        expectInvalid(verify(tampered, m_ed), QStringLiteral("signature does not match"));
        expectInvalid(verify(token, *KeyGenerator::generate(QStringLiteral("ed25519"))),
                      QStringLiteral("does not match"));
    }

    // The signature's own verdict: the same pre-claims rules as verify(), no claim checks, any payload.
    void verifySignatureStopsBeforeTheClaims()
    {
        const QByteArray expired =
            json({{QStringLiteral("sub"), QStringLiteral("alice")}, {QStringLiteral("exp"), kNow - 60}});
        const QByteArray token = craft(m_ec256, JwsAlg::ES256, "{\"alg\":\"ES256\",\"kid\":\"k1\"}", expired);
        VerifyOptions options;
        options.now = kNow;
        options.tokenType = QStringLiteral("access");
        const JwsVerifier verifier(KeySet::single(m_ec256), options);
        expectInvalid(verifier.verify(token), QStringLiteral("expired"));
        const VerifyResult signature = verifier.verifySignature(*CompactJws::parse(token));
        QVERIFY2(signature.valid(), qPrintable(signature.error));
        QCOMPARE(signature.keyId, std::optional<QString>(m_ec256.kid()));
        QCOMPARE(signature.claims().value(QStringLiteral("sub")).toString(), QStringLiteral("alice"));

        // A payload that is not JSON: verify() calls it malformed, verifySignature() checks the signature.
        const QByteArray sentence =
            craft(m_ed, JwsAlg::EdDSA, "{\"alg\":\"EdDSA\"}", "Example of Ed25519 signing");
        const auto parsed = CompactJws::parse(sentence, CompactJws::Payload::Any);
        QVERIFY(parsed.has_value());
        const JwsVerifier edVerifier(KeySet::single(m_ed), VerifyOptions{});
        QCOMPARE(edVerifier.verify(*parsed).exitCode(), 2);
        QVERIFY(edVerifier.verifySignature(*parsed).valid());
        QVERIFY(edVerifier.verifySignature(*parsed).claims().isEmpty());

        // The pre-claims rules still apply: a wrong key, an alg outside the list, unknown crit, alg none.
        expectInvalid(JwsVerifier(KeySet::single(m_ed), {}).verifySignature(*CompactJws::parse(token)),
                      QStringLiteral("ES256"));
        VerifyOptions onlyEs384;
        onlyEs384.algs = {JwsAlg::ES384};
        expectInvalid(
            JwsVerifier(KeySet::single(m_ec256), onlyEs384).verifySignature(*CompactJws::parse(token)),
            QStringLiteral("not among the accepted algs"));
        const QByteArray crit =
            craft(m_oct, JwsAlg::HS256, "{\"alg\":\"HS256\",\"crit\":[\"x\"],\"x\":1}", m_payload);
        expectInvalid(JwsVerifier(KeySet::single(m_oct), {}).verifySignature(*CompactJws::parse(crit)),
                      QStringLiteral("unknown critical header parameter"));
        const QByteArray none = signingInput("{\"alg\":\"none\"}", m_payload) + '.';
        expectInvalid(JwsVerifier(KeySet::single(m_oct), {}).verifySignature(*CompactJws::parse(none)),
                      QStringLiteral("always refused"));
    }

    void unknownCritIsRefused()
    {
        const QByteArray header = "{\"alg\":\"HS256\",\"crit\":[\"exp-policy\"],\"exp-policy\":1}";
        const QByteArray token = craft(m_oct, JwsAlg::HS256, header, m_payload);
        expectInvalid(verify(token, m_oct),
                      QStringLiteral("unknown critical header parameter \"exp-policy\""));
        VerifyOptions understood;
        understood.understoodCrit = {QStringLiteral("exp-policy")};
        QVERIFY(verify(token, m_oct, understood).valid());
        expectInvalid(
            verify(craft(m_oct, JwsAlg::HS256, "{\"alg\":\"HS256\",\"crit\":[]}", m_payload), m_oct),
            QStringLiteral("non-empty array"));
        expectInvalid(
            verify(craft(m_oct, JwsAlg::HS256, "{\"alg\":\"HS256\",\"crit\":\"x\"}", m_payload), m_oct),
            QStringLiteral("non-empty array"));
        expectInvalid(
            verify(craft(m_oct, JwsAlg::HS256, "{\"alg\":\"HS256\",\"crit\":[\"alg\"]}", m_payload), m_oct),
            QStringLiteral("registered parameter"));
        expectInvalid(verify(craft(m_oct, JwsAlg::HS256, "{\"alg\":\"HS256\",\"crit\":[\"b64\"]}", m_payload),
                             m_oct, understood),
                      QStringLiteral("absent"));
    }

    void expiryAndNotBeforeHonourTheLeeway_data()
    {
        QTest::addColumn<QString>("claim");
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<qint64>("leeway");
        QTest::addColumn<bool>("valid");
        // valid iff nbf - leeway <= now < exp + leeway
        QTest::newRow("exp = now") << QStringLiteral("exp") << qint64{0} << qint64{0} << false;
        QTest::newRow("exp = now + 1") << QStringLiteral("exp") << qint64{1} << qint64{0} << true;
        QTest::newRow("exp = now - 1") << QStringLiteral("exp") << qint64{-1} << qint64{0} << false;
        QTest::newRow("exp = now - 5, leeway 5") << QStringLiteral("exp") << qint64{-5} << qint64{5} << false;
        QTest::newRow("exp = now - 5, leeway 6") << QStringLiteral("exp") << qint64{-5} << qint64{6} << true;
        QTest::newRow("nbf = now") << QStringLiteral("nbf") << qint64{0} << qint64{0} << true;
        QTest::newRow("nbf = now + 1") << QStringLiteral("nbf") << qint64{1} << qint64{0} << false;
        QTest::newRow("nbf = now + 5, leeway 5") << QStringLiteral("nbf") << qint64{5} << qint64{5} << true;
        QTest::newRow("nbf = now + 6, leeway 5") << QStringLiteral("nbf") << qint64{6} << qint64{5} << false;
    }

    void expiryAndNotBeforeHonourTheLeeway()
    {
        QFETCH(QString, claim);
        QFETCH(qint64, offset);
        QFETCH(qint64, leeway);
        QFETCH(bool, valid);
        const QByteArray payload = json({{claim, kNow + offset}});
        const QByteArray token = craft(m_oct, JwsAlg::HS256, "{\"alg\":\"HS256\"}", payload);
        VerifyOptions options;
        options.leewaySeconds = leeway;
        const VerifyResult result = verify(token, m_oct, options);
        QCOMPARE(result.valid(), valid);
        if (!valid) {
            expectInvalid(result, claim == QLatin1String("exp") ? QStringLiteral("expired")
                                                                : QStringLiteral("not valid before"));
        }
    }

    void fractionalTimesAreCompared()
    {
        const QByteArray payload = "{\"exp\":1700000000.5}";
        VerifyOptions options;
        options.now = kNow;
        QVERIFY(verify(craft(m_oct, JwsAlg::HS256, "{\"alg\":\"HS256\"}", payload), m_oct, options).valid());
    }

    void claimsOfTheWrongTypeAreInvalid_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QString>("reason");
        QTest::newRow("exp string") << QByteArray("{\"exp\":\"1700000600\"}")
                                    << QStringLiteral("\"exp\" must be a number");
        QTest::newRow("nbf bool") << QByteArray("{\"nbf\":true}")
                                  << QStringLiteral("\"nbf\" must be a number");
        QTest::newRow("iat null") << QByteArray("{\"iat\":null}")
                                  << QStringLiteral("\"iat\" must be a number");
        QTest::newRow("iss number") << QByteArray("{\"iss\":7}")
                                    << QStringLiteral("\"iss\" must be a string");
        QTest::newRow("sub object") << QByteArray("{\"sub\":{}}")
                                    << QStringLiteral("\"sub\" must be a string");
        QTest::newRow("jti array") << QByteArray("{\"jti\":[]}")
                                   << QStringLiteral("\"jti\" must be a string");
        QTest::newRow("type number") << QByteArray("{\"type\":1}")
                                     << QStringLiteral("\"type\" must be a string");
        QTest::newRow("aud number") << QByteArray("{\"aud\":1}")
                                    << QStringLiteral("\"aud\" must be a string or an array");
        QTest::newRow("aud mixed array")
            << QByteArray("{\"aud\":[\"a\",2]}") << QStringLiteral("\"aud\" must be a string or an array");
    }

    void claimsOfTheWrongTypeAreInvalid()
    {
        QFETCH(QByteArray, payload);
        QFETCH(QString, reason);
        expectInvalid(verify(craft(m_oct, JwsAlg::HS256, "{\"alg\":\"HS256\"}", payload), m_oct), reason);
    }

    void requiredIssuerAudienceAndTypeAreChecked()
    {
        const QByteArray payload =
            "{\"iss\":\"tessera\",\"aud\":[\"api\",\"web\"],\"type\":\"access\",\"sub\":\"a\"}";
        const QByteArray token = craft(m_oct, JwsAlg::HS256, "{\"alg\":\"HS256\"}", payload);
        QVERIFY(verify(token, m_oct).valid()); // no exp: accepted unless required
        VerifyOptions options;
        options.requiredClaims = {QStringLiteral("exp")};
        expectInvalid(verify(token, m_oct, options), QStringLiteral("required claim \"exp\" is missing"));
        options = {};
        options.issuer = QStringLiteral("tessera");
        options.audience = QStringLiteral("web");
        options.tokenType = QStringLiteral("access");
        options.requiredClaims = {QStringLiteral("sub"), QStringLiteral("type")};
        QVERIFY(verify(token, m_oct, options).valid());
        options.issuer = QStringLiteral("other");
        expectInvalid(verify(token, m_oct, options),
                      QStringLiteral("issuer \"tessera\" is not the expected \"other\""));
        options.issuer.reset();
        options.audience = QStringLiteral("admin");
        expectInvalid(verify(token, m_oct, options), QStringLiteral("audience \"admin\""));
        options.audience.reset();
        options.tokenType = QStringLiteral("refresh");
        expectInvalid(verify(token, m_oct, options),
                      QStringLiteral("token type \"access\" is not the expected \"refresh\""));
        options.requiredClaims.clear();
        const QByteArray untyped = craft(m_oct, JwsAlg::HS256, "{\"alg\":\"HS256\"}", "{\"sub\":\"a\"}");
        expectInvalid(verify(untyped, m_oct, options), QStringLiteral("no \"type\" claim"));
        options.tokenType.reset();
        options.issuer = QStringLiteral("tessera");
        expectInvalid(verify(untyped, m_oct, options),
                      QStringLiteral("no \"iss\" claim; expected \"tessera\""));
    }

    // The HMAC engine keeps the last key's schedule between calls; whatever order keys come in,
    // each token verifies with its own secret only, including a secret that extends another and
    // one too long to be kept.
    void hmacSecretsThatAlternateNeverMix()
    {
        const QByteArray shortSecret(32, 'k');
        const QByteArray longer = shortSecret + 'x';
        const QByteArray huge(200, 'k');
        QList<KeyMaterial> keys;
        for (const QByteArray& bytes : {shortSecret, longer, huge}) {
            SecretBuffer secret(static_cast<std::size_t>(bytes.size()));
            std::copy(bytes.begin(), bytes.end(), secret.data());
            keys.append(*KeyMaterial::fromSecret(std::move(secret)));
        }
        QList<QByteArray> tokens;
        for (const KeyMaterial& key : keys) {
            tokens.append(craft(key, JwsAlg::HS256, "{\"alg\":\"HS256\"}", m_payload));
        }
        for (int round = 0; round < 3; ++round) {
            for (qsizetype k = 0; k < keys.size(); ++k) {
                for (qsizetype t = 0; t < tokens.size(); ++t) {
                    const VerifyResult result = verify(tokens[t], keys[k]);
                    QVERIFY2(result.valid() == (k == t),
                             qPrintable(QStringLiteral("key %1, token %2: %3").arg(k).arg(t).arg(result.error)));
                }
            }
        }
    }

    // Batch verification on several threads gives each token the verdict verify() gives it, in order.
    void verifyAllMatchesVerifyInOrder()
    {
        const QByteArray good = craft(m_oct, JwsAlg::HS256, "{\"alg\":\"HS256\"}", m_payload);
        const QByteArray ec = craft(m_ec256, JwsAlg::ES256, "{\"alg\":\"ES256\"}", m_payload);
        const QByteArray expired = craft(m_oct, JwsAlg::HS256, "{\"alg\":\"HS256\"}",
                                         json({{QStringLiteral("exp"), kNow - 5}}));
        QList<QByteArray> texts;
        for (int i = 0; i < 1500; ++i) {
            switch (i % 5) {
            case 0:
                texts.append(good);
                break;
            case 1:
                texts.append(withSignature(good, QByteArray(32, char(i))));
                break;
            case 2:
                texts.append(QByteArray("not.a.token") + QByteArray::number(i));
                break;
            case 3:
                texts.append(expired);
                break;
            default:
                texts.append(ec);
                break;
            }
        }
        QList<QByteArrayView> tokens(texts.begin(), texts.end());
        VerifyOptions options;
        options.now = kNow;
        const JwsVerifier verifier(KeySet::single(m_oct), options);
        const QList<VerifyResult> all = verifier.verifyAll(tokens, 3);
        QCOMPARE(all.size(), texts.size());
        int valid = 0;
        for (qsizetype i = 0; i < texts.size(); ++i) {
            const VerifyResult one = verifier.verify(texts[i]);
            QCOMPARE(all[i].outcome, one.outcome);
            QCOMPARE(all[i].error, one.error);
            QCOMPARE(all[i].claims(), one.claims());
            valid += all[i].valid() ? 1 : 0;
        }
        QCOMPARE(valid, 300);
        QVERIFY(verifier.verifyAll({}).isEmpty());
        // A list reused for a shorter chunk holds that chunk's verdicts only.
        QList<VerifyResult> reused = all;
        verifier.verifyAll(tokens.mid(1, 700), reused, 2);
        QCOMPARE(reused.size(), 700);
        for (qsizetype i = 0; i < reused.size(); ++i) {
            QCOMPARE(reused[i].outcome, all[i + 1].outcome);
            QCOMPARE(reused[i].error, all[i + 1].error);
        }
        // Results are parsed into the buffers they already hold. Shared with `all`, those were left
        // alone; owned now, they are overwritten by a different mix of tokens in every slot.
        verifier.verifyAll(tokens.mid(2, 700), reused, 2);
        for (qsizetype i = 0; i < reused.size(); ++i) {
            const VerifyResult one = verifier.verify(texts[i + 2]);
            QCOMPARE(reused[i].outcome, one.outcome);
            QCOMPARE(reused[i].error, one.error);
            QCOMPARE(reused[i].claims(), one.claims());
            QCOMPARE(reused[i].header(), one.header());
            QCOMPARE(reused[i].alg(), one.alg());
            QCOMPARE(reused[i].keyId, one.keyId);
            QCOMPARE(reused[i].token.token(), one.token.token());
            QCOMPARE(all[i].claims(), verifier.verify(texts[i]).claims());
            QCOMPARE(all[i].token.token(), texts[i].startsWith("not.") ? QByteArray() : texts[i]);
        }
    }

    void revokedTokenIdsAreRefused()
    {
        const QByteArray token = craft(m_oct, JwsAlg::HS256, "{\"alg\":\"HS256\"}",
                                       "{\"sub\":\"a\",\"jti\":\"j-1\",\"type\":\"refresh\"}");
        VerifyOptions options;
        QStringList asked;
        options.isRevoked = [&asked](const QString& jti) {
            asked.append(jti);
            return jti == QStringLiteral("j-1");
        };
        expectInvalid(verify(token, m_oct, options), QStringLiteral("token id (jti) \"j-1\" has been revoked"));
        QCOMPARE(asked, QStringList{QStringLiteral("j-1")});
        options.isRevoked = [](const QString& jti) { return jti == QStringLiteral("j-2"); };
        QVERIFY(verify(token, m_oct, options).valid());
        // A bad signature is reported as such, before the list is consulted.
        asked.clear();
        options.isRevoked = [&asked](const QString& jti) {
            asked.append(jti);
            return true;
        };
        QByteArray tampered = token;
        tampered[tampered.size() - 2] = tampered.at(tampered.size() - 2) == 'A' ? 'B' : 'A';
        QVERIFY(!verify(tampered, m_oct, options).error.contains(QStringLiteral("revoked")));
        QVERIFY(asked.isEmpty());
        // No jti, nothing to look up.
        const QByteArray noJti = craft(m_oct, JwsAlg::HS256, "{\"alg\":\"HS256\"}", "{\"sub\":\"a\"}");
        QVERIFY(verify(noJti, m_oct, options).valid());
    }

    void algListAndJwkAlgRestrictTheAlgorithm()
    {
        const QByteArray rs = craft(m_rsa, JwsAlg::RS256, "{\"alg\":\"RS256\"}", m_payload);
        VerifyOptions options;
        options.algs = {JwsAlg::PS256, JwsAlg::PS384};
        expectInvalid(verify(rs, m_rsa, options),
                      QStringLiteral("not among the accepted algs (PS256, PS384)"));
        KeyMaterial restricted = m_rsa;
        restricted.setAlg(QStringLiteral("PS256"));
        expectInvalid(verify(rs, restricted), QStringLiteral("restricted to PS256"));
        KeyMaterial encryption = m_rsa;
        encryption.setUse(QStringLiteral("enc"));
        expectInvalid(verify(rs, encryption), QStringLiteral("marked for encryption"));
    }

    void ecCurveFixesTheAlgorithm()
    {
        const QByteArray es384 = craft(m_ec384, JwsAlg::ES384, "{\"alg\":\"ES384\"}", m_payload);
        QVERIFY(verify(es384, m_ec384).valid());
        expectInvalid(verify(es384, m_ec256), QStringLiteral("different curve"));
        const QByteArray lying =
            signingInput("{\"alg\":\"ES256\"}", m_payload) + '.' + b64(rawSignature(es384));
        expectInvalid(verify(lying, m_ec384), QStringLiteral("different curve"));
    }

    void jwksSelectsByKidAndOtherwiseTriesEveryCompatibleKey()
    {
        KeyMaterial first = *KeyGenerator::generate(QStringLiteral("ec-p256"));
        first.setKid(QStringLiteral("first"));
        KeyMaterial second = m_ec256;
        second.setKid(QStringLiteral("second"));
        const QJsonObject jwks{
            {QStringLiteral("keys"),
             QJsonArray{*Jwk::toPublicJson(first), *Jwk::toPublicJson(second), *Jwk::toPublicJson(m_rsa)}}};
        const KeySet set = *KeySet::fromJson(jwks);
        QVERIFY(set.isJwks());
        QCOMPARE(set.size(), std::size_t{3});
        VerifyOptions options;
        options.now = kNow;
        const JwsVerifier verifier(set, options);

        const QByteArray noKid = craft(second, JwsAlg::ES256, "{\"alg\":\"ES256\"}", m_payload);
        VerifyResult result = verifier.verify(noKid);
        QVERIFY2(result.valid(), qPrintable(result.error));
        QCOMPARE(result.keyId.value(), QStringLiteral("second"));
        QVERIFY(!result.kid().has_value());

        const QByteArray rightKid =
            craft(second, JwsAlg::ES256, "{\"alg\":\"ES256\",\"kid\":\"second\"}", m_payload);
        QVERIFY(verifier.verify(rightKid).valid());
        const QByteArray wrongKid =
            craft(second, JwsAlg::ES256, "{\"alg\":\"ES256\",\"kid\":\"first\"}", m_payload);
        expectInvalid(verifier.verify(wrongKid), QStringLiteral("does not match"));
        const QByteArray unknownKid =
            craft(second, JwsAlg::ES256, "{\"alg\":\"ES256\",\"kid\":\"third\"}", m_payload);
        result = verifier.verify(unknownKid);
        expectInvalid(result, QStringLiteral("unknown kid \"third\""));
        QCOMPARE(result.kid().value(), QStringLiteral("third"));
        // A kid may also be the key's thumbprint.
        const QByteArray byThumb = craft(m_rsa, JwsAlg::RS256,
                                         json({{QStringLiteral("alg"), QStringLiteral("RS256")},
                                               {QStringLiteral("kid"), m_rsa.thumbprint()}}),
                                         m_payload);
        QVERIFY(verifier.verify(byThumb).valid());
        // A single key ignores the token's kid.
        QVERIFY(verify(unknownKid, m_ec256).valid());
        const QByteArray numericKid = craft(m_oct, JwsAlg::HS256, "{\"alg\":\"HS256\",\"kid\":5}", m_payload);
        expectInvalid(verify(numericKid, m_oct), QStringLiteral("\"kid\" must be a string"));
    }

    void malformedTokensAreExitTwo_data()
    {
        QTest::addColumn<QByteArray>("token");
        const QByteArray payload = b64("{\"sub\":\"a\"}");
        QTest::newRow("segments") << QByteArray("a.b");
        QTest::newRow("padding") << b64("{\"alg\":\"HS256\"}") + '.' + payload + ".c2lnbg==";
        QTest::newRow("duplicate") << b64("{\"alg\":\"HS256\",\"alg\":\"HS256\"}") + '.' + payload + ".c2ln";
        QTest::newRow("alg missing") << b64("{}") + '.' + payload + ".c2ln";
        QTest::newRow("payload text") << b64("{\"alg\":\"HS256\"}") + '.' + b64("text") + ".c2ln";
        QTest::newRow("too big") << QByteArray(64 * 1024 + 1, 'a');
        QTest::newRow("jwe") << b64("{\"alg\":\"dir\",\"enc\":\"A128GCM\"}") + "..aXY.Y2lwaGVy.dGFn";
    }

    void malformedTokensAreExitTwo()
    {
        QFETCH(QByteArray, token);
        const VerifyResult result = verify(token, m_oct);
        QCOMPARE(result.outcome, VerifyResult::Outcome::Malformed);
        QCOMPARE(result.exitCode(), 2);
        QVERIFY(!result.error.isEmpty());
        QVERIFY(result.toJson().value(QStringLiteral("claims")).isNull());
    }

    void resultJsonHasTheDocumentedShape()
    {
        const QByteArray token = craft(m_oct, JwsAlg::HS256, "{\"alg\":\"HS256\"}", m_payload);
        const QJsonObject out = verify(token, m_oct).toJson();
        QCOMPARE(out.keys(),
                 (QStringList{QStringLiteral("alg"), QStringLiteral("claims"), QStringLiteral("error"),
                              QStringLiteral("kid"), QStringLiteral("valid")}));
        QCOMPARE(out.value(QStringLiteral("valid")).toBool(), true);
        QVERIFY(out.value(QStringLiteral("kid")).isNull());
        QVERIFY(out.value(QStringLiteral("error")).isNull());
        QCOMPARE(out.value(QStringLiteral("claims")).toObject().value(QStringLiteral("sub")).toString(),
                 QStringLiteral("alice"));
    }

    // The signer writes a plain header itself and hands any other to QJsonDocument; both give the
    // compact JSON QJsonDocument would, and a kid that needs escaping survives the trip.
    void signerHeaderIsQJsonDocumentsCompactJson_data()
    {
        QTest::addColumn<QString>("kid");
        QTest::addColumn<bool>("extra");
        QTest::newRow("plain kid") << QStringLiteral("key-2026.01") << false;
        QTest::newRow("kid with quote and backslash") << QStringLiteral("a\"b\\c") << false;
        QTest::newRow("kid beyond ASCII") << QStringLiteral("cl\u00e9") << false;
        QTest::newRow("extra header") << QStringLiteral("k1") << true;
    }

    void signerHeaderIsQJsonDocumentsCompactJson()
    {
        QFETCH(QString, kid);
        QFETCH(bool, extra);
        KeyMaterial key = m_ec256;
        key.setKid(kid);
        SignOptions options;
        if (extra) {
            options.extraHeader = {{QStringLiteral("cty"), QStringLiteral("x")}};
        }
        const QByteArray token = *JwsSigner::sign(key, QJsonObject{{QStringLiteral("sub"), QStringLiteral("a")}}, options);
        const QByteArray header = *Base64Url::decode(token.first(token.indexOf('.')));
        QJsonObject expected{{QStringLiteral("alg"), QStringLiteral("ES256")},
                             {QStringLiteral("kid"), kid},
                             {QStringLiteral("typ"), QStringLiteral("JWT")}};
        if (extra) {
            expected.insert(QStringLiteral("cty"), QStringLiteral("x"));
        }
        QCOMPARE(header, QJsonDocument(expected).toJson(QJsonDocument::Compact));
        const VerifyResult result = JwsVerifier(KeySet::single(m_ec256), {kNow}).verify(token);
        QVERIFY2(result.valid(), qPrintable(result.error));
        QCOMPARE(result.kid().value(), kid);
    }

    void signerRefusesWeakOrWrongKeys()
    {
        const QJsonObject claims{{QStringLiteral("sub"), QStringLiteral("a")}};
        QVERIFY(JwsSigner::sign(m_rsa, claims));
        auto result = JwsSigner::sign(*m_rsa.publicKey(), claims);
        QVERIFY(!result && result.error().message.contains(QStringLiteral("private key")));
        const QByteArray pem1024 = [] {
            QFile file(qEnvironmentVariable("TESSERA_SOURCE_DIR") +
                       QStringLiteral("/tests/data/jose/rsa1024-pkcs8.pem"));
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        }();
        const auto rsa1024 = PemCodec::importKey(pem1024);
        QVERIFY2(rsa1024, rsa1024 ? "" : qPrintable(rsa1024.error().message));
        result = JwsSigner::sign(*rsa1024, claims);
        QVERIFY(!result && result.error().message.contains(QStringLiteral("under 2048 bits")));
        QCOMPARE(result.error().kind, ErrorKind::Usage);
        // ... but a 1024-bit key still verifies.
        const QByteArray old = craft(*rsa1024, JwsAlg::RS256, "{\"alg\":\"RS256\"}", m_payload);
        QVERIFY(verify(old, *rsa1024).valid());
        const KeyMaterial shortSecret = *KeyMaterial::fromSecret(SecretBuffer::fromBytes("short"));
        result = JwsSigner::sign(shortSecret, claims);
        QVERIFY(!result && result.error().message.contains(QStringLiteral("at least 32 bytes")));
        SignOptions options;
        options.alg = JwsAlg::HS512;
        result = JwsSigner::sign(m_oct, claims, options); // 32-byte secret, HS512 needs 64
        QVERIFY(!result && result.error().message.contains(QStringLiteral("at least 64 bytes")));
        options.alg = JwsAlg::RS256;
        result = JwsSigner::sign(m_ec256, claims, options);
        QVERIFY(!result);
        options.alg.reset();
        options.extraHeader = {{QStringLiteral("alg"), QStringLiteral("none")}};
        result = JwsSigner::sign(m_ec256, claims, options);
        QVERIFY(!result && result.error().message.contains(QStringLiteral("may not change \"alg\"")));
    }
};

QTEST_GUILESS_MAIN(TestJoseVerifierRules)
#include "TestJoseVerifierRules.moc"
