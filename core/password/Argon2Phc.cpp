#include "password/Argon2Phc.h"

#include <QList>
#include <array>
#include <optional>
#include <sodium.h>

namespace tessera {

namespace {

Error inputError(const QString& message)
{
    return Error{ErrorKind::Input, message};
}

// Strict unpadded standard base64 (the PHC "B64" encoding): libsodium rejects padding, stray characters
// and non-zero trailing bits, so every byte string has exactly one accepted spelling.
std::optional<QByteArray> decodeB64(QStringView text)
{
    if (text.isEmpty()) {
        return std::nullopt;
    }
    const QByteArray ascii = text.toLatin1();
    QByteArray out(ascii.size() * 3 / 4 + 1, Qt::Uninitialized);
    std::size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), static_cast<std::size_t>(out.size()),
                          ascii.constData(), static_cast<std::size_t>(ascii.size()), nullptr, &length,
                          nullptr, sodium_base64_VARIANT_ORIGINAL_NO_PADDING) != 0) {
        return std::nullopt;
    }
    out.truncate(static_cast<qsizetype>(length));
    return out;
}

QByteArray encodeB64(const QByteArray& bytes)
{
    const std::size_t size = sodium_base64_ENCODED_LEN(static_cast<std::size_t>(bytes.size()),
                                                       sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
    QByteArray out(static_cast<qsizetype>(size), Qt::Uninitialized);
    sodium_bin2base64(out.data(), size, reinterpret_cast<const unsigned char*>(bytes.constData()),
                      static_cast<std::size_t>(bytes.size()), sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
    out.truncate(out.size() - 1); // drop the terminating NUL
    return out;
}

// A PHC decimal: digits only, no sign, fits in 32 bits. Leading zeros are tolerated (and dropped when
// the string is rewritten) since they change nothing.
std::optional<std::uint32_t> decodeDecimal(QStringView text)
{
    if (text.isEmpty() || text.size() > 10) {
        return std::nullopt;
    }
    std::uint64_t value = 0;
    for (const QChar c : text) {
        if (c < u'0' || c > u'9') {
            return std::nullopt;
        }
        value = value * 10 + static_cast<std::uint64_t>(c.unicode() - u'0');
    }
    if (value > 0xFFFFFFFFu) {
        return std::nullopt;
    }
    return static_cast<std::uint32_t>(value);
}

// Parameter names go into error messages only when they look like names, so a pasted secret never does.
QString quotedName(QStringView key)
{
    if (key.isEmpty() || key.size() > 16) {
        return QString();
    }
    for (const QChar c : key) {
        if (!((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'_' || c == u'-')) {
            return QString();
        }
    }
    return QStringLiteral(" \"%1\"").arg(key);
}

std::optional<Error> parseParameters(QStringView text, Argon2Phc& phc)
{
    // Index 0 = m, 1 = t, 2 = p.
    static constexpr std::array<char16_t, 3> kNames{u'm', u't', u'p'};
    std::array<std::optional<std::uint32_t>, 3> values;
    if (text.isEmpty()) {
        return inputError(QStringLiteral("argon2 hash has no parameters (m, t and p are required)"));
    }
    for (const QStringView item : text.split(u',')) {
        const qsizetype eq = item.indexOf(u'=');
        if (item.isEmpty() || eq <= 0) {
            return inputError(
                QStringLiteral("argon2 parameters must be name=value pairs separated by commas"));
        }
        const QStringView key = item.first(eq);
        const QStringView value = item.sliced(eq + 1);
        std::optional<std::size_t> index;
        for (std::size_t i = 0; i < kNames.size(); ++i) {
            if (key.size() == 1 && key.front() == QChar(kNames[i])) {
                index = i;
            }
        }
        if (!index) {
            return inputError(
                QStringLiteral("unknown or unsupported argon2 parameter%1 (only m, t and p are allowed)")
                    .arg(quotedName(key)));
        }
        if (values[*index]) {
            return inputError(QStringLiteral("argon2 parameter %1 appears more than once").arg(key));
        }
        values[*index] = decodeDecimal(value);
        if (!values[*index]) {
            return inputError(QStringLiteral("argon2 parameter %1 is not a valid number").arg(key));
        }
    }
    for (std::size_t i = 0; i < kNames.size(); ++i) {
        if (!values[i]) {
            return inputError(
                QStringLiteral("argon2 hash is missing the %1 parameter").arg(QChar(kNames[i])));
        }
    }
    phc.memoryKiB = *values[0];
    phc.iterations = *values[1];
    phc.parallelism = *values[2];
    if (phc.iterations < 1 || phc.iterations > Argon2Phc::kMaxIterations) {
        return inputError(
            QStringLiteral("argon2 parameter t must be between 1 and %1").arg(Argon2Phc::kMaxIterations));
    }
    if (phc.parallelism < 1 || phc.parallelism > Argon2Phc::kMaxParallelism) {
        return inputError(
            QStringLiteral("argon2 parameter p must be between 1 and %1").arg(Argon2Phc::kMaxParallelism));
    }
    if (std::uint64_t{phc.memoryKiB} < std::uint64_t{8} * phc.parallelism) {
        return inputError(QStringLiteral("argon2 parameter m must be at least 8 KiB per lane (8 * p)"));
    }
    if (phc.memoryKiB > Argon2Phc::kMaxMemoryKiB) {
        return inputError(QStringLiteral("argon2 parameter m exceeds the 4 GiB limit"));
    }
    return std::nullopt;
}

} // namespace

Result<Argon2Phc> Argon2Phc::parse(QStringView encoded)
{
    if (encoded.size() > kMaxEncodedLength) {
        return fail(ErrorKind::Input,
                    QStringLiteral("argon2 hash is longer than %1 characters").arg(kMaxEncodedLength));
    }
    for (const QChar c : encoded) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7F) {
            return fail(ErrorKind::Input,
                        QStringLiteral("argon2 hash contains a space, control or non-ASCII character"));
        }
    }
    const QList<QStringView> fields = encoded.split(u'$');
    if (fields.size() < 2 || !fields.at(0).isEmpty()) {
        return fail(ErrorKind::Input, QStringLiteral("argon2 hash must start with $argon2id$ or $argon2i$"));
    }
    Argon2Phc phc;
    const QStringView algorithm = fields.at(1);
    if (algorithm == u"argon2id") {
        phc.variant = Variant::Argon2id;
    } else if (algorithm == u"argon2i") {
        phc.variant = Variant::Argon2i;
    } else if (algorithm == u"argon2d") {
        return fail(ErrorKind::Input,
                    QStringLiteral("argon2d hashes are not supported (only argon2id and argon2i)"));
    } else {
        return fail(ErrorKind::Input, QStringLiteral("argon2 hash must start with $argon2id$ or $argon2i$"));
    }

    qsizetype next = 2;
    // A missing version field means Argon2 1.0 (v=16) by the reference implementation's convention.
    phc.version = 0x10;
    if (next < fields.size() && fields.at(next).startsWith(u"v=")) {
        const auto version = decodeDecimal(fields.at(next).sliced(2));
        if (!version) {
            return fail(ErrorKind::Input, QStringLiteral("argon2 version is not a valid number"));
        }
        phc.version = *version;
        ++next;
    }
    if (phc.version != kVersion) {
        return fail(
            ErrorKind::Input,
            QStringLiteral("argon2 version %1 is not supported (only v=19, Argon2 1.3)").arg(phc.version));
    }
    if (fields.size() - next < 3) {
        return fail(
            ErrorKind::Input,
            QStringLiteral(
                "argon2 hash is incomplete: it needs parameters, a salt and a hash after the version"));
    }
    if (fields.size() - next > 3) {
        return fail(ErrorKind::Input, QStringLiteral("argon2 hash has too many $-separated fields"));
    }
    if (const auto error = parseParameters(fields.at(next), phc)) {
        return std::unexpected(*error);
    }
    const auto salt = decodeB64(fields.at(next + 1));
    if (!salt) {
        return fail(ErrorKind::Input, QStringLiteral("argon2 salt is not valid unpadded base64"));
    }
    if (salt->size() < kMinSaltBytes) {
        return fail(ErrorKind::Input,
                    QStringLiteral("argon2 salt is shorter than %1 bytes").arg(kMinSaltBytes));
    }
    const auto hash = decodeB64(fields.at(next + 2));
    if (!hash) {
        return fail(ErrorKind::Input, QStringLiteral("argon2 hash value is not valid unpadded base64"));
    }
    if (hash->size() < kMinHashBytes) {
        return fail(ErrorKind::Input,
                    QStringLiteral("argon2 hash value is shorter than %1 bytes").arg(kMinHashBytes));
    }
    phc.salt = *salt;
    phc.hash = *hash;
    return phc;
}

QByteArray Argon2Phc::toEncoded() const
{
    QByteArray out =
        variant == Variant::Argon2id ? QByteArrayLiteral("$argon2id$") : QByteArrayLiteral("$argon2i$");
    out += "v=" + QByteArray::number(version);
    out += "$m=" + QByteArray::number(memoryKiB) + ",t=" + QByteArray::number(iterations) +
           ",p=" + QByteArray::number(parallelism);
    out += '$' + encodeB64(salt) + '$' + encodeB64(hash);
    return out;
}

} // namespace tessera
