#include "CommandLine.h"

#include <limits>

namespace tessera::cli {

namespace {

const QString kEndOfOptions = QStringLiteral("--");

bool looksLikeOption(const QString& token)
{
    return token.size() > 1 && token.startsWith(QLatin1Char('-'));
}

// "--name=value" -> ("name", "value"); "--name" -> ("name", null).
std::pair<QString, std::optional<QString>> splitOption(const QString& token)
{
    const QString body = token.startsWith(QStringLiteral("--")) ? token.mid(2) : token.mid(1);
    const qsizetype eq = body.indexOf(QLatin1Char('='));
    if (eq < 0) {
        return {body, std::nullopt};
    }
    return {body.left(eq), body.mid(eq + 1)};
}

// The value of an option that takes one: after '=' or the next token. A next token that looks like
// an option is not taken as the value, so "--vault --json" reports the missing path.
CliResult<QString> takeValue(const QString& display, const std::optional<QString>& inlineValue,
                             const QStringList& tokens, qsizetype& index)
{
    if (inlineValue) {
        return *inlineValue;
    }
    if (index + 1 >= tokens.size() || looksLikeOption(tokens.at(index + 1))) {
        return cliFail(CliError::usage(
            QStringLiteral("%1 needs a value (write %1=VALUE for a value that starts with '-')")
                .arg(display)));
    }
    ++index;
    return tokens.at(index);
}

} // namespace

QString CommandLine::helpHint(const QString& commandName)
{
    if (commandName.isEmpty()) {
        return QStringLiteral("run 'tessera-cli --help' for the list of commands");
    }
    return QStringLiteral("see 'tessera-cli %1 --help'").arg(commandName);
}

CommandLine::Globals CommandLine::extractGlobals(const QStringList& args)
{
    Globals result;
    auto noteError = [&result](CliError error) {
        if (!result.error) {
            result.error = std::move(error);
        }
    };
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& token = args.at(i);
        if (token == kEndOfOptions) {
            result.rest.append(args.mid(i)); // positionals only from here on
            break;
        }
        if (!looksLikeOption(token)) {
            result.rest.append(token);
            continue;
        }
        if (token == QStringLiteral("-h")) {
            result.options.help = true;
            continue;
        }
        const auto [name, inlineValue] = splitOption(token);
        if (!token.startsWith(QStringLiteral("--"))) {
            result.rest.append(token); // a short option: the command's parser reports it
            continue;
        }
        if (name == QStringLiteral("json") || name == QStringLiteral("help") ||
            name == QStringLiteral("version")) {
            if (inlineValue) {
                noteError(CliError::usage(QStringLiteral("--%1 takes no value").arg(name)));
            } else if (name == QStringLiteral("json")) {
                result.options.json = true;
            } else if (name == QStringLiteral("help")) {
                result.options.help = true;
            } else {
                result.options.version = true;
            }
            continue;
        }
        if (name == QStringLiteral("vault") || name == QStringLiteral("password-file")) {
            auto value = takeValue(QStringLiteral("--%1").arg(name), inlineValue, args, i);
            if (!value) {
                noteError(value.error());
            } else if (value->isEmpty()) {
                noteError(CliError::usage(QStringLiteral("--%1 needs a non-empty value").arg(name)));
            } else if (name == QStringLiteral("vault")) {
                result.options.vault = *value;
            } else {
                result.options.passwordFile = *value;
            }
            continue;
        }
        result.rest.append(token);
    }
    return result;
}

CommandLine::Resolution CommandLine::resolve(const QStringList& rest, const CommandRegistry& registry)
{
    Resolution resolution;
    for (const QString& token : rest) {
        if (looksLikeOption(token) || token == kEndOfOptions) {
            break;
        }
        resolution.words.append(token);
    }
    resolution.command = registry.match(resolution.words);
    const qsizetype consumed =
        resolution.command ? resolution.command->words.size() : resolution.words.size();
    resolution.arguments = rest.mid(consumed);
    return resolution;
}

CliResult<ParsedArgs> CommandLine::parseArguments(const CommandSpec& command, const QStringList& tokens)
{
    ParsedArgs parsed;
    bool optionsEnded = false;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const QString& token = tokens.at(i);
        if (!optionsEnded && token == kEndOfOptions) {
            optionsEnded = true;
            continue;
        }
        if (optionsEnded || !looksLikeOption(token)) {
            parsed.addPositional(token);
            continue;
        }
        const auto [name, inlineValue] = splitOption(token);
        const OptionSpec* spec = token.startsWith(QStringLiteral("--")) ? command.option(name) : nullptr;
        if (!spec) {
            return cliFail(CliError::usage(QStringLiteral("unknown option %1 for '%2'; %3")
                                               .arg(token, command.name(), helpHint(command.name()))));
        }
        const QString display = QStringLiteral("--%1").arg(name);
        if (parsed.isSet(name) && !spec->repeatable) {
            return cliFail(CliError::usage(QStringLiteral("%1 is given more than once").arg(display)));
        }
        if (!spec->takesValue()) {
            if (inlineValue) {
                return cliFail(CliError::usage(QStringLiteral("%1 takes no value").arg(display)));
            }
            parsed.setValue(name, QString());
            continue;
        }
        auto value = takeValue(display, inlineValue, tokens, i);
        if (!value) {
            return std::unexpected(value.error());
        }
        parsed.addValue(name, *value);
    }
    // Optional and Many stand last, so the first missing positional is the one at the count given.
    qsizetype required = 0;
    qsizetype allowed = 0;
    for (const PositionalSpec& positional : command.positionals) {
        required += positional.arity == PositionalSpec::Arity::Optional ? 0 : 1;
        allowed = positional.arity == PositionalSpec::Arity::Many ? std::numeric_limits<qsizetype>::max()
                                                                  : allowed + 1;
    }
    if (parsed.positionals().size() > allowed) {
        return cliFail(
            CliError::usage(QStringLiteral("unexpected argument '%1' for '%2'; %3")
                                .arg(parsed.positional(allowed), command.name(), helpHint(command.name()))));
    }
    if (parsed.positionals().size() < required) {
        return cliFail(
            CliError::usage(QStringLiteral("'%1' needs %2; %3")
                                .arg(command.name(), command.positionals.at(parsed.positionals().size()).name,
                                     helpHint(command.name()))));
    }
    return parsed;
}

} // namespace tessera::cli
