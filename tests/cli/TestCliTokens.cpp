// The stateless token, key and PKCE commands, run as the real tessera-cli: the RFC examples, a
// generate -> sign -> verify round trip per key type, interop with python3-jwcrypto both ways, a
// crafted bad token per verification rule, the inspector's findings, and the input rules (secret
// files, stdin, batches).
#include "CliRunner.h"
#include "JoseTestVectors.h"
#include "JwsKeySpec.h"
#include "PseudoTerminal.h"
#include "TestVault.h"
#include "ToolRun.h"
#include "crypto/CryptoRuntime.h"
#include "jose/JwsAlgorithm.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace tessera;
using namespace tessera::test;

namespace {

constexpr qint64 kNow = 1'700'000'000;

// A 32-byte HMAC secret for the crafted tokens.
// Not on the bundled list of well-known secrets, so only the tests that want weak-hmac-secret get it.
const QByteArray kSecret("tessera-cli-test-secret-9f3k2m7q");

QByteArray b64(const QByteArray& bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray hs256(const QByteArray& key, const QByteArray& signingInput)
{
    return QMessageAuthenticationCode::hash(signingInput, key, QCryptographicHash::Sha256);
}

// header.payload.signature from JSON texts, HS256-signed with key (or with the given signature).
QByteArray craft(const QByteArray& header, const QByteArray& payload, const QByteArray& key = kSecret)
{
    const QByteArray input = b64(header) + '.' + b64(payload);
    return input + '.' + b64(hs256(key, input));
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

int modeOf(const QString& path)
{
    struct stat info
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? static_cast<int>(info.st_mode & 07777)
                                                                   : -1;
}

QStringList ids(const QJsonObject& document)
{
    QStringList out;
    for (const QJsonValue& finding : document.value(QStringLiteral("findings")).toArray()) {
        out.append(finding.toObject().value(QStringLiteral("id")).toString());
    }
    return out;
}

} // namespace

class TestCliTokens : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_python; // an interpreter that imports jwcrypto, or empty

    QString path(const QString& name) const { return m_dir.filePath(name); }
    CliRun cli(const QStringList& arguments, const QByteArray& input = {}) const
    {
        return CliRunner(m_dir.path()).run(arguments, input);
    }
    QString file(const QString& name, const QByteArray& contents) const
    {
        writeAll(path(name), contents);
        return path(name);
    }
    QString secretFile() const { return file(QStringLiteral("secret.bin"), kSecret); }

    CliRun verify(const QByteArray& token, const QStringList& extra) const
    {
        return cli(
            QStringList{QStringLiteral("token"), QStringLiteral("verify"), QString::fromLatin1(token)} +
            extra);
    }
    CliRun verifyWithSecret(const QByteArray& token, const QStringList& extra = {}) const
    {
        return verify(token, QStringList{QStringLiteral("--secret-file"), secretFile(),
                                         QStringLiteral("--now"), QString::number(kNow)} +
                                 extra);
    }
    CliRun inspectJson(const QByteArray& token, const QStringList& extra = {}) const
    {
        return cli(QStringList{QStringLiteral("token"), QStringLiteral("inspect"), QString::fromLatin1(token),
                               QStringLiteral("--json"), QStringLiteral("--now"), QString::number(kNow)} +
                   extra);
    }
    // Signs claims with the secret file at kNow; the token alone.
    QByteArray signWithSecret(const QByteArray& claims, const QStringList& extra = {})
    {
        const CliRun run =
            cli(QStringList{QStringLiteral("token"), QStringLiteral("sign"), QStringLiteral("--secret-file"),
                            secretFile(), QStringLiteral("--claims"), QString::fromUtf8(claims),
                            QStringLiteral("--now"), QString::number(kNow)} +
                extra);
        if (run.exitCode != 0) {
            qWarning("%s", run.describe().constData());
            return {};
        }
        return run.out.trimmed();
    }
    // A new key file of `type` as a private JWK; the public half beside it (none for oct keys).
    bool generate(const QString& type, const QString& name)
    {
        const CliRun run = cli({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--type"),
                                type, QStringLiteral("--out"), path(name)});
        if (run.exitCode != 0) {
            qWarning("%s", run.describe().constData());
            return false;
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(CryptoRuntime::initialise());
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo(CliRunner::program()).isExecutable(), "TESSERA_CLI must point at tessera-cli");
        m_python = pythonWithModule(QStringLiteral("jwcrypto"));
    }

    // ---- the published examples ------------------------------------------------------------------

    void rfc7515A1VerifiesAndExpires()
    {
        const QString key = file(QStringLiteral("a1.jwk"), kA1Key);
        const QStringList withKey{QStringLiteral("--key"), key};
        CliRun run =
            verify(kA1Token, withKey + QStringList{QStringLiteral("--now"), QString::number(kRfc7515Exp - 1),
                                                   QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 0);
        QJsonObject json = run.json();
        QCOMPARE(json.value(QStringLiteral("valid")).toBool(), true);
        QCOMPARE(json.value(QStringLiteral("alg")).toString(), QStringLiteral("HS256"));
        QVERIFY(json.value(QStringLiteral("kid")).isNull());
        QVERIFY(json.value(QStringLiteral("error")).isNull());
        QCOMPARE(json.value(QStringLiteral("claims")).toObject().value(QStringLiteral("iss")).toString(),
                 QStringLiteral("joe"));

        // At exp it has expired (exp is exclusive) ...
        run = verify(kA1Token, withKey + QStringList{QStringLiteral("--now"), QString::number(kRfc7515Exp)});
        CLI_EXPECT_EXIT(run, 1);
        QVERIFY2(run.errText().startsWith(QStringLiteral("tessera-cli: error: invalid token: ")), run.err);
        QVERIFY2(run.errText().contains(QStringLiteral("expired")), run.err);
        QVERIFY(run.out.isEmpty());
        // ... unless the leeway covers it: valid while now < exp + leeway.
        run = verify(kA1Token, withKey + QStringList{QStringLiteral("--now"), QString::number(kRfc7515Exp + 9),
                                                     QStringLiteral("--leeway"), QStringLiteral("10")});
        CLI_EXPECT_EXIT(run, 0);
        run = verify(kA1Token, withKey + QStringList{QStringLiteral("--now"), QString::number(kRfc7515Exp + 10),
                                                     QStringLiteral("--leeway"), QStringLiteral("10")});
        CLI_EXPECT_EXIT(run, 1);
        // The failure document keeps the result's fields and adds the CLI's error object.
        run = verify(kA1Token, withKey + QStringList{QStringLiteral("--now"), QString::number(kRfc7515Exp),
                                                     QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 1);
        json = run.json();
        QCOMPARE(json.value(QStringLiteral("valid")).toBool(true), false);
        QCOMPARE(json.value(QStringLiteral("ok")).toBool(true), false);
        QCOMPARE(json.value(QStringLiteral("error")).toObject().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("invalid-token"));
        QCOMPARE(json.value(QStringLiteral("claims")).toObject().value(QStringLiteral("iss")).toString(),
                 QStringLiteral("joe"));
    }

    void rfc8037A4VerifiesWithTheRfcKeyAndItsPublicHalf()
    {
        const QString key = file(QStringLiteral("ed25519-rfc.jwk"), kEd25519Key);
        CliRun run = verify(kEd25519Token, {QStringLiteral("--key"), key, QStringLiteral("--any-payload")});
        CLI_EXPECT_EXIT(run, 0);
        // Its payload is a sentence, not a claims set: as a JWT it is malformed.
        run = verify(kEd25519Token, {QStringLiteral("--key"), key});
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY2(run.errText().contains(QStringLiteral("payload")), run.err);
        // The public key alone verifies it too, and a flipped signature byte does not.
        run = cli({QStringLiteral("key"), QStringLiteral("convert"), key, QStringLiteral("--to"),
                   QStringLiteral("jwk"), QStringLiteral("--public")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(!run.out.contains("\"d\""));
        const QString pub = file(QStringLiteral("ed25519-rfc-public.jwk"), run.out);
        CLI_EXPECT_EXIT(
            verify(kEd25519Token, {QStringLiteral("--key"), pub, QStringLiteral("--any-payload")}), 0);
        QByteArray tampered(kEd25519Token);
        tampered[tampered.size() - 5] = tampered[tampered.size() - 5] == 'A' ? 'B' : 'A';
        CLI_EXPECT_EXIT(verify(tampered, {QStringLiteral("--key"), pub, QStringLiteral("--any-payload")}), 1);
        // Claim checks cannot be met by a payload that has no claims.
        CLI_EXPECT_EXIT(verify(kEd25519Token, {QStringLiteral("--key"), pub, QStringLiteral("--any-payload"),
                                               QStringLiteral("--require"), QStringLiteral("exp")}),
                        1);
    }

    void rfc7638ThumbprintMatches()
    {
        CliRun run = cli({QStringLiteral("key"), QStringLiteral("thumbprint"),
                          file(QStringLiteral("rfc7638.jwk"), kThumbprintKey)});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.out, QByteArray("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs\n"));
        // A private key gives its public key's thumbprint (RFC 8037 A.3).
        run = cli({QStringLiteral("key"), QStringLiteral("thumbprint"),
                   file(QStringLiteral("ed25519-rfc.jwk"), kEd25519Key), QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(QStringLiteral("thumbprint")).toString(),
                 QStringLiteral("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"));
        // A set of one key is fine, a set of two is not one key.
        const QJsonObject rsa = QJsonDocument::fromJson(kThumbprintKey).object();
        const QJsonObject ed = QJsonDocument::fromJson(kEd25519Key).object();
        run = cli({QStringLiteral("key"), QStringLiteral("thumbprint"),
                   file(QStringLiteral("one.jwks"),
                        QJsonDocument(QJsonObject{{QStringLiteral("keys"), QJsonArray{rsa}}}).toJson())});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.out, QByteArray("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs\n"));
        run = cli({QStringLiteral("key"), QStringLiteral("thumbprint"),
                   file(QStringLiteral("two.jwks"),
                        QJsonDocument(QJsonObject{{QStringLiteral("keys"), QJsonArray{rsa, ed}}}).toJson())});
        CLI_EXPECT_EXIT(run, 2);
        // PEM works as well, and an encrypted PKCS#8 key with its passphrase gives the same thumbprint
        // as the same key unencrypted.
        const QString data = qEnvironmentVariable("TESSERA_SOURCE_DIR") + QStringLiteral("/tests/data/jose/");
        run = cli(
            {QStringLiteral("key"), QStringLiteral("thumbprint"), data + QStringLiteral("ec-p384-sec1.pem")});
        CLI_EXPECT_EXIT(run, 0);
        const QByteArray plain = run.out;
        run =
            cli({QStringLiteral("key"), QStringLiteral("thumbprint"),
                 data + QStringLiteral("ec-p384-pkcs8-encrypted.pem"), QStringLiteral("--passphrase-stdin")},
                "tessera-test\n");
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.out, plain);
        run = cli({QStringLiteral("key"), QStringLiteral("thumbprint"),
                   data + QStringLiteral("ec-p384-pkcs8-encrypted.pem")});
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY2(run.errText().contains(QStringLiteral("--passphrase-stdin")), run.err);
        run =
            cli({QStringLiteral("key"), QStringLiteral("thumbprint"),
                 data + QStringLiteral("ec-p384-pkcs8-encrypted.pem"), QStringLiteral("--passphrase-stdin")},
                "wrong\n");
        CLI_EXPECT_EXIT(run, 2);
    }

    // ---- generate -> sign -> verify ----------------------------------------------------------------

    void roundTripEveryKeyType_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("alg");
        QTest::newRow("rsa-2048") << QStringLiteral("rsa-2048") << QStringLiteral("RS256");
        QTest::newRow("rsa-3072") << QStringLiteral("rsa-3072") << QStringLiteral("RS256");
        QTest::newRow("rsa-4096") << QStringLiteral("rsa-4096") << QStringLiteral("RS256");
        QTest::newRow("ec-p256") << QStringLiteral("ec-p256") << QStringLiteral("ES256");
        QTest::newRow("ec-p384") << QStringLiteral("ec-p384") << QStringLiteral("ES384");
        QTest::newRow("ec-p521") << QStringLiteral("ec-p521") << QStringLiteral("ES512");
        QTest::newRow("ed25519") << QStringLiteral("ed25519") << QStringLiteral("EdDSA");
        QTest::newRow("oct-256") << QStringLiteral("oct-256") << QStringLiteral("HS256");
        QTest::newRow("oct-384") << QStringLiteral("oct-384") << QStringLiteral("HS256");
        QTest::newRow("oct-512") << QStringLiteral("oct-512") << QStringLiteral("HS256");
    }

    void roundTripEveryKeyType()
    {
        QFETCH(QString, type);
        QFETCH(QString, alg);
        const QString privateKey = path(type + QStringLiteral(".jwk"));
        QFile::remove(privateKey);
        CliRun run = cli({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--type"), type,
                          QStringLiteral("--out"), privateKey, QStringLiteral("--kid"),
                          QStringLiteral("k-") + type, QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(QStringLiteral("kid")).toString(), QStringLiteral("k-") + type);
        QCOMPARE(modeOf(privateKey), 0600);

        // The default alg follows the key; the kid goes into the header.
        run = cli({QStringLiteral("token"), QStringLiteral("sign"), QStringLiteral("--key"), privateKey,
                   QStringLiteral("--claims"), QStringLiteral("{\"sub\":\"alice\"}"), QStringLiteral("--now"),
                   QString::number(kNow), QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 0);
        const QJsonObject signedDoc = run.json();
        QCOMPARE(signedDoc.value(QStringLiteral("header")).toObject().value(QStringLiteral("alg")).toString(),
                 alg);
        QCOMPARE(signedDoc.value(QStringLiteral("header")).toObject().value(QStringLiteral("kid")).toString(),
                 QStringLiteral("k-") + type);
        const QByteArray token = signedDoc.value(QStringLiteral("token")).toString().toLatin1();

        // Verified with the public key (an HMAC secret verifies with itself).
        QString verifyKey = privateKey;
        if (!type.startsWith(QLatin1String("oct"))) {
            run = cli({QStringLiteral("key"), QStringLiteral("convert"), privateKey, QStringLiteral("--to"),
                       QStringLiteral("jwks"), QStringLiteral("--public")});
            CLI_EXPECT_EXIT(run, 0);
            QVERIFY(run.err.isEmpty()); // no private-output warning
            verifyKey = file(type + QStringLiteral(".public.jwks"), run.out);
        }
        const QString keyOption =
            type.startsWith(QLatin1String("oct")) ? QStringLiteral("--key") : QStringLiteral("--jwks");
        run = verify(token, {keyOption, verifyKey, QStringLiteral("--now"), QString::number(kNow + 60),
                             QStringLiteral("--require"), QStringLiteral("exp"), QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(QStringLiteral("kid")).toString(), QStringLiteral("k-") + type);
        QCOMPARE(
            run.json().value(QStringLiteral("claims")).toObject().value(QStringLiteral("exp")).toInteger(),
            kNow + 900);
        // Past the default 15 minutes it has expired.
        CLI_EXPECT_EXIT(
            verify(token, {keyOption, verifyKey, QStringLiteral("--now"), QString::number(kNow + 900)}), 1);

        if (type.startsWith(QLatin1String("oct"))) {
            return;
        }
        // The same through encrypted PKCS#8 PEM, written with a passphrase and read back with it.
        const QString pemKey = path(type + QStringLiteral(".pem"));
        QFile::remove(pemKey);
        run = cli({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--type"), type,
                   QStringLiteral("--out"), pemKey, QStringLiteral("--format"), QStringLiteral("pem"),
                   QStringLiteral("--passphrase-stdin")},
                  "pem pass phrase\n");
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(readFile(pemKey).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        run = cli({QStringLiteral("token"), QStringLiteral("sign"), QStringLiteral("--key"), pemKey,
                   QStringLiteral("--passphrase-stdin"), QStringLiteral("--claims"), QStringLiteral("-"),
                   QStringLiteral("--now"), QString::number(kNow)},
                  "pem pass phrase\n{\"sub\":\"bob\"}");
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.out.count('\n'), 1); // the token alone on one line
        const QByteArray pemToken = run.out.trimmed();
        run = cli({QStringLiteral("key"), QStringLiteral("convert"), pemKey, QStringLiteral("--to"),
                   QStringLiteral("pem"), QStringLiteral("--public"), QStringLiteral("--passphrase-stdin")},
                  "pem pass phrase\n");
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(run.out.startsWith("-----BEGIN PUBLIC KEY-----"));
        const QString publicPem = file(type + QStringLiteral(".public.pem"), run.out);
        run =
            verify(pemToken, {QStringLiteral("--key"), publicPem, QStringLiteral("--now"),
                              QString::number(kNow), QStringLiteral("--alg"), alg, QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(
            run.json().value(QStringLiteral("claims")).toObject().value(QStringLiteral("sub")).toString(),
            QStringLiteral("bob"));
        // The JWK key's token does not verify with the PEM key's public half.
        CLI_EXPECT_EXIT(verify(token, {QStringLiteral("--key"), publicPem, QStringLiteral("--now"),
                                       QString::number(kNow)}),
                        1);
    }

    void generateRefusesToOverwriteAndNeedsOut()
    {
        const QString out = path(QStringLiteral("overwrite.jwk"));
        QFile::remove(out);
        const QStringList args{QStringLiteral("key"),    QStringLiteral("generate"),
                               QStringLiteral("--type"), QStringLiteral("ed25519"),
                               QStringLiteral("--out"),  out};
        CLI_EXPECT_EXIT(cli(args), 0);
        const QByteArray first = readFile(out);
        CliRun run = cli(args + QStringList{QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 2);
        QCOMPARE(
            run.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("kind")).toString(),
            QStringLiteral("conflict"));
        QCOMPARE(readFile(out), first);
        CLI_EXPECT_EXIT(cli(args + QStringList{QStringLiteral("--force")}), 0);
        QVERIFY(readFile(out) != first);
        QCOMPARE(modeOf(out), 0600);

        // Without --out the key goes into the vault; there is none here (exit 3), and no file appears.
        run = cli({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--type"),
                   QStringLiteral("ed25519")});
        CLI_EXPECT_EXIT(run, 3);
        QVERIFY2(run.errText().contains(QStringLiteral("no vault")), run.err);
        CLI_EXPECT_EXIT(
            cli({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--type"),
                 QStringLiteral("rsa-1024"), QStringLiteral("--out"), path(QStringLiteral("x.jwk"))}),
            2);
        // An HMAC secret has no PEM form; a private PEM is never written without a passphrase.
        CLI_EXPECT_EXIT(
            cli({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--type"),
                 QStringLiteral("oct-256"), QStringLiteral("--out"), path(QStringLiteral("x.pem")),
                 QStringLiteral("--format"), QStringLiteral("pem")}),
            2);
        CLI_EXPECT_EXIT(
            cli({QStringLiteral("key"), QStringLiteral("generate"), QStringLiteral("--type"),
                 QStringLiteral("ec-p256"), QStringLiteral("--out"), path(QStringLiteral("x.pem")),
                 QStringLiteral("--format"), QStringLiteral("pem")}),
            2);
        QVERIFY(!QFile::exists(path(QStringLiteral("x.pem"))));
        // --out that cannot be written, refused before the key is generated: no name and a folder (exit 2,
        // even with --force), a missing folder (exit 3, as for every file the CLI writes).
        const QStringList generateKey{QStringLiteral("key"), QStringLiteral("generate"),
                                      QStringLiteral("--type"), QStringLiteral("ed25519"),
                                      QStringLiteral("--force")};
        CLI_EXPECT_EXIT(cli(generateKey + QStringList{QStringLiteral("--out=")}), 2);
        CLI_EXPECT_EXIT(cli(generateKey + QStringList{QStringLiteral("--out"), m_dir.path()}), 2);
        run = cli(generateKey +
                  QStringList{QStringLiteral("--out"), path(QStringLiteral("no-such-folder/k.jwk"))});
        CLI_EXPECT_EXIT(run, 3);
        QVERIFY2(run.errText().contains(QStringLiteral("does not exist")), run.err);
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("no-such-folder"))));
    }

    void convertWarnsAboutPrivateOutput()
    {
        QVERIFY(generate(QStringLiteral("ec-p256"), QStringLiteral("convert.jwk")));
        const QString key = path(QStringLiteral("convert.jwk"));
        CliRun run = cli({QStringLiteral("key"), QStringLiteral("convert"), key, QStringLiteral("--to"),
                          QStringLiteral("jwk")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(QJsonDocument::fromJson(run.out).object().contains(QStringLiteral("d")));
        QVERIFY2(run.errText().contains(QStringLiteral("warning")), run.err);
        run = cli({QStringLiteral("key"), QStringLiteral("convert"), key, QStringLiteral("--to"),
                   QStringLiteral("jwk"), QStringLiteral("--public")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(!QJsonDocument::fromJson(run.out).object().contains(QStringLiteral("d")));
        QVERIFY(run.err.isEmpty());
        // Private PEM output is encrypted, so it needs a passphrase.
        CLI_EXPECT_EXIT(cli({QStringLiteral("key"), QStringLiteral("convert"), key, QStringLiteral("--to"),
                             QStringLiteral("pem")}),
                        2);
        run = cli({QStringLiteral("key"), QStringLiteral("convert"), key, QStringLiteral("--to"),
                   QStringLiteral("pem"), QStringLiteral("--passphrase-stdin")},
                  "another phrase\n");
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(run.out.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        const QString encrypted = file(QStringLiteral("convert.pem"), run.out);
        const CliRun fromJwk = cli({QStringLiteral("key"), QStringLiteral("thumbprint"), key});
        const CliRun fromPem = cli({QStringLiteral("key"), QStringLiteral("thumbprint"), encrypted,
                                    QStringLiteral("--passphrase-stdin")},
                                   "another phrase\n");
        CLI_EXPECT_EXIT(fromPem, 0);
        QCOMPARE(fromPem.out, fromJwk.out);
        // An HMAC secret has no public form.
        QVERIFY(generate(QStringLiteral("oct-256"), QStringLiteral("convert-oct.jwk")));
        CLI_EXPECT_EXIT(
            cli({QStringLiteral("key"), QStringLiteral("convert"), path(QStringLiteral("convert-oct.jwk")),
                 QStringLiteral("--to"), QStringLiteral("jwk"), QStringLiteral("--public")}),
            2);
    }

    // ---- interop -------------------------------------------------------------------------------------

    void interopWithJwcrypto()
    {
        // A listed test dependency, like oathtool and zbarimg for the MFA tests: missing is a failure.
        if (m_python.isEmpty()) {
            QFAIL("python3 cannot import jwcrypto: install the python3-jwcrypto package (see "
                  "packaging/debian-packages.txt)");
        }
        const QString script = qEnvironmentVariable("TESSERA_SOURCE_DIR") +
                               QStringLiteral("/tests/data/jose/jwcrypto_interop.py");
        const QString dir = path(QStringLiteral("interop"));
        QVERIFY(QDir().mkpath(dir));

        // jwcrypto's tokens verify with tessera-cli, by JWK and (RSA, EC) by PEM.
        ToolRun made = runTool(m_python, {script, QStringLiteral("make"), dir, QString::number(kNow)});
        QVERIFY2(made.started && made.exitCode == 0, made.err.constData());
        int verified = 0;
        for (const jose::JwsAlg alg : jose::JwsAlgorithm::all()) {
            const QString name = jose::JwsAlgorithm::name(alg);
            const QString base = dir + QLatin1Char('/') + name + QStringLiteral(".jwcrypto");
            const QByteArray token = readFile(base + QStringLiteral(".token")).trimmed();
            QVERIFY2(!token.isEmpty(), qPrintable(base));
            QStringList keyFiles{base + QStringLiteral(".jwk")};
            if (QFile::exists(base + QStringLiteral(".pem"))) {
                keyFiles.append(base + QStringLiteral(".pem"));
            }
            for (const QString& keyFile : keyFiles) {
                const CliRun run = verify(token, {QStringLiteral("--key"), keyFile, QStringLiteral("--alg"),
                                                  name, QStringLiteral("--iss"), QStringLiteral("interop"),
                                                  QStringLiteral("--require"), QStringLiteral("exp"),
                                                  QStringLiteral("--now"), QString::number(kNow + 60),
                                                  QStringLiteral("--json")});
                CLI_EXPECT_EXIT(run, 0);
                QCOMPARE(run.json()
                             .value(QStringLiteral("claims"))
                             .toObject()
                             .value(QStringLiteral("sub"))
                             .toString(),
                         QStringLiteral("jwcrypto"));
                ++verified;
            }
        }
        QCOMPARE(verified, 13 + 9);

        // tessera-cli's keys and tokens verify in jwcrypto.
        for (const jose::JwsAlg alg : jose::JwsAlgorithm::all()) {
            const QString name = jose::JwsAlgorithm::name(alg);
            const QString base = dir + QLatin1Char('/') + name + QStringLiteral(".tessera");
            const QString keyFile = base + QStringLiteral(".private.jwk");
            QVERIFY(generate(keySpecFor(alg),
                             QStringLiteral("interop/") + name + QStringLiteral(".tessera.private.jwk")));
            const QString claims =
                QStringLiteral("{\"sub\":\"tessera\",\"alg-under-test\":\"%1\"}").arg(name);
            CliRun run = cli({QStringLiteral("token"), QStringLiteral("sign"), QStringLiteral("--key"),
                              keyFile, QStringLiteral("--alg"), name, QStringLiteral("--claims"), claims});
            CLI_EXPECT_EXIT(run, 0);
            writeAll(base + QStringLiteral(".token"), run.out);
            const bool hmac = jose::JwsAlgorithm::family(alg) == jose::JwsAlgorithm::Family::Hmac;
            // An HMAC secret is shared as it is; the others by their public half.
            QStringList convert{QStringLiteral("key"), QStringLiteral("convert"), keyFile,
                                QStringLiteral("--to"), QStringLiteral("jwk")};
            if (!hmac) {
                convert.append(QStringLiteral("--public"));
            }
            run = cli(convert);
            CLI_EXPECT_EXIT(run, 0);
            writeAll(base + QStringLiteral(".jwk"), run.out);
            if (!hmac) {
                run = cli({QStringLiteral("key"), QStringLiteral("convert"), keyFile, QStringLiteral("--to"),
                           QStringLiteral("pem"), QStringLiteral("--public")});
                CLI_EXPECT_EXIT(run, 0);
                writeAll(base + QStringLiteral(".pem"), run.out);
            }
        }
        const ToolRun checked = runTool(m_python, {script, QStringLiteral("verify"), dir});
        QVERIFY2(checked.started && checked.exitCode == 0, (checked.out + checked.err).constData());
        QCOMPARE(checked.out.count("ok "), 13 + 10);
    }

    // ---- a crafted bad token per rule ------------------------------------------------------------

    void badTokens_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("reason"); // part of the stderr line

        const QByteArray hs = R"({"alg":"HS256","typ":"JWT"})";
        const QByteArray claims = R"({"sub":"alice","iss":"tessera","aud":["api","web"],"type":"access"})";
        const QByteArray good = craft(hs, claims);
        QTest::newRow("good") << good << QStringList() << 0 << QString();

        QTest::newRow("alg none") << b64(R"({"alg":"none"})") + '.' + b64(claims) + '.' << QStringList() << 1
                                  << QStringLiteral("none");
        QTest::newRow("alg None") << b64(R"({"alg":"None"})") + '.' + b64(claims) + '.' << QStringList() << 1
                                  << QStringLiteral("None");
        QTest::newRow("unsupported alg")
            << craft(R"({"alg":"HS1"})", claims) << QStringList() << 1 << QStringLiteral("unsupported alg");
        QTest::newRow("two segments")
            << good.left(good.lastIndexOf('.')) << QStringList() << 2 << QStringLiteral("segment");
        QTest::newRow("four segments") << good + ".x" << QStringList() << 2 << QStringLiteral("segment");
        QByteArray padded = good;
        padded.insert(padded.indexOf('.'), "==");
        QTest::newRow("padding") << padded << QStringList() << 2 << QStringLiteral("base64url");
        QTest::newRow("character outside base64url") << QByteArray(good).insert(good.indexOf('.') + 1, "+/+/")
                                                     << QStringList() << 2 << QStringLiteral("base64url");
        QTest::newRow("duplicate header member") << craft(R"({"alg":"HS256","alg":"HS256"})", claims)
                                                 << QStringList() << 2 << QStringLiteral("duplicate");
        QTest::newRow("duplicate claim") << craft(hs, R"({"sub":"alice","sub":"mallory"})") << QStringList()
                                         << 2 << QStringLiteral("duplicate");
        QTest::newRow("payload not an object")
            << craft(hs, "[1,2]") << QStringList() << 2 << QStringLiteral("payload");
        QTest::newRow("alg missing") << craft(R"({"typ":"JWT"})", claims) << QStringList() << 2
                                     << QStringLiteral("alg");
        QTest::newRow("alg not a string")
            << craft(R"({"alg":256})", claims) << QStringList() << 2 << QStringLiteral("alg");
        QTest::newRow("too large") << craft(hs, "{\"x\":\"" + QByteArray(70000, 'a') + "\"}") << QStringList()
                                   << 2 << QStringLiteral("64 KiB");

        QTest::newRow("wrong secret")
            << craft(hs, claims, "another secret of thirty-two bytes") << QStringList() << 1 << QString();
        QTest::newRow("short signature") << good.left(good.lastIndexOf('.') + 1) +
                                                b64(hs256(kSecret, good.left(good.lastIndexOf('.'))).left(31))
                                         << QStringList() << 1 << QStringLiteral("signature");
        QTest::newRow("unknown crit") << craft(R"({"alg":"HS256","crit":["x-custom"],"x-custom":1})", claims)
                                      << QStringList() << 1 << QStringLiteral("crit");
        QTest::newRow("kid not a string")
            << craft(R"({"alg":"HS256","kid":7})", claims) << QStringList() << 1 << QStringLiteral("kid");
        QTest::newRow("exp not a number")
            << craft(hs, R"({"exp":"tomorrow"})") << QStringList() << 1 << QStringLiteral("exp");

        const QByteArray expired = craft(hs, QByteArray(R"({"exp":)") + QByteArray::number(kNow - 30) + "}");
        QTest::newRow("expired") << expired << QStringList() << 1 << QStringLiteral("expired");
        QTest::newRow("expired, within the leeway")
            << expired << QStringList{QStringLiteral("--leeway"), QStringLiteral("31")} << 0 << QString();
        QTest::newRow("expired, beyond the leeway")
            << expired << QStringList{QStringLiteral("--leeway"), QStringLiteral("30")} << 1
            << QStringLiteral("expired");
        const QByteArray early = craft(hs, QByteArray(R"({"nbf":)") + QByteArray::number(kNow + 30) + "}");
        QTest::newRow("not yet valid") << early << QStringList() << 1 << QString();
        QTest::newRow("not yet valid, within the leeway")
            << early << QStringList{QStringLiteral("--leeway"), QStringLiteral("30")} << 0 << QString();

        QTest::newRow("iss matches") << good
                                     << QStringList{QStringLiteral("--iss"), QStringLiteral("tessera")} << 0
                                     << QString();
        QTest::newRow("wrong iss") << good << QStringList{QStringLiteral("--iss"), QStringLiteral("other")}
                                   << 1 << QStringLiteral("iss");
        QTest::newRow("aud in the array")
            << good << QStringList{QStringLiteral("--aud"), QStringLiteral("web")} << 0 << QString();
        QTest::newRow("wrong aud") << good << QStringList{QStringLiteral("--aud"), QStringLiteral("admin")}
                                   << 1 << QStringLiteral("aud");
        QTest::newRow("type matches")
            << good << QStringList{QStringLiteral("--type"), QStringLiteral("access")} << 0 << QString();
        QTest::newRow("wrong type") << good
                                    << QStringList{QStringLiteral("--type"), QStringLiteral("refresh")} << 1
                                    << QStringLiteral("type");
        QTest::newRow("no exp is accepted") << good << QStringList() << 0 << QString();
        QTest::newRow("no exp, --require exp")
            << good << QStringList{QStringLiteral("--require"), QStringLiteral("exp")} << 1
            << QStringLiteral("exp");
        QTest::newRow("--require jti")
            << good << QStringList{QStringLiteral("--require"), QStringLiteral("jti")} << 1
            << QStringLiteral("jti");
        QTest::newRow("alg not accepted")
            << good << QStringList{QStringLiteral("--alg"), QStringLiteral("HS512")} << 1
            << QStringLiteral("HS256");
        QTest::newRow("alg among the accepted")
            << good
            << QStringList{QStringLiteral("--alg"), QStringLiteral("HS512"), QStringLiteral("--alg"),
                           QStringLiteral("HS256")}
            << 0 << QString();
        QTest::newRow("--alg none is a usage error")
            << good << QStringList{QStringLiteral("--alg"), QStringLiteral("none")} << 2
            << QStringLiteral("none");
        QTest::newRow("--type other is a usage error")
            << good << QStringList{QStringLiteral("--type"), QStringLiteral("id")} << 2
            << QStringLiteral("--type");
    }

    void badTokens()
    {
        QFETCH(QByteArray, token);
        QFETCH(QStringList, extra);
        QFETCH(int, exitCode);
        QFETCH(QString, reason);
        const CliRun run = verifyWithSecret(token, extra);
        CLI_EXPECT_EXIT(run, exitCode);
        if (exitCode != 0) {
            // Every non-zero exit gives its reason in one stderr line.
            QVERIFY2(run.errText().startsWith(QStringLiteral("tessera-cli: error: ")), run.err);
            QCOMPARE(run.err.count('\n'), 1);
            QVERIFY2(run.errText().contains(reason), run.err);
        }
    }

    void rsaPublicKeyIsNeverAnHmacSecret()
    {
        // The classic confusion: HS256 "signed" with the verifier's RSA public key as the secret.
        const QString data = qEnvironmentVariable("TESSERA_SOURCE_DIR") + QStringLiteral("/tests/data/jose/");
        const QByteArray pem = readFile(data + QStringLiteral("rsa2048-spki.pem"));
        QVERIFY(!pem.isEmpty());
        const QByteArray token = craft(R"({"alg":"HS256"})", R"({"sub":"mallory"})", pem);
        const CliRun run =
            verify(token, {QStringLiteral("--key"), data + QStringLiteral("rsa2048-spki.pem")});
        CLI_EXPECT_EXIT(run, 1);
        // And an RSA key under 2048 bits is refused for signing.
        CLI_EXPECT_EXIT(cli({QStringLiteral("token"), QStringLiteral("sign"), QStringLiteral("--key"),
                             data + QStringLiteral("rsa1024-pkcs8.pem"), QStringLiteral("--claims"),
                             QStringLiteral("{}")}),
                        2);
        // A public key cannot sign.
        CLI_EXPECT_EXIT(cli({QStringLiteral("token"), QStringLiteral("sign"), QStringLiteral("--key"),
                             data + QStringLiteral("rsa2048-spki.pem"), QStringLiteral("--claims"),
                             QStringLiteral("{}")}),
                        2);
    }

    void jwksPicksTheKeyByKid()
    {
        QVERIFY(generate(QStringLiteral("ec-p256"), QStringLiteral("jwks-a.jwk")));
        QVERIFY(generate(QStringLiteral("ec-p256"), QStringLiteral("jwks-b.jwk")));
        QJsonArray keys;
        for (const char* name : {"jwks-a.jwk", "jwks-b.jwk"}) {
            const CliRun run =
                cli({QStringLiteral("key"), QStringLiteral("convert"), path(QLatin1String(name)),
                     QStringLiteral("--to"), QStringLiteral("jwk"), QStringLiteral("--public")});
            CLI_EXPECT_EXIT(run, 0);
            keys.append(QJsonDocument::fromJson(run.out).object());
        }
        const QString jwks = file(QStringLiteral("two-keys.jwks"),
                                  QJsonDocument(QJsonObject{{QStringLiteral("keys"), keys}}).toJson());
        const QStringList sign{QStringLiteral("token"), QStringLiteral("sign"), QStringLiteral("--claims"),
                               QStringLiteral("{}"), QStringLiteral("--key")};
        CliRun run = cli(sign + QStringList{path(QStringLiteral("jwks-b.jwk"))});
        CLI_EXPECT_EXIT(run, 0);
        const QByteArray byB = run.out.trimmed();
        run = verify(byB, {QStringLiteral("--jwks"), jwks, QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(QStringLiteral("keyId")).toString(),
                 keys.at(1).toObject().value(QStringLiteral("kid")).toString());
        // A kid the set does not have.
        run = cli(sign + QStringList{path(QStringLiteral("jwks-a.jwk")), QStringLiteral("--header"),
                                     QStringLiteral("{\"kid\":\"elsewhere\"}")});
        CLI_EXPECT_EXIT(run, 0);
        run = verify(run.out.trimmed(), {QStringLiteral("--jwks"), jwks});
        CLI_EXPECT_EXIT(run, 1);
        QVERIFY2(run.errText().contains(QStringLiteral("unknown kid")), run.err);
        // --jwks wants a set; --key takes one as well.
        CLI_EXPECT_EXIT(verify(byB, {QStringLiteral("--jwks"), path(QStringLiteral("jwks-b.jwk"))}), 2);
        CLI_EXPECT_EXIT(verify(byB, {QStringLiteral("--key"), jwks}), 0);
        // Exactly one key source.
        CLI_EXPECT_EXIT(verify(byB, {}), 2);
        CLI_EXPECT_EXIT(
            verify(byB, {QStringLiteral("--key"), jwks, QStringLiteral("--secret-file"), secretFile()}), 2);
    }

    // ---- token sign ----------------------------------------------------------------------------------

    void signFillsTimesAndPresets()
    {
        auto claimsOf = [this](const QStringList& extra) {
            const CliRun run =
                cli(QStringList{QStringLiteral("token"), QStringLiteral("sign"),
                                QStringLiteral("--secret-file"), secretFile(), QStringLiteral("--now"),
                                QString::number(kNow), QStringLiteral("--json")} +
                    extra);
            return run.exitCode == 0 ? run.json().value(QStringLiteral("claims")).toObject() : QJsonObject();
        };
        QJsonObject claims = claimsOf({QStringLiteral("--claims"), QStringLiteral("{\"sub\":\"a\"}")});
        QCOMPARE(claims.value(QStringLiteral("iat")).toInteger(), kNow);
        QCOMPARE(claims.value(QStringLiteral("exp")).toInteger(), kNow + 900);
        claims = claimsOf({QStringLiteral("--claims"), QStringLiteral("{}"), QStringLiteral("--ttl"),
                           QStringLiteral("2h")});
        QCOMPARE(claims.value(QStringLiteral("exp")).toInteger(), kNow + 7200);
        // The claims' own iat and exp win; exp follows a given iat.
        claims = claimsOf({QStringLiteral("--claims"), QStringLiteral("{\"iat\":1000}"),
                           QStringLiteral("--ttl"), QStringLiteral("90s")});
        QCOMPARE(claims.value(QStringLiteral("iat")).toInteger(), 1000);
        QCOMPARE(claims.value(QStringLiteral("exp")).toInteger(), 1090);
        claims = claimsOf({QStringLiteral("--claims"), QStringLiteral("{\"exp\":5}")});
        QCOMPARE(claims.value(QStringLiteral("exp")).toInteger(), 5);
        // Presets.
        claims = claimsOf({QStringLiteral("--preset"), QStringLiteral("access"), QStringLiteral("--sub"),
                           QStringLiteral("alice"), QStringLiteral("--role"), QStringLiteral("admin")});
        QCOMPARE(claims.value(QStringLiteral("sub")).toString(), QStringLiteral("alice"));
        QCOMPARE(claims.value(QStringLiteral("role")).toString(), QStringLiteral("admin"));
        QCOMPARE(claims.value(QStringLiteral("type")).toString(), QStringLiteral("access"));
        QCOMPARE(claims.value(QStringLiteral("exp")).toInteger(), kNow + 15 * 60);
        claims = claimsOf({QStringLiteral("--preset"), QStringLiteral("refresh"), QStringLiteral("--sub"),
                           QStringLiteral("alice"), QStringLiteral("--claims"),
                           QStringLiteral("{\"aud\":\"app\"}")});
        QCOMPARE(claims.value(QStringLiteral("type")).toString(), QStringLiteral("refresh"));
        QCOMPARE(claims.value(QStringLiteral("exp")).toInteger(), kNow + 7 * 86400);
        QVERIFY(!claims.value(QStringLiteral("jti")).toString().isEmpty());
        QCOMPARE(claims.value(QStringLiteral("aud")).toString(), QStringLiteral("app"));

        // The token alone, on one line, and --claims @FILE.
        const QString claimsFile = file(QStringLiteral("claims.json"), "{\"sub\":\"from-file\"}\n");
        CliRun run = cli({QStringLiteral("token"), QStringLiteral("sign"), QStringLiteral("--secret-file"),
                          secretFile(), QStringLiteral("--claims"), QStringLiteral("@") + claimsFile});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.out.count('\n'), 1);
        QCOMPARE(run.out.count('.'), 2);
        run = verify(run.out.trimmed(),
                     {QStringLiteral("--secret-file"), secretFile(), QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(
            run.json().value(QStringLiteral("claims")).toObject().value(QStringLiteral("sub")).toString(),
            QStringLiteral("from-file"));
        // A raw secret has no kid, and its thumbprint (a hash of the secret) is not shown either.
        QVERIFY(run.json().value(QStringLiteral("kid")).isNull());
        QVERIFY(run.json().value(QStringLiteral("keyId")).isNull());

        // Usage and input errors.
        const QStringList base{QStringLiteral("token"), QStringLiteral("sign"),
                               QStringLiteral("--secret-file"), secretFile()};
        for (const QStringList& extra : QList<QStringList>{
                 {},
                 {QStringLiteral("--claims"), QStringLiteral("{\"a\":1,\"a\":2}")},
                 {QStringLiteral("--claims"), QStringLiteral("[1]")},
                 {QStringLiteral("--claims"), QStringLiteral("{\"exp\":\"soon\"}")},
                 {QStringLiteral("--claims"), QStringLiteral("{}"), QStringLiteral("--ttl"),
                  QStringLiteral("15")},
                 {QStringLiteral("--claims"), QStringLiteral("{}"), QStringLiteral("--ttl"),
                  QStringLiteral("0m")},
                 {QStringLiteral("--claims"), QStringLiteral("{}"), QStringLiteral("--ttl"),
                  QStringLiteral("-5m")},
                 {QStringLiteral("--claims"), QStringLiteral("{}"), QStringLiteral("--ttl"),
                  QStringLiteral("soon")},
                 {QStringLiteral("--claims"), QStringLiteral("{}"), QStringLiteral("--ttl"),
                  QStringLiteral("36501d")},
                 {QStringLiteral("--claims"), QStringLiteral("\"alice\"")},
                 {QStringLiteral("--claims"),
                  QStringLiteral("@") + path(QStringLiteral("no-such-claims.json"))},
                 {QStringLiteral("--claims"), QStringLiteral("{}"), QStringLiteral("--alg"),
                  QStringLiteral("RS256")},
                 {QStringLiteral("--claims"), QStringLiteral("{}"), QStringLiteral("--alg"),
                  QStringLiteral("none")},
                 {QStringLiteral("--claims"), QStringLiteral("{}"), QStringLiteral("--header"),
                  QStringLiteral("{\"alg\":\"HS512\"}")},
                 {QStringLiteral("--claims"), QStringLiteral("{}"), QStringLiteral("--now"),
                  QStringLiteral("soon")},
                 {QStringLiteral("--preset"), QStringLiteral("access")},
                 {QStringLiteral("--preset"), QStringLiteral("refresh"), QStringLiteral("--sub"),
                  QStringLiteral("a"), QStringLiteral("--role"), QStringLiteral("admin")},
                 {QStringLiteral("--claims"), QStringLiteral("{}"), QStringLiteral("--sub"),
                  QStringLiteral("a")},
             }) {
            run = cli(base + extra);
            QVERIFY2(run.exitCode == 2, qPrintable(extra.join(QLatin1Char(' ')) + QStringLiteral(": ") +
                                                   QString::fromUtf8(run.describe())));
            QVERIFY(run.out.isEmpty());
        }
        // A secret shorter than the hash is refused for signing (RFC 7518 3.2).
        run = cli({QStringLiteral("token"), QStringLiteral("sign"), QStringLiteral("--secret-file"),
                   file(QStringLiteral("short.bin"), "short"), QStringLiteral("--claims"),
                   QStringLiteral("{}")});
        CLI_EXPECT_EXIT(run, 2);
    }

    // ---- token inspect -------------------------------------------------------------------------------

    void inspectReportsFindings()
    {
        const QByteArray hs = R"({"alg":"HS256","typ":"JWT"})";
        const QByteArray fine =
            craft(hs, QByteArray(R"({"sub":"a","type":"access","iat":)") + QByteArray::number(kNow) +
                          ",\"exp\":" + QByteArray::number(kNow + 720) + "}");
        CliRun run = inspectJson(fine, {QStringLiteral("--secret-file"), secretFile()});
        CLI_EXPECT_EXIT(run, 0);
        QJsonObject json = run.json();
        QVERIFY2(ids(json).isEmpty(), qPrintable(ids(json).join(QLatin1Char(','))));
        QCOMPARE(json.value(QStringLiteral("header")).toObject().value(QStringLiteral("alg")).toString(),
                 QStringLiteral("HS256"));
        QCOMPARE(json.value(QStringLiteral("payload")).toObject().value(QStringLiteral("sub")).toString(),
                 QStringLiteral("a"));
        const QJsonObject signature = json.value(QStringLiteral("signature")).toObject();
        QCOMPARE(signature.value(QStringLiteral("checked")).toBool(), true);
        QCOMPARE(signature.value(QStringLiteral("valid")).toBool(), true);
        QCOMPARE(signature.value(QStringLiteral("bytes")).toInt(), 32);
        QVERIFY(signature.value(QStringLiteral("keyId")).isNull()); // never a hash of a raw secret
        bool sawExp = false;
        for (const QJsonValue& entry : json.value(QStringLiteral("claims")).toArray()) {
            const QJsonObject claim = entry.toObject();
            if (claim.value(QStringLiteral("claim")).toString() == QLatin1String("exp")) {
                sawExp = true;
                QCOMPARE(claim.value(QStringLiteral("relative")).toString(),
                         QStringLiteral("expires in 12 min"));
                QCOMPARE(claim.value(QStringLiteral("time")).toString(),
                         QStringLiteral("2023-11-14T22:25:20Z"));
            }
        }
        QVERIFY(sawExp);

        // The text form explains the times in UTC and relative to now.
        run = cli({QStringLiteral("token"), QStringLiteral("inspect"), QString::fromLatin1(fine),
                   QStringLiteral("--now"), QString::number(kNow)});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY2(run.outText().contains(QStringLiteral("2023-11-14 22:25:20 UTC, expires in 12 min")),
                 run.out);
        QVERIFY2(run.outText().contains(QStringLiteral("Signature: 32 bytes; not checked")), run.out);
        QVERIFY2(run.outText().contains(QStringLiteral("Findings: none")), run.out);

        // alg none, no exp, no type.
        run = inspectJson(b64(R"({"alg":"none"})") + '.' + b64(R"({"sub":"a"})") + '.');
        CLI_EXPECT_EXIT(run, 0);
        QStringList found = ids(run.json());
        QVERIFY2(found.contains(QStringLiteral("alg-none")) && found.contains(QStringLiteral("no-exp")) &&
                     found.contains(QStringLiteral("no-type")),
                 qPrintable(found.join(QLatin1Char(','))));
        const QJsonObject first = run.json().value(QStringLiteral("findings")).toArray().at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("id")).toString(),
                 QStringLiteral("alg-none")); // most severe first
        QCOMPARE(first.value(QStringLiteral("severity")).toString(), QStringLiteral("critical"));
        QVERIFY(!first.value(QStringLiteral("message")).toString().isEmpty());

        // Expired 3 days ago.
        const QByteArray expired =
            craft(hs, QByteArray(R"({"type":"access","iat":)") + QByteArray::number(kNow - 3 * 86400 - 600) +
                          ",\"exp\":" + QByteArray::number(kNow - 3 * 86400) + "}");
        run = inspectJson(expired);
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(ids(run.json()), QStringList{QStringLiteral("expired")});
        run = cli({QStringLiteral("token"), QStringLiteral("inspect"), QString::fromLatin1(expired),
                   QStringLiteral("--now"), QString::number(kNow)});
        QVERIFY2(run.outText().contains(QStringLiteral("expired 3 days ago")), run.out);

        // Signed with a well-known secret.
        const QByteArray weak = craft(
            hs, QByteArray(R"({"type":"access","exp":)") + QByteArray::number(kNow + 60) + "}", "secret");
        run = inspectJson(weak);
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY2(ids(run.json()).contains(QStringLiteral("weak-hmac-secret")), run.out);

        // Header findings; a wrong key makes the signature "not valid" but the inspection still succeeds.
        run = inspectJson(craft(R"({"alg":"HS256","kid":"../../dev/null","jku":"https://evil.example/jwks"})",
                                R"({"type":"access"})"),
                          {QStringLiteral("--secret-file"),
                           file(QStringLiteral("other.bin"), "another secret of thirty-two bytes")});
        CLI_EXPECT_EXIT(run, 0);
        found = ids(run.json());
        QVERIFY2(found.contains(QStringLiteral("kid-injection")) &&
                     found.contains(QStringLiteral("jku-header")),
                 qPrintable(found.join(QLatin1Char(','))));
        QCOMPARE(run.json()
                     .value(QStringLiteral("signature"))
                     .toObject()
                     .value(QStringLiteral("valid"))
                     .toBool(true),
                 false);

        // A JWE is recognised and its header shown.
        const QByteArray jwe = b64(R"({"alg":"RSA-OAEP","enc":"A256GCM"})") + ".AAAA.AAAA.AAAA.AAAA";
        run = inspectJson(jwe);
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(QStringLiteral("type")).toString(), QStringLiteral("JWE"));
        QCOMPARE(
            run.json().value(QStringLiteral("header")).toObject().value(QStringLiteral("enc")).toString(),
            QStringLiteral("A256GCM"));
        CLI_EXPECT_EXIT(verifyWithSecret(jwe), 2);

        // Malformed input: exit 2 naming the problem.
        run = inspectJson("abc.def");
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY2(run.errText().contains(QStringLiteral("segment")), run.err);
        run = inspectJson(b64("{\"alg\":\"HS256\"") + '.' + b64("{}") + ".AAAA");
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY2(run.errText().contains(QStringLiteral("header")), run.err);
    }

    // ---- input rules ---------------------------------------------------------------------------------

    void secretFileDropsOneTrailingLineEnding_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("exact") << kSecret << 0;
        QTest::newRow("LF") << kSecret + "\n" << 0;
        QTest::newRow("CRLF") << kSecret + "\r\n" << 0;
        QTest::newRow("two LFs") << kSecret + "\n\n" << 1;
        QTest::newRow("CR alone") << kSecret + "\r" << 1;
        QTest::newRow("trailing space") << kSecret + " " << 1;
        QTest::newRow("leading space") << " " + kSecret << 1;
        QTest::newRow("empty") << QByteArray() << 2;
        QTest::newRow("just a newline") << QByteArray("\n") << 2;
    }

    void secretFileDropsOneTrailingLineEnding()
    {
        QFETCH(QByteArray, contents);
        QFETCH(int, exitCode);
        const QByteArray token = craft(R"({"alg":"HS256"})", R"({"sub":"a"})");
        const CliRun run =
            verify(token, {QStringLiteral("--secret-file"), file(QStringLiteral("variant.bin"), contents)});
        CLI_EXPECT_EXIT(run, exitCode);
        if (exitCode == 0) {
            // Signing reads the file the same way: HMAC is deterministic, so the tokens are equal.
            const CliRun a =
                cli({QStringLiteral("token"), QStringLiteral("sign"), QStringLiteral("--secret-file"),
                     path(QStringLiteral("variant.bin")), QStringLiteral("--claims"), QStringLiteral("{}"),
                     QStringLiteral("--now"), QString::number(kNow)});
            const CliRun b = cli({QStringLiteral("token"), QStringLiteral("sign"),
                                  QStringLiteral("--secret-file"), secretFile(), QStringLiteral("--claims"),
                                  QStringLiteral("{}"), QStringLiteral("--now"), QString::number(kNow)});
            CLI_EXPECT_EXIT(a, 0);
            QCOMPARE(a.out, b.out);
        }
    }

    void tokenFromStdin()
    {
        const QByteArray token = craft(R"({"alg":"HS256"})", R"({"sub":"a"})");
        const QStringList args{QStringLiteral("token"), QStringLiteral("verify"),
                               QStringLiteral("--secret-file"), secretFile()};
        CLI_EXPECT_EXIT(cli(args + QStringList{QStringLiteral("-")}, token + "\n"), 0);
        CLI_EXPECT_EXIT(cli(args + QStringList{QStringLiteral("-")}, token + "\r\n"), 0);
        CLI_EXPECT_EXIT(cli(args + QStringList{QStringLiteral("-")}, token), 0);
        CLI_EXPECT_EXIT(cli(args, token + "\n"), 0); // no TOKEN reads stdin too
        // One line only; anything else on the line is part of the token.
        CliRun run = cli(args + QStringList{QStringLiteral("-")}, token + "\n" + token + "\n");
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY2(run.errText().contains(QStringLiteral("--batch")), run.err);
        CLI_EXPECT_EXIT(cli(args + QStringList{QStringLiteral("-")}, token + " \n"), 2);
        CLI_EXPECT_EXIT(cli(args + QStringList{QStringLiteral("-")}, QByteArray()), 2);
        // inspect reads stdin the same way.
        run = cli({QStringLiteral("token"), QStringLiteral("inspect"), QStringLiteral("-"),
                   QStringLiteral("--json")},
                  token + "\r\n");
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(
            run.json().value(QStringLiteral("payload")).toObject().value(QStringLiteral("sub")).toString(),
            QStringLiteral("a"));
    }

    void batchEndsWithASummary()
    {
        const QByteArray valid = craft(R"({"alg":"HS256"})", R"({"sub":"a"})");
        const QByteArray invalid =
            craft(R"({"alg":"HS256"})", R"({"sub":"b"})", "another secret of thirty-two bytes");
        const QByteArray none = b64(R"({"alg":"none"})") + '.' + b64(R"({"sub":"c"})") + '.';
        const QString batch = file(QStringLiteral("batch.txt"),
                                   valid + "\n\n" + invalid + "\r\nnot-a-token\n" + none + "\n" + valid);
        const QStringList args{QStringLiteral("token"), QStringLiteral("verify"),
                               QStringLiteral("--secret-file"), secretFile(), QStringLiteral("--batch")};
        CliRun run = cli(args + QStringList{batch});
        CLI_EXPECT_EXIT(run, 2); // the worst line: a malformed one
        QVERIFY2(run.outText().contains(QStringLiteral("line 1: valid")), run.out);
        QVERIFY2(run.outText().contains(QStringLiteral("line 3: invalid")), run.out);
        QVERIFY2(run.outText().contains(QStringLiteral("line 4: malformed")), run.out);
        QVERIFY2(run.outText().contains(QStringLiteral("line 5: invalid")), run.out);
        QVERIFY2(
            run.outText().trimmed().endsWith(QStringLiteral("5 tokens: 2 valid, 2 invalid, 1 malformed")),
            run.out);
        QCOMPARE(run.err.count('\n'), 1);

        run = cli(args + QStringList{batch, QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 2);
        const QJsonObject summary = run.json().value(QStringLiteral("summary")).toObject();
        QCOMPARE(summary.value(QStringLiteral("total")).toInt(), 5);
        QCOMPARE(summary.value(QStringLiteral("valid")).toInt(), 2);
        QCOMPARE(summary.value(QStringLiteral("invalid")).toInt(), 2);
        QCOMPARE(summary.value(QStringLiteral("malformed")).toInt(), 1);
        const QJsonArray results = run.json().value(QStringLiteral("results")).toArray();
        QCOMPARE(results.size(), 5);
        QCOMPARE(results.at(1).toObject().value(QStringLiteral("line")).toInt(), 3);
        QCOMPARE(results.at(3).toObject().value(QStringLiteral("alg")).toString(), QStringLiteral("none"));
        QCOMPARE(results.at(3).toObject().value(QStringLiteral("valid")).toBool(true), false);

        // All valid: exit 0; invalid at worst: exit 1. From stdin with "-".
        CLI_EXPECT_EXIT(cli(args + QStringList{QStringLiteral("-")}, valid + "\n" + valid + "\n"), 0);
        CLI_EXPECT_EXIT(cli(args + QStringList{QStringLiteral("-")}, valid + "\n" + invalid + "\n"), 1);
        // A TOKEN and --batch together is a usage error.
        CLI_EXPECT_EXIT(cli(args + QStringList{batch, QString::fromLatin1(valid)}), 2);

        // inspect --batch counts findings.
        run = cli({QStringLiteral("token"), QStringLiteral("inspect"), QStringLiteral("--batch"), batch,
                   QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 2);
        const QJsonObject inspected = run.json().value(QStringLiteral("summary")).toObject();
        QCOMPARE(inspected.value(QStringLiteral("total")).toInt(), 5);
        QCOMPARE(inspected.value(QStringLiteral("malformed")).toInt(), 1);
        QCOMPARE(
            inspected.value(QStringLiteral("findings")).toObject().value(QStringLiteral("alg-none")).toInt(),
            1);
        QCOMPARE(
            inspected.value(QStringLiteral("findings")).toObject().value(QStringLiteral("no-exp")).toInt(),
            4);
        run = cli({QStringLiteral("token"), QStringLiteral("inspect"), QStringLiteral("--batch"),
                   QStringLiteral("-")},
                  valid + "\n" + none + "\n");
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY2(run.outText().contains(QStringLiteral("2 tokens: 0 malformed, 2 with findings")), run.out);
    }

    void terminalPromptsForThePassphrase()
    {
        PseudoTerminal terminal;
        QVERIFY(terminal.isValid());
        const QString out = path(QStringLiteral("prompted.pem"));
        QFile::remove(out);
        const QStringList generatePem{QStringLiteral("key"),      QStringLiteral("generate"),
                                      QStringLiteral("--type"),   QStringLiteral("ed25519"),
                                      QStringLiteral("--out"),    out,
                                      QStringLiteral("--format"), QStringLiteral("pem")};
        const AnsweredRun typed = runAnswering(CliRunner(m_dir.path()), generatePem, terminal,
                                               {"typed phrase\n", "typed phrase\n"});
        CLI_EXPECT_EXIT(typed.run, 0);
        QCOMPARE(typed.prompts.size(), 2);
        QVERIFY(typed.prompts.at(1).contains(QStringLiteral("Repeat")));
        QCOMPARE(typed.echoAtPrompt, QList<bool>({false, false}));
        QVERIFY(terminal.echoIsOn());
        CLI_EXPECT_EXIT(cli({QStringLiteral("key"), QStringLiteral("thumbprint"), out,
                             QStringLiteral("--passphrase-stdin")},
                            "typed phrase\n"),
                        0);

        // Two different entries: nothing is written.
        QFile::remove(out);
        CliRun run =
            runAnswering(CliRunner(m_dir.path()), generatePem, terminal, {"first\n", "second\n"}).run;
        CLI_EXPECT_EXIT(run, 1);
        QVERIFY(!QFile::exists(out));

        // Without a TOKEN, a terminal on stdin is not read: the command says what it needs.
        run = CliRunner(m_dir.path())
                  .runInteractive({QStringLiteral("token"), QStringLiteral("inspect")},
                                  terminal.attachToStdin(), {});
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY2(run.errText().contains(QStringLiteral("TOKEN")), run.err);
    }

    // ---- PKCE ------------------------------------------------------------------------------------------

    void pkce()
    {
        CliRun run = cli({QStringLiteral("pkce"), QStringLiteral("generate"), QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 0);
        QJsonObject json = run.json();
        const QByteArray verifier = json.value(QStringLiteral("verifier")).toString().toLatin1();
        QCOMPARE(verifier.size(), 43);
        QCOMPARE(json.value(QStringLiteral("method")).toString(), QStringLiteral("S256"));
        QCOMPARE(json.value(QStringLiteral("challenge")).toString().toLatin1(),
                 b64(QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)));
        run = cli({QStringLiteral("pkce"), QStringLiteral("verify"),
                   QStringLiteral("--verifier=") + QString::fromLatin1(verifier),
                   QStringLiteral("--challenge=") + json.value(QStringLiteral("challenge")).toString()});
        CLI_EXPECT_EXIT(run, 0);

        run = cli({QStringLiteral("pkce"), QStringLiteral("generate"), QStringLiteral("--length"),
                   QStringLiteral("128"), QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(QStringLiteral("verifier")).toString().size(), 128);
        CLI_EXPECT_EXIT(cli({QStringLiteral("pkce"), QStringLiteral("generate"), QStringLiteral("--length"),
                             QStringLiteral("42")}),
                        2);
        CLI_EXPECT_EXIT(cli({QStringLiteral("pkce"), QStringLiteral("generate"), QStringLiteral("--length"),
                             QStringLiteral("129")}),
                        2);

        // RFC 7636 appendix B.
        const QString rfcVerifier = QStringLiteral("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        const QString rfcChallenge = QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        CLI_EXPECT_EXIT(cli({QStringLiteral("pkce"), QStringLiteral("verify"), QStringLiteral("--verifier"),
                             rfcVerifier, QStringLiteral("--challenge"), rfcChallenge}),
                        0);
        run = cli({QStringLiteral("pkce"), QStringLiteral("verify"), QStringLiteral("--verifier"),
                   QString(rfcVerifier).replace(QLatin1Char('d'), QLatin1Char('e')),
                   QStringLiteral("--challenge"), rfcChallenge, QStringLiteral("--json")});
        CLI_EXPECT_EXIT(run, 1);
        QCOMPARE(run.json().value(QStringLiteral("match")).toBool(true), false);
        CLI_EXPECT_EXIT(cli({QStringLiteral("pkce"), QStringLiteral("verify"), QStringLiteral("--verifier"),
                             rfcVerifier.left(42), QStringLiteral("--challenge"), rfcChallenge}),
                        2);
        CLI_EXPECT_EXIT(cli({QStringLiteral("pkce"), QStringLiteral("verify"), QStringLiteral("--verifier"),
                             rfcVerifier, QStringLiteral("--challenge"), rfcChallenge + QStringLiteral("=")}),
                        2);
        CLI_EXPECT_EXIT(cli({QStringLiteral("pkce"), QStringLiteral("verify"), QStringLiteral("--verifier"),
                             rfcVerifier}),
                        2);
    }
};

QTEST_GUILESS_MAIN(TestCliTokens)
#include "TestCliTokens.moc"
