// QR codes: the module matrix from libqrencode decodes to exactly its payload with a real decoder
// (zbarimg from Debian's zbar-tools, run live), and the SVG and terminal renderers draw that matrix.
// zbar-tools is a development dependency (packaging/debian-packages.txt): missing, the test fails.
#include "crypto/CryptoRuntime.h"
#include "qr/QrCode.h"
#include "qr/QrPng.h"
#include "qr/QrSvg.h"
#include "qr/QrTerminal.h"
#include "totp/Base32.h"
#include "totp/OtpAuthUri.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>
#include <QXmlStreamReader>

using namespace tessera;

namespace {

constexpr int kPixelsPerModule = 4;
constexpr int kQuietZone = 4;

// A plain PBM (netpbm P1) of the code: 4 px per module, 4-module quiet zone, 1 = black.
QByteArray toPbm(const QrCode& code)
{
    const int size = (code.width() + 2 * kQuietZone) * kPixelsPerModule;
    QByteArray pbm = "P1\n" + QByteArray::number(size) + ' ' + QByteArray::number(size) + '\n';
    for (int py = 0; py < size; ++py) {
        for (int px = 0; px < size; ++px) {
            pbm += code.isDark(px / kPixelsPerModule - kQuietZone, py / kPixelsPerModule - kQuietZone) ? '1'
                                                                                                       : '0';
        }
        pbm += '\n';
    }
    return pbm;
}

struct Decoded
{
    QByteArray data;
    QString error;
};

// zbarimg's text mode applies the ECI (or guesses a charset without one); -Sbinary returns the bytes
// as stored. --raw prints the data alone, followed by one newline in text mode.
Decoded decodeWithZbar(const QString& zbarimg, const QString& imagePath, bool binary)
{
    QStringList arguments{QStringLiteral("--raw"), QStringLiteral("-q"), QStringLiteral("--nodbus"),
                          QStringLiteral("-Sdisable"), QStringLiteral("-Sqrcode.enable")};
    if (binary) {
        arguments << QStringLiteral("-Sbinary");
    }
    arguments << imagePath;
    QProcess process;
    process.start(zbarimg, arguments);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit) {
        return {{}, QStringLiteral("zbarimg did not finish: %1").arg(process.errorString())};
    }
    if (process.exitCode() != 0) {
        return {{},
                QStringLiteral("zbarimg found no QR code (exit %1): %2")
                    .arg(process.exitCode())
                    .arg(QString::fromLocal8Bit(process.readAllStandardError()))};
    }
    QByteArray data = process.readAllStandardOutput();
    if (!binary) {
        if (!data.endsWith('\n')) {
            return {{}, QStringLiteral("zbarimg text output does not end in a newline")};
        }
        data.chop(1);
    }
    return {data, {}};
}

QString secretUri(const QString& issuer, const QString& account)
{
    OtpAuthUri uri;
    uri.issuer = issuer;
    uri.accountName = account;
    uri.secret = SecretBuffer::random(20);
    return uri.toUri().value();
}

// Reads a QrTerminal rendering back into modules (true = dark), quiet zone included.
std::vector<std::vector<bool>> readTerminal(QString text, QrTerminal::Style style)
{
    text.remove(QRegularExpression(QStringLiteral("\x1b\\[[0-9;]*m")));
    const bool blocksAreDark = style != QrTerminal::Style::BlocksAreLight;
    std::vector<std::vector<bool>> rows;
    for (const QString& line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        std::vector<bool> top;
        std::vector<bool> bottom;
        for (const QChar c : line) {
            const bool upperInk = c == QChar(u'\u2588') || c == QChar(u'\u2580');
            const bool lowerInk = c == QChar(u'\u2588') || c == QChar(u'\u2584');
            top.push_back(upperInk == blocksAreDark);
            bottom.push_back(lowerInk == blocksAreDark);
        }
        rows.push_back(top);
        rows.push_back(bottom);
    }
    return rows;
}

} // namespace

Q_DECLARE_METATYPE(tessera::QrTerminal::Style)

class TestQrCode : public QObject
{
    Q_OBJECT

private:
    QString m_zbarimg;
    QTemporaryDir m_dir;

    // Writes the code as an image and checks zbarimg reads back exactly `payload`, in text and in
    // binary mode.
    void checkDecodes(const QByteArray& payload, QrErrorCorrection level = QrErrorCorrection::Medium)
    {
        auto code = QrCode::encode(payload, level);
        QVERIFY2(code, qPrintable(code ? QString() : code.error().message));
        const QString path = m_dir.filePath(QStringLiteral("qr-%1.pbm").arg(qHash(payload)));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(toPbm(*code));
        file.close();
        for (const bool binary : {false, true}) {
            const Decoded decoded = decodeWithZbar(m_zbarimg, path, binary);
            QVERIFY2(decoded.error.isEmpty(), qPrintable(decoded.error));
            QVERIFY2(decoded.data == payload,
                     qPrintable(QStringLiteral("%1 mode: expected %2, decoded %3")
                                    .arg(binary ? QStringLiteral("binary") : QStringLiteral("text"),
                                         QString::fromLatin1(payload.toHex()),
                                         QString::fromLatin1(decoded.data.toHex()))));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(CryptoRuntime::initialise());
        QVERIFY(m_dir.isValid());
        m_zbarimg = QStandardPaths::findExecutable(QStringLiteral("zbarimg"));
        QVERIFY2(!m_zbarimg.isEmpty(),
                 "zbarimg not found: install zbar-tools (see packaging/debian-packages.txt)");
    }

    void asciiPayloadsHaveNoEci()
    {
        auto code = QrCode::encode("otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example");
        QVERIFY(code);
        QVERIFY(!code->hasEci());
        QCOMPARE(code->width(), 17 + 4 * code->version());
        QCOMPARE(code->modules().size(), static_cast<std::size_t>(code->width() * code->width()));
        // Finder pattern corners: dark, and the quiet zone outside is light.
        QVERIFY(code->isDark(0, 0) && code->isDark(6, 6) && code->isDark(code->width() - 1, 0));
        QVERIFY(!code->isDark(-1, 0) && !code->isDark(0, code->width()));
    }

    void nonAsciiPayloadsCarryAUtf8Eci()
    {
        auto code =
            QrCode::encode(QStringLiteral("otpauth://totp/Bücher:josé?secret=JBSWY3DPEHPK3PXP").toUtf8());
        QVERIFY(code);
        QVERIFY(code->hasEci());
    }

    void tesseraUrisDecodeToExactlyTheirText_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::newRow("plain") << secretUri(QStringLiteral("Tessera"), QStringLiteral("alice"));
        QTest::newRow("spaces and @")
            << secretUri(QStringLiteral("ACME Co"), QStringLiteral("john.doe@email.com"));
        QTest::newRow("colons") << secretUri(QStringLiteral("Corp: EU"), QStringLiteral("ops:admin"));
        QTest::newRow("non-ASCII names")
            << secretUri(QStringLiteral("Bücher GmbH"), QStringLiteral("josé@example.com"));
        QTest::newRow("CJK and emoji")
            << secretUri(QStringLiteral("東京 \U0001F512"), QStringLiteral("ユーザー"));
    }

    void tesseraUrisDecodeToExactlyTheirText()
    {
        QFETCH(QString, uri);
        checkDecodes(uri.toUtf8());
    }

    // A URI pasted with raw UTF-8 (`totp qr --uri`): bytes unchanged, and the ECI makes zbar's text
    // mode read them as UTF-8 rather than guessing (without it zbar 0.23 guesses Shift-JIS here).
    void rawUtf8PayloadsDecodeByteForByte_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("latin") << QStringLiteral(
            "otpauth://totp/Bücher GmbH:josé@example.com?secret=JBSWY3DPEHPK3PXP"
            "&issuer=Bücher GmbH");
        QTest::newRow("cjk") << QStringLiteral("otpauth://totp/東京:ユーザー?secret=JBSWY3DPEHPK3PXP");
        QTest::newRow("emoji") << QStringLiteral("otpauth://totp/\U0001F511:me?secret=JBSWY3DPEHPK3PXP");
    }

    void rawUtf8PayloadsDecodeByteForByte()
    {
        QFETCH(QString, text);
        checkDecodes(text.toUtf8());
    }

    void longUrisAtEveryErrorCorrectionLevel()
    {
        // About 200 characters, the size the benchmark uses.
        QString uri = secretUri(QStringLiteral("Tessera Identity Manager (Production EU-West)"),
                                QStringLiteral("firstname.lastname+mfa@subsidiary.example.com"));
        QVERIFY(uri.size() >= 200);
        for (const QrErrorCorrection level : {QrErrorCorrection::Low, QrErrorCorrection::Medium,
                                              QrErrorCorrection::Quartile, QrErrorCorrection::High}) {
            checkDecodes(uri.toUtf8(), level);
            if (QTest::currentTestFailed()) {
                return;
            }
        }
    }

    // The PNG writer (zlib, no Qt Gui) as `totp enroll --qr-png` and `totp qr --out x.png` use it:
    // zbarimg reads the URI back exactly, and ImageMagick, an independent PNG decoder, sees exactly
    // the matrix with whole-pixel modules and the 4-module light quiet zone.
    void pngDecodesToExactlyItsUri_data() { tesseraUrisDecodeToExactlyTheirText_data(); }

    void pngDecodesToExactlyItsUri()
    {
        QFETCH(QString, uri);
        const QByteArray payload = uri.toUtf8();
        auto code = QrCode::encode(payload);
        QVERIFY(code);
        auto png = QrPng::render(*code, 4);
        QVERIFY2(png, qPrintable(png ? QString() : png.error().message));
        QVERIFY(png->startsWith("\x89PNG\r\n\x1a\n"));
        const QString path = m_dir.filePath(QStringLiteral("qr-%1.png").arg(qHash(payload)));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(*png);
        file.close();
        const Decoded decoded = decodeWithZbar(m_zbarimg, path, true);
        QVERIFY2(decoded.error.isEmpty(), qPrintable(decoded.error));
        QCOMPARE(decoded.data, payload);

        const QString convert = QStandardPaths::findExecutable(QStringLiteral("convert"));
        QVERIFY2(!convert.isEmpty(), "ImageMagick's convert not found (see packaging/debian-packages.txt)");
        QProcess process;
        process.start(convert, {path, QStringLiteral("-compress"), QStringLiteral("none"), QStringLiteral("pbm:-")});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 0);
        const QList<QByteArray> tokens = process.readAllStandardOutput().simplified().split(' ');
        const int side = (code->width() + 8) * 4;
        QVERIFY(tokens.size() >= 3);
        QCOMPARE(tokens[0], QByteArray("P1"));
        QCOMPARE(tokens[1].toInt(), side);
        QCOMPARE(tokens[2].toInt(), side);
        QByteArray bits;
        for (qsizetype i = 3; i < tokens.size(); ++i) {
            bits += tokens[i];
        }
        QCOMPARE(bits.size(), qsizetype(side) * side);
        for (int py = 0; py < side; ++py) {
            for (int px = 0; px < side; ++px) {
                const bool dark = code->isDark(px / 4 - 4, py / 4 - 4);
                if ((bits[qsizetype(py) * side + px] == '1') != dark) {
                    QFAIL(qPrintable(QStringLiteral("pixel %1,%2 differs").arg(px).arg(py)));
                }
            }
        }
    }

    void pngRefusesModulesBelowFourPixels()
    {
        auto code = QrCode::encode("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP");
        QVERIFY(code);
        auto small = QrPng::render(*code, 3);
        QVERIFY(!small);
        QCOMPARE(small.error().kind, ErrorKind::Usage);
        QVERIFY(small.error().message.contains(QStringLiteral("at least 4")));
        QVERIFY(!QrPng::render(*code, 4, -1));
        QVERIFY(!QrPng::render(*code, 400)); // over 8192 pixels a side
    }

    void pngSideIsModulesTimesPixelsUpTo8192()
    {
        auto code = QrCode::encode("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP");
        QVERIFY(code);
        // The IHDR chunk follows the 8-byte signature and its own length and type: width, then height.
        const auto sideOf = [](const QByteArray& png) {
            return qFromBigEndian<quint32>(png.constData() + 16);
        };
        auto bare = QrPng::render(*code, 4, 0);
        QVERIFY(bare);
        QCOMPARE(sideOf(*bare), quint32(code->width() * 4));
        auto framed = QrPng::render(*code);
        QVERIFY(framed);
        QCOMPARE(sideOf(*framed),
                 quint32((code->width() + 2 * QrPng::kDefaultQuietZone) * QrPng::kDefaultModulePixels));

        const int modules = code->width() + 2 * QrPng::kDefaultQuietZone;
        const int largest = 8192 / modules;
        auto atLimit = QrPng::render(*code, largest);
        QVERIFY2(atLimit, qPrintable(atLimit ? QString() : atLimit.error().message));
        QVERIFY(sideOf(*atLimit) <= 8192);
        auto over = QrPng::render(*code, largest + 1);
        QVERIFY(!over);
        QCOMPARE(over.error().kind, ErrorKind::Usage);
        QVERIFY(over.error().message.contains(QStringLiteral("too large")));
        // A quiet zone wide enough to push the side over the limit is refused the same way.
        QCOMPARE(QrPng::render(*code, 4, 2048).error().kind, ErrorKind::Usage);
    }

    void refusesWhatCannotBeEncoded()
    {
        auto empty = QrCode::encode(QByteArrayView());
        QVERIFY(!empty);
        QCOMPARE(empty.error().kind, ErrorKind::Input);
        auto huge = QrCode::encode(QByteArray(3000, 'x')); // version 40-L holds 2953 bytes
        QVERIFY(!huge);
        QCOMPARE(huge.error().kind, ErrorKind::Input);
        QVERIFY2(huge.error().message.contains(QStringLiteral("too long")), qPrintable(huge.error().message));
        QVERIFY(QrCode::encode(QByteArray(2953, 'x'), QrErrorCorrection::Low));
    }

    void svgDrawsTheMatrixWithQuietZoneAndCrispEdges()
    {
        auto code = QrCode::encode(
            secretUri(QStringLiteral("ACME Co"), QStringLiteral("alice@example.com")).toUtf8());
        QVERIFY(code);
        const QString svg = QrSvg::render(*code, 8, 4);
        const int size = code->width() + 8;

        QXmlStreamReader xml(svg);
        QVERIFY(xml.readNextStartElement());
        QCOMPARE(xml.name(), QStringLiteral("svg"));
        const QXmlStreamAttributes root = xml.attributes();
        QCOMPARE(root.value(QStringLiteral("viewBox")), QStringLiteral("0 0 %1 %1").arg(size));
        QCOMPARE(root.value(QStringLiteral("width")), QString::number(size * 8));
        QCOMPARE(root.value(QStringLiteral("height")), QString::number(size * 8));
        QCOMPARE(root.value(QStringLiteral("shape-rendering")), QStringLiteral("crispEdges"));

        std::vector<bool> dark(static_cast<std::size_t>(size * size), false);
        bool background = false;
        while (xml.readNextStartElement()) {
            const QXmlStreamAttributes attributes = xml.attributes();
            if (xml.name() == QStringLiteral("rect")) {
                // The light square behind everything, quiet zone included.
                QCOMPARE(attributes.value(QStringLiteral("fill")), QStringLiteral("#ffffff"));
                QCOMPARE(attributes.value(QStringLiteral("width")), QString::number(size));
                background = true;
            } else if (xml.name() == QStringLiteral("path")) {
                QVERIFY(background); // drawn after, so on top of, the background
                QCOMPARE(attributes.value(QStringLiteral("fill")), QStringLiteral("#000000"));
                static const QRegularExpression run(QStringLiteral("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z"));
                const QString d = attributes.value(QStringLiteral("d")).toString();
                qsizetype consumed = 0;
                for (const QRegularExpressionMatch& match : run.globalMatch(d)) {
                    QCOMPARE(match.capturedStart(), consumed); // nothing but runs in the path
                    consumed = match.capturedEnd();
                    const int x = match.captured(1).toInt();
                    const int y = match.captured(2).toInt();
                    const int length = match.captured(3).toInt();
                    QCOMPARE(match.captured(4).toInt(), length);
                    for (int i = 0; i < length; ++i) {
                        dark[static_cast<std::size_t>(y * size + x + i)] = true;
                    }
                }
                QCOMPARE(consumed, d.size());
            }
            xml.skipCurrentElement();
        }
        QVERIFY(!xml.hasError());
        QVERIFY(background);
        for (int y = 0; y < size; ++y) {
            for (int x = 0; x < size; ++x) {
                QVERIFY(dark[static_cast<std::size_t>(y * size + x)] == code->isDark(x - 4, y - 4));
            }
        }
    }

    void terminalDrawsTheMatrixWithHalfBlocks_data()
    {
        QTest::addColumn<QrTerminal::Style>("style");
        QTest::newRow("ansi") << QrTerminal::Style::Ansi;
        QTest::newRow("blocks are dark") << QrTerminal::Style::BlocksAreDark;
        QTest::newRow("blocks are light") << QrTerminal::Style::BlocksAreLight;
    }

    void terminalDrawsTheMatrixWithHalfBlocks()
    {
        QFETCH(QrTerminal::Style, style);
        auto code = QrCode::encode("otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example");
        QVERIFY(code);
        const QString text = QrTerminal::render(*code, style);
        const int size = code->width() + 2 * QrTerminal::kDefaultQuietZone;
        QCOMPARE(text.count(QLatin1Char('\n')), (size + 1) / 2);
        QCOMPARE(text.contains(QStringLiteral("\x1b[")), style == QrTerminal::Style::Ansi);
        if (style == QrTerminal::Style::Ansi) {
            for (const QString& line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
                QVERIFY(line.startsWith(QStringLiteral("\x1b[30;107m")));
                QVERIFY(line.endsWith(QStringLiteral("\x1b[0m"))); // no colour leaks past the line
            }
        }
        const std::vector<std::vector<bool>> modules = readTerminal(text, style);
        QCOMPARE(static_cast<int>(modules.size()), size + 1); // odd size: one spare half row
        for (int y = 0; y <= size; ++y) {
            QCOMPARE(static_cast<int>(modules[static_cast<std::size_t>(y)].size()), size);
            for (int x = 0; x < size; ++x) {
                const int mx = x - QrTerminal::kDefaultQuietZone;
                const int my = y - QrTerminal::kDefaultQuietZone;
                QVERIFY2(modules[static_cast<std::size_t>(y)][static_cast<std::size_t>(x)] ==
                             code->isDark(mx, my),
                         qPrintable(QStringLiteral("module %1,%2").arg(mx).arg(my)));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestQrCode)
#include "TestQrCode.moc"
