#pragma once

#include "CliError.h"
#include "CommandRegistry.h"
#include "ParsedArgs.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace tessera::cli {

struct GlobalOptions
{
    std::optional<QString> vault; // --vault PATH
    QString passwordFile;         // --password-file FILE
    bool json = false;
    bool help = false;
    bool version = false;
};

// The command line in two passes. Global options may stand anywhere, so they are taken out first;
// that pass always reads to the end, so --json is known even when the rest is wrong and the error
// can still be reported as JSON. The second pass finds the command in the table and parses its own
// options ("--name value" or "--name=value") and positional arguments.
class CommandLine
{
public:
    struct Globals
    {
        GlobalOptions options;
        QStringList rest;              // everything else, in order
        std::optional<CliError> error; // the first problem with a global option
    };

    struct Resolution
    {
        QStringList words; // the leading words as typed
        const CommandSpec* command = nullptr;
        QStringList arguments; // tokens after the command words
    };

    static Globals extractGlobals(const QStringList& args);
    // Matches the leading words against the table; command is nullptr when nothing matches.
    static Resolution resolve(const QStringList& rest, const CommandRegistry& registry);
    static CliResult<ParsedArgs> parseArguments(const CommandSpec& command, const QStringList& tokens);

    static QString helpHint(const QString& commandName = {});
};

} // namespace tessera::cli
