#include "qr/QrTerminal.h"

#include <algorithm>

namespace tessera {

namespace {

constexpr char16_t kUpperHalf = u'\u2580';
constexpr char16_t kLowerHalf = u'\u2584';
constexpr char16_t kFullBlock = u'\u2588';

constexpr QLatin1StringView kBlackOnWhite("\x1b[30;107m");
constexpr QLatin1StringView kReset("\x1b[0m");

} // namespace

QString QrTerminal::render(const QrCode& code, Style style, int quietZone)
{
    quietZone = std::max(quietZone, 0);
    const int size = code.width() + 2 * quietZone;
    const bool blocksAreDark = style != Style::BlocksAreLight;
    QString out;
    out.reserve((size / 2 + 1) * (size + 16));
    for (int row = 0; row < size; row += 2) {
        if (style == Style::Ansi) {
            out += kBlackOnWhite;
        }
        for (int column = 0; column < size; ++column) {
            const int x = column - quietZone;
            // "Ink" is whatever the blocks stand for. Past the symbol isDark() is false, so the quiet
            // zone (and the spare lower half of an odd last row) comes out light in every style.
            const bool top = code.isDark(x, row - quietZone) == blocksAreDark;
            const bool bottom = code.isDark(x, row + 1 - quietZone) == blocksAreDark;
            if (top && bottom) {
                out += QChar(kFullBlock);
            } else if (top) {
                out += QChar(kUpperHalf);
            } else if (bottom) {
                out += QChar(kLowerHalf);
            } else {
                out += QLatin1Char(' ');
            }
        }
        if (style == Style::Ansi) {
            out += kReset;
        }
        out += QLatin1Char('\n');
    }
    return out;
}

} // namespace tessera
