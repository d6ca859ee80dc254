#include "qr/QrSvg.h"

#include <algorithm>

namespace tessera {

QString QrSvg::render(const QrCode& code, int modulePixels, int quietZone)
{
    modulePixels = std::max(modulePixels, 1);
    quietZone = std::max(quietZone, 0);
    const int size = code.width() + 2 * quietZone;
    const int pixels = size * modulePixels;

    QString path;
    path.reserve(code.width() * code.width() * 2);
    for (int y = 0; y < code.width(); ++y) {
        int x = 0;
        while (x < code.width()) {
            if (!code.isDark(x, y)) {
                ++x;
                continue;
            }
            const int start = x;
            while (x < code.width() && code.isDark(x, y)) {
                ++x;
            }
            // One rectangle per run of dark modules: move, right, down one, back left, close.
            path +=
                QStringLiteral("M%1 %2h%3v1h-%3z").arg(start + quietZone).arg(y + quietZone).arg(x - start);
        }
    }

    return QStringLiteral(
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%1\" height=\"%1\" "
               "viewBox=\"0 0 %2 %2\" shape-rendering=\"crispEdges\">\n"
               "<rect x=\"0\" y=\"0\" width=\"%2\" height=\"%2\" fill=\"#ffffff\"/>\n"
               "<path fill=\"#000000\" d=\"%3\"/>\n"
               "</svg>\n")
        .arg(pixels)
        .arg(size)
        .arg(path);
}

} // namespace tessera
