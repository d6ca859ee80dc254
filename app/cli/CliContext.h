#pragma once

#include "CliError.h"
#include "CommandLine.h"

#include <QJsonObject>
#include <QString>
#include <cstdio>

namespace tessera::cli {

// What every command needs: the global options, the output streams and the JSON mode. It also
// enforces the output contract: in JSON mode exactly one document reaches stdout, and every failure
// is one "tessera-cli: error: ..." line on stderr.
class CliContext
{
public:
    explicit CliContext(std::FILE* out = stdout, std::FILE* err = stderr);

    void setOptions(GlobalOptions options) { m_options = std::move(options); }
    const GlobalOptions& options() const { return m_options; }
    bool jsonMode() const { return m_options.json; }

    // --vault, else $TESSERA_VAULT, else the default vault in the per-user data directory.
    QString vaultPath() const;

    void writeOut(const QString& text);
    void writeErr(const QString& text);
    // Progress for people ("Tuning key derivation..."); silent in JSON mode.
    void status(const QString& text);

    // Success: prints `text` (or {"ok":true, ...fields} in JSON mode) and returns 0.
    int succeed(const QJsonObject& fields, const QString& text);
    // Failure: the stderr line, then `text` on stdout (or {"ok":false, ...fields, "error":{...}} in
    // JSON mode); returns the error's exit code.
    int fail(const CliError& error, const QJsonObject& fields = {}, const QString& text = {});

    // Called once by the dispatcher: a JSON caller always gets a document, even if a command forgot.
    void ensureDocument(int exitCode);
    bool documentWritten() const { return m_documentWritten; }

private:
    void writeDocument(const QJsonObject& document);

    std::FILE* m_out;
    std::FILE* m_err;
    GlobalOptions m_options;
    bool m_documentWritten = false;
};

} // namespace tessera::cli
