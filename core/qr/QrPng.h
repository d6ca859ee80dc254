#pragma once

#include "qr/QrCode.h"

#include <QByteArray>

namespace tessera {

// A QR code as a PNG file's bytes: 1-bit greyscale, dark modules black on white, whole pixels per
// module, the quiet zone included. Written with zlib (deflate and CRC-32) and no Qt Gui, so core and
// the CLI can make one; PNG is chosen over SVG where a phone or a ticket attachment needs a bitmap.
class QrPng
{
public:
    static constexpr int kDefaultQuietZone = 4;    // modules, the minimum ISO/IEC 18004 asks for
    static constexpr int kDefaultModulePixels = 8; // the issue asks for at least 4
    static constexpr int kMinModulePixels = 4;

    // Usage error when modulePixels < kMinModulePixels or the image would exceed 8192 pixels a side.
    static Result<QByteArray> render(const QrCode& code, int modulePixels = kDefaultModulePixels,
                                     int quietZone = kDefaultQuietZone);
};

} // namespace tessera
