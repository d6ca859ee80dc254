#pragma once

#include "common/Error.h"

#include <QByteArrayView>
#include <vector>

namespace tessera {

enum class QrErrorCorrection
{
    Low,      // ~7 % of the symbol recoverable
    Medium,   // ~15 %: the default, a fair trade between size and a smudged or glared screen
    Quartile, // ~25 %
    High,     // ~30 %
};

// A QR code as a square matrix of modules (true = dark), made by libqrencode. Core stops at the
// matrix: renderers (QrSvg, QrTerminal here; painting and PNG in ui/ and the CLI) add the quiet zone.
class QrCode
{
public:
    // Encodes `payload` byte for byte in 8-bit (byte) mode, never re-encoded or case-folded. When a
    // byte is outside ASCII the data starts with an ECI designator 26 (UTF-8) so readers need not
    // guess the text encoding; pure ASCII payloads get none, for the oldest readers' sake.
    // Input error when the payload does not fit in a version 40 symbol at this level.
    static Result<QrCode> encode(QByteArrayView payload, QrErrorCorrection level = QrErrorCorrection::Medium);

    int width() const { return m_width; }     // modules per side, without quiet zone
    int version() const { return m_version; } // 1..40
    bool hasEci() const { return m_eci; }
    // Outside the symbol is the (light) quiet zone, so renderers may index past the edges.
    bool isDark(int x, int y) const
    {
        return x >= 0 && y >= 0 && x < m_width && y < m_width &&
               m_modules[static_cast<std::size_t>(y) * static_cast<std::size_t>(m_width) +
                         static_cast<std::size_t>(x)];
    }
    const std::vector<bool>& modules() const { return m_modules; } // row-major, width() * width()

private:
    QrCode(int width, int version, bool eci, std::vector<bool> modules)
        : m_width(width), m_version(version), m_eci(eci), m_modules(std::move(modules))
    {}

    int m_width = 0;
    int m_version = 0;
    bool m_eci = false;
    std::vector<bool> m_modules;
};

} // namespace tessera
