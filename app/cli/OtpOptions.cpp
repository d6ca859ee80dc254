#include "OtpOptions.h"

#include "IdentitySupport.h"
#include "TextLayout.h"
#include "totp/Base32.h"

#include <limits>

namespace tessera::cli {

CliResult<OtpAlgorithm> OtpOptions::algorithm(const ParsedArgs& args, OtpAlgorithm fallback)
{
    if (!args.isSet(QStringLiteral("algorithm"))) {
        return fallback;
    }
    const QString text = args.value(QStringLiteral("algorithm"));
    if (const std::optional<OtpAlgorithm> parsed = parseOtpAlgorithm(text)) {
        return *parsed;
    }
    return cliFail(CliError::usage(QStringLiteral("--algorithm must be SHA1, SHA256 or SHA512, not '%1'")
                                       .arg(TextLayout::oneLine(text))));
}

CliResult<qint64> OtpOptions::number(const ParsedArgs& args, const QString& option, qint64 min, qint64 max,
                                     qint64 fallback)
{
    if (!args.isSet(option)) {
        return fallback;
    }
    bool ok = false;
    const QString text = args.value(option);
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < min || value > max) {
        return cliFail(CliError::usage(QStringLiteral("--%1 must be a whole number from %2 to %3, not '%4'")
                                           .arg(option)
                                           .arg(min)
                                           .arg(max)
                                           .arg(text)));
    }
    return value;
}

CliResult<int> OtpOptions::integer(const ParsedArgs& args, const QString& option)
{
    bool ok = false;
    const QString text = args.value(option);
    const int value = text.toInt(&ok);
    if (!ok) {
        return cliFail(
            CliError::usage(QStringLiteral("--%1 must be a whole number, not '%2'").arg(option, text)));
    }
    return value;
}

CliResult<std::uint64_t> OtpOptions::counter(const ParsedArgs& args)
{
    bool ok = false;
    const QString text = args.value(QStringLiteral("counter"));
    // toULongLong accepts a leading '-' and wraps it; a counter is never negative.
    const qulonglong value = text.startsWith(QLatin1Char('-')) ? 0 : text.toULongLong(&ok);
    if (!ok) {
        return cliFail(
            CliError::usage(QStringLiteral("--counter must be a whole number from 0 to %1, not '%2'")
                                .arg(std::numeric_limits<std::uint64_t>::max())
                                .arg(text)));
    }
    return static_cast<std::uint64_t>(value);
}

CliResult<SecretBuffer> OtpOptions::secret(const ParsedArgs& args)
{
    QString text = args.value(QStringLiteral("secret"));
    if (text == QStringLiteral("-")) {
        auto line = IdentitySupport::readStdinSecret(QStringLiteral("Secret (base32): "));
        if (!line) {
            return cliFail(
                CliError::input(QStringLiteral("--secret -: no base32 secret on the first line of stdin")));
        }
        text = QString::fromUtf8(line->view());
    }
    auto decoded = Base32::decode(text);
    wipeString(text);
    if (!decoded) {
        // Base32's messages name the position and the character, never the whole secret.
        return cliFail(CliError::usage(QStringLiteral("--secret: %1").arg(decoded.error().message)));
    }
    return std::move(*decoded);
}

CliResult<QString> OtpOptions::code(QStringView typed, int digits, const QString& what)
{
    QString code;
    for (const QChar c : typed) {
        if (c == QLatin1Char(' ')) {
            continue;
        }
        if (!c.isDigit() || c.unicode() > 0x7f) {
            return cliFail(CliError::usage(QStringLiteral("%1 must be %2 digits").arg(what).arg(digits)));
        }
        code.append(c);
    }
    if (code.size() != digits) {
        return cliFail(CliError::usage(QStringLiteral("%1 must be %2 digits").arg(what).arg(digits)));
    }
    return code;
}

} // namespace tessera::cli
