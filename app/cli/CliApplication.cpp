#include "CliApplication.h"

#include "AccessCommands.h"
#include "AuditCommands.h"
#include "AuthCommands.h"
#include "BackupCodeCommands.h"
#include "HelpText.h"
#include "KeyCommands.h"
#include "OtpCommands.h"
#include "PasswordCommands.h"
#include "PkceCommands.h"
#include "RoleCommands.h"
#include "TokenCommands.h"
#include "TotpCommands.h"
#include "UserCommands.h"
#include "UserFileCommands.h"
#include "VaultCommands.h"

#include <exception>

namespace tessera::cli {

CliApplication::CliApplication()
{
    VaultCommands::registerAll(m_registry);
    AuditCommands::registerAll(m_registry);
    PasswordCommands::registerAll(m_registry);
    UserFileCommands::registerAll(m_registry);
    UserCommands::registerAll(m_registry);
    RoleCommands::registerAll(m_registry);
    AccessCommands::registerAll(m_registry);
    AuthCommands::registerAll(m_registry);
    TotpCommands::registerAll(m_registry);
    BackupCodeCommands::registerAll(m_registry);
    OtpCommands::registerAll(m_registry);
    TokenCommands::registerAll(m_registry);
    KeyCommands::registerAll(m_registry);
    PkceCommands::registerAll(m_registry);
}

int CliApplication::run(const QStringList& arguments)
{
    CliContext context;
    int code = 4;
    // Core code reports errors as values; this only guards against the unexpected (bad_alloc, ...)
    // so a script still sees exit 4 and a message instead of an abort.
    try {
        code = dispatch(context, arguments);
    } catch (const std::exception& e) {
        code = context.fail(CliError::internal(
            QStringLiteral("unexpected failure: %1").arg(QString::fromLocal8Bit(e.what()))));
    } catch (...) {
        code = context.fail(CliError::internal(QStringLiteral("unexpected failure")));
    }
    context.ensureDocument(code);
    return code;
}

int CliApplication::failStartup(const QStringList& arguments, const QString& message)
{
    CliContext context;
    context.setOptions(CommandLine::extractGlobals(arguments).options);
    return context.fail(CliError::internal(message));
}

int CliApplication::dispatch(CliContext& context, const QStringList& arguments)
{
    CommandLine::Globals globals = CommandLine::extractGlobals(arguments);
    // "tessera-cli help vault create" reads as "tessera-cli vault create --help".
    if (!globals.rest.isEmpty() && globals.rest.front() == QStringLiteral("help")) {
        globals.rest.removeFirst();
        globals.options.help = true;
    }
    context.setOptions(globals.options);
    if (globals.error) {
        return context.fail(*globals.error);
    }
    if (globals.options.version) {
        return context.succeed(QJsonObject{{QStringLiteral("version"), QStringLiteral(TESSERA_VERSION)}},
                               HelpText::version());
    }
    const CommandLine::Resolution resolution = CommandLine::resolve(globals.rest, m_registry);
    if (!resolution.command) {
        return dispatchGroupOrUnknown(context, resolution, globals.options.help);
    }
    const CommandSpec& command = *resolution.command;
    if (globals.options.help) {
        const QString text = HelpText::command(command);
        return context.succeed(QJsonObject{{QStringLiteral("help"), text}}, text);
    }
    auto parsed = CommandLine::parseArguments(command, resolution.arguments);
    if (!parsed) {
        return context.fail(parsed.error());
    }
    return command.run(context, *parsed);
}

int CliApplication::dispatchGroupOrUnknown(CliContext& context, const CommandLine::Resolution& resolution,
                                           bool help)
{
    const QStringList& words = resolution.words;
    if (words.isEmpty()) {
        if (help) {
            const QString text = HelpText::global(m_registry);
            return context.succeed(QJsonObject{{QStringLiteral("help"), text}}, text);
        }
        if (!resolution.arguments.isEmpty()) {
            return context.fail(
                CliError::usage(QStringLiteral("unknown option %1; %2")
                                    .arg(resolution.arguments.front(), CommandLine::helpHint())));
        }
        return context.fail(
            CliError::usage(QStringLiteral("no command given; %1").arg(CommandLine::helpHint())));
    }
    const QList<const CommandSpec*> members = m_registry.group(words.front());
    if (members.isEmpty() || words.size() > 1) {
        const QString hint =
            members.isEmpty() ? CommandLine::helpHint() : CommandLine::helpHint(words.front());
        const QString typed = words.mid(0, members.isEmpty() ? 1 : 2).join(QLatin1Char(' '));
        return context.fail(CliError::usage(QStringLiteral("unknown command '%1'; %2").arg(typed, hint)));
    }
    if (help) {
        const QString text = HelpText::group(words.front(), members);
        return context.succeed(QJsonObject{{QStringLiteral("help"), text}}, text);
    }
    QStringList names;
    for (const CommandSpec* spec : members) {
        names.append(spec->words.mid(1).join(QLatin1Char(' ')));
    }
    return context.fail(CliError::usage(
        QStringLiteral("'%1' needs a command: %2; %3")
            .arg(words.front(), names.join(QStringLiteral(", ")), CommandLine::helpHint(words.front()))));
}

} // namespace tessera::cli
