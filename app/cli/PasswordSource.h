#pragma once

#include "CliError.h"
#include "crypto/SecretBuffer.h"

#include <QString>

namespace tessera::cli {

class CliContext;

// Where a password comes from, in the contract's order: a file's first line (a trailing CR/LF is not
// part of it), else an environment variable, else a no-echo prompt when stdin is a terminal, else a
// usage error (exit 2). Empty passwords are refused.
class PasswordSource
{
public:
    PasswordSource(QString label, QString file, QString fileOption, QString environmentVariable);

    // The master password: --password-file, $TESSERA_PASSWORD, prompt.
    static PasswordSource master(const CliContext& context);

    // A file or variable is given, or a prompt is possible; otherwise the usage error to report.
    CliStatus requireAvailable() const;
    CliResult<SecretBuffer> read(const QString& prompt) const;
    // A password being chosen: read once from a file or variable, or asked twice on a terminal
    // (exit 1, kind "password-mismatch", when the two differ).
    CliResult<SecretBuffer> readNew(const QString& prompt, const QString& confirmPrompt) const;

    static CliResult<SecretBuffer> readFirstLine(const QString& path);

private:
    bool fromEnvironment() const;
    CliError unavailable() const;

    QString m_label;
    QString m_file;
    QString m_fileOption;
    QString m_environmentVariable;
};

} // namespace tessera::cli
