#include "QrOutput.h"

#include "crypto/SecretBuffer.h"
#include "qr/QrPng.h"
#include "qr/QrSvg.h"
#include "qr/QrTerminal.h"

#include <QFileInfo>
#include <unistd.h>

namespace tessera::cli {

CliResult<QrOutput::Format> QrOutput::formatFor(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QStringLiteral("png")) {
        return Format::Png;
    }
    if (suffix == QStringLiteral("svg")) {
        return Format::Svg;
    }
    return cliFail(CliError::usage(
        QStringLiteral("%1: the file name must end in .png or .svg (the extension picks the format)")
            .arg(path)));
}

QString QrOutput::formatName(Format format)
{
    return format == Format::Png ? QStringLiteral("png") : QStringLiteral("svg");
}

CliResult<QrCode> QrOutput::encode(const QString& text)
{
    QByteArray bytes = text.toUtf8();
    auto code = QrCode::encode(bytes);
    wipeBytes(bytes);
    if (!code) {
        return cliFail(code.error());
    }
    return std::move(*code);
}

CliResult<QByteArray> QrOutput::fileBytes(const QrCode& code, Format format)
{
    if (format == Format::Svg) {
        return QrSvg::render(code).toUtf8();
    }
    auto png = QrPng::render(code, QrPng::kDefaultModulePixels, QrPng::kDefaultQuietZone);
    if (!png) {
        return cliFail(png.error());
    }
    return std::move(*png);
}

QString QrOutput::terminalText(const QrCode& code)
{
    return QrTerminal::render(code, ::isatty(STDOUT_FILENO) ? QrTerminal::Style::Ansi
                                                            : QrTerminal::Style::BlocksAreDark);
}

} // namespace tessera::cli
