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
    // May be given more than once (--role a --role b); ParsedArgs::values() returns every value in order.
    // Only for options that take a value.
    bool repeatable = false;

    bool takesValue() const { return !valueName.isEmpty(); }
};

struct PositionalSpec
{
    enum class Arity
    {
        Required, // exactly one
        Optional, // zero or one; only as the last positional ("[ROLE]")
        Many,     // one or more; only as the last positional ("USER...")
    };

    QString name; // e.g. "OUT"
    QString help;
    Arity arity = Arity::Required;
};

// One row of the command table. Later capabilities register their own rows (user, role, token, ...).
struct CommandSpec
{
    using Handler = std::function<int(CliContext&, const ParsedArgs&)>; // returns the exit code

    QStringList words;                 // {"vault", "create"}
    QString summary;                   // one line for the command list
    QString description;               // paragraph shown by --help
    QList<PositionalSpec> positionals; // in order; only the last may be Optional or Many
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
