#pragma once

#include "common/Error.h"
#include "crypto/SecretBuffer.h"
#include "totp/OtpAlgorithm.h"

#include <QByteArrayView>
#include <QString>
#include <array>
#include <cstdint>

namespace tessera {

// RFC 4226 HOTP: HMAC over a counter, dynamically truncated to a few decimal digits.
class Hotp
{
public:
    // RFC 4226 asks for at least 6 digits; 31 bits hold 8 comfortably (oathtool stops there too).
    static constexpr int kMinDigits = 6;
    static constexpr int kMaxDigits = 8;

    // The code as text with leading zeros kept, e.g. "004154".
    static Result<QString> code(const SecretBuffer& secret, std::uint64_t counter, int digits = 6,
                                OtpAlgorithm algorithm = OtpAlgorithm::Sha1);

    // RFC 4226 section 5.3 dynamic truncation of an HMAC value, as a number below 10^digits.
    // `hmac` must be at least 20 bytes (SHA-1); returns 0 otherwise.
    static std::uint32_t truncate(QByteArrayView hmac, int digits);

    // The number written with exactly `digits` ASCII digits (leading zeros kept), without allocating:
    // the verifier compares these buffers in constant time.
    using CodeChars = std::array<char, kMaxDigits>;
    static CodeChars toChars(std::uint32_t value, int digits);

    static Status checkDigits(int digits);
};

} // namespace tessera
