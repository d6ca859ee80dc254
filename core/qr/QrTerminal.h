#pragma once

#include "qr/QrCode.h"

#include <QString>

namespace tessera {

// A QR code as text for a terminal: each character cell shows two modules stacked (upper and lower
// half blocks, U+2580 / U+2584 / U+2588), which keeps modules square in a 1:2 cell. Scanners need
// dark modules on a light ground, so the style says which terminal colours to rely on.
class QrTerminal
{
public:
    enum class Style
    {
        // Sets black on bright white with ANSI escapes on every line and resets at each line end:
        // correct in light and dark themes alike. The default for an interactive terminal.
        Ansi,
        // No escapes; blocks are dark modules. For light-background terminals and files.
        BlocksAreDark,
        // No escapes; blocks are light modules (the foreground colour of a dark-theme terminal).
        BlocksAreLight,
    };

    static constexpr int kDefaultQuietZone = 4;

    // Lines end in '\n'. The quiet zone is drawn too; with an odd height the last row's lower half
    // is quiet zone as well.
    static QString render(const QrCode& code, Style style = Style::Ansi, int quietZone = kDefaultQuietZone);
};

} // namespace tessera
