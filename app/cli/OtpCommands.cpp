#include "OtpCommands.h"

#include "CliContext.h"
#include "CommandRegistry.h"
#include "JsonOutput.h"
#include "OtpOptions.h"
#include "PrivateFile.h"
#include "QrOutput.h"
#include "TimeArgument.h"
#include "qr/QrTerminal.h"
#include "totp/Hotp.h"
#include "totp/OtpAuthUri.h"
#include "totp/Totp.h"

#include <QDateTime>

namespace tessera::cli {

namespace {

constexpr qint64 kMaxPeriod = 86400; // a day; RFC 6238 only asks for whole seconds

OptionSpec secretOption()
{
    return OptionSpec{
        QStringLiteral("secret"), QStringLiteral("BASE32"),
        QStringLiteral("The shared secret in base32 (case, spaces and '=' padding do not matter); "
                       "'-' reads it from the first line of stdin, which keeps it out of the "
                       "process list")};
}

OptionSpec digitsOption()
{
    return OptionSpec{QStringLiteral("digits"), QStringLiteral("N"),
                      QStringLiteral("Digits of the code, %1 to %2 (default 6)")
                          .arg(Hotp::kMinDigits)
                          .arg(Hotp::kMaxDigits)};
}

OptionSpec algorithmOption()
{
    return OptionSpec{QStringLiteral("algorithm"), QStringLiteral("ALG"),
                      QStringLiteral("SHA1 (the default), SHA256 or SHA512")};
}

CliStatus requireSecret(const ParsedArgs& args)
{
    if (args.isSet(QStringLiteral("secret"))) {
        return {};
    }
    return cliFail(
        CliError::usage(QStringLiteral("--secret is required (the base32 secret, or '-' for stdin)")));
}

int runTotpCode(CliContext& context, const ParsedArgs& args)
{
    if (auto ok = requireSecret(args); !ok) {
        return context.fail(ok.error());
    }
    auto digits = OtpOptions::number(args, QStringLiteral("digits"), Hotp::kMinDigits, Hotp::kMaxDigits, 6);
    if (!digits) {
        return context.fail(digits.error());
    }
    auto period = OtpOptions::number(args, QStringLiteral("period"), 1, kMaxPeriod, 30);
    if (!period) {
        return context.fail(period.error());
    }
    auto algorithm = OtpOptions::algorithm(args);
    if (!algorithm) {
        return context.fail(algorithm.error());
    }
    qint64 unixSecs = QDateTime::currentSecsSinceEpoch();
    if (args.isSet(QStringLiteral("time"))) {
        auto ms = TimeArgument::parseMs(QStringLiteral("--time"), args.value(QStringLiteral("time")));
        if (!ms) {
            return context.fail(ms.error());
        }
        unixSecs = *ms / 1000;
    }
    auto secret = OtpOptions::secret(args);
    if (!secret) {
        return context.fail(secret.error());
    }
    auto code = Totp::code(*secret, unixSecs, int(*digits), int(*period), *algorithm);
    secret->wipe();
    if (!code) {
        return context.fail(CliError::fromError(code.error()));
    }
    const qint64 step = unixSecs / *period;
    const QJsonObject fields{
        {QStringLiteral("code"), *code},
        {QStringLiteral("algorithm"), otpAlgorithmName(*algorithm)},
        {QStringLiteral("digits"), int(*digits)},
        {QStringLiteral("period"), int(*period)},
        {QStringLiteral("time"), JsonOutput::isoUtc(unixSecs * 1000)},
        {QStringLiteral("timeMs"), unixSecs * 1000},
        {QStringLiteral("step"), step},
        {QStringLiteral("secondsRemaining"), Totp::secondsRemaining(unixSecs, int(*period))}};
    return context.succeed(fields, *code);
}

int runHotpCode(CliContext& context, const ParsedArgs& args)
{
    if (auto ok = requireSecret(args); !ok) {
        return context.fail(ok.error());
    }
    if (!args.isSet(QStringLiteral("counter"))) {
        return context.fail(CliError::usage(QStringLiteral("--counter is required")));
    }
    auto counter = OtpOptions::counter(args);
    if (!counter) {
        return context.fail(counter.error());
    }
    auto digits = OtpOptions::number(args, QStringLiteral("digits"), Hotp::kMinDigits, Hotp::kMaxDigits, 6);
    if (!digits) {
        return context.fail(digits.error());
    }
    auto algorithm = OtpOptions::algorithm(args);
    if (!algorithm) {
        return context.fail(algorithm.error());
    }
    auto secret = OtpOptions::secret(args);
    if (!secret) {
        return context.fail(secret.error());
    }
    auto code = Hotp::code(*secret, *counter, int(*digits), *algorithm);
    secret->wipe();
    if (!code) {
        return context.fail(CliError::fromError(code.error()));
    }
    const QJsonObject fields{{QStringLiteral("code"), *code},
                             {QStringLiteral("algorithm"), otpAlgorithmName(*algorithm)},
                             {QStringLiteral("digits"), int(*digits)},
                             // A string: JSON numbers lose precision above 2^53.
                             {QStringLiteral("counter"), QString::number(*counter)}};
    return context.succeed(fields, *code);
}

int runQr(CliContext& context, const ParsedArgs& args)
{
    if (!args.isSet(QStringLiteral("uri"))) {
        return context.fail(CliError::usage(QStringLiteral("--uri is required (the text to encode)")));
    }
    QString uri = args.value(QStringLiteral("uri"));
    if (uri.isEmpty()) {
        return context.fail(CliError::usage(QStringLiteral("--uri is empty")));
    }
    const bool toFile = args.isSet(QStringLiteral("out"));
    const QString path = args.value(QStringLiteral("out"));
    QrOutput::Format format = QrOutput::Format::Png;
    if (toFile) {
        auto chosen = QrOutput::formatFor(path);
        if (!chosen) {
            return context.fail(chosen.error());
        }
        format = *chosen;
        if (auto ok = PrivateFile::checkTarget(path, args.isSet(QStringLiteral("force"))); !ok) {
            return context.fail(ok.error());
        }
    }
    // Any text may be encoded (this is a QR tool), but an otpauth URI that authenticator apps would
    // refuse is worth a word before someone scans it.
    if (uri.startsWith(QStringLiteral("otpauth://"), Qt::CaseInsensitive)) {
        if (auto parsed = OtpAuthUri::parse(uri); !parsed) {
            context.writeErr(QStringLiteral("tessera-cli: warning: this is not a valid otpauth URI (%1); "
                                            "authenticator apps may refuse it. Encoding it as given.\n")
                                 .arg(parsed.error().message));
        }
    }
    auto code = QrOutput::encode(uri);
    wipeString(uri);
    if (!code) {
        return context.fail(code.error());
    }
    QJsonObject fields{{QStringLiteral("version"), code->version()},
                       {QStringLiteral("modules"), code->width()},
                       {QStringLiteral("eci"), code->hasEci()}};
    if (!toFile) {
        const QString text = QrOutput::terminalText(*code);
        fields.insert(QStringLiteral("file"), QJsonValue::Null);
        fields.insert(QStringLiteral("text"), QrTerminal::render(*code, QrTerminal::Style::BlocksAreDark));
        return context.succeed(fields, text);
    }
    auto bytes = QrOutput::fileBytes(*code, format);
    if (!bytes) {
        return context.fail(bytes.error());
    }
    auto written = PrivateFile::write(path, *bytes);
    wipeBytes(*bytes);
    if (!written) {
        return context.fail(written.error());
    }
    fields.insert(QStringLiteral("file"), path);
    fields.insert(QStringLiteral("format"), QrOutput::formatName(format));
    return context.succeed(fields, QStringLiteral("Wrote a %1 QR code (version %2, %3x%3 modules) to %4")
                                       .arg(QrOutput::formatName(format).toUpper())
                                       .arg(code->version())
                                       .arg(code->width())
                                       .arg(path));
}

} // namespace

void OtpCommands::registerAll(CommandRegistry& registry)
{
    registry.add(CommandSpec{
        {QStringLiteral("totp"), QStringLiteral("code")},
        QStringLiteral("Print the TOTP code of a secret (RFC 6238)"),
        QStringLiteral("Prints the time-based one-time code of a base32 secret, alone on one line, as an "
                       "authenticator app would show it: by default now, 6 digits, 30-second steps, "
                       "HMAC-SHA1. Opens no vault. A bad secret, digit count, period, algorithm or time "
                       "is a usage error (exit 2) naming the problem."),
        {},
        {secretOption(),
         OptionSpec{
             QStringLiteral("time"), QStringLiteral("TIME"),
             QStringLiteral("The moment to compute the code for: Unix seconds or ISO 8601 (default: now)")},
         digitsOption(),
         OptionSpec{QStringLiteral("period"), QStringLiteral("N"),
                    QStringLiteral("Seconds per step, 1 to %1 (default 30)").arg(kMaxPeriod)},
         algorithmOption()},
        runTotpCode});

    registry.add(CommandSpec{
        {QStringLiteral("totp"), QStringLiteral("qr")},
        QStringLiteral("Draw a QR code of an otpauth URI (or any text)"),
        QStringLiteral("Encodes exactly the UTF-8 bytes of --uri as a QR code: drawn in the terminal, or "
                       "written to --out as PNG or SVG (chosen by the extension; mode 0600, since an "
                       "otpauth URI holds a secret). An existing file is only replaced with --force. Any "
                       "text is accepted; an otpauth:// URI that does not parse gets a warning on stderr. "
                       "Opens no vault."),
        {},
        {OptionSpec{QStringLiteral("uri"), QStringLiteral("URI"),
                    QStringLiteral("The text to encode (required)")},
         OptionSpec{QStringLiteral("out"), QStringLiteral("FILE"),
                    QStringLiteral("Write FILE.png or FILE.svg instead of drawing in the terminal")},
         OptionSpec{QStringLiteral("force"), QString(), QStringLiteral("Replace FILE if it exists")}},
        runQr});

    registry.add(CommandSpec{
        {QStringLiteral("hotp"), QStringLiteral("code")},
        QStringLiteral("Print the HOTP code of a secret for a counter (RFC 4226)"),
        QStringLiteral("Prints the counter-based one-time code of a base32 secret for --counter, alone on "
                       "one line (6 digits and HMAC-SHA1 unless told otherwise). Opens no vault."),
        {},
        {secretOption(),
         OptionSpec{QStringLiteral("counter"), QStringLiteral("N"),
                    QStringLiteral("The moving factor, 0 to 2^64-1 (required)")},
         digitsOption(), algorithmOption()},
        runHotpCode});
}

} // namespace tessera::cli
