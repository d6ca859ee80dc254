#include "JoseInput.h"

#include "JoseOptions.h"
#include "KeyPassphrase.h"
#include "ParsedArgs.h"
#include "TerminalPrompt.h"
#include "common/Clock.h"
#include "jose/CompactJws.h"
#include "jose/StrictJson.h"
#include "keys/PemCodec.h"

#include <QFile>
#include <QFileInfo>
#include <cerrno>
#include <unistd.h>

namespace tessera::cli {

namespace {

const QString& kKey = JoseOptions::Key;
const QString& kJwks = JoseOptions::Jwks;
const QString& kSecretFile = JoseOptions::SecretFile;
const QString& kNow = JoseOptions::Now;

// A whole number in plain decimal digits: no sign, no spaces, no "1e3".
std::optional<qint64> wholeNumber(const QString& text)
{
    if (text.isEmpty() || text.size() > 18) {
        return std::nullopt;
    }
    for (const QChar c : text) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9')) {
            return std::nullopt;
        }
    }
    return text.toLongLong();
}

} // namespace

CliResult<qint64> JoseInput::now(const ParsedArgs& args)
{
    if (!args.isSet(kNow)) {
        return SystemClock::instance().nowSecs();
    }
    const auto value = wholeNumber(args.value(kNow));
    if (!value) {
        return cliFail(CliError::usage(
            QStringLiteral("--now must be a time in Unix seconds (a whole number), not \"%1\"")
                .arg(args.value(kNow))));
    }
    return *value;
}

CliResult<qint64> JoseInput::duration(const QString& option, const QString& text)
{
    const QString number = text.chopped(text.isEmpty() ? 0 : 1);
    const QChar unit = text.isEmpty() ? QChar() : text.back();
    const qint64 scale = unit == QLatin1Char('s')   ? 1
                         : unit == QLatin1Char('m') ? 60
                         : unit == QLatin1Char('h') ? 3600
                         : unit == QLatin1Char('d') ? 86400
                                                    : 0;
    const auto value = wholeNumber(number);
    // 100 years bounds the product well inside qint64 and any real token lifetime.
    if (scale == 0 || !value || *value == 0 || *value > 36500LL * 86400 / scale) {
        return cliFail(CliError::usage(
            QStringLiteral(
                "--%1 must be a duration such as 90s, 15m, 12h or 7d (a whole number above zero and "
                "one of s, m, h, d), not \"%2\"")
                .arg(option, text)));
    }
    return *value * scale;
}

CliResult<qint64> JoseInput::seconds(const QString& option, const QString& text)
{
    const auto value = wholeNumber(text);
    if (!value) {
        return cliFail(CliError::usage(
            QStringLiteral("--%1 must be a whole number of seconds, not \"%2\"").arg(option, text)));
    }
    return *value;
}

CliResult<jose::JwsAlg> JoseInput::alg(const QString& text)
{
    if (text.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) {
        return cliFail(CliError::usage(QStringLiteral("alg \"none\" (unsigned tokens) is never accepted")));
    }
    const auto alg = jose::JwsAlgorithm::fromName(text);
    if (!alg) {
        QStringList names;
        for (const jose::JwsAlg known : jose::JwsAlgorithm::all()) {
            names.append(jose::JwsAlgorithm::name(known));
        }
        return cliFail(CliError::usage(
            QStringLiteral("unknown alg \"%1\" (one of %2)").arg(text, names.join(QStringLiteral(", ")))));
    }
    return *alg;
}

CliResult<QList<jose::JwsAlg>> JoseInput::algs(const QStringList& texts)
{
    QList<jose::JwsAlg> out;
    for (const QString& text : texts) {
        auto one = alg(text);
        if (!one) {
            return std::unexpected(one.error());
        }
        out.append(*one);
    }
    return out;
}

CliResult<QByteArray> JoseInput::readFile(const QString& option, const QString& path, qint64 maxBytes)
{
    const QString label = option.isEmpty() ? path : QStringLiteral("--%1 %2").arg(option, path);
    QFile file(path);
    if (QFileInfo(path).isDir()) {
        return cliFail(CliError::input(QStringLiteral("%1: is a directory").arg(label)));
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return cliFail(
            CliError::input(QStringLiteral("%1: cannot read it: %2").arg(label, file.errorString())));
    }
    // In chunks, so a limit far above the file's size (a batch) never reserves the limit.
    QByteArray bytes;
    char buffer[16384];
    while (bytes.size() <= maxBytes) {
        const qint64 n = file.read(buffer, sizeof buffer);
        if (n < 0) {
            wipeBytes(bytes);
            return cliFail(
                CliError::input(QStringLiteral("%1: cannot read it: %2").arg(label, file.errorString())));
        }
        if (n == 0) {
            break;
        }
        bytes.append(buffer, n);
    }
    if (bytes.size() > maxBytes) {
        wipeBytes(bytes);
        return cliFail(CliError::input(QStringLiteral("%1: larger than %2 bytes").arg(label).arg(maxBytes)));
    }
    return bytes;
}

CliResult<QByteArray> JoseInput::readStdin(const QString& what, qint64 maxBytes)
{
    QByteArray bytes;
    char buffer[16384];
    while (bytes.size() <= maxBytes) {
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return cliFail(CliError::input(QStringLiteral("cannot read %1 from stdin").arg(what)));
        }
        if (n == 0) {
            break;
        }
        bytes.append(buffer, n);
    }
    if (bytes.size() > maxBytes) {
        return cliFail(
            CliError::input(QStringLiteral("%1 on stdin is larger than %2 bytes").arg(what).arg(maxBytes)));
    }
    return bytes;
}

CliResult<keys::KeySet> JoseInput::keyFile(const QString& option, const QString& path,
                                           KeyPassphrase& passphrase)
{
    auto data = readFile(option, path);
    if (!data) {
        return std::unexpected(data.error());
    }
    const SecretBuffer* secret = nullptr;
    if (keys::PemCodec::looksLikePem(*data) && keys::PemCodec::isEncrypted(*data)) {
        auto asked = passphrase.get(path, false);
        if (!asked) {
            wipeBytes(*data);
            return std::unexpected(asked.error());
        }
        secret = *asked;
    }
    auto set = keys::KeySet::fromData(*data, secret);
    wipeBytes(*data);
    if (!set) {
        const QString label = option.isEmpty() ? path : QStringLiteral("--%1 %2").arg(option, path);
        return cliFail(CliError::input(QStringLiteral("%1: %2").arg(label, set.error().message)));
    }
    return std::move(*set);
}

CliResult<keys::KeyMaterial> JoseInput::secretFile(const QString& path)
{
    auto data = readFile(kSecretFile, path);
    if (!data) {
        return std::unexpected(data.error());
    }
    auto key = keys::KeyMaterial::fromSecretFile(*data);
    wipeBytes(*data);
    if (!key) {
        return cliFail(
            CliError::input(QStringLiteral("--secret-file %1: %2").arg(path, key.error().message)));
    }
    return std::move(*key);
}

CliResult<std::optional<keys::KeySet>> JoseInput::verificationKeys(const ParsedArgs& args,
                                                                   KeyPassphrase& passphrase, bool required)
{
    const int given =
        (args.isSet(kKey) ? 1 : 0) + (args.isSet(kJwks) ? 1 : 0) + (args.isSet(kSecretFile) ? 1 : 0);
    if (given > 1) {
        return cliFail(CliError::usage(QStringLiteral("give only one of --key, --jwks and --secret-file")));
    }
    if (given == 0) {
        if (required) {
            return cliFail(CliError::usage(
                QStringLiteral("a key is needed: --key FILE, --jwks FILE or --secret-file FILE")));
        }
        return std::optional<keys::KeySet>();
    }
    if (args.isSet(kSecretFile)) {
        auto secret = secretFile(args.value(kSecretFile));
        if (!secret) {
            return std::unexpected(secret.error());
        }
        return std::optional<keys::KeySet>(keys::KeySet::single(std::move(*secret)));
    }
    const QString option = args.isSet(kKey) ? kKey : kJwks;
    auto set = keyFile(option, args.value(option), passphrase);
    if (!set) {
        return std::unexpected(set.error());
    }
    if (option == kJwks && !set->isJwks()) {
        return cliFail(CliError::input(
            QStringLiteral("--jwks %1: not a JWK Set ({\"keys\": [...]}); use --key for a single key")
                .arg(args.value(option))));
    }
    return std::optional<keys::KeySet>(std::move(*set));
}

CliResult<QByteArray> JoseInput::token(const ParsedArgs& args)
{
    if (!args.positionals().isEmpty() && args.positional(0) != QLatin1String("-")) {
        return args.positional(0).toUtf8();
    }
    // Without TOKEN on a terminal the command would sit waiting for input nobody knows is wanted.
    if (args.positionals().isEmpty() && TerminalPrompt::isInteractive()) {
        return cliFail(CliError::usage(QStringLiteral("give a TOKEN, or - to read it from stdin")));
    }
    auto input = readStdin(QStringLiteral("the token"));
    if (!input) {
        return std::unexpected(input.error());
    }
    if (input->isEmpty()) {
        return cliFail(CliError::input(QStringLiteral("no token on stdin")));
    }
    const qsizetype end = input->indexOf('\n');
    QByteArray line = end < 0 ? *input : input->left(end);
    if (end >= 0 && end + 1 < input->size()) {
        return cliFail(CliError::input(QStringLiteral(
            "stdin holds more than one line; one token is one line (use --batch - for a token per line)")));
    }
    if (line.endsWith('\r')) {
        line.chop(1);
    }
    return line;
}

CliResult<QList<JoseInput::Line>> JoseInput::batch(const QString& path)
{
    // A batch may be large; its size is bounded only by memory.
    constexpr qint64 kBatchMax = qint64(1) << 34;
    auto data = path == QLatin1String("-") ? readStdin(QStringLiteral("the batch"), kBatchMax)
                                           : readFile(QStringLiteral("batch"), path, kBatchMax);
    if (!data) {
        return std::unexpected(data.error());
    }
    QList<Line> lines;
    qsizetype number = 0;
    qsizetype start = 0;
    while (start < data->size()) {
        qsizetype end = data->indexOf('\n', start);
        if (end < 0) {
            end = data->size();
        }
        ++number;
        qsizetype length = end - start;
        if (length > 0 && data->at(end - 1) == '\r') {
            --length;
        }
        if (length > 0) {
            lines.append(Line{number, data->mid(start, length)});
        }
        start = end + 1;
    }
    return lines;
}

CliResult<QJsonObject> JoseInput::jsonObject(const QString& option, const QString& value)
{
    CliResult<QByteArray> text = value.toUtf8();
    QString source = QStringLiteral("--%1").arg(option);
    if (value == QLatin1String("-")) {
        text = readStdin(QStringLiteral("the JSON of --%1").arg(option));
        source += QStringLiteral(" (stdin)");
    } else if (value.startsWith(QLatin1Char('@'))) {
        text = readFile(option, value.mid(1));
        source += QLatin1Char(' ') + value;
    }
    if (!text) {
        return std::unexpected(text.error());
    }
    auto object = jose::StrictJson::parseObject(*text);
    if (!object) {
        return cliFail(CliError::input(
            QStringLiteral("%1 is not a JSON object: %2").arg(source, object.error().message)));
    }
    return *object;
}

} // namespace tessera::cli
