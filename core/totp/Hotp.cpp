#include "totp/Hotp.h"

#include "totp/HmacContext.h"

namespace tessera {

namespace {

constexpr std::uint32_t kPowersOfTen[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};

} // namespace

Status Hotp::checkDigits(int digits)
{
    if (digits < kMinDigits || digits > kMaxDigits) {
        return fail(ErrorKind::Input, QStringLiteral("a one-time code has %1 to %2 digits, not %3")
                                          .arg(kMinDigits)
                                          .arg(kMaxDigits)
                                          .arg(digits));
    }
    return {};
}

std::uint32_t Hotp::truncate(QByteArrayView hmac, int digits)
{
    if (hmac.size() < 20 || digits < kMinDigits || digits > kMaxDigits) {
        return 0;
    }
    const auto byte = [&hmac](qsizetype i) {
        return static_cast<std::uint32_t>(static_cast<std::uint8_t>(hmac[i]));
    };
    // The low nibble of the last byte picks where the 31-bit window starts.
    const qsizetype offset = static_cast<qsizetype>(byte(hmac.size() - 1) & 0x0f);
    const std::uint32_t binary =
        ((byte(offset) & 0x7f) << 24) | (byte(offset + 1) << 16) | (byte(offset + 2) << 8) | byte(offset + 3);
    return binary % kPowersOfTen[digits];
}

Hotp::CodeChars Hotp::toChars(std::uint32_t value, int digits)
{
    CodeChars chars{};
    for (int i = digits - 1; i >= 0; --i) {
        chars[static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    return chars;
}

Result<QString> Hotp::code(const SecretBuffer& secret, std::uint64_t counter, int digits,
                           OtpAlgorithm algorithm)
{
    if (auto ok = checkDigits(digits); !ok) {
        return std::unexpected(ok.error());
    }
    if (secret.isEmpty()) {
        return fail(ErrorKind::Input, QStringLiteral("the one-time password secret is empty"));
    }
    auto context = HmacContext::create(algorithm, secret.view());
    if (!context) {
        return std::unexpected(context.error());
    }
    HmacContext::Digest digest{};
    auto length = context->macCounter(counter, digest);
    if (!length) {
        return std::unexpected(length.error());
    }
    const std::uint32_t value =
        truncate(QByteArrayView(digest.data(), static_cast<qsizetype>(*length)), digits);
    const CodeChars chars = toChars(value, digits);
    return QString::fromLatin1(chars.data(), digits);
}

} // namespace tessera
