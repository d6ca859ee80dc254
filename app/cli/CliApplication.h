#pragma once

#include "CliContext.h"
#include "CommandRegistry.h"

#include <QString>
#include <QStringList>

namespace tessera::cli {

// The dispatcher: global options, then the command table, then the command. Owns the table; later
// capabilities add their registerAll() call in the constructor.
class CliApplication
{
public:
    CliApplication();

    const CommandRegistry& registry() const { return m_registry; }

    // `arguments` excludes the program name. Returns the process exit code; never throws.
    int run(const QStringList& arguments);
    // For failures before any command can run (the crypto library did not start).
    int failStartup(const QStringList& arguments, const QString& message);

private:
    int dispatch(CliContext& context, const QStringList& arguments);
    int dispatchGroupOrUnknown(CliContext& context, const CommandLine::Resolution& resolution, bool help);

    CommandRegistry m_registry;
};

} // namespace tessera::cli
