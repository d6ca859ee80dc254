// Interop with another JOSE implementation (python3-jwcrypto): its tokens verify in Tessera and
// Tessera's tokens verify there, for every algorithm. Skipped when jwcrypto is not installed, unless
// TESSERA_REQUIRE_INTEROP=1 (CI), where a missing partner is a failure.
#include "JwsKeySpec.h"
#include "ToolRun.h"
#include "crypto/CryptoRuntime.h"
#include "jose/JwsSigner.h"
#include "jose/JwsVerifier.h"
#include "keys/Jwk.h"
#include "keys/KeyGenerator.h"
#include "keys/KeySet.h"
#include "keys/PemCodec.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace tessera;
using namespace tessera::jose;
using namespace tessera::keys;

namespace {

constexpr qint64 kNow = 1'700'000'000;

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

} // namespace

class TestJoseInterop : public QObject
{
    Q_OBJECT

    QString m_python;
    QString m_script;
    QTemporaryDir m_dir;

    // Runs the partner script; returns its exit code, with stdout and stderr in out.
    int runPartner(const QStringList& arguments, QString& out)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(m_python, QStringList{m_script} + arguments);
        if (!process.waitForFinished(180'000)) {
            process.kill();
            out = QStringLiteral("timed out");
            return -1;
        }
        out = QString::fromUtf8(process.readAll());
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(CryptoRuntime::initialise());
        QVERIFY(m_dir.isValid());
        m_script = qEnvironmentVariable("TESSERA_SOURCE_DIR") +
                   QStringLiteral("/tests/data/jose/jwcrypto_interop.py");
        QVERIFY2(QFile::exists(m_script), qPrintable(m_script));
        m_python = test::pythonWithModule(QStringLiteral("jwcrypto"));
        if (m_python.isEmpty()) {
            if (qEnvironmentVariable("TESSERA_REQUIRE_INTEROP") == QLatin1String("1")) {
                QFAIL("python3-jwcrypto is required (TESSERA_REQUIRE_INTEROP=1) but not importable");
            }
            QSKIP("python3-jwcrypto is not installed (apt-get install python3-jwcrypto)");
        }
    }

    void jwcryptoTokensVerifyInTessera()
    {
        QString out;
        QCOMPARE(runPartner({QStringLiteral("make"), m_dir.path(), QString::number(kNow)}, out), 0);
        int verified = 0;
        for (JwsAlg alg : JwsAlgorithm::all()) {
            const QString base = m_dir.filePath(JwsAlgorithm::name(alg) + QStringLiteral(".jwcrypto"));
            const QByteArray token = readFile(base + QStringLiteral(".token")).trimmed();
            QVERIFY2(!token.isEmpty(), qPrintable(base));
            QStringList keyFiles{base + QStringLiteral(".jwk")};
            if (QFile::exists(base + QStringLiteral(".pem"))) {
                keyFiles.append(base + QStringLiteral(".pem"));
            }
            for (const QString& keyFile : keyFiles) {
                const auto keys = KeySet::fromData(readFile(keyFile));
                QVERIFY2(keys, qPrintable(keyFile + QStringLiteral(": ") +
                                          (keys ? QString() : keys.error().message)));
                VerifyOptions options;
                options.now = kNow + 60;
                options.algs = {alg};
                options.issuer = QStringLiteral("interop");
                options.requiredClaims = {QStringLiteral("exp"), QStringLiteral("sub")};
                const VerifyResult result = JwsVerifier(*keys, options).verify(token);
                QVERIFY2(result.valid(), qPrintable(keyFile + QStringLiteral(": ") + result.error));
                QCOMPARE(result.claims().value(QStringLiteral("sub")).toString(), QStringLiteral("jwcrypto"));
                QCOMPARE(result.claims().value(QStringLiteral("alg-under-test")).toString(),
                         JwsAlgorithm::name(alg));
                ++verified;
            }
            // And a flipped signature bit is refused.
            QByteArray tampered = token;
            tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
            VerifyOptions options;
            options.now = kNow;
            QVERIFY(!JwsVerifier(*KeySet::fromData(readFile(base + QStringLiteral(".jwk"))), options)
                         .verify(tampered)
                         .valid());
        }
        QCOMPARE(verified, 13 + 9); // every alg by JWK, the RSA and EC ones by PEM as well
    }

    void tesseraTokensVerifyInJwcrypto()
    {
        for (JwsAlg alg : JwsAlgorithm::all()) {
            const KeyMaterial key = *KeyGenerator::generate(test::keySpecFor(alg));
            const QJsonObject claims =
                JwsSigner::withTimes({{QStringLiteral("sub"), QStringLiteral("tessera")},
                                      {QStringLiteral("alg-under-test"), JwsAlgorithm::name(alg)}},
                                     kNow, 900);
            SignOptions options;
            options.alg = alg;
            const auto token = JwsSigner::sign(key, claims, options);
            QVERIFY2(token, token ? "" : qPrintable(token.error().message));
            const QString base = m_dir.filePath(JwsAlgorithm::name(alg) + QStringLiteral(".tessera"));
            QVERIFY(writeFile(base + QStringLiteral(".token"), *token));
            const auto jwk = key.type() == KeyType::Oct ? Jwk::toPrivateJson(key) : Jwk::toPublicJson(key);
            QVERIFY(jwk);
            QVERIFY(
                writeFile(base + QStringLiteral(".jwk"), QJsonDocument(*jwk).toJson(QJsonDocument::Compact)));
            if (key.type() != KeyType::Oct) {
                QVERIFY(writeFile(base + QStringLiteral(".pem"), *PemCodec::exportPublic(key)));
            }
        }
        QString out;
        const int code = runPartner({QStringLiteral("verify"), m_dir.path()}, out);
        QVERIFY2(code == 0, qPrintable(out));
        QCOMPARE(out.count(QStringLiteral("ok ")), 13 + 10); // every alg by JWK, all but HMAC by PEM as well
    }
};

QTEST_GUILESS_MAIN(TestJoseInterop)
#include "TestJoseInterop.moc"
