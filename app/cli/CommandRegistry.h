#pragma once

#include "CommandSpec.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <deque>

namespace tessera::cli {

// The command table. Each domain registers its rows (VaultCommands::registerAll, ...); the parser
// and the help text only read the table, so a new command needs no change anywhere else.
class CommandRegistry
{
public:
    void add(CommandSpec spec);

    const std::deque<CommandSpec>& commands() const { return m_commands; }
    // The command whose words are the longest prefix of `words`, or nullptr.
    const CommandSpec* match(const QStringList& words) const;
    // Commands under a first word ("vault" -> vault create, vault info, ...).
    QList<const CommandSpec*> group(const QString& word) const;
    bool isGroup(const QString& word) const { return !group(word).isEmpty(); }

private:
    std::deque<CommandSpec> m_commands; // deque: pointers stay valid as rows are added
};

} // namespace tessera::cli
