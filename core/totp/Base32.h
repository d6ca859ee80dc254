#pragma once

#include "common/Error.h"
#include "crypto/SecretBuffer.h"

#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace tessera {

// RFC 4648 base32 (alphabet A-Z 2-7), the form TOTP secrets travel in: otpauth URIs, manual entry,
// `totp code --secret`. Encoding writes upper case without `=` padding, as the Key URI Format asks.
class Base32
{
public:
    static QString encode(QByteArrayView bytes);

    // Lenient where people are: case-insensitive, spaces anywhere are ignored, `=` padding optional.
    // Strict where mistakes hide: any other character, padding before the end, wrong padding and
    // lengths no encoder can produce (1, 3 or 6 characters past a multiple of 8) are Input errors.
    // Decoded bytes go straight into guarded memory because what is decoded here is a secret.
    static Result<SecretBuffer> decode(QStringView text);

    // "JBSW Y3DP EHPK 3PXP" for reading aloud or typing into a phone; decode() accepts it as is.
    static QString grouped(QStringView encoded, int groupSize = 4);
};

} // namespace tessera
