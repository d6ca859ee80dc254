#include "totp/Base32.h"

#include <cstdint>

namespace tessera {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

// Value of one base32 character, or -1.
int symbolValue(char16_t c)
{
    if (c >= u'A' && c <= u'Z') {
        return c - u'A';
    }
    if (c >= u'a' && c <= u'z') {
        return c - u'a';
    }
    if (c >= u'2' && c <= u'7') {
        return c - u'2' + 26;
    }
    return -1;
}

// Padding RFC 4648 requires after n % 8 data characters; -1 where no encoder stops.
int paddingFor(qsizetype dataChars)
{
    switch (dataChars % 8) {
    case 0:
        return 0;
    case 2:
        return 6;
    case 4:
        return 4;
    case 5:
        return 3;
    case 7:
        return 1;
    default:
        return -1;
    }
}

QString describeChar(QChar c)
{
    if (c.isPrint()) {
        return QStringLiteral("'%1'").arg(c);
    }
    return QStringLiteral("U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0')).toUpper();
}

} // namespace

QString Base32::encode(QByteArrayView bytes)
{
    QString out;
    out.reserve((bytes.size() * 8 + 4) / 5);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const char byte : bytes) {
        buffer = (buffer << 8) | static_cast<std::uint8_t>(byte);
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out.append(QLatin1Char(kAlphabet[(buffer >> bits) & 0x1f]));
        }
    }
    if (bits > 0) {
        out.append(QLatin1Char(kAlphabet[(buffer << (5 - bits)) & 0x1f]));
    }
    return out;
}

Result<SecretBuffer> Base32::decode(QStringView text)
{
    // First pass validates, so nothing is allocated for input that will be refused.
    qsizetype dataChars = 0;
    qsizetype padChars = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == QLatin1Char(' ')) {
            continue;
        }
        if (c == QLatin1Char('=')) {
            ++padChars;
            continue;
        }
        if (padChars > 0) {
            return fail(
                ErrorKind::Input,
                QStringLiteral("base32: padding '=' may only come at the end (character %1)").arg(i + 1));
        }
        if (symbolValue(c.unicode()) < 0) {
            return fail(ErrorKind::Input, QStringLiteral("base32: invalid character %1 at position %2; "
                                                         "only A-Z and 2-7 are allowed (no 0, 1, 8 or 9)")
                                              .arg(describeChar(c))
                                              .arg(i + 1));
        }
        ++dataChars;
    }
    if (dataChars == 0) {
        return fail(ErrorKind::Input, QStringLiteral("base32: the text is empty"));
    }
    const int expectedPadding = paddingFor(dataChars);
    if (expectedPadding < 0) {
        return fail(ErrorKind::Input, QStringLiteral("base32: %1 characters cannot be a complete base32 text "
                                                     "(truncated or mistyped?)")
                                          .arg(dataChars));
    }
    if (padChars > 0 && padChars != expectedPadding) {
        return fail(ErrorKind::Input,
                    QStringLiteral("base32: %1 data characters take %2 '=' of padding, not %3")
                        .arg(dataChars)
                        .arg(expectedPadding)
                        .arg(padChars));
    }

    SecretBuffer out(static_cast<std::size_t>(dataChars * 5 / 8));
    std::uint32_t buffer = 0;
    int bits = 0;
    std::size_t written = 0;
    for (const QChar c : text) {
        const int value = symbolValue(c.unicode());
        if (value < 0) {
            continue; // spaces and padding, already checked
        }
        buffer = (buffer << 5) | static_cast<std::uint32_t>(value);
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            out.data()[written++] = static_cast<std::uint8_t>(buffer >> bits);
        }
    }
    // Leftover low bits (fewer than 8) are not data. Some generators leave them non-zero; accepting
    // them keeps secrets from such tools usable, as other authenticators do.
    return out;
}

QString Base32::grouped(QStringView encoded, int groupSize)
{
    QString out;
    if (groupSize < 1) {
        groupSize = 4;
    }
    qsizetype inGroup = 0;
    for (const QChar c : encoded) {
        if (c == QLatin1Char(' ') || c == QLatin1Char('=')) {
            continue;
        }
        if (inGroup == groupSize) {
            out.append(QLatin1Char(' '));
            inGroup = 0;
        }
        out.append(c.toUpper());
        ++inGroup;
    }
    return out;
}

} // namespace tessera
