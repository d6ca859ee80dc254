#pragma once

#include "CliError.h"
#include "qr/QrCode.h"

#include <QByteArray>
#include <QString>

namespace tessera::cli {

// QR codes as the CLI hands them out: a PNG or SVG file chosen by the file's extension, or text for
// the terminal.
class QrOutput
{
public:
    enum class Format
    {
        Png,
        Svg,
    };

    // .png or .svg in any case; a usage error (exit 2) for anything else.
    static CliResult<Format> formatFor(const QString& path);
    static QString formatName(Format format); // "png", "svg"

    // Exactly the UTF-8 bytes of `text`; an input error (exit 2) when it does not fit in a QR code.
    static CliResult<QrCode> encode(const QString& text);
    // PNG: 8 pixels per module; both formats with the 4-module quiet zone scanners need.
    static CliResult<QByteArray> fileBytes(const QrCode& code, Format format);
    // Black on white with ANSI colours when stdout is a terminal; plain blocks for dark modules (what a
    // light background or a file shows correctly) when it is not.
    static QString terminalText(const QrCode& code);
};

} // namespace tessera::cli
