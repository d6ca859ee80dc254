#pragma once

#include <QString>

namespace tessera::cli {

class CliContext;
class CommandRegistry;
class ParsedArgs;

// The vault's key store: key list | show | import | export | jwks | state | rotate | delete, and
// `key generate` without --out (KeyCommands hands it over).
class VaultKeyCommands
{
public:
    static void registerAll(CommandRegistry& registry);
    // `key generate --type SPEC` into the vault; SPEC and --kid are already checked.
    static int generate(CliContext& context, const ParsedArgs& args, const QString& spec);
};

} // namespace tessera::cli
