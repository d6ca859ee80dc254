#pragma once

#include "CliError.h"
#include "crypto/SecretBuffer.h"

#include <QString>

namespace tessera::cli {

// One line from stdin (a password for --password-stdin / --stdin, or a y/N answer). Read byte by byte
// straight into guarded memory, so nothing after the line is consumed and no stdio buffer keeps a copy.
// The line ending (LF or CRLF) is not part of the line.
class StdinLine
{
public:
    // Input errors: no line at all, an empty line, a line over TerminalPrompt::kMaxLength bytes.
    static CliResult<SecretBuffer> readSecret();
    // At most 64 bytes of an answer; empty when there is none (or it is longer).
    static QString readAnswer();
};

} // namespace tessera::cli
