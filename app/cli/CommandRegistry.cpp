#include "CommandRegistry.h"

namespace tessera::cli {

void CommandRegistry::add(CommandSpec spec)
{
    m_commands.push_back(std::move(spec));
}

const CommandSpec* CommandRegistry::match(const QStringList& words) const
{
    const CommandSpec* best = nullptr;
    for (const CommandSpec& spec : m_commands) {
        if (spec.words.size() > words.size() || (best && best->words.size() >= spec.words.size())) {
            continue;
        }
        if (words.mid(0, spec.words.size()) == spec.words) {
            best = &spec;
        }
    }
    return best;
}

QList<const CommandSpec*> CommandRegistry::group(const QString& word) const
{
    QList<const CommandSpec*> members;
    for (const CommandSpec& spec : m_commands) {
        if (spec.words.size() > 1 && spec.words.front() == word) {
            members.append(&spec);
        }
    }
    return members;
}

} // namespace tessera::cli
