// tessera-cli and the second factor: totp code / hotp code against the RFC vectors and Debian's oathtool,
// totp qr read back by zbarimg, and on a vault the whole life of an authenticator: enrol, confirm, sign
// in with a code (and not twice with the same one), backup codes, reset, the MFA policy, the audit trail
// and the prompts on a terminal. Expected codes come from the core (Totp, Hotp), never from the CLI.
#include "IdentityFixture.h"
#include "OtpTestVectors.h"
#include "PseudoTerminal.h"
#include "ToolRun.h"
#include "crypto/CryptoRuntime.h"
#include "totp/Base32.h"
#include "totp/Hotp.h"
#include "totp/OtpAuthUri.h"
#include "totp/Totp.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <array>
#include <limits>
#include <tuple>
#include <utility>

using namespace tessera;
using namespace tessera::test;

namespace {

const QByteArray kUserPassword = "Tessera-2024-ok\n";

QString s(const char* text)
{
    return QString::fromUtf8(text);
}

QString base32Of(const QByteArray& bytes)
{
    return Base32::encode(bytes);
}

// The code an authenticator app shows for `base32` at `unixSecs`, computed by the core.
QString totpAt(const QString& base32, qint64 unixSecs, int digits = 6, int period = 30,
               OtpAlgorithm algorithm = OtpAlgorithm::Sha1)
{
    auto secret = Base32::decode(base32);
    if (!secret) {
        return {};
    }
    return Totp::code(*secret, unixSecs, digits, period, algorithm).value_or(QString());
}

qint64 now()
{
    return QDateTime::currentSecsSinceEpoch();
}

// Another code of the same length that is not `code` (every digit moved by one).
QString wrongCode(const QString& code)
{
    QString wrong = code;
    for (QChar& c : wrong) {
        c = QLatin1Char(static_cast<char>('0' + (c.digitValue() + 1) % 10));
    }
    return wrong;
}

QFileDevice::Permissions ownerOnly()
{
    return QFileDevice::ReadOwner | QFileDevice::WriteOwner;
}

QFileDevice::Permissions permissionBits(const QString& path)
{
    // QFile::permissions() mixes in ReadUser/WriteUser for the current user; only the owner bits and
    // the group/other bits say who may read the file.
    return QFile(path).permissions() &
           (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
            QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
            QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther);
}

QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}


} // namespace

class TestCliMfa : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    IdentityCli m_cli;

    // Without a vault: totp code, hotp code, totp qr.
    CliRun tool(const QStringList& arguments, const QByteArray& input = {}) const
    {
        return CliRunner(m_dir.path()).run(arguments, input);
    }
    QString path(const char* name) const { return m_dir.filePath(s(name)); }

    void addUser(const QString& user, const QStringList& extra = {}) const
    {
        const CliRun run = m_cli.run(
            QStringList{s("user"), s("add"), user, s("--password-stdin"), s("--no-must-change")} + extra,
            kUserPassword);
        QVERIFY2(run.exitCode == 0, run.describe().constData());
    }
    CliRun login(const QString& user, const QString& code = {}, bool json = false) const
    {
        QStringList arguments{s("auth"), s("login"), user, s("--password-stdin")};
        if (!code.isEmpty()) {
            arguments << s("--code") << code;
        }
        return json ? m_cli.json(arguments, kUserPassword) : m_cli.run(arguments, kUserPassword);
    }
    QJsonObject status(const QString& user) const
    {
        return m_cli.json({s("totp"), s("status"), user}).json();
    }
    // Enrols `user` through the CLI and confirms with the current code; returns the secret (base32).
    QString enrolAndConfirm(const QString& user, int digits = 6, int period = 30,
                            OtpAlgorithm algorithm = OtpAlgorithm::Sha1) const
    {
        const CliRun enrol = m_cli.json({s("totp"), s("enroll"), user});
        if (enrol.exitCode != 0) {
            qWarning("enroll failed: %s", enrol.describe().constData());
            return {};
        }
        const QString secret = enrol.json().value(s("secret")).toString();
        const CliRun confirm =
            m_cli.run({s("totp"), s("confirm"), user, totpAt(secret, now(), digits, period, algorithm)});
        if (confirm.exitCode != 0) {
            qWarning("confirm failed: %s", confirm.describe().constData());
            return {};
        }
        return secret;
    }
    int auditCount(const QString& action) const
    {
        return m_cli.json({s("audit"), s("list"), s("--action"), action}).json().value(s("count")).toInt(-1);
    }
    QString zbarimg() const
    {
        const QString program = QStandardPaths::findExecutable(s("zbarimg"));
        if (program.isEmpty()) {
            qWarning("zbarimg not found: install the zbar-tools package (see packaging/debian-packages.txt)");
        }
        return program;
    }
    // zbarimg's reading of a PNG: the raw bytes of the one symbol (-Sbinary: no charset guessing).
    QByteArray decoded(const QString& png) const
    {
        const ToolRun run = runTool(zbarimg(), {s("--raw"), s("-q"), s("-Sbinary"), png});
        if (!run.started || run.exitCode != 0) {
            qWarning("zbarimg failed on %s: %s", qPrintable(png), run.err.constData());
            return {};
        }
        QByteArray out = run.out;
        if (out.endsWith('\n')) {
            out.chop(1); // zbarimg ends each symbol's data with a newline
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(CryptoRuntime::initialise());
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo(CliRunner::program()).isExecutable(), "TESSERA_CLI must point at tessera-cli");
        m_cli = IdentityCli(m_dir.path(), m_dir.filePath(s("mfa.tessera")));
        QVERIFY(m_cli.create());
    }

    // --- Stateless tools --------------------------------------------------------------------------

    void totpCodeMatchesRfc6238AppendixB()
    {
        // The RFC's seeds are ASCII digits, 20, 32 and 64 bytes long for SHA1, SHA256 and SHA512.
        const QByteArray seed1 = rfc6238Seed(20);
        const QByteArray seed256 = rfc6238Seed(32);
        const QByteArray seed512 = rfc6238Seed(64);
        QCOMPARE(base32Of(seed1), s("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"));
        for (const Rfc6238Vector& vector : kRfc6238Vectors) {
            const std::array<std::tuple<QByteArray, const char*, const char*>, 3> cases{
                std::tuple{seed1, "SHA1", vector.sha1}, std::tuple{seed256, "SHA256", vector.sha256},
                std::tuple{seed512, "sha512", vector.sha512}};
            for (const auto& [seed, algorithm, expected] : cases) {
                const CliRun run = tool({s("totp"), s("code"), s("--secret"), base32Of(seed), s("--time"),
                                         QString::number(vector.time), s("--digits"), s("8"),
                                         s("--algorithm"), s(algorithm)});
                CLI_EXPECT_EXIT(run, 0);
                QCOMPARE(run.out, QByteArray(expected) + '\n'); // the code alone on one line
            }
        }
        // Defaults: 6 digits, 30 s, SHA1: the last six digits of the SHA1 column.
        const CliRun run = tool({s("totp"), s("code"), s("--secret"), base32Of(seed1), s("--time"), s("59")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.out, QByteArray("287082\n"));
    }

    void hotpCodeMatchesRfc4226AppendixD()
    {
        const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                                  "254676", "287922", "162583", "399871", "520489"};
        for (int counter = 0; counter < 10; ++counter) {
            const CliRun run =
                tool({s("hotp"), s("code"), s("--secret"), s("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
                      s("--counter"), QString::number(counter)});
            CLI_EXPECT_EXIT(run, 0);
            QCOMPARE(run.out, QByteArray(expected[counter]) + '\n');
        }
        const CliRun json = tool({s("hotp"), s("code"), s("--secret"), s("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
                                  s("--counter"), s("18446744073709551615"), s("--json")});
        CLI_EXPECT_EXIT(json, 0);
        QCOMPARE(json.json().value(s("counter")).toString(), s("18446744073709551615"));
        auto secret = Base32::decode(u"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        QVERIFY(secret.has_value());
        QCOMPARE(json.json().value(s("code")).toString(),
                 Hotp::code(*secret, std::numeric_limits<std::uint64_t>::max()).value_or(QString()));
    }

    void secretSpellingsGiveTheSameCode()
    {
        // 11 bytes: base32 needs '=' padding (18 characters and six '=').
        const QByteArray seed = "hello-world";
        const QString canonical = base32Of(seed);
        QCOMPARE(canonical.size(), 18);
        const QString expected = totpAt(canonical, 1700000000);
        QVERIFY(!expected.isEmpty());
        QString spaced;
        for (qsizetype i = 0; i < canonical.size(); i += 4) {
            spaced += canonical.mid(i, 4) + QLatin1Char(' ');
        }
        for (const QString& spelling : {canonical, canonical.toLower(), canonical + s("======"),
                                        spaced.trimmed(), spaced.toLower() + s("======")}) {
            const CliRun run =
                tool({s("totp"), s("code"), s("--secret"), spelling, s("--time"), s("1700000000")});
            CLI_EXPECT_EXIT(run, 0);
            QCOMPARE(run.outText(), expected + QLatin1Char('\n'));
        }
        // "--secret -" reads the first line of stdin, keeping the secret out of the process list.
        const CliRun stdinRun =
            tool({s("totp"), s("code"), s("--secret"), s("-"), s("--time"), s("1700000000")},
                 canonical.toLatin1() + '\n');
        CLI_EXPECT_EXIT(stdinRun, 0);
        QCOMPARE(stdinRun.outText(), expected + QLatin1Char('\n'));
        // Wrong padding is refused, not guessed around.
        const CliRun badPadding =
            tool({s("totp"), s("code"), s("--secret"), canonical + s("=="), s("--time"), s("1700000000")});
        CLI_EXPECT_EXIT(badPadding, 2);
        QVERIFY2(badPadding.errText().contains(s("padding")), badPadding.err.constData());
    }

    void totpCodeJsonAndNow()
    {
        const QString secret = s("JBSWY3DPEHPK3PXP");
        CliRun run =
            tool({s("totp"), s("code"), s("--secret"), secret, s("--time"), s("2024-05-01T12:00:10Z"),
                  s("--period"), s("60"), s("--digits"), s("7"), s("--json")});
        CLI_EXPECT_EXIT(run, 0);
        const QJsonObject json = run.json();
        QCOMPARE(keysOf(json), (QStringList{s("algorithm"), s("code"), s("digits"), s("ok"), s("period"),
                                            s("secondsRemaining"), s("step"), s("time"), s("timeMs")}));
        const qint64 at = 1714564810; // 2024-05-01T12:00:10Z
        QCOMPARE(json.value(s("code")).toString(), totpAt(secret, at, 7, 60));
        QCOMPARE(json.value(s("step")).toInteger(), at / 60);
        QCOMPARE(json.value(s("secondsRemaining")).toInt(), 50);
        QCOMPARE(json.value(s("time")).toString(), s("2024-05-01T12:00:10Z"));
        QCOMPARE(json.value(s("algorithm")).toString(), s("SHA1"));

        // Without --time: now. Either side of a step boundary the code is one of two.
        const qint64 before = now();
        run = tool({s("totp"), s("code"), s("--secret"), secret});
        const qint64 after = now();
        CLI_EXPECT_EXIT(run, 0);
        const QString shown = run.outText().trimmed();
        QVERIFY2(shown == totpAt(secret, before) || shown == totpAt(secret, after), run.out.constData());
    }

    void badCodeOptionsAreUsageErrors()
    {
        const QString secret = s("JBSWY3DPEHPK3PXP");
        struct Case
        {
            QStringList arguments;
            const char* mentions;
        };
        const QList<Case> cases{
            {{s("totp"), s("code")}, "--secret"},
            {{s("totp"), s("code"), s("--secret"), s("JBSWY3DPEHPK3PX1")}, "'1'"},
            {{s("totp"), s("code"), s("--secret"), s("JBSWY3DPEHPK3P")}, "base32"},
            {{s("totp"), s("code"), s("--secret"), s("")}, "empty"},
            {{s("totp"), s("code"), s("--secret"), secret, s("--digits"), s("5")}, "--digits"},
            {{s("totp"), s("code"), s("--secret"), secret, s("--digits"), s("9")}, "--digits"},
            {{s("totp"), s("code"), s("--secret"), secret, s("--digits"), s("six")}, "--digits"},
            {{s("totp"), s("code"), s("--secret"), secret, s("--period"), s("0")}, "--period"},
            {{s("totp"), s("code"), s("--secret"), secret, s("--algorithm"), s("MD5")}, "--algorithm"},
            {{s("totp"), s("code"), s("--secret"), secret, s("--time"), s("yesterday")}, "--time"},
            {{s("hotp"), s("code"), s("--secret"), secret}, "--counter"},
            {{s("hotp"), s("code"), s("--secret"), secret, s("--counter=-1")}, "--counter"},
            {{s("hotp"), s("code"), s("--secret"), secret, s("--counter"), s("18446744073709551616")},
             "--counter"},
            {{s("hotp"), s("code"), s("--secret"), secret, s("--counter"), s("1e3")}, "--counter"},
            {{s("hotp"), s("code"), s("--secret"), secret, s("--counter"), s("1"), s("--algorithm"),
              s("sha3")},
             "--algorithm"},
        };
        for (const Case& bad : cases) {
            const CliRun run = tool(bad.arguments);
            CLI_EXPECT_EXIT(run, 2);
            QVERIFY2(run.errText().startsWith(s("tessera-cli: error: ")), run.err.constData());
            QVERIFY2(run.errText().contains(s(bad.mentions)), run.describe().constData());
            QVERIFY(run.out.isEmpty());
        }
        // The secret is never repeated in a message.
        const CliRun run = tool({s("totp"), s("code"), s("--secret"), s("MFRGGZDFMZTWQ2LK1"), s("--json")});
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY(!run.err.contains("MFRGGZDFMZTWQ2LK"));
        QCOMPARE(run.json().value(s("error")).toObject().value(s("kind")).toString(), s("usage"));
    }

    void totpAndHotpAgreeWithOathtool()
    {
        const QString oathtool = QStandardPaths::findExecutable(s("oathtool"));
        if (oathtool.isEmpty()) {
            QFAIL("oathtool not found: install the oathtool package (see packaging/debian-packages.txt)");
        }
        QRandomGenerator random(20240501); // fixed: a failure can be replayed
        const std::array algorithms{OtpAlgorithm::Sha1, OtpAlgorithm::Sha256, OtpAlgorithm::Sha512};
        for (int i = 0; i < 20; ++i) {
            QByteArray seed(10 + int(random.bounded(55)), Qt::Uninitialized);
            for (char& byte : seed) {
                byte = static_cast<char>(random.bounded(256));
            }
            const QString secret = base32Of(seed);
            const OtpAlgorithm algorithm = algorithms[std::size_t(i) % algorithms.size()];
            const int digits = 6 + int(random.bounded(3));
            const int period = i % 4 == 0 ? 60 : (i % 4 == 1 ? 30 : 1 + int(random.bounded(120)));
            const qint64 time = qint64(random.bounded(4000000000U));
            const QString context = QStringLiteral("seed %1, %2, %3 digits, %4 s, @%5")
                                        .arg(QString::fromLatin1(seed.toHex()), otpAlgorithmName(algorithm))
                                        .arg(digits)
                                        .arg(period)
                                        .arg(time);

            const ToolRun reference = runTool(
                oathtool, {QStringLiteral("--totp=%1").arg(otpAlgorithmName(algorithm).toLower()), s("-b"),
                           s("-d"), QString::number(digits), s("-s"), QString::number(period), s("--now"),
                           QStringLiteral("@%1").arg(time), secret});
            QVERIFY2(reference.started && reference.exitCode == 0, reference.err.constData());
            // Every other run passes the secret on stdin, the way a careful script would.
            const bool viaStdin = i % 2 == 1;
            const CliRun ours =
                tool({s("totp"), s("code"), s("--secret"), viaStdin ? s("-") : secret, s("--time"),
                      QString::number(time), s("--digits"), QString::number(digits), s("--period"),
                      QString::number(period), s("--algorithm"), otpAlgorithmName(algorithm)},
                     viaStdin ? secret.toLatin1() + '\n' : QByteArray());
            CLI_EXPECT_EXIT(ours, 0);
            QVERIFY2(ours.out == reference.out, qPrintable(context + s(": ") + ours.outText() + s(" vs ") +
                                                           QString::fromLatin1(reference.out)));

            // HOTP: oathtool computes it with SHA1 only.
            const quint64 counter = random.generate64() >> (random.bounded(64));
            const ToolRun hotpReference = runTool(oathtool, {s("-b"), s("-d"), QString::number(digits),
                                                             s("-c"), QString::number(counter), secret});
            QVERIFY2(hotpReference.started && hotpReference.exitCode == 0, hotpReference.err.constData());
            const CliRun hotp = tool({s("hotp"), s("code"), s("--secret"), secret, s("--counter"),
                                      QString::number(counter), s("--digits"), QString::number(digits)});
            CLI_EXPECT_EXIT(hotp, 0);
            QVERIFY2(hotp.out == hotpReference.out,
                     qPrintable(context + QStringLiteral(", counter %1: ").arg(counter) + hotp.outText()));
        }
    }

    void qrPngReadsBackAsTheExactUri()
    {
        if (zbarimg().isEmpty()) {
            QFAIL("zbarimg not found: install the zbar-tools package (see packaging/debian-packages.txt)");
        }
        OtpAuthUri first;
        first.issuer = s("Bücher & Söhne: Zürich");
        first.accountName = s("josé.müller@example.com");
        first.secret = SecretBuffer::fromBytes(QByteArrayView("12345678901234567890"));
        auto firstUri = first.toUri();
        QVERIFY(firstUri.has_value());
        OtpAuthUri second;
        second.accountName = s("ops team: on call");
        second.secret = SecretBuffer::random(20);
        second.algorithm = OtpAlgorithm::Sha512;
        second.digits = 8;
        second.period = 60;
        auto secondUri = second.toUri();
        QVERIFY(secondUri.has_value());
        const QStringList uris{
            *firstUri,
            *secondUri,
            // By hand: raw spaces, '@', ':' and non-ASCII text, as another generator might write it.
            s("otpauth://totp/Ünïcødé "
              "Co:зоя@пример.рф?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Ünïcødé Co"),
            s("plain text: not a URI at all @ 12:00 — 漢字"),
        };
        int index = 0;
        for (const QString& uri : uris) {
            const QString png = m_dir.filePath(QStringLiteral("qr-%1.png").arg(index++));
            const CliRun run = tool({s("totp"), s("qr"), s("--uri"), uri, s("--out"), png});
            CLI_EXPECT_EXIT(run, 0);
            // OtpAuthUri reads what it writes and the raw form alike; plain text is no otpauth URI.
            QVERIFY2(run.err.isEmpty(), run.err.constData());
            QCOMPARE(permissionBits(png), ownerOnly()); // an otpauth URI holds a secret
            QVERIFY(fileBytes(png).startsWith("\x89PNG\r\n\x1a\n"));
            QCOMPARE(decoded(png), uri.toUtf8());
        }
        // JSON names the file and the symbol. Only raw non-ASCII bytes get the UTF-8 designator (ECI):
        // OtpAuthUri percent-encodes them, which keeps its URIs readable by the oldest scanners.
        for (const auto& [uri, eci] : {std::pair{uris.at(0), false}, std::pair{uris.at(2), true}}) {
            const QString png = path("qr-json.png");
            const CliRun run =
                tool({s("totp"), s("qr"), s("--uri"), uri, s("--out"), png, s("--json"), s("--force")});
            CLI_EXPECT_EXIT(run, 0);
            const QJsonObject json = run.json();
            QCOMPARE(json.value(s("file")).toString(), png);
            QCOMPARE(json.value(s("format")).toString(), s("png"));
            QCOMPARE(json.value(s("eci")).toBool(!eci), eci);
            QVERIFY(json.value(s("version")).toInt() >= 1);
            QCOMPARE(json.value(s("modules")).toInt(), 17 + 4 * json.value(s("version")).toInt());
            QVERIFY(!run.out.contains("secret=")); // the URI is not echoed
            QCOMPARE(decoded(png), uri.toUtf8());
        }
    }

    void qrSvgIsWellFormedXml()
    {
        const QString svg = path("qr.svg");
        const CliRun run =
            tool({s("totp"), s("qr"), s("--uri"),
                  s("otpauth://totp/Tessera:alice?secret=JBSWY3DPEHPK3PXP&issuer=Tessera"), s("--out"), svg});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(permissionBits(svg), ownerOnly());
        QXmlStreamReader xml(fileBytes(svg));
        QString root;
        int elements = 0;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement) {
                if (root.isEmpty()) {
                    root = xml.name().toString();
                }
                ++elements;
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(root, s("svg"));
        QVERIFY(elements >= 2);
        // Upper-case extensions choose the format too.
        CLI_EXPECT_EXIT(tool({s("totp"), s("qr"), s("--uri"), s("x"), s("--out"), path("QR.SVG")}), 0);
    }

    void qrRefusesBadExtensionsAndExistingFiles()
    {
        const QString uri = s("otpauth://totp/Tessera:alice?secret=JBSWY3DPEHPK3PXP&issuer=Tessera");
        for (const char* name : {"qr.jpg", "qr", "qr.png.txt"}) {
            const CliRun run = tool({s("totp"), s("qr"), s("--uri"), uri, s("--out"), path(name)});
            CLI_EXPECT_EXIT(run, 2);
            QVERIFY2(run.errText().contains(s(".png or .svg")), run.err.constData());
            QVERIFY(!QFileInfo::exists(path(name)));
        }
        const QString existing = path("existing.png");
        {
            QFile file(existing);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("keep me");
        }
        CliRun run = tool({s("totp"), s("qr"), s("--uri"), uri, s("--out"), existing, s("--json")});
        CLI_EXPECT_EXIT(run, 2);
        QCOMPARE(run.json().value(s("error")).toObject().value(s("kind")).toString(), s("conflict"));
        QVERIFY(run.errText().contains(s("--force")));
        QCOMPARE(fileBytes(existing), QByteArray("keep me"));
        run = tool({s("totp"), s("qr"), s("--uri"), uri, s("--out"), existing, s("--force")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(fileBytes(existing).startsWith("\x89PNG"));
        QCOMPARE(permissionBits(existing), ownerOnly());
        CLI_EXPECT_EXIT(tool({s("totp"), s("qr")}), 2);
        CLI_EXPECT_EXIT(tool({s("totp"), s("qr"), s("--uri="), s("--out"), path("empty.png")}), 2);
    }

    void qrInTheTerminalAndBrokenOtpauthWarning()
    {
        // stdout is a pipe here: plain blocks, no colour escapes.
        CliRun run =
            tool({s("totp"), s("qr"), s("--uri"), s("otpauth://totp/Tessera:alice?secret=JBSWY3DPEHPK3PXP")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(run.outText().contains(QChar(0x2588)) || run.outText().contains(QChar(0x2580)));
        QVERIFY(!run.out.contains('\x1b'));
        QVERIFY(run.err.isEmpty());
        // An otpauth URI authenticator apps would refuse is encoded anyway, with a warning.
        run = tool({s("totp"), s("qr"), s("--uri"), s("otpauth://totp/alice?secret=not base32!"), s("--out"),
                    path("broken.png")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY2(run.errText().startsWith(s("tessera-cli: warning: ")), run.err.constData());
        QVERIFY(QFileInfo::exists(path("broken.png")));
    }

    // --- On a vault -----------------------------------------------------------------------------

    void enrolConfirmAndSignInWithACode()
    {
        addUser(s("alice"));
        QCOMPARE(status(s("alice")).value(s("state")).toString(), s("off"));

        CliRun run = m_cli.json({s("totp"), s("enroll"), s("ALICE")});
        CLI_EXPECT_EXIT(run, 0);
        QJsonObject json = run.json();
        QCOMPARE(keysOf(json), (QStringList{s("algorithm"), s("digits"), s("issuer"), s("ok"), s("period"),
                                            s("qrPng"), s("secret"), s("state"), s("uri"), s("username")}));
        QCOMPARE(json.value(s("username")).toString(), s("alice"));
        QCOMPARE(json.value(s("state")).toString(), s("pending"));
        QCOMPARE(json.value(s("algorithm")).toString(), s("SHA1"));
        QCOMPARE(json.value(s("digits")).toInt(), 6);
        QCOMPARE(json.value(s("period")).toInt(), 30);
        QVERIFY(run.err.isEmpty()); // app defaults: no warning
        const QString secret = json.value(s("secret")).toString();
        QCOMPARE(Base32::decode(secret).value_or(SecretBuffer()).size(), std::size_t(20));
        auto uri = OtpAuthUri::parse(json.value(s("uri")).toString());
        QVERIFY2(uri.has_value(), qPrintable(json.value(s("uri")).toString()));
        QCOMPARE(uri->accountName, s("alice"));
        QCOMPARE(Base32::encode(uri->secret.view()), secret);
        QCOMPARE(showMfa(s("alice")).value(s("state")).toString(), s("pending"));

        // A pending authenticator is not asked for at sign-in yet.
        CLI_EXPECT_EXIT(login(s("alice")), 0);

        // Confirmation: a malformed code is a usage error, a wrong one a negative answer.
        run = m_cli.run({s("totp"), s("confirm"), s("alice"), s("12ab56")});
        CLI_EXPECT_EXIT(run, 2);
        run = m_cli.json({s("totp"), s("confirm"), s("alice"), wrongCode(totpAt(secret, now()))});
        CLI_EXPECT_EXIT(run, 1);
        QCOMPARE(run.json().value(s("error")).toObject().value(s("kind")).toString(), s("no-match"));
        QVERIFY2(run.errText().contains(s("does not match")), run.err.constData());
        QCOMPARE(status(s("alice")).value(s("state")).toString(), s("pending"));
        run = m_cli.run({s("totp"), s("confirm"), s("alice"), totpAt(secret, now())});
        CLI_EXPECT_EXIT(run, 0);
        json = status(s("alice"));
        QCOMPARE(json.value(s("state")).toString(), s("active"));
        QVERIFY(!json.value(s("confirmedAt")).isNull());
        QVERIFY(!json.value(s("enrolledAt")).isNull());
        QCOMPARE(json.value(s("backupCodesTotal")).toInt(-1), 0);
        // Confirming twice is a conflict; so is enrolling over an active authenticator.
        CLI_EXPECT_EXIT(m_cli.run({s("totp"), s("confirm"), s("alice"), totpAt(secret, now())}), 2);
        run = m_cli.json({s("totp"), s("enroll"), s("alice")});
        CLI_EXPECT_EXIT(run, 2);
        QCOMPARE(run.json().value(s("error")).toObject().value(s("kind")).toString(), s("conflict"));

        // Password alone, stdin not a terminal: exit 1, and the hint to pass --code.
        run = login(s("alice"));
        CLI_EXPECT_EXIT(run, 1);
        QCOMPARE(run.errText(), s("tessera-cli: error: second factor required: pass --code\n"));
        run = login(s("alice"), {}, true);
        CLI_EXPECT_EXIT(run, 1);
        QCOMPARE(run.json().value(s("error")).toObject().value(s("kind")).toString(),
                 s("second-factor-required"));
        QCOMPARE(run.json().value(s("authenticated")).toBool(true), false);

        // The next step's code (the confirmation used up this one), then the same code again.
        const QString code = totpAt(secret, now() + 30);
        const int failuresBefore = auditCount(s("auth.failure"));
        run = login(s("alice"), code, true);
        CLI_EXPECT_EXIT(run, 0);
        json = run.json();
        QCOMPARE(json.value(s("authenticated")).toBool(), true);
        QCOMPARE(json.value(s("secondFactor")).toString(), s("totp"));
        QVERIFY(json.value(s("backupCodesRemaining")).isNull());
        QCOMPARE(json.value(s("mfaSetupRequired")).toBool(true), false);
        run = login(s("alice"), code);
        CLI_EXPECT_EXIT(run, 1);
        QCOMPARE(run.errText(), s("tessera-cli: error: invalid credentials\n")); // replay: the generic answer
        QCOMPARE(auditCount(s("auth.failure")), failuresBefore + 1);
        // A wrong code and a wrong password look the same.
        const CliRun wrongPassword = m_cli.run(
            {s("auth"), s("login"), s("alice"), s("--password-stdin"), s("--code"), totpAt(secret, now())},
            "Wrong-Pass-123\n");
        CLI_EXPECT_EXIT(wrongPassword, 1);
        QCOMPARE(wrongPassword.err, run.err);
        QCOMPARE(auditCount(s("auth.failure")), failuresBefore + 2);
        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("unlock"), s("alice")}), 0);

        // The secret never reaches the audit trail.
        const CliRun audit = m_cli.json({s("audit"), s("list")});
        CLI_EXPECT_EXIT(audit, 0);
        QVERIFY(!audit.out.contains(secret.toLatin1()));
        QVERIFY(auditCount(s("mfa.enrol")) >= 1);
        QVERIFY(auditCount(s("mfa.confirm")) >= 1);
    }

    void enrolTextShowsTheQrSecretAndNextStep()
    {
        addUser(s("ben"));
        const CliRun run = m_cli.run({s("totp"), s("enroll"), s("ben")});
        CLI_EXPECT_EXIT(run, 0);
        const QString text = run.outText();
        QVERIFY(text.contains(QChar(0x2588)) || text.contains(QChar(0x2580))); // the QR code
        QVERIFY2(text.contains(s("tessera-cli totp confirm ben CODE")), run.out.constData());
        QVERIFY(text.contains(s("SHA1, 6 digits, 30 s")));
        // The secret in groups of four for typing.
        const QRegularExpression grouped(s("Secret:\\s+((?:[A-Z2-7]{4} )+[A-Z2-7]{1,4})\\n"));
        const QRegularExpressionMatch match = grouped.match(text);
        QVERIFY2(match.hasMatch(), run.out.constData());
        const QString secret = match.captured(1).remove(QLatin1Char(' '));
        // What was shown works: confirming with a code from it activates the authenticator.
        CLI_EXPECT_EXIT(m_cli.run({s("totp"), s("confirm"), s("ben"), totpAt(secret, now())}), 0);
        QCOMPARE(status(s("ben")).value(s("state")).toString(), s("active"));
    }

    void enrolWritesAQrPngThatScans()
    {
        if (zbarimg().isEmpty()) {
            QFAIL("zbarimg not found: install the zbar-tools package (see packaging/debian-packages.txt)");
        }
        addUser(s("cora"));
        const QString png = path("cora.png");
        const CliRun run = m_cli.run({s("totp"), s("enroll"), s("cora"), s("--qr-png"), png});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(
            !run.out.contains(QString(QChar(0x2588)).toUtf8())); // no terminal QR when a file is asked for
        QCOMPARE(permissionBits(png), ownerOnly());
        auto uri = OtpAuthUri::parse(QString::fromUtf8(decoded(png)));
        QVERIFY(uri.has_value());
        QCOMPARE(uri->accountName, s("cora"));
        const QString secret = Base32::encode(uri->secret.view());
        CLI_EXPECT_EXIT(m_cli.run({s("totp"), s("confirm"), s("cora"), totpAt(secret, now())}), 0);
        // The file is not replaced without --force (checked before the vault is opened).
        CliRun again = m_cli.run({s("totp"), s("enroll"), s("cora"), s("--qr-png"), png});
        CLI_EXPECT_EXIT(again, 2);
        QVERIFY(again.errText().contains(s("--force")));
        again = m_cli.run({s("totp"), s("enroll"), s("cora"), s("--qr-png"), path("cora.svg")});
        CLI_EXPECT_EXIT(again, 2);
    }

    void backupCodesSignInOnceEach()
    {
        addUser(s("dora"));
        // No authenticator yet: no backup codes either.
        CliRun run = m_cli.json({s("backup-codes"), s("generate"), s("dora")});
        CLI_EXPECT_EXIT(run, 2);
        QCOMPARE(run.json().value(s("error")).toObject().value(s("kind")).toString(), s("conflict"));
        QVERIFY(!enrolAndConfirm(s("dora")).isEmpty());

        run = m_cli.json({s("backup-codes"), s("generate"), s("dora")});
        CLI_EXPECT_EXIT(run, 0);
        QJsonObject json = run.json();
        QCOMPARE(json.value(s("username")).toString(), s("dora"));
        const QStringList codes = stringsOf(json.value(s("codes")));
        QCOMPARE(codes.size(), 10);
        const QRegularExpression shape(s("^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$"));
        for (const QString& code : codes) {
            QVERIFY2(shape.match(code).hasMatch(), qPrintable(code));
        }
        QCOMPARE(QSet<QString>(codes.begin(), codes.end()).size(), 10);
        json = status(s("dora"));
        QCOMPARE(json.value(s("backupCodesTotal")).toInt(), 10);
        QCOMPARE(json.value(s("backupCodesRemaining")).toInt(), 10);

        run = login(s("dora"), codes.at(0), true);
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(s("secondFactor")).toString(), s("backup-code"));
        QCOMPARE(run.json().value(s("backupCodesRemaining")).toInt(), 9);
        // Typed loosely: lower case, no dash.
        run = login(s("dora"), codes.at(1).toLower().remove(QLatin1Char('-')));
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY2(run.outText().contains(s("signed in with a backup code; 8 left")), run.out.constData());
        QVERIFY(!run.errText().contains(s("warning")));
        // Each code once.
        run = login(s("dora"), codes.at(0));
        CLI_EXPECT_EXIT(run, 1);
        QCOMPARE(run.errText(), s("tessera-cli: error: invalid credentials\n"));
        QCOMPARE(showMfa(s("dora")).value(s("backupCodesRemaining")).toInt(), 8);

        // A new set replaces the old one, and says so: --yes without a terminal.
        run = m_cli.run({s("backup-codes"), s("generate"), s("dora"), s("--count"), s("4")});
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY2(run.errText().contains(s("--yes")), run.err.constData());
        run = m_cli.json({s("backup-codes"), s("generate"), s("dora"), s("--count"), s("4"), s("--yes")});
        CLI_EXPECT_EXIT(run, 0);
        const QStringList fresh = stringsOf(run.json().value(s("codes")));
        QCOMPARE(fresh.size(), 4);
        CLI_EXPECT_EXIT(login(s("dora"), codes.at(2)), 1); // the old set no longer works
        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("unlock"), s("dora")}), 0);
        // Running low: a warning on stderr.
        run = login(s("dora"), fresh.at(0));
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY2(run.outText().contains(s("3 left")), run.out.constData());
        QVERIFY2(run.errText().contains(s("warning: only 3 backup code(s) left")), run.err.constData());
        QVERIFY(auditCount(s("mfa.backup-codes")) >= 2);

        // Text output: numbered, one per line.
        run = m_cli.run({s("backup-codes"), s("generate"), s("dora"), s("--yes"), s("--count"), s("12")});
        CLI_EXPECT_EXIT(run, 0);
        const QRegularExpression line(s("^\\s*(\\d+)\\. ([0-9A-Z]{5}-[0-9A-Z]{5})$"),
                                      QRegularExpression::MultilineOption);
        int numbered = 0;
        for (auto it = line.globalMatch(run.outText()); it.hasNext();) {
            QCOMPARE(it.next().captured(1).toInt(), ++numbered);
        }
        QCOMPARE(numbered, 12);
        // Bad counts.
        for (const char* count : {"0", "101", "many"}) {
            CLI_EXPECT_EXIT(
                m_cli.run({s("backup-codes"), s("generate"), s("dora"), s("--yes"), s("--count"), s(count)}),
                2);
        }
    }

    void backupCodesToAFile()
    {
        addUser(s("emil"));
        QVERIFY(!enrolAndConfirm(s("emil")).isEmpty());
        const QString file = path("emil-codes.txt");
        CliRun run = m_cli.json({s("backup-codes"), s("generate"), s("emil"), s("--out"), file});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(s("file")).toString(), file);
        QVERIFY(!run.json().contains(s("codes"))); // written, not shown
        QCOMPARE(permissionBits(file), ownerOnly());
        const QString content = QString::fromUtf8(fileBytes(file));
        const QRegularExpression line(s("^\\s*\\d+\\. ([0-9A-Z]{5}-[0-9A-Z]{5})$"),
                                      QRegularExpression::MultilineOption);
        QStringList codes;
        for (auto it = line.globalMatch(content); it.hasNext();) {
            codes << it.next().captured(1);
        }
        QCOMPARE(codes.size(), 10);
        CLI_EXPECT_EXIT(login(s("emil"), codes.last()), 0);
        // Never over an existing file without --force; nothing is generated then.
        run = m_cli.run({s("backup-codes"), s("generate"), s("emil"), s("--yes"), s("--out"), file});
        CLI_EXPECT_EXIT(run, 2);
        QCOMPARE(QString::fromUtf8(fileBytes(file)), content);
        CLI_EXPECT_EXIT(login(s("emil"), codes.first()), 0);
        run = m_cli.run(
            {s("backup-codes"), s("generate"), s("emil"), s("--yes"), s("--out"), file, s("--force")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(QString::fromUtf8(fileBytes(file)) != content);
        const QStringList current = [&] {
            QStringList out;
            const QString written = QString::fromUtf8(fileBytes(file));
            for (auto it = line.globalMatch(written); it.hasNext();) {
                out << it.next().captured(1);
            }
            return out;
        }();
        QCOMPARE(current.size(), 10);
        // A target that cannot be written is refused before any code is generated: an empty name and a
        // folder (exit 2), a missing folder (exit 3). The codes in the file keep working.
        for (const auto& [target, code] : {std::pair{QString(), 2}, std::pair{m_dir.path(), 2},
                                           std::pair{path("no-such-folder/codes.txt"), 3}}) {
            run = m_cli.run({s("backup-codes"), s("generate"), s("emil"), s("--yes"), s("--force"),
                             s("--out=") + target});
            CLI_EXPECT_EXIT(run, code);
        }
        QVERIFY(!QFileInfo::exists(path("no-such-folder")));
        QCOMPARE(status(s("emil")).value(s("backupCodesRemaining")).toInt(), 10);
        CLI_EXPECT_EXIT(login(s("emil"), current.first()), 0); // the set in the file is still the one
    }

    void resetNeedsConfirmationThenThePasswordIsEnough()
    {
        addUser(s("finn"));
        QVERIFY(!enrolAndConfirm(s("finn")).isEmpty());
        CLI_EXPECT_EXIT(m_cli.run({s("backup-codes"), s("generate"), s("finn")}), 0);
        CLI_EXPECT_EXIT(login(s("finn")), 1);

        CliRun run = m_cli.json({s("totp"), s("reset"), s("finn")});
        CLI_EXPECT_EXIT(run, 2);
        QCOMPARE(run.json().value(s("error")).toObject().value(s("kind")).toString(), s("usage"));
        QVERIFY(run.errText().contains(s("--yes")));
        QCOMPARE(status(s("finn")).value(s("state")).toString(), s("active"));

        const int resets = auditCount(s("mfa.reset"));
        run = m_cli.json({s("totp"), s("reset"), s("finn"), s("--yes")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(s("state")).toString(), s("off"));
        const QJsonObject json = status(s("finn"));
        QCOMPARE(json.value(s("state")).toString(), s("off"));
        QCOMPARE(json.value(s("backupCodesTotal")).toInt(-1), 0);
        QVERIFY(json.value(s("algorithm")).isNull());
        QCOMPARE(auditCount(s("mfa.reset")), resets + 1);
        run = login(s("finn"), {}, true);
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(run.json().value(s("secondFactor")).isNull());
        // Nothing left to reset.
        run = m_cli.json({s("totp"), s("reset"), s("finn"), s("--yes")});
        CLI_EXPECT_EXIT(run, 2);
        QCOMPARE(run.json().value(s("error")).toObject().value(s("kind")).toString(), s("not-found"));
        // A new enrolment after a reset works.
        QVERIFY(!enrolAndConfirm(s("finn")).isEmpty());
    }

    void unknownUsersAndStates()
    {
        for (const QStringList& arguments : {QStringList{s("totp"), s("enroll"), s("nobody")},
                                             QStringList{s("totp"), s("confirm"), s("nobody"), s("123456")},
                                             QStringList{s("totp"), s("reset"), s("nobody"), s("--yes")},
                                             QStringList{s("totp"), s("status"), s("nobody")},
                                             QStringList{s("backup-codes"), s("generate"), s("nobody")}}) {
            const CliRun run = m_cli.json(arguments);
            CLI_EXPECT_EXIT(run, 2);
            QCOMPARE(run.json().value(s("error")).toObject().value(s("kind")).toString(), s("not-found"));
        }
        addUser(s("gus"));
        // Nothing to confirm.
        const CliRun run = m_cli.json({s("totp"), s("confirm"), s("gus"), s("123456")});
        CLI_EXPECT_EXIT(run, 2);
        QCOMPARE(run.json().value(s("error")).toObject().value(s("kind")).toString(), s("not-found"));
        // A code for a user without an authenticator is ignored.
        CLI_EXPECT_EXIT(login(s("gus"), s("123456")), 0);
        CLI_EXPECT_EXIT(
            m_cli.run({s("auth"), s("login"), s("gus"), s("--code="), s("--password-stdin")}, kUserPassword),
            2);
    }

    void policyShowChangeAndValidate()
    {
        CliRun run = m_cli.json({s("totp"), s("policy")});
        CLI_EXPECT_EXIT(run, 0);
        QJsonObject policy = run.json().value(s("policy")).toObject();
        QCOMPARE(policy.value(s("totp")).toObject(),
                 (QJsonObject{
                     {s("algorithm"), s("SHA1")}, {s("digits"), 6}, {s("period"), 30}, {s("window"), 1}}));
        QCOMPARE(policy.value(s("issuer")).toString(), s("Tessera"));
        QCOMPARE(stringsOf(policy.value(s("requiredFor"))), QStringList{});
        QCOMPARE(policy.value(s("appDefaults")).toBool(), true);
        QCOMPARE(run.json().value(s("changed")).toBool(true), false);

        // Bad values: exit 2 naming the problem, nothing changed.
        const int changes = auditCount(s("settings.change"));
        struct Case
        {
            QStringList arguments;
            const char* mentions;
        };
        const QList<Case> cases{
            {{s("--digits"), s("7")}, "digits"},
            {{s("--period"), s("45")}, "period"},
            {{s("--window"), s("6")}, "window"},
            {{s("--window"), s("-1")}, "window"},
            {{s("--algorithm"), s("MD5")}, "algorithm"},
            {{s("--digits"), s("eight")}, "--digits"},
            {{s("--require"), s("Manage:Users")}, "lower-case"},
            {{s("--require"), s("manage:users"), s("--require-none")}, "--require-none"},
            {{s("--issuer"), QString(80, QLatin1Char('x'))}, "ssuer"},
        };
        for (const Case& bad : cases) {
            run = m_cli.run(QStringList{s("totp"), s("policy")} + bad.arguments);
            CLI_EXPECT_EXIT(run, 2);
            QVERIFY2(run.errText().contains(s(bad.mentions)), run.describe().constData());
        }
        QCOMPARE(auditCount(s("settings.change")), changes);

        // Non-default settings: accepted with a warning, used by new enrolments.
        run = m_cli.json({s("totp"), s("policy"), s("--algorithm"), s("sha256"), s("--digits"), s("8"),
                          s("--period"), s("60"), s("--issuer"), s("Ops Vault")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(s("changed")).toBool(), true);
        policy = run.json().value(s("policy")).toObject();
        QCOMPARE(policy.value(s("totp")).toObject().value(s("algorithm")).toString(), s("SHA256"));
        QCOMPARE(policy.value(s("totp")).toObject().value(s("window")).toInt(), 1); // kept
        QCOMPARE(policy.value(s("appDefaults")).toBool(true), false);
        QVERIFY2(run.errText().contains(s("Google Authenticator")), run.err.constData());
        QCOMPARE(auditCount(s("settings.change")), changes + 1);

        addUser(s("hugo"));
        run = m_cli.json({s("totp"), s("enroll"), s("hugo")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY2(run.errText().contains(s("not the app defaults")), run.err.constData());
        const QJsonObject enrolment = run.json();
        QCOMPARE(enrolment.value(s("algorithm")).toString(), s("SHA256"));
        QCOMPARE(enrolment.value(s("digits")).toInt(), 8);
        QCOMPARE(enrolment.value(s("period")).toInt(), 60);
        QCOMPARE(enrolment.value(s("issuer")).toString(), s("Ops Vault"));
        const QString secret = enrolment.value(s("secret")).toString();
        CLI_EXPECT_EXIT(m_cli.run({s("totp"), s("confirm"), s("hugo"), totpAt(secret, now(), 6, 30)}),
                        2); // 6 digits
        CLI_EXPECT_EXIT(m_cli.run({s("totp"), s("confirm"), s("hugo"),
                                   totpAt(secret, now(), 8, 60, OtpAlgorithm::Sha256)}),
                        0);
        run = login(s("hugo"), totpAt(secret, now() + 60, 8, 60, OtpAlgorithm::Sha256));
        CLI_EXPECT_EXIT(run, 0);

        // Back to the defaults; hugo's authenticator keeps its own settings.
        run = m_cli.run({s("totp"), s("policy"), s("--algorithm"), s("SHA1"), s("--digits"), s("6"),
                         s("--period"), s("30"), s("--issuer"), s("Tessera")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY2(!run.errText().contains(s("warning")), run.err.constData());
        const QJsonObject hugo = status(s("hugo"));
        QCOMPARE(hugo.value(s("algorithm")).toString(), s("SHA256"));
        QCOMPARE(hugo.value(s("digits")).toInt(), 8);
        QCOMPARE(hugo.value(s("period")).toInt(), 60);
        // Setting what is already there changes nothing.
        run = m_cli.json({s("totp"), s("policy"), s("--digits"), s("6")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(s("changed")).toBool(true), false);
    }

    void policyRequiresASecondFactorOfSomeUsers()
    {
        addUser(s("ivy"), {s("--role"), s("admin")});
        addUser(s("jon"));
        CliRun run = m_cli.json(
            {s("totp"), s("policy"), s("--require"), s("manage:users"), s("--require"), s("manage:users")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(stringsOf(run.json().value(s("policy")).toObject().value(s("requiredFor"))),
                 QStringList{s("manage:users")});

        QCOMPARE(status(s("ivy")).value(s("required")).toBool(), true);
        QCOMPARE(status(s("jon")).value(s("required")).toBool(true), false);
        const QJsonObject mfa = showMfa(s("ivy"));
        QCOMPARE(keysOf(mfa), (QStringList{s("backupCodesRemaining"), s("required"), s("state")}));
        QCOMPARE(mfa.value(s("required")).toBool(), true);
        run = m_cli.run({s("user"), s("show"), s("ivy")});
        QVERIFY2(run.outText().contains(s("required by policy")), run.out.constData());
        run = m_cli.run({s("totp"), s("status"), s("ivy")});
        QVERIFY2(run.outText().contains(s("MFA required by policy: enrol an authenticator")),
                 run.out.constData());

        // Sign-in still works, and says what is missing.
        run = login(s("ivy"));
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY2(run.outText().contains(s("MFA required by policy: enrol an authenticator")),
                 run.out.constData());
        run = login(s("ivy"), {}, true);
        QCOMPARE(run.json().value(s("mfaSetupRequired")).toBool(), true);
        run = login(s("jon"), {}, true);
        QCOMPARE(run.json().value(s("mfaSetupRequired")).toBool(true), false);

        // Once enrolled, the flag is gone.
        const QString secret = enrolAndConfirm(s("ivy"));
        QVERIFY(!secret.isEmpty());
        run = login(s("ivy"), totpAt(secret, now() + 30), true);
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(s("mfaSetupRequired")).toBool(true), false);

        run = m_cli.json({s("totp"), s("policy"), s("--require-none")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(stringsOf(run.json().value(s("policy")).toObject().value(s("requiredFor"))).isEmpty());
        QCOMPARE(status(s("ivy")).value(s("required")).toBool(true), false);
    }

    void promptsOnATerminal()
    {
        PseudoTerminal terminal;
        if (!terminal.isValid()) {
            QSKIP("no pseudo-terminals in this environment");
        }
        addUser(s("kim"));
        const QString secret = enrolAndConfirm(s("kim"));
        QVERIFY(!secret.isEmpty());

        // auth login asks for the password, then for the code.
        QStringList prompts;
        CliRun run =
            m_cli.runner().runInteractive({s("--vault"), m_cli.vault(), s("auth"), s("login"), s("kim")},
                                          terminal.attachToStdin(), [&](QProcess& process) {
                                              prompts << awaitPrompt(process);
                                              terminal.type(kUserPassword);
                                              prompts << awaitPrompt(process);
                                              terminal.type(totpAt(secret, now() + 30).toLatin1() + '\n');
                                          });
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(prompts.size(), 2);
        QVERIFY2(prompts.at(0).contains(s("Password for kim")), qPrintable(prompts.at(0)));
        QCOMPARE(prompts.at(1), s("Code:"));
        QVERIFY(run.outText().startsWith(s("signed in as kim")));

        // A wrong code typed there is the generic failure.
        run = m_cli.runner().runInteractive({s("--vault"), m_cli.vault(), s("auth"), s("login"), s("kim")},
                                            terminal.attachToStdin(), [&](QProcess& process) {
                                                awaitPrompt(process);
                                                terminal.type(kUserPassword);
                                                awaitPrompt(process);
                                                terminal.type(wrongCode(totpAt(secret, now())).toLatin1() +
                                                              '\n');
                                            });
        CLI_EXPECT_EXIT(run, 1);
        QVERIFY(run.errText().endsWith(s("tessera-cli: error: invalid credentials\n")));

        // totp reset asks; "n" keeps the authenticator.
        QString question;
        run = m_cli.runner().runInteractive({s("--vault"), m_cli.vault(), s("totp"), s("reset"), s("kim")},
                                            terminal.attachToStdin(), [&](QProcess& process) {
                                                question = CliRunner::awaitStderr(process, "[y/N] ");
                                                terminal.type("n\n");
                                            });
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY2(question.contains(s("kim")), qPrintable(question));
        QVERIFY(run.errText().contains(s("cancelled")));
        QCOMPARE(status(s("kim")).value(s("state")).toString(), s("active"));

        // Replacing backup codes asks too; "y" replaces them.
        CLI_EXPECT_EXIT(m_cli.run({s("backup-codes"), s("generate"), s("kim")}), 0);
        run = m_cli.runner().runInteractive(
            {s("--vault"), m_cli.vault(), s("backup-codes"), s("generate"), s("kim"), s("--count"), s("5")},
            terminal.attachToStdin(), [&](QProcess& process) {
                question = CliRunner::awaitStderr(process, "[y/N] ");
                terminal.type("y\n");
            });
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY2(question.contains(s("10 of 10 unused")), qPrintable(question));
        QCOMPARE(status(s("kim")).value(s("backupCodesTotal")).toInt(), 5);
    }

    void helpListsTheCommands()
    {
        CliRun run = tool({s("totp"), s("--help")});
        CLI_EXPECT_EXIT(run, 0);
        for (const char* command : {"code", "qr", "enroll", "confirm", "reset", "status", "policy"}) {
            QVERIFY2(run.outText().contains(s(command)), command);
        }
        run = tool({s("auth"), s("login"), s("--help")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(run.outText().contains(s("--code CODE")));
        run = tool({s("backup-codes"), s("generate"), s("--help")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(run.outText().contains(s("--count N")));
    }

private:
    QJsonObject showMfa(const QString& user) const
    {
        return m_cli.json({s("user"), s("show"), user})
            .json()
            .value(s("user"))
            .toObject()
            .value(s("mfa"))
            .toObject();
    }
};

QTEST_GUILESS_MAIN(TestCliMfa)
#include "TestCliMfa.moc"
