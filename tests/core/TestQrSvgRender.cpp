// QrSvg end to end: the SVG rendered by a real SVG engine (Qt Svg, offscreen) and read back by zbarimg.
// Core itself never links Qt Gui; only this test does, and only where the GUI is built.
#include "crypto/CryptoRuntime.h"
#include "qr/QrCode.h"
#include "qr/QrSvg.h"
#include "totp/OtpAuthUri.h"

#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

using namespace tessera;

class TestQrSvgRender : public QObject
{
    Q_OBJECT

private:
    QString m_zbarimg;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(CryptoRuntime::initialise());
        QVERIFY(m_dir.isValid());
        m_zbarimg = QStandardPaths::findExecutable(QStringLiteral("zbarimg"));
        QVERIFY2(!m_zbarimg.isEmpty(),
                 "zbarimg not found: install zbar-tools (see packaging/debian-packages.txt)");
    }

    void renderedSvgDecodesToItsUri_data()
    {
        QTest::addColumn<QString>("issuer");
        QTest::addColumn<QString>("account");
        QTest::addColumn<int>("modulePixels");
        QTest::newRow("ascii, 4 px") << QStringLiteral("Tessera") << QStringLiteral("alice") << 4;
        QTest::newRow("non-ASCII names, 8 px")
            << QStringLiteral("Bücher GmbH") << QStringLiteral("josé@example.com") << 8;
        QTest::newRow("colons, 5 px") << QStringLiteral("Corp: EU") << QStringLiteral("ops:admin") << 5;
    }

    void renderedSvgDecodesToItsUri()
    {
        QFETCH(QString, issuer);
        QFETCH(QString, account);
        QFETCH(int, modulePixels);
        OtpAuthUri uri;
        uri.issuer = issuer;
        uri.accountName = account;
        uri.secret = SecretBuffer::random(20);
        const QByteArray payload = uri.toUri().value().toUtf8();
        auto code = QrCode::encode(payload);
        QVERIFY(code);

        QSvgRenderer renderer(QrSvg::render(*code, modulePixels).toUtf8());
        QVERIFY(renderer.isValid());
        const QSize size = renderer.defaultSize();
        QCOMPARE(size.width(), (code->width() + 8) * modulePixels);
        QImage image(size, QImage::Format_RGB32);
        image.fill(Qt::magenta); // anything the SVG leaves unpainted would show
        QPainter painter(&image);
        renderer.render(&painter);
        painter.end();
        // Opaque light background including the quiet zone; crisp modules: only pure black and white.
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const QRgb pixel = image.pixel(x, y) & 0xffffff;
                QVERIFY2(pixel == 0xffffff || pixel == 0x000000,
                         qPrintable(QStringLiteral("pixel %1,%2").arg(x).arg(y)));
                const bool dark = pixel == 0;
                QVERIFY(dark == code->isDark(x / modulePixels - 4, y / modulePixels - 4));
            }
        }
        const QString path = m_dir.filePath(QStringLiteral("qr.png"));
        QVERIFY(image.save(path));
        QProcess zbar;
        zbar.start(m_zbarimg, {QStringLiteral("--raw"), QStringLiteral("-q"), QStringLiteral("--nodbus"),
                               QStringLiteral("-Sbinary"), path});
        QVERIFY(zbar.waitForFinished(30000));
        QCOMPARE(zbar.exitCode(), 0);
        QCOMPARE(zbar.readAllStandardOutput(), payload);
    }
};

QTEST_MAIN(TestQrSvgRender)
#include "TestQrSvgRender.moc"
