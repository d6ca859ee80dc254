#include "KeyPassphrase.h"

#include "ParsedArgs.h"
#include "StdinLine.h"
#include "TerminalPrompt.h"

namespace tessera::cli {

CliResult<KeyPassphrase> KeyPassphrase::fromArgs(const ParsedArgs& args)
{
    KeyPassphrase passphrase;
    if (args.isSet(QLatin1String(Option))) {
        auto line = StdinLine::readSecret();
        if (!line) {
            // StdinLine speaks of a password; here it is a key's passphrase.
            CliError error = line.error();
            error.message.replace(QStringLiteral("password"), QStringLiteral("passphrase"));
            return cliFail(error);
        }
        passphrase.m_secret = std::move(*line);
    }
    return passphrase;
}

CliResult<const SecretBuffer*> KeyPassphrase::get(const QString& what, bool confirm)
{
    if (m_secret) {
        return &*m_secret;
    }
    if (!TerminalPrompt::isInteractive()) {
        return cliFail(CliError::usage(
            QStringLiteral(
                "%1 needs a passphrase: pass --passphrase-stdin and give it as the first line of stdin")
                .arg(what)));
    }
    auto first = TerminalPrompt::readSecret(QStringLiteral("Passphrase for %1: ").arg(what));
    if (!first) {
        return std::unexpected(first.error());
    }
    if (confirm) {
        auto second = TerminalPrompt::readSecret(QStringLiteral("Repeat the passphrase: "));
        if (!second) {
            return std::unexpected(second.error());
        }
        if (!first->equals(*second)) {
            return cliFail(CliError::negative(QStringLiteral("password-mismatch"),
                                              QStringLiteral("the passphrases do not match")));
        }
    }
    m_secret = std::move(*first);
    return &*m_secret;
}

} // namespace tessera::cli
