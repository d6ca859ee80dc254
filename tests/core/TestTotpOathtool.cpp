// Agreement with another implementation: Debian's oathtool (OATH Toolkit), run live for random
// secrets, algorithms, digit counts, periods and times. oathtool is a development dependency
// (packaging/debian-packages.txt), so a missing tool fails the test rather than skipping it.
#include "crypto/CryptoRuntime.h"
#include "totp/Base32.h"
#include "totp/Hotp.h"
#include "totp/Totp.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTest>
#include <array>

using namespace tessera;

namespace {

constexpr int kSecrets = 20;
constexpr int kStepsPerRun = 3; // oathtool -w 2 prints the step at the given time and the next two

struct OathRun
{
    QStringList codes;
    QString error;
};

// The secret goes to oathtool on stdin ("-"), never on its command line where `ps` would show it.
OathRun runOathtool(const QString& program, const QStringList& arguments, const QString& base32Secret)
{
    QProcess process;
    process.start(program, arguments + QStringList{QStringLiteral("-")});
    if (!process.waitForStarted(10000)) {
        return {{}, QStringLiteral("oathtool did not start: %1").arg(process.errorString())};
    }
    process.write(base32Secret.toLatin1() + '\n');
    process.closeWriteChannel();
    if (!process.waitForFinished(10000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        return {{},
                QStringLiteral("oathtool %1 failed: %2")
                    .arg(arguments.join(QLatin1Char(' ')),
                         QString::fromLocal8Bit(process.readAllStandardError()))};
    }
    return {QString::fromLatin1(process.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts),
            {}};
}

QString oathMode(OtpAlgorithm algorithm)
{
    return otpAlgorithmName(algorithm).toLower(); // oathtool's --totp=sha256 spelling
}

} // namespace

class TestTotpOathtool : public QObject
{
    Q_OBJECT

private:
    QString m_oathtool;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(CryptoRuntime::initialise());
        m_oathtool = QStandardPaths::findExecutable(QStringLiteral("oathtool"));
        QVERIFY2(!m_oathtool.isEmpty(), "oathtool not found: install the oathtool package "
                                        "(see packaging/debian-packages.txt)");
    }

    void totpAgreesWithOathtoolForRandomSecrets()
    {
        QRandomGenerator* random = QRandomGenerator::global();
        for (int i = 0; i < kSecrets; ++i) {
            // Lengths around the usual 20 bytes, including ones whose base32 needs padding we omit.
            const int length = i == 0 ? 20 : 10 + static_cast<int>(random->bounded(55));
            const SecretBuffer secret = SecretBuffer::random(static_cast<std::size_t>(length));
            const OtpAlgorithm algorithm =
                std::array{OtpAlgorithm::Sha1, OtpAlgorithm::Sha256, OtpAlgorithm::Sha512}[i % 3];
            const int digits = (i / 3) % 2 == 0 ? 6 : 8;
            const int period = i % 2 == 0 ? 30 : 60;
            const qint64 time = static_cast<qint64>(random->bounded(Q_INT64_C(4102444800))); // 1970..2100
            const QString base32 = Base32::encode(secret.view());

            const OathRun run = runOathtool(
                m_oathtool,
                {QStringLiteral("--totp=%1").arg(oathMode(algorithm)), QStringLiteral("--base32"),
                 QStringLiteral("-d"), QString::number(digits), QStringLiteral("-s"),
                 QStringLiteral("%1s").arg(period), QStringLiteral("-N"), QStringLiteral("@%1").arg(time),
                 QStringLiteral("-w"), QString::number(kStepsPerRun - 1)},
                base32);
            QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
            QCOMPARE(run.codes.size(), kStepsPerRun);
            for (int step = 0; step < kStepsPerRun; ++step) {
                auto ours = Totp::code(secret, time + step * period, digits, period, algorithm);
                QVERIFY(ours);
                QVERIFY2(*ours == run.codes[step],
                         qPrintable(QStringLiteral(
                                        "%1 bytes, %2, %3 digits, %4 s, t=%5+%6 steps: ours %7, oathtool %8")
                                        .arg(length)
                                        .arg(otpAlgorithmName(algorithm))
                                        .arg(digits)
                                        .arg(period)
                                        .arg(time)
                                        .arg(step)
                                        .arg(*ours, run.codes[step])));
            }
        }
    }

    void hotpAgreesWithOathtool()
    {
        QRandomGenerator* random = QRandomGenerator::global();
        for (int i = 0; i < 5; ++i) {
            const SecretBuffer secret = SecretBuffer::random(20);
            const quint64 counter = random->bounded(Q_UINT64_C(1) << 40);
            const OathRun run =
                runOathtool(m_oathtool,
                            {QStringLiteral("--hotp"), QStringLiteral("--base32"), QStringLiteral("-d"),
                             QStringLiteral("8"), QStringLiteral("-c"), QString::number(counter),
                             QStringLiteral("-w"), QStringLiteral("2")},
                            Base32::encode(secret.view()));
            QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
            QCOMPARE(run.codes.size(), 3);
            for (int k = 0; k < 3; ++k) {
                auto ours = Hotp::code(secret, counter + static_cast<quint64>(k), 8);
                QVERIFY(ours);
                QCOMPARE(*ours, run.codes[k]);
            }
        }
    }

    // The lenient input forms we accept decode to the same key oathtool sees.
    void lenientBase32MeansTheSameKeyToOathtool()
    {
        const QString typed = QStringLiteral("jbsw y3dp ehpk 3pxp mzxw 6yq=");
        auto secret = Base32::decode(typed);
        QVERIFY(secret);
        const OathRun run = runOathtool(m_oathtool,
                                        {QStringLiteral("--totp"), QStringLiteral("--base32"),
                                         QStringLiteral("-N"), QStringLiteral("@1700000000")},
                                        typed);
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        QCOMPARE(run.codes.size(), 1);
        QCOMPARE(Totp::code(*secret, 1700000000, OtpPolicy{}).value(), run.codes.first());
    }
};

QTEST_GUILESS_MAIN(TestTotpOathtool)
#include "TestTotpOathtool.moc"
