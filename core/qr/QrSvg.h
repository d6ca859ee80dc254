#pragma once

#include "qr/QrCode.h"

#include <QString>

namespace tessera {

// A QR code as a standalone SVG document: one unit per module, a quiet zone around it, black modules
// on an opaque white square (right in any viewer theme), crisp edges. The dark modules are one path
// of row runs, so anti-aliasing renderers draw no hairline seams between neighbouring modules.
class QrSvg
{
public:
    static constexpr int kDefaultQuietZone = 4;    // modules, the minimum ISO/IEC 18004 asks for
    static constexpr int kDefaultModulePixels = 8; // the document's width/height; the viewBox scales freely

    static QString render(const QrCode& code, int modulePixels = kDefaultModulePixels,
                          int quietZone = kDefaultQuietZone);
};

} // namespace tessera
