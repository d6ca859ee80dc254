#include "qr/QrCode.h"

#include <cerrno>
#include <cstring>
#include <memory>
#include <qrencode.h>

namespace tessera {

namespace {

// ECI assignment number for UTF-8 (AIM ECI specification).
constexpr unsigned int kEciUtf8 = 26;

struct InputFree
{
    void operator()(QRinput* input) const { QRinput_free(input); }
};
struct CodeFree
{
    void operator()(QRcode* code) const { QRcode_free(code); }
};
using InputPtr = std::unique_ptr<QRinput, InputFree>;
using CodePtr = std::unique_ptr<QRcode, CodeFree>;

QRecLevel toQrLevel(QrErrorCorrection level)
{
    switch (level) {
    case QrErrorCorrection::Low:
        return QR_ECLEVEL_L;
    case QrErrorCorrection::Medium:
        return QR_ECLEVEL_M;
    case QrErrorCorrection::Quartile:
        return QR_ECLEVEL_Q;
    case QrErrorCorrection::High:
        return QR_ECLEVEL_H;
    }
    return QR_ECLEVEL_M;
}

bool isAscii(QByteArrayView bytes)
{
    for (const char c : bytes) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            return false;
        }
    }
    return true;
}

std::unexpected<Error> qrFailure(const char* step, int error)
{
    if (error == ERANGE) {
        return fail(ErrorKind::Input, QStringLiteral("QR code: the text is too long to fit in a QR code"));
    }
    return fail(ErrorKind::Internal,
                QStringLiteral("QR code: %1 failed (%2)")
                    .arg(QLatin1StringView(step), QString::fromLocal8Bit(std::strerror(error))));
}

} // namespace

Result<QrCode> QrCode::encode(QByteArrayView payload, QrErrorCorrection level)
{
    if (payload.isEmpty()) {
        return fail(ErrorKind::Input, QStringLiteral("QR code: nothing to encode"));
    }
    if (payload.size() > 7089) { // far beyond any symbol; also keeps the int conversion below safe
        return qrFailure("encoding", ERANGE);
    }
    // Version 0 = the smallest symbol that fits.
    InputPtr input(QRinput_new2(0, toQrLevel(level)));
    if (!input) {
        return qrFailure("QRinput_new2", errno);
    }
    const bool eci = !isAscii(payload);
    if (eci && QRinput_appendECIheader(input.get(), kEciUtf8) != 0) {
        return qrFailure("adding the UTF-8 ECI header", errno);
    }
    if (QRinput_append(input.get(), QR_MODE_8, static_cast<int>(payload.size()),
                       reinterpret_cast<const unsigned char*>(payload.data())) != 0) {
        return qrFailure("adding the data", errno);
    }
    errno = 0;
    CodePtr code(QRcode_encodeInput(input.get()));
    if (!code) {
        return qrFailure("encoding", errno);
    }
    const int width = code->width;
    std::vector<bool> modules(static_cast<std::size_t>(width) * static_cast<std::size_t>(width));
    for (std::size_t i = 0; i < modules.size(); ++i) {
        modules[i] =
            (code->data[i] & 0x01) != 0; // bit 0 is the colour; the others describe the module's role
    }
    return QrCode(width, code->version, eci, std::move(modules));
}

} // namespace tessera
