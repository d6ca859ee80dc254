#include "jose/Base64Url.h"

#include <array>
#include <cstdint>

namespace tessera::jose {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::uint8_t kInvalid = 0xff;

constexpr std::array<std::uint8_t, 256> makeDecodeTable()
{
    std::array<std::uint8_t, 256> table{};
    for (auto& entry : table) {
        entry = kInvalid;
    }
    for (std::uint8_t i = 0; i < 64; ++i) {
        table[static_cast<unsigned char>(kAlphabet[i])] = i;
    }
    return table;
}

constexpr std::array<std::uint8_t, 256> kDecode = makeDecodeTable();

QString describeChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x21 && u < 0x7f) {
        return QStringLiteral("'%1'").arg(QLatin1Char(c));
    }
    return QStringLiteral("byte 0x%1").arg(u, 2, 16, QLatin1Char('0'));
}

// Shared by decode() and isValid(): returns an empty string when the text is canonical.
QString findProblem(QByteArrayView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (kDecode[static_cast<unsigned char>(c)] == kInvalid) {
            if (c == '=') {
                return QStringLiteral("padding '=' at offset %1 is not allowed (base64url in JOSE has none)")
                    .arg(i);
            }
            if (c == '+' || c == '/') {
                return QStringLiteral("%1 at offset %2 belongs to standard base64, not base64url")
                    .arg(describeChar(c))
                    .arg(i);
            }
            return QStringLiteral("%1 at offset %2 is outside the base64url alphabet")
                .arg(describeChar(c))
                .arg(i);
        }
    }
    const qsizetype rest = text.size() % 4;
    if (rest == 1) {
        return QStringLiteral("length %1 is impossible for base64url (one character left over)")
            .arg(text.size());
    }
    if (rest != 0) {
        // The last character carries 4 (rest 2) or 2 (rest 3) unused low bits, which must be zero.
        const std::uint8_t last = kDecode[static_cast<unsigned char>(text[text.size() - 1])];
        const std::uint8_t unusedMask = rest == 2 ? 0x0f : 0x03;
        if ((last & unusedMask) != 0) {
            return QStringLiteral("non-canonical final character %1 (unused bits are not zero)")
                .arg(describeChar(text[text.size() - 1]));
        }
    }
    return {};
}

} // namespace

QByteArray Base64Url::encode(QByteArrayView bytes)
{
    QByteArray out;
    out.resize((bytes.size() * 4 + 2) / 3);
    char* dst = out.data();
    const auto* src = reinterpret_cast<const std::uint8_t*>(bytes.data());
    qsizetype i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t v = (std::uint32_t{src[i]} << 16) | (std::uint32_t{src[i + 1]} << 8) | src[i + 2];
        *dst++ = kAlphabet[(v >> 18) & 0x3f];
        *dst++ = kAlphabet[(v >> 12) & 0x3f];
        *dst++ = kAlphabet[(v >> 6) & 0x3f];
        *dst++ = kAlphabet[v & 0x3f];
    }
    const qsizetype rest = bytes.size() - i;
    if (rest == 1) {
        const std::uint32_t v = std::uint32_t{src[i]} << 16;
        *dst++ = kAlphabet[(v >> 18) & 0x3f];
        *dst++ = kAlphabet[(v >> 12) & 0x3f];
    } else if (rest == 2) {
        const std::uint32_t v = (std::uint32_t{src[i]} << 16) | (std::uint32_t{src[i + 1]} << 8);
        *dst++ = kAlphabet[(v >> 18) & 0x3f];
        *dst++ = kAlphabet[(v >> 12) & 0x3f];
        *dst++ = kAlphabet[(v >> 6) & 0x3f];
    }
    return out;
}

Result<QByteArray> Base64Url::decode(QByteArrayView text)
{
    QByteArray out;
    if (auto ok = decodeInto(text, out); !ok) {
        return std::unexpected(ok.error());
    }
    return out;
}

Status Base64Url::decodeInto(QByteArrayView text, QByteArray& out)
{
    // One pass: decode, noting any character outside the alphabet (its table entry has the top bits
    // set) and the canonical-form rules; only a bad input is scanned again, for the message.
    if (!out.isDetached()) {
        out = QByteArray(); // shared: leave the other holder's bytes alone, and copy none of them
    }
    out.resize(text.size() * 3 / 4);
    auto* dst = reinterpret_cast<std::uint8_t*>(out.data());
    const auto* src = reinterpret_cast<const unsigned char*>(text.data());
    std::uint8_t seen = 0;
    qsizetype i = 0;
    for (; i + 4 <= text.size(); i += 4) {
        const std::uint8_t a = kDecode[src[i]];
        const std::uint8_t b = kDecode[src[i + 1]];
        const std::uint8_t c = kDecode[src[i + 2]];
        const std::uint8_t d = kDecode[src[i + 3]];
        seen |= a | b | c | d;
        const std::uint32_t v = (std::uint32_t{a} << 18) | (std::uint32_t{b} << 12) | (std::uint32_t{c} << 6) | d;
        *dst++ = static_cast<std::uint8_t>(v >> 16);
        *dst++ = static_cast<std::uint8_t>(v >> 8);
        *dst++ = static_cast<std::uint8_t>(v);
    }
    const qsizetype rest = text.size() - i;
    bool canonical = rest != 1;
    if (rest >= 2) {
        const std::uint8_t a = kDecode[src[i]];
        const std::uint8_t b = kDecode[src[i + 1]];
        const std::uint8_t c = rest == 3 ? kDecode[src[i + 2]] : 0;
        seen |= a | b | c;
        // The last character carries 4 (rest 2) or 2 (rest 3) unused low bits, which must be zero.
        canonical = ((rest == 2 ? b & 0x0f : c & 0x03) == 0);
        const std::uint32_t v = (std::uint32_t{a} << 18) | (std::uint32_t{b} << 12) | (std::uint32_t{c} << 6);
        *dst++ = static_cast<std::uint8_t>(v >> 16);
        if (rest == 3) {
            *dst++ = static_cast<std::uint8_t>(v >> 8);
        }
    }
    if ((seen & 0xc0) != 0 || !canonical) {
        return fail(ErrorKind::Input, findProblem(text));
    }
    return {};
}

bool Base64Url::isValid(QByteArrayView text)
{
    return findProblem(text).isEmpty();
}

} // namespace tessera::jose
