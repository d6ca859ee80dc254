#pragma once

namespace tessera::cli {

class CommandRegistry;

// key generate | thumbprint | convert: key files for the token commands, with no vault. `key generate`
// without --out (the vault's key store) comes later.
class KeyCommands
{
public:
    static void registerAll(CommandRegistry& registry);
};

} // namespace tessera::cli
