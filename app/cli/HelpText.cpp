#include "HelpText.h"

#include <QStringList>
#include <algorithm>

namespace tessera::cli {

namespace {

constexpr qsizetype kWidth = 100;

// Greedy word wrap; continuation lines start at `indent`.
QString wrap(const QString& text, qsizetype indent, qsizetype firstColumn)
{
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QString out;
    qsizetype column = firstColumn;
    for (const QString& word : words) {
        if (column > indent && column + 1 + word.size() > kWidth) {
            out += QLatin1Char('\n') + QString(indent, QLatin1Char(' '));
            column = indent;
        } else if (column > indent) {
            out += QLatin1Char(' ');
            ++column;
        }
        out += word;
        column += word.size();
    }
    return out;
}

QString table(const QList<std::pair<QString, QString>>& rows)
{
    qsizetype width = 0;
    for (const auto& row : rows) {
        width = std::max(width, row.first.size());
    }
    const qsizetype indent = 2 + width + 3;
    QString out;
    for (const auto& [left, right] : rows) {
        out += QStringLiteral("  ") + left.leftJustified(width + 3) + wrap(right, indent, indent) +
               QLatin1Char('\n');
    }
    return out;
}

QString globalOptions()
{
    return table({
        {QStringLiteral("--vault PATH"),
         QStringLiteral("Vault file (else $TESSERA_VAULT, else vault.tessera in the per-user data folder, "
                        "~/.local/share/tessera)")},
        {QStringLiteral("--password-file FILE"),
         QStringLiteral("Read the master password from the first line of FILE (else $TESSERA_PASSWORD, else "
                        "a prompt on a terminal)")},
        {QStringLiteral("--json"),
         QStringLiteral("Print exactly one JSON document on stdout, also on errors")},
        {QStringLiteral("-h, --help"), QStringLiteral("Show help for the program, a group or a command")},
        {QStringLiteral("--version"), QStringLiteral("Print the version")},
    });
}

QString usageLine(const CommandSpec& spec)
{
    QString line = QStringLiteral("tessera-cli %1").arg(spec.name());
    if (!spec.options.isEmpty()) {
        line += QStringLiteral(" [OPTIONS]");
    }
    for (const PositionalSpec& positional : spec.positionals) {
        switch (positional.arity) {
        case PositionalSpec::Arity::Required:
            line += QLatin1Char(' ') + positional.name;
            break;
        case PositionalSpec::Arity::Optional:
            line += QStringLiteral(" [%1]").arg(positional.name);
            break;
        case PositionalSpec::Arity::Many:
            line += QStringLiteral(" %1...").arg(positional.name);
            break;
        }
    }
    return line;
}

} // namespace

QString HelpText::version()
{
    return QStringLiteral("tessera-cli %1").arg(QStringLiteral(TESSERA_VERSION));
}

QString HelpText::global(const CommandRegistry& registry)
{
    QList<std::pair<QString, QString>> commands;
    for (const CommandSpec& spec : registry.commands()) {
        commands.append({spec.name(), spec.summary});
    }
    return QStringLiteral("Usage: tessera-cli [GLOBAL OPTIONS] COMMAND [OPTIONS] [ARGUMENTS]\n\n"
                          "Manage a Tessera vault from the command line.\n\n"
                          "Commands:\n") +
           table(commands) + QStringLiteral("\nGlobal options (before or after the command):\n") +
           globalOptions() +
           QStringLiteral("\nEnvironment: TESSERA_VAULT, TESSERA_PASSWORD, TESSERA_NEW_PASSWORD.\n"
                          "Exit codes: 0 success, 1 negative answer, 2 usage or input error, 3 vault error, "
                          "4 internal error.\n"
                          "Run 'tessera-cli COMMAND --help' for a command's options.\n");
}

QString HelpText::group(const QString& word, const QList<const CommandSpec*>& members)
{
    QList<std::pair<QString, QString>> rows;
    for (const CommandSpec* spec : members) {
        rows.append({spec->words.mid(1).join(QLatin1Char(' ')), spec->summary});
    }
    return QStringLiteral("Usage: tessera-cli %1 COMMAND [OPTIONS] [ARGUMENTS]\n\nCommands:\n").arg(word) +
           table(rows) +
           QStringLiteral("\nRun 'tessera-cli %1 COMMAND --help' for a command's options.\n").arg(word);
}

QString HelpText::command(const CommandSpec& spec)
{
    QString out = QStringLiteral("Usage: %1\n\n").arg(usageLine(spec)) + wrap(spec.description, 0, 0) +
                  QStringLiteral("\n");
    if (!spec.positionals.isEmpty()) {
        QList<std::pair<QString, QString>> rows;
        for (const PositionalSpec& positional : spec.positionals) {
            rows.append({positional.name, positional.help});
        }
        out += QStringLiteral("\nArguments:\n") + table(rows);
    }
    if (!spec.options.isEmpty()) {
        QList<std::pair<QString, QString>> rows;
        for (const OptionSpec& option : spec.options) {
            const QString left = option.takesValue()
                                     ? QStringLiteral("--%1 %2").arg(option.name, option.valueName)
                                     : QStringLiteral("--%1").arg(option.name);
            rows.append(
                {left, option.repeatable ? option.help + QStringLiteral(" (repeatable)") : option.help});
        }
        out += QStringLiteral("\nOptions:\n") + table(rows);
    }
    out += QStringLiteral("\nGlobal options:\n") + globalOptions();
    return out;
}

} // namespace tessera::cli
