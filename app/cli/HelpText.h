#pragma once

#include "CommandRegistry.h"

#include <QString>

namespace tessera::cli {

// --help text, generated from the command table so it cannot drift from what the parser accepts.
class HelpText
{
public:
    static QString global(const CommandRegistry& registry);
    static QString group(const QString& word, const QList<const CommandSpec*>& members);
    static QString command(const CommandSpec& spec);
    static QString version();
};

} // namespace tessera::cli
