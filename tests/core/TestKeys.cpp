// Keys: generation, import (PEM in every supported form, JWK, JWKS), export, thumbprints, and a
// sign -> verify round trip for every algorithm with keys generated and imported in each format.
#include "crypto/CryptoRuntime.h"
#include "jose/JwsCrypto.h"
#include "jose/JwsSigner.h"
#include "jose/JwsVerifier.h"
#include "jose/StrictJson.h"
#include "keys/Jwk.h"
#include "keys/KeyGenerator.h"
#include "keys/KeySet.h"
#include "keys/PemCodec.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <memory>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <thread>
#include <vector>

using namespace tessera;
using namespace tessera::jose;
using namespace tessera::keys;

namespace {

constexpr qint64 kNow = 1'700'000'000;

QByteArray readData(const char* name)
{
    QFile file(qEnvironmentVariable("TESSERA_SOURCE_DIR") + QStringLiteral("/tests/data/jose/") +
               QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("missing test data %s", name);
    }
    return file.readAll();
}

SecretBuffer passphrase()
{
    return SecretBuffer::fromBytes("tessera-test");
}

QByteArray jsonText(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// OpenSSL's RSA signature or verification for a JWS alg name, set up here apart from JwsCrypto:
// verifies `signature` when `out` is null, else signs into `out`.
bool referenceRsa(const KeyMaterial& key, const QString& alg, QByteArrayView input, QByteArrayView signature,
                  QByteArray* out)
{
    const EVP_MD* md = alg.endsWith(QLatin1String("256"))   ? EVP_sha256()
                       : alg.endsWith(QLatin1String("384")) ? EVP_sha384()
                                                            : EVP_sha512();
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    EVP_PKEY_CTX* pctx = nullptr;
    const int init = out ? EVP_DigestSignInit(ctx.get(), &pctx, md, nullptr, key.pkey())
                         : EVP_DigestVerifyInit(ctx.get(), &pctx, md, nullptr, key.pkey());
    if (init != 1) {
        return false;
    }
    if (alg.startsWith(QLatin1Char('P')) &&
        (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
         EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1)) {
        return false;
    }
    const auto* data = reinterpret_cast<const unsigned char*>(input.data());
    const auto length = static_cast<std::size_t>(input.size());
    if (!out) {
        return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                                static_cast<std::size_t>(signature.size()), data, length) == 1;
    }
    std::size_t size = static_cast<std::size_t>(EVP_PKEY_get_size(key.pkey()));
    out->resize(static_cast<qsizetype>(size));
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(out->data()), &size, data, length) != 1) {
        return false;
    }
    out->resize(static_cast<qsizetype>(size));
    return true;
}

} // namespace

class TestKeys : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(CryptoRuntime::initialise()); }

    void generatesEveryKeyType_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("bits");
        QTest::newRow("rsa-2048") << QStringLiteral("rsa-2048") << int(KeyType::Rsa) << 2048;
        QTest::newRow("rsa-3072") << QStringLiteral("rsa-3072") << int(KeyType::Rsa) << 3072;
        QTest::newRow("rsa-4096") << QStringLiteral("rsa-4096") << int(KeyType::Rsa) << 4096;
        QTest::newRow("ec-p256") << QStringLiteral("ec-p256") << int(KeyType::Ec) << 256;
        QTest::newRow("ec-p384") << QStringLiteral("ec-p384") << int(KeyType::Ec) << 384;
        QTest::newRow("ec-p521") << QStringLiteral("ec-p521") << int(KeyType::Ec) << 521;
        QTest::newRow("ed25519") << QStringLiteral("ed25519") << int(KeyType::Ed25519) << 256;
        QTest::newRow("oct-256") << QStringLiteral("oct-256") << int(KeyType::Oct) << 256;
        QTest::newRow("oct-384") << QStringLiteral("oct-384") << int(KeyType::Oct) << 384;
        QTest::newRow("oct-512") << QStringLiteral("oct-512") << int(KeyType::Oct) << 512;
    }

    void generatesEveryKeyType()
    {
        QFETCH(QString, spec);
        QFETCH(int, type);
        QFETCH(int, bits);
        const auto key = KeyGenerator::generate(spec);
        QVERIFY2(key, key ? "" : qPrintable(key.error().message));
        QCOMPARE(int(key->type()), type);
        QCOMPARE(key->bits(), bits);
        QVERIFY(key->hasPrivate());
        QCOMPARE(key->thumbprint().size(), 43); // 32 bytes, base64url
        QCOMPARE(key->kid(), key->thumbprint());
        QVERIFY(!key->hasExplicitKid());
        QVERIFY(KeyGenerator::specs().contains(spec));
    }

    void secretFilesLoseOneLineEnding()
    {
        QCOMPARE(KeyMaterial::fromSecretFile("secret\n")->secret(), QByteArrayView("secret"));
        QCOMPARE(KeyMaterial::fromSecretFile("secret\r\n")->secret(), QByteArrayView("secret"));
        QCOMPARE(KeyMaterial::fromSecretFile("secret\n\n")->secret(), QByteArrayView("secret\n"));
        QCOMPARE(KeyMaterial::fromSecretFile(" secret ")->secret(), QByteArrayView(" secret "));
        QVERIFY(!KeyMaterial::fromSecretFile("\n"));
        QVERIFY(!KeyMaterial::fromSecretFile(""));
    }

    void refusesUnknownSpecs()
    {
        for (const char* spec : {"rsa-1024", "ec-p224", "ed448", "oct-128", "dsa"}) {
            const auto key = KeyGenerator::generate(QLatin1String(spec));
            QVERIFY(!key);
            QCOMPARE(key.error().kind, ErrorKind::Usage);
        }
    }

    void importsPemInEverySupportedForm_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("bits");
        QTest::addColumn<bool>("isPrivate");
        QTest::addColumn<bool>("encrypted");
        QTest::newRow("PKCS#1 private")
            << QByteArray("rsa2048-pkcs1.pem") << int(KeyType::Rsa) << 2048 << true << false;
        QTest::newRow("PKCS#1 legacy encrypted")
            << QByteArray("rsa2048-pkcs1-legacy-encrypted.pem") << int(KeyType::Rsa) << 2048 << true << true;
        QTest::newRow("PKCS#1 public")
            << QByteArray("rsa2048-pkcs1-public.pem") << int(KeyType::Rsa) << 2048 << false << false;
        QTest::newRow("SPKI") << QByteArray("rsa2048-spki.pem") << int(KeyType::Rsa) << 2048 << false
                              << false;
        QTest::newRow("SEC1") << QByteArray("ec-p384-sec1.pem") << int(KeyType::Ec) << 384 << true << false;
        QTest::newRow("encrypted PKCS#8")
            << QByteArray("ec-p384-pkcs8-encrypted.pem") << int(KeyType::Ec) << 384 << true << true;
        QTest::newRow("SEC1 after EC PARAMETERS")
            << QByteArray("ec-p521-sec1-with-params.pem") << int(KeyType::Ec) << 521 << true << false;
        QTest::newRow("X.509 certificate")
            << QByteArray("ec-p256-cert.pem") << int(KeyType::Ec) << 256 << false << false;
        QTest::newRow("PKCS#8 Ed25519")
            << QByteArray("ed25519-pkcs8.pem") << int(KeyType::Ed25519) << 256 << true << false;
        QTest::newRow("PKCS#8 RSA 1024")
            << QByteArray("rsa1024-pkcs8.pem") << int(KeyType::Rsa) << 1024 << true << false;
    }

    void importsPemInEverySupportedForm()
    {
        QFETCH(QByteArray, file);
        QFETCH(int, type);
        QFETCH(int, bits);
        QFETCH(bool, isPrivate);
        QFETCH(bool, encrypted);
        const QByteArray pem = readData(file.constData());
        QCOMPARE(PemCodec::isEncrypted(pem), encrypted);
        const SecretBuffer pass = passphrase();
        const auto key = PemCodec::importKey(pem, encrypted ? &pass : nullptr);
        QVERIFY2(key, key ? "" : qPrintable(key.error().message));
        QCOMPARE(int(key->type()), type);
        QCOMPARE(key->bits(), bits);
        QCOMPARE(key->hasPrivate(), isPrivate);
        // Through KeySet (what --key FILE uses) too.
        const auto set = KeySet::fromData(pem, encrypted ? &pass : nullptr);
        QVERIFY(set && set->size() == 1 && !set->isJwks());
        QCOMPARE(set->at(0).thumbprint(), key->thumbprint());
    }

    void oneRsaKeyInThreeFormsHasOneThumbprint()
    {
        const QString expected = PemCodec::importKey(readData("rsa2048-pkcs1.pem"))->thumbprint();
        QCOMPARE(PemCodec::importKey(readData("rsa2048-pkcs1-public.pem"))->thumbprint(), expected);
        QCOMPARE(PemCodec::importKey(readData("rsa2048-spki.pem"))->thumbprint(), expected);
        const SecretBuffer pass = passphrase();
        QCOMPARE(PemCodec::importKey(readData("rsa2048-pkcs1-legacy-encrypted.pem"), &pass)->thumbprint(),
                 expected);
        // A certificate's key is its subject key.
        QCOMPARE(PemCodec::importKey(readData("ec-p256-cert.pem"))->thumbprint(),
                 PemCodec::importKey(readData("ec-p256-cert-key.pem"))->thumbprint());
        QCOMPARE(PemCodec::importKey(readData("ec-p384-sec1.pem"))->thumbprint(),
                 PemCodec::importKey(readData("ec-p384-pkcs8-encrypted.pem"), &pass)->thumbprint());
    }

    void encryptedPemNeedsTheRightPassphrase()
    {
        for (const char* file : {"ec-p384-pkcs8-encrypted.pem", "rsa2048-pkcs1-legacy-encrypted.pem"}) {
            const QByteArray pem = readData(file);
            auto key = PemCodec::importKey(pem);
            QVERIFY(!key);
            QVERIFY2(key.error().message.contains(QStringLiteral("passphrase is needed")),
                     qPrintable(key.error().message));
            const SecretBuffer wrong = SecretBuffer::fromBytes("wrong");
            key = PemCodec::importKey(pem, &wrong);
            QVERIFY(!key);
            QCOMPARE(key.error().kind, ErrorKind::Input);
            QVERIFY2(key.error().message.contains(QStringLiteral("wrong passphrase")),
                     qPrintable(key.error().message));
        }
    }

    void refusesUnsupportedAndBrokenPem()
    {
        auto key = PemCodec::importKey(readData("x25519-pkcs8.pem"));
        QVERIFY(!key);
        QVERIFY2(key.error().message.contains(QStringLiteral("unsupported key type")),
                 qPrintable(key.error().message));
        key = PemCodec::importKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        QVERIFY(!key);
        QCOMPARE(key.error().kind, ErrorKind::Input);
        key = PemCodec::importKey(
            "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n");
        QVERIFY(!key && key.error().message.contains(QStringLiteral("OpenSSH")));
        key = PemCodec::importKey("no pem here");
        QVERIFY(!key && key.error().message.contains(QStringLiteral("no key")));
        QVERIFY(!KeySet::fromData("neither pem nor json"));
    }

    void exportsPublicPemAndEncryptedPkcs8()
    {
        for (const char* spec : {"rsa-2048", "ec-p384", "ed25519"}) {
            const KeyMaterial key = *KeyGenerator::generate(QLatin1String(spec));
            const auto publicPem = PemCodec::exportPublic(key);
            QVERIFY(publicPem && publicPem->startsWith("-----BEGIN PUBLIC KEY-----"));
            const auto pub = PemCodec::importKey(*publicPem);
            QVERIFY(pub && !pub->hasPrivate());
            QCOMPARE(pub->thumbprint(), key.thumbprint());

            const SecretBuffer pass = passphrase();
            const auto privatePem = PemCodec::exportEncryptedPrivate(key, pass);
            QVERIFY2(privatePem, privatePem ? "" : qPrintable(privatePem.error().message));
            QVERIFY(privatePem->startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
            QVERIFY(PemCodec::isEncrypted(*privatePem));
            const auto back = PemCodec::importKey(*privatePem, &pass);
            QVERIFY2(back, back ? "" : qPrintable(back.error().message));
            QVERIFY(back->hasPrivate());
            QCOMPARE(back->thumbprint(), key.thumbprint());
            QVERIFY(!PemCodec::exportEncryptedPrivate(key, SecretBuffer()));
            QVERIFY(!PemCodec::exportEncryptedPrivate(*pub, pass));
        }
        const KeyMaterial oct = *KeyGenerator::generate(QStringLiteral("oct-256"));
        QVERIFY(!PemCodec::exportPublic(oct));
        QVERIFY(!PemCodec::exportEncryptedPrivate(oct, passphrase()));
        QVERIFY(!oct.publicKey());
    }

    void jwkRoundTripsPublicAndPrivate()
    {
        for (const QString& spec : KeyGenerator::specs()) {
            if (spec == QLatin1String("rsa-3072") || spec == QLatin1String("rsa-4096")) {
                continue; // slow to generate; RSA is covered by rsa-2048
            }
            KeyMaterial key = *KeyGenerator::generate(spec);
            key.setKid(QStringLiteral("kid-") + spec);
            const auto priv = Jwk::toPrivateJson(key);
            QVERIFY2(priv, qPrintable(spec));
            QCOMPARE(priv->value(QStringLiteral("kid")).toString(), QStringLiteral("kid-") + spec);
            const auto back = Jwk::fromJson(*priv);
            QVERIFY2(back, back ? "" : qPrintable(back.error().message));
            QVERIFY(back->hasPrivate());
            QCOMPARE(back->thumbprint(), key.thumbprint());
            QCOMPARE(back->kid(), key.kid());
            if (key.type() == KeyType::Oct) {
                QVERIFY(!Jwk::toPublicJson(key));
                continue;
            }
            const auto pub = Jwk::toPublicJson(key);
            QVERIFY(pub && !pub->contains(QStringLiteral("d")) && !pub->contains(QStringLiteral("p")));
            const auto pubBack = Jwk::fromJson(*pub);
            QVERIFY(pubBack && !pubBack->hasPrivate());
            QCOMPARE(pubBack->thumbprint(), key.thumbprint());
        }
    }

    void privateKeysGiveTheirPublicKeysThumbprint()
    {
        const KeyMaterial key = *KeyGenerator::generate(QStringLiteral("ec-p256"));
        QCOMPARE(key.publicKey()->thumbprint(), key.thumbprint());
        QCOMPARE(Jwk::fromJson(*Jwk::toPublicJson(key))->thumbprint(), key.thumbprint());
    }

    void jwkImportIsStrict_data()
    {
        QTest::addColumn<QByteArray>("jwk");
        QTest::addColumn<QString>("reason");
        const KeyMaterial ec = *KeyGenerator::generate(QStringLiteral("ec-p256"));
        QJsonObject ecJwk = *Jwk::toPrivateJson(ec);
        const QString x = ecJwk.value(QStringLiteral("x")).toString();
        const QString y = ecJwk.value(QStringLiteral("y")).toString();

        QTest::newRow("no kty") << QByteArray("{\"k\":\"AAAA\"}") << QStringLiteral("\"kty\"");
        QTest::newRow("unknown kty") << QByteArray("{\"kty\":\"DSA\"}")
                                     << QStringLiteral("unsupported key type");
        QTest::newRow("duplicate member") << QByteArray("{\"kty\":\"oct\",\"k\":\"AAAA\",\"k\":\"BBBB\"}")
                                          << QStringLiteral("duplicate member name \"k\"");
        QTest::newRow("oct padding") << QByteArray("{\"kty\":\"oct\",\"k\":\"AAA=\"}")
                                     << QStringLiteral("padding");
        QTest::newRow("oct empty") << QByteArray("{\"kty\":\"oct\",\"k\":\"\"}") << QStringLiteral("empty");
        QTest::newRow("kid not string") << QByteArray("{\"kty\":\"oct\",\"k\":\"AAAA\",\"kid\":1}")
                                        << QStringLiteral("\"kid\" must be a string");
        QTest::newRow("unknown curve")
            << QByteArray("{\"kty\":\"EC\",\"crv\":\"secp256k1\",\"x\":\"AA\",\"y\":\"AA\"}")
            << QStringLiteral("unsupported EC curve");
        QTest::newRow("short coordinate") << jsonText({{QStringLiteral("kty"), QStringLiteral("EC")},
                                                       {QStringLiteral("crv"), QStringLiteral("P-256")},
                                                       {QStringLiteral("x"), x.left(40)},
                                                       {QStringLiteral("y"), y}})
                                          << QStringLiteral("32 bytes");
        QTest::newRow("point not on curve") << jsonText({{QStringLiteral("kty"), QStringLiteral("EC")},
                                                         {QStringLiteral("crv"), QStringLiteral("P-256")},
                                                         {QStringLiteral("x"), x},
                                                         {QStringLiteral("y"), x}})
                                            << QStringLiteral("JWK: ");
        QJsonObject mismatched = ecJwk;
        mismatched.insert(QStringLiteral("d"),
                          Jwk::toPrivateJson(*KeyGenerator::generate(QStringLiteral("ec-p256")))
                              ->value(QStringLiteral("d")));
        QTest::newRow("d does not match") << jsonText(mismatched) << QStringLiteral("JWK: ");
        const KeyMaterial rsa =
            *Jwk::fromText("{\"kty\":\"RSA\",\"e\":\"AQAB\",\"n\":\"" +
                           Jwk::toPublicJson(*KeyGenerator::generate(QStringLiteral("rsa-2048")))
                               ->value(QStringLiteral("n"))
                               .toString()
                               .toLatin1() +
                           "\"}");
        QJsonObject partial = *Jwk::toPublicJson(rsa);
        partial.insert(QStringLiteral("d"), QStringLiteral("AQAB"));
        partial.insert(QStringLiteral("p"), QStringLiteral("AQAB"));
        QTest::newRow("partial CRT") << jsonText(partial) << QStringLiteral("all of p, q, dp, dq and qi");
        QTest::newRow("multi-prime") << QByteArray(
                                            "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\",\"oth\":[]}")
                                     << QStringLiteral("multi-prime");
        QTest::newRow("tiny modulus")
            << QByteArray("{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}") << QStringLiteral("too small");
        QTest::newRow("ed25519 short x") << QByteArray("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"AAAA\"}")
                                         << QStringLiteral("32 bytes");
        QTest::newRow("x25519") << QByteArray("{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"AAAA\"}")
                                << QStringLiteral("unsupported OKP curve");
        const KeyMaterial ed = *KeyGenerator::generate(QStringLiteral("ed25519"));
        QJsonObject edMismatch = *Jwk::toPrivateJson(ed);
        edMismatch.insert(QStringLiteral("x"),
                          Jwk::toPublicJson(*KeyGenerator::generate(QStringLiteral("ed25519")))
                              ->value(QStringLiteral("x")));
        QTest::newRow("ed25519 d does not match x")
            << jsonText(edMismatch) << QStringLiteral("does not match");
    }

    void jwkImportIsStrict()
    {
        QFETCH(QByteArray, jwk);
        QFETCH(QString, reason);
        const auto key = Jwk::fromText(jwk);
        QVERIFY(!key);
        QCOMPARE(key.error().kind, ErrorKind::Input);
        QVERIFY2(key.error().message.contains(reason), qPrintable(key.error().message));
    }

    void jwksSkipsUnknownKeysAndExportsPublicKeys()
    {
        const KeyMaterial ec = *KeyGenerator::generate(QStringLiteral("ec-p256"));
        const KeyMaterial oct = *KeyGenerator::generate(QStringLiteral("oct-256"));
        QJsonArray keys{*Jwk::toPublicJson(ec),
                        QJsonObject{{QStringLiteral("kty"), QStringLiteral("OKP")},
                                    {QStringLiteral("crv"), QStringLiteral("X448")},
                                    {QStringLiteral("x"), QStringLiteral("AAAA")}},
                        *Jwk::toPrivateJson(oct)};
        const auto set = KeySet::fromData(jsonText({{QStringLiteral("keys"), keys}}));
        QVERIFY2(set, set ? "" : qPrintable(set.error().message));
        QVERIFY(set->isJwks());
        QCOMPARE(set->size(), std::size_t{2});
        QCOMPARE(set->skippedCount(), 1);
        const auto pub = set->toPublicJwks();
        QVERIFY(pub);
        QCOMPARE(pub->value(QStringLiteral("keys")).toArray().size(),
                 1); // the HMAC secret has no public form
        QCOMPARE(set->toPrivateJwks()->value(QStringLiteral("keys")).toArray().size(), 2);
        QVERIFY(!KeySet::fromData("{\"keys\":[]}"));
        QVERIFY(!KeySet::fromData("{\"keys\":{}}"));
        QVERIFY(!KeySet::fromData("{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"X448\",\"x\":\"AAAA\"}]}"));
        const auto broken =
            KeySet::fromData("{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"}]}");
        QVERIFY(!broken && broken.error().message.contains(QStringLiteral("keys[0]")));
    }

    void everyAlgRoundTripsWithKeysInEveryFormat_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("alg");
        QTest::newRow("HS256") << QStringLiteral("oct-256") << QStringLiteral("HS256");
        QTest::newRow("HS384") << QStringLiteral("oct-384") << QStringLiteral("HS384");
        QTest::newRow("HS512") << QStringLiteral("oct-512") << QStringLiteral("HS512");
        QTest::newRow("RS256") << QStringLiteral("rsa-2048") << QStringLiteral("RS256");
        QTest::newRow("RS384") << QStringLiteral("rsa-2048") << QStringLiteral("RS384");
        QTest::newRow("RS512") << QStringLiteral("rsa-2048") << QStringLiteral("RS512");
        QTest::newRow("PS256") << QStringLiteral("rsa-2048") << QStringLiteral("PS256");
        QTest::newRow("PS384") << QStringLiteral("rsa-2048") << QStringLiteral("PS384");
        QTest::newRow("PS512") << QStringLiteral("rsa-2048") << QStringLiteral("PS512");
        QTest::newRow("ES256") << QStringLiteral("ec-p256") << QStringLiteral("ES256");
        QTest::newRow("ES384") << QStringLiteral("ec-p384") << QStringLiteral("ES384");
        QTest::newRow("ES512") << QStringLiteral("ec-p521") << QStringLiteral("ES512");
        QTest::newRow("EdDSA") << QStringLiteral("ed25519") << QStringLiteral("EdDSA");
    }

    void everyAlgRoundTripsWithKeysInEveryFormat()
    {
        QFETCH(QString, spec);
        QFETCH(QString, alg);
        const JwsAlg jwsAlg = *JwsAlgorithm::fromName(alg);
        const KeyMaterial generated = *KeyGenerator::generate(spec);
        const SecretBuffer pass = passphrase();

        // Signing keys: as generated, and re-imported from each private format.
        std::vector<std::pair<QString, KeyMaterial>> signers{{QStringLiteral("generated"), generated}};
        signers.emplace_back(QStringLiteral("private JWK"),
                             *Jwk::fromText(jsonText(*Jwk::toPrivateJson(generated))));
        const KeySet privateSet = *KeySet::fromData(jsonText(*KeySet::single(generated).toPrivateJwks()));
        signers.emplace_back(QStringLiteral("private JWKS"), privateSet.at(0));
        if (generated.type() != KeyType::Oct) {
            const QByteArray pem = *PemCodec::exportEncryptedPrivate(generated, pass);
            signers.emplace_back(QStringLiteral("encrypted PKCS#8"), *PemCodec::importKey(pem, &pass));
        }

        // Verification key sets: each public format (or the secret itself for HMAC).
        std::vector<std::pair<QString, KeySet>> verifiers;
        if (generated.type() == KeyType::Oct) {
            verifiers.emplace_back(QStringLiteral("secret JWK"),
                                   *KeySet::fromData(jsonText(*Jwk::toPrivateJson(generated))));
            verifiers.emplace_back(
                QStringLiteral("raw secret"),
                KeySet::single(*KeyMaterial::fromSecret(SecretBuffer::fromBytes(generated.secret()))));
        } else {
            verifiers.emplace_back(QStringLiteral("public JWK"),
                                   *KeySet::fromData(jsonText(*Jwk::toPublicJson(generated))));
            verifiers.emplace_back(QStringLiteral("JWKS"),
                                   *KeySet::fromData(jsonText(*KeySet::single(generated).toPublicJwks())));
            verifiers.emplace_back(QStringLiteral("SPKI PEM"),
                                   *KeySet::fromData(*PemCodec::exportPublic(generated)));
        }
        verifiers.emplace_back(QStringLiteral("private key"), KeySet::single(generated));

        VerifyOptions options;
        options.now = kNow;
        options.algs = {jwsAlg};
        options.tokenType = QStringLiteral("access");
        const QJsonObject claims = JwsSigner::withTimes({{QStringLiteral("sub"), QStringLiteral("alice")},
                                                         {QStringLiteral("type"), QStringLiteral("access")}},
                                                        kNow, 900);
        QCOMPARE(claims.value(QStringLiteral("exp")).toDouble(), double(kNow + 900));
        SignOptions signOptions;
        signOptions.alg = jwsAlg;
        for (const auto& [signerName, signer] : signers) {
            const auto token = JwsSigner::sign(signer, claims, signOptions);
            QVERIFY2(token, qPrintable(signerName + QStringLiteral(": ") +
                                       (token ? QString() : token.error().message)));
            const auto parsed = CompactJws::parse(*token);
            QVERIFY(parsed);
            QCOMPARE(parsed->alg(), alg);
            QCOMPARE(parsed->header().value(QStringLiteral("typ")).toString(), QStringLiteral("JWT"));
            QCOMPARE(parsed->kid().value(), generated.kid());
            for (const auto& [verifierName, keys] : verifiers) {
                const VerifyResult result = JwsVerifier(keys, options).verify(*token);
                QVERIFY2(result.valid(), qPrintable(signerName + QStringLiteral(" -> ") + verifierName +
                                                    QStringLiteral(": ") + result.error));
                QCOMPARE(result.claims(), claims);
            }
        }
    }

    // Signing and verifying copy a digest context prepared once per key and algorithm. One RSA key
    // used with every alg it accepts, interleaved, must sign and verify each with that alg's padding
    // and hash, as OpenSSL set up here independently does.
    void oneKeyKeepsEachAlgsContextApart()
    {
        const KeyMaterial key = *KeyGenerator::generate(QStringLiteral("rsa-2048"));
        const QJsonObject claims{{QStringLiteral("sub"), QStringLiteral("alice")}};
        const JwsAlg algs[] = {JwsAlg::RS256, JwsAlg::PS256, JwsAlg::RS384,
                               JwsAlg::PS384, JwsAlg::RS512, JwsAlg::PS512};
        for (int round = 0; round < 2; ++round) {
            for (JwsAlg alg : algs) {
                const QString name = JwsAlgorithm::name(alg);
                SignOptions signOptions;
                signOptions.alg = alg;
                const auto token = JwsSigner::sign(key, claims, signOptions);
                QVERIFY(token);
                const auto parsed = CompactJws::parse(*token);
                QVERIFY(parsed);
                QVERIFY2(referenceRsa(key, name, parsed->signingInput(), parsed->signature(), nullptr),
                         qPrintable(name + QStringLiteral(": OpenSSL does not accept our signature")));
                QByteArray signature;
                QVERIFY(referenceRsa(key, name, parsed->signingInput(), {}, &signature));
                QVERIFY2(JwsCrypto::verify(key, alg, parsed->signingInput(), signature),
                         qPrintable(name + QStringLiteral(": we do not accept OpenSSL's signature")));
            }
        }
    }

    // ECDSA signatures from the prepared context still draw a fresh nonce each time, and many
    // threads may sign and verify with one key at once.
    void ecdsaSignaturesDifferAndSurviveThreads()
    {
        const KeyMaterial key = *KeyGenerator::generate(QStringLiteral("ec-p256"));
        const KeySet fresh = *KeySet::fromData(*PemCodec::exportPublic(key));
        const QJsonObject claims{{QStringLiteral("sub"), QStringLiteral("alice")}};
        const QByteArray first = *JwsSigner::sign(key, claims);
        const QByteArray second = *JwsSigner::sign(key, claims);
        QCOMPARE(first.first(first.lastIndexOf('.')), second.first(second.lastIndexOf('.')));
        QVERIFY(first != second);

        constexpr int kThreads = 4;
        constexpr int kPerThread = 40;
        std::vector<QByteArray> tokens(kThreads * kPerThread);
        std::vector<char> validBySigner(tokens.size(), 0);
        {
            std::vector<std::jthread> threads;
            for (int t = 0; t < kThreads; ++t) {
                threads.emplace_back([&, t] {
                    const JwsVerifier verifier(KeySet::single(key), VerifyOptions{});
                    for (int i = t * kPerThread; i < (t + 1) * kPerThread; ++i) {
                        auto token = JwsSigner::sign(key, claims);
                        if (token) {
                            validBySigner[i] = verifier.verify(*token).valid() ? 1 : 0;
                            tokens[i] = std::move(*token);
                        }
                    }
                });
            }
        }
        const JwsVerifier verifier(fresh, VerifyOptions{});
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            QVERIFY2(validBySigner[i] == 1, qPrintable(QString::number(i)));
            QVERIFY2(verifier.verify(tokens[i]).valid(), qPrintable(QString::number(i)));
        }
    }

    void defaultAlgFollowsTheKey()
    {
        const std::pair<const char*, JwsAlg> cases[] = {
            {"rsa-2048", JwsAlg::RS256}, {"ec-p256", JwsAlg::ES256}, {"ec-p384", JwsAlg::ES384},
            {"ec-p521", JwsAlg::ES512},  {"ed25519", JwsAlg::EdDSA}, {"oct-256", JwsAlg::HS256}};
        for (const auto& [spec, alg] : cases) {
            KeyMaterial key = *KeyGenerator::generate(QLatin1String(spec));
            QCOMPARE(*JwsAlgorithm::defaultFor(key), alg);
            const auto token = JwsSigner::sign(key, {{QStringLiteral("sub"), QStringLiteral("a")}});
            QVERIFY(token);
            QCOMPARE(CompactJws::parse(*token)->alg(), JwsAlgorithm::name(alg));
        }
        KeyMaterial restricted = *KeyGenerator::generate(QStringLiteral("rsa-2048"));
        restricted.setAlg(QStringLiteral("PS384"));
        QCOMPARE(*JwsAlgorithm::defaultFor(restricted), JwsAlg::PS384);
    }
};

QTEST_GUILESS_MAIN(TestKeys)
#include "TestKeys.moc"
