#pragma once

#include "CliError.h"
#include "crypto/SecretBuffer.h"

#include <QString>

namespace tessera::cli {

// A no-echo password prompt on the terminal: the prompt goes to stderr (stdout may be a pipe or JSON),
// the answer is read from stdin with echo switched off, straight into guarded memory. Echo is turned
// back on afterwards, also when the user presses Ctrl+C.
class TerminalPrompt
{
public:
    static constexpr std::size_t kMaxLength = 1024;

    static bool isInteractive(); // stdin is a terminal
    static CliResult<SecretBuffer> readSecret(const QString& prompt);
};

} // namespace tessera::cli
