#include "qr/QrPng.h"

#include <QtEndian>
#include <zlib.h>

namespace tessera {

namespace {

constexpr int kMaxSide = 8192;

void appendBigEndian(QByteArray& out, quint32 value)
{
    char bytes[4];
    qToBigEndian(value, bytes);
    out.append(bytes, 4);
}

// One PNG chunk: length, type, data, CRC-32 over type and data.
void appendChunk(QByteArray& out, const char type[4], const QByteArray& data)
{
    appendBigEndian(out, static_cast<quint32>(data.size()));
    const qsizetype typeAt = out.size();
    out.append(type, 4);
    out.append(data);
    const auto* crcStart = reinterpret_cast<const Bytef*>(out.constData() + typeAt);
    const uLong crc = crc32(crc32(0L, Z_NULL, 0), crcStart, static_cast<uInt>(4 + data.size()));
    appendBigEndian(out, static_cast<quint32>(crc));
}

} // namespace

Result<QByteArray> QrPng::render(const QrCode& code, int modulePixels, int quietZone)
{
    if (modulePixels < kMinModulePixels) {
        return fail(ErrorKind::Usage,
                    QStringLiteral("QR modules must be at least %1 pixels, not %2").arg(kMinModulePixels).arg(modulePixels));
    }
    if (quietZone < 0) {
        return fail(ErrorKind::Usage, QStringLiteral("the QR quiet zone cannot be negative"));
    }
    const int modules = code.width() + 2 * quietZone;
    if (modules <= 0 || static_cast<qint64>(modules) * modulePixels > kMaxSide) {
        return fail(ErrorKind::Usage, QStringLiteral("a QR image of %1 modules at %2 pixels each is too large")
                                          .arg(modules)
                                          .arg(modulePixels));
    }
    const int side = modules * modulePixels;
    const int rowBytes = (side + 7) / 8;

    // Raw scanlines: filter byte 0, then 1-bit pixels, most significant bit first; 1 = white.
    QByteArray raw;
    raw.reserve(static_cast<qsizetype>(side) * (rowBytes + 1));
    QByteArray row(rowBytes, '\0');
    for (int my = 0; my < modules; ++my) {
        row.fill('\0');
        for (int px = 0; px < side; ++px) {
            const bool dark = code.isDark(px / modulePixels - quietZone, my - quietZone);
            if (!dark) {
                row[px / 8] = static_cast<char>(static_cast<unsigned char>(row[px / 8]) | (0x80u >> (px % 8)));
            }
        }
        for (int repeat = 0; repeat < modulePixels; ++repeat) {
            raw.append('\0');
            raw.append(row);
        }
    }

    uLongf compressedSize = compressBound(static_cast<uLong>(raw.size()));
    QByteArray compressed(static_cast<qsizetype>(compressedSize), Qt::Uninitialized);
    if (compress2(reinterpret_cast<Bytef*>(compressed.data()), &compressedSize,
                  reinterpret_cast<const Bytef*>(raw.constData()), static_cast<uLong>(raw.size()),
                  Z_BEST_COMPRESSION) != Z_OK) {
        return fail(ErrorKind::Internal, QStringLiteral("zlib could not compress the QR image"));
    }
    compressed.truncate(static_cast<qsizetype>(compressedSize));

    QByteArray header;
    appendBigEndian(header, static_cast<quint32>(side));
    appendBigEndian(header, static_cast<quint32>(side));
    header.append(char(1)); // bit depth
    header.append(char(0)); // colour type: greyscale
    header.append(char(0)); // compression: deflate
    header.append(char(0)); // filter method 0
    header.append(char(0)); // no interlace

    QByteArray png("\x89PNG\r\n\x1a\n", 8);
    appendChunk(png, "IHDR", header);
    appendChunk(png, "IDAT", compressed);
    appendChunk(png, "IEND", QByteArray());
    return png;
}

} // namespace tessera
