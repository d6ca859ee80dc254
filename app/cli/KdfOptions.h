#pragma once

#include "CliError.h"
#include "CommandSpec.h"
#include "crypto/KdfParams.h"

#include <QList>
#include <chrono>

namespace tessera::cli {

class CliContext;

// --kdf-ms N and --kdf-test-insecure, shared by `vault create` and `vault change-password`.
// Parsing is separate from tuning so bad flags fail before any prompt or slow work.
class KdfOptions
{
public:
    static constexpr int kDefaultMs = 1000;
    static constexpr int kMinMs = 100;
    static constexpr int kMaxMs = 60000;

    struct Choice
    {
        bool insecureTest = false;
        std::chrono::milliseconds target{kDefaultMs};
    };

    static QList<OptionSpec> specs();
    static CliResult<Choice> parse(const ParsedArgs& args);
    // Tunes Argon2id to the target on this machine (about a second), or returns the test setting.
    static KdfParams resolve(CliContext& context, const Choice& choice);
};

} // namespace tessera::cli
