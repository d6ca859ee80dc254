// The vault's key store: generation and import with kid and algorithm defaults, private halves sealed
// at rest, Active/Passive/Retired states, rotation that keeps old tokens verifiable, JWKS export,
// private export after the caller's confirmation, and the refusals that keep a weak or wrong key out.
#include "DirectoryFixture.h"
#include "JoseTestVectors.h"
#include "TestVault.h"
#include "crypto/CryptoRuntime.h"
#include "jose/JwsSigner.h"
#include "jose/JwsVerifier.h"
#include "keyring/KeyRing.h"
#include "keys/Jwk.h"
#include "keys/KeySet.h"
#include "keys/PemCodec.h"
#include "vault/Database.h"
#include "vault/Vault.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace tessera;
using namespace tessera::keys;
using namespace tessera::test;

namespace {

constexpr qint64 kStartMs = 1'800'000'000'000;
constexpr qint64 kDay = 24 * 60 * 60 * 1000;

QByteArray dataFile(const char* name)
{
    QFile file(qEnvironmentVariable("TESSERA_SOURCE_DIR") + QStringLiteral("/tests/data/jose/") + QLatin1String(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QJsonObject claims(qint64 nowSecs)
{
    return {{QStringLiteral("sub"), QStringLiteral("alice")},
            {QStringLiteral("iat"), nowSecs},
            {QStringLiteral("exp"), nowSecs + 900}};
}

} // namespace

class TestKeyRing : public QObject, public DirectoryFixture
{
    Q_OBJECT

public:
    TestKeyRing() : DirectoryFixture(kStartMs) {}

private:
    KeyRing ring() { return KeyRing(*m_vault); }

    jose::VerifyResult verify(const QByteArray& token)
    {
        auto keys = ring().verificationKeys();
        if (!keys) {
            return {};
        }
        jose::VerifyOptions options;
        options.now = m_clock.nowSecs();
        return jose::JwsVerifier(*keys, options).verify(token);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(CryptoRuntime::initialise());
    }

    void init() { openFresh(); }

    void generatedKeysTakeTheirThumbprintAndAlgorithms_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("kty");
        QTest::addColumn<QString>("firstAlg");
        QTest::newRow("ec-p256") << "ec-p256" << "EC" << "ES256";
        QTest::newRow("ec-p384") << "ec-p384" << "EC" << "ES384";
        QTest::newRow("ed25519") << "ed25519" << "OKP" << "EdDSA";
        QTest::newRow("rsa-2048") << "rsa-2048" << "RSA" << "RS256";
        QTest::newRow("oct-256") << "oct-256" << "oct" << "HS256";
    }

    void generatedKeysTakeTheirThumbprintAndAlgorithms()
    {
        QFETCH(QString, spec);
        QFETCH(QString, kty);
        QFETCH(QString, firstAlg);
        auto key = ring().generate(spec);
        QVERIFY2(key.has_value(), qPrintable(key ? QString() : key.error().message));
        QCOMPARE(key->kty, kty);
        QCOMPARE(key->algorithms.first(), firstAlg);
        QCOMPARE(key->state, KeyState::Active);
        QVERIFY(key->hasPrivate);
        QCOMPARE(key->createdMs, kStartMs);
        auto material = ring().material(key->kid);
        QVERIFY(material.has_value());
        QCOMPARE(material->kid(), key->kid);
        QCOMPARE(*Jwk::thumbprint(*material), key->kid); // default kid: RFC 7638 thumbprint
        QCOMPARE(key->publicJwk.isEmpty(), kty == QStringLiteral("oct"));

        // Signs, and what it signs verifies against the vault's keys; also after reopening.
        auto signing = ring().signingKey();
        QVERIFY(signing.has_value());
        auto token = jose::JwsSigner::sign(*signing, claims(m_clock.nowSecs()));
        QVERIFY(token.has_value());
        QVERIFY2(verify(*token).valid(), qPrintable(verify(*token).error));
        reopen();
        QVERIFY(verify(*token).valid());
        const auto entries = m_vault->audit().list();
        QCOMPARE(entries->front().action, QStringLiteral("key.generate"));
    }

    void privateHalvesAreSealedAtRest()
    {
        auto key = ring().generate(QStringLiteral("ec-p256"), {QStringLiteral("signer-1"), {}, 0, {}});
        QVERIFY(key.has_value());
        QCOMPARE(key->kid, QStringLiteral("signer-1"));
        auto exported = ring().exportPrivate(QStringLiteral("signer-1"), PrivateKeyFormat::Jwk);
        QVERIFY(exported.has_value());
        const QJsonObject jwk = QJsonDocument::fromJson(exported->view().toByteArray()).object();
        const QByteArray d = jwk.value(QStringLiteral("d")).toString().toLatin1();
        QVERIFY(d.size() >= 40);
        auto stmt = m_vault->database().prepare("SELECT public_jwk, sealed_private FROM signing_keys");
        QVERIFY(*stmt->step());
        QVERIFY(!stmt->columnText(0).contains(QString::fromLatin1(d)));
        QVERIFY(stmt->columnText(0).contains(QStringLiteral("\"kid\":\"signer-1\"")));
        QVERIFY(!stmt->columnBlob(1).contains(d));
        QVERIFY(!stmt->columnBlob(1).contains("\"d\""));
        QCOMPARE(m_vault->audit().list()->front().action, QStringLiteral("key.export-private"));
    }

    void rotationKeepsOldTokensVerifiable()
    {
        auto first = ring().generate(QStringLiteral("ed25519"));
        QVERIFY(first.has_value());
        const QByteArray oldToken = *jose::JwsSigner::sign(*ring().signingKey(), claims(m_clock.nowSecs()));
        m_clock.advanceMs(90 * kDay);
        auto second = ring().rotate(first->kid);
        QVERIFY2(second.has_value(), qPrintable(second ? QString() : second.error().message));
        QVERIFY(second->kid != first->kid);
        QCOMPARE(second->algorithms, first->algorithms);
        QCOMPARE(ring().key(first->kid)->state, KeyState::Passive);
        QCOMPARE(ring().signingKey()->kid(), second->kid);
        QCOMPARE(ring().publicJwks()->value(QStringLiteral("keys")).toArray().size(), 2);

        jose::VerifyOptions options;
        options.now = kStartMs / 1000 + 60;
        QVERIFY(jose::JwsVerifier(*ring().verificationKeys(), options).verify(oldToken).valid());

        // A passive key does not sign; a retired one neither verifies nor appears in the JWKS.
        QCOMPARE(ring().signingKey(first->kid).error().kind, ErrorKind::Usage);
        QVERIFY(ring().setState(first->kid, KeyState::Retired).has_value());
        QCOMPARE(ring().publicJwks()->value(QStringLiteral("keys")).toArray().size(), 1);
        QVERIFY(!jose::JwsVerifier(*ring().verificationKeys(), options).verify(oldToken).valid());
        QCOMPARE(m_vault->audit().list()->front().action, QStringLiteral("key.state"));

        // Reminders: keys in use older than 60 days.
        const auto old = KeyRing::olderThan(*ring().list(), 60 * kDay, m_clock.nowMs());
        QCOMPARE(old.size(), 0); // the first is retired, the second is new
        m_clock.advanceMs(61 * kDay);
        QCOMPARE(KeyRing::olderThan(*ring().list(), 60 * kDay, m_clock.nowMs()).size(), 1);
    }

    void choosingTheSigningKey()
    {
        QCOMPARE(ring().signingKey().error().kind, ErrorKind::NotFound);
        QVERIFY(ring().generate(QStringLiteral("ec-p256"), {QStringLiteral("a"), {}, 0, {}}).has_value());
        QVERIFY(ring().generate(QStringLiteral("ec-p256"), {QStringLiteral("b"), {}, kStartMs + kDay, {}}).has_value());
        auto ambiguous = ring().signingKey();
        QCOMPARE(ambiguous.error().kind, ErrorKind::Usage);
        QVERIFY(ambiguous.error().message.contains(QStringLiteral("a, b")));
        QCOMPARE(ring().signingKey(QStringLiteral("b"))->kid(), QStringLiteral("b"));
        m_clock.advanceMs(2 * kDay);
        QVERIFY(ring().signingKey(QStringLiteral("b")).error().message.contains(QStringLiteral("not-after")));
        QCOMPARE(ring().signingKey()->kid(), QStringLiteral("a")); // the expired one is not a candidate
        QCOMPARE(ring().signingKey(QStringLiteral("zzz")).error().kind, ErrorKind::NotFound);
    }

    void importsAreCheckedAndAllOrNothing()
    {
        auto publicSet = KeySet::fromData(dataFile("rsa2048-spki.pem"));
        QVERIFY(publicSet.has_value());
        auto imported = ring().import(*publicSet);
        QVERIFY2(imported.has_value(), qPrintable(imported ? QString() : imported.error().message));
        QCOMPARE(imported->first().state, KeyState::Passive); // public keys verify only
        QVERIFY(!imported->first().hasPrivate);
        QCOMPARE(ring().setState(imported->first().kid, KeyState::Active).error().kind, ErrorKind::Usage);
        QCOMPARE(ring().exportPrivate(imported->first().kid, PrivateKeyFormat::Jwk).error().kind, ErrorKind::Usage);
        auto again = ring().import(*publicSet);
        QCOMPARE(again.error().kind, ErrorKind::Conflict);

        auto weak = KeySet::fromData(dataFile("rsa1024-pkcs8.pem"));
        QVERIFY(weak.has_value());
        auto refused = ring().import(*weak);
        QCOMPARE(refused.error().kind, ErrorKind::Input);
        QVERIFY(refused.error().message.contains(QStringLiteral("2048")));

        auto ec = KeySet::fromData(dataFile("ec-p384-sec1.pem"));
        QVERIFY(ec.has_value());
        KeyOptions wrongAlg;
        wrongAlg.algorithms = {QStringLiteral("HS256")};
        QCOMPARE(ring().import(*ec, wrongAlg).error().kind, ErrorKind::Usage); // an EC key is never an HMAC secret
        KeyOptions badKid;
        badKid.kid = QStringLiteral("has space");
        QCOMPARE(ring().import(*ec, badKid).error().kind, ErrorKind::Usage);
        QCOMPARE(ring().list()->size(), 1);
    }

    void aKidOverrideNamesOneKeyOnly()
    {
        // RFC 7515 A.3 (EC P-256) and RFC 8037 A.1 (Ed25519) as one JWKS.
        const QByteArray jwks = QByteArray("{\"keys\":[") + kA3Key + ',' + kEd25519Key + "]}";
        auto both = KeySet::fromData(jwks);
        QVERIFY2(both.has_value(), qPrintable(both ? QString() : both.error().message));
        QCOMPARE(both->size(), std::size_t{2});
        KeyOptions named;
        named.kid = QStringLiteral("signer-2026");
        auto refused = ring().import(*both, named);
        QCOMPARE(refused.error().kind, ErrorKind::Usage);
        QVERIFY(refused.error().message.contains(QStringLiteral("2 keys")));
        QCOMPARE(ring().list()->size(), 0);

        // Without the override each takes its thumbprint; with it, a single key takes the given kid,
        // also over the kid its JWK carries.
        auto imported = ring().import(*both);
        QVERIFY(imported.has_value());
        QCOMPARE(imported->size(), 2);
        QCOMPARE(imported->at(0).kid, both->keys().at(0).thumbprint());
        auto carried = KeySet::fromData(kThumbprintKey);
        QVERIFY(carried.has_value());
        auto renamed = ring().import(*carried, named);
        QVERIFY(renamed.has_value());
        QCOMPARE(renamed->first().kid, QStringLiteral("signer-2026"));
        QCOMPARE(ring().material(QStringLiteral("signer-2026"))->kid(), QStringLiteral("signer-2026"));
        QCOMPARE(ring().key(QStringLiteral("2011-04-29")).error().kind, ErrorKind::NotFound);
    }

    void verificationKeysLeavePrivateHalvesSealed()
    {
        auto ec = ring().generate(QStringLiteral("ec-p256"));
        auto hmac = ring().generate(QStringLiteral("oct-256"));
        QVERIFY(ec && hmac);
        auto keys = ring().verificationKeys();
        QVERIFY(keys.has_value());
        QCOMPARE(keys->size(), std::size_t{2});
        for (const KeyMaterial& key : keys->keys()) {
            // An HMAC secret verifies only as itself; the EC key verifies with its public half.
            QCOMPARE(key.hasPrivate(), key.isSymmetric());
        }
        auto token = jose::JwsSigner::sign(*ring().signingKey(ec->kid), claims(m_clock.nowSecs()));
        QVERIFY(token.has_value());
        QVERIFY(verify(*token).valid());
    }

    void privateExportRoundTrips()
    {
        auto key = ring().generate(QStringLiteral("ec-p256"));
        QVERIFY(key.has_value());
        const SecretBuffer passphrase = SecretBuffer::fromBytes("export passphrase");
        auto pem = ring().exportPrivate(key->kid, PrivateKeyFormat::EncryptedPkcs8, &passphrase);
        QVERIFY(pem.has_value());
        QVERIFY(pem->view().startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        auto back = PemCodec::importKey(pem->view(), &passphrase);
        QVERIFY(back.has_value());
        QCOMPARE(back->thumbprint(), key->kid);
        QCOMPARE(ring().exportPrivate(key->kid, PrivateKeyFormat::EncryptedPkcs8).error().kind, ErrorKind::Usage);

        auto secret = ring().generate(QStringLiteral("oct-256"));
        QCOMPARE(ring().exportPrivate(secret->kid, PrivateKeyFormat::EncryptedPkcs8, &passphrase).error().kind,
                 ErrorKind::Usage);
        QVERIFY(ring().remove(secret->kid).has_value());
        QCOMPARE(ring().key(secret->kid).error().kind, ErrorKind::NotFound);
        QCOMPARE(m_vault->audit().list()->front().action, QStringLiteral("key.delete"));
    }
};

QTEST_GUILESS_MAIN(TestKeyRing)
#include "TestKeyRing.moc"
