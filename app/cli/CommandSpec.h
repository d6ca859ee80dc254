#pragma once

#include "ParsedArgs.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

namespace tessera::cli {

class CliContext;

struct OptionSpec
{
    QString name;      // without "--", e.g. "kdf-ms"
    QString valueName; // e.g. "N"; empty for a flag
    QString help;

    bool takesValue() const { return !valueName.isEmpty(); }
};

struct PositionalSpec
{
    QString name; // e.g. "OUT"
    QString help;
};

// One row of the command table. Later capabilities register their own rows (user, role, token, ...).
struct CommandSpec
{
    using Handler = std::function<int(CliContext&, const ParsedArgs&)>; // returns the exit code

    QStringList words;                 // {"vault", "create"}
    QString summary;                   // one line for the command list
    QString description;               // paragraph shown by --help
    QList<PositionalSpec> positionals; // all required, in order
    QList<OptionSpec> options;
    Handler run;

    QString name() const { return words.join(QLatin1Char(' ')); }
    const OptionSpec* option(const QString& optionName) const
    {
        for (const OptionSpec& spec : options) {
            if (spec.name == optionName) {
                return &spec;
            }
        }
        return nullptr;
    }
};

} // namespace tessera::cli
