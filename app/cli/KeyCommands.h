#pragma once

namespace tessera::cli {

class CommandRegistry;

// key generate | thumbprint | convert: key files for the token commands, with no vault. `key generate`
// without --out and the other key store commands are VaultKeyCommands, registered from here.
class KeyCommands
{
public:
    static void registerAll(CommandRegistry& registry);
};

} // namespace tessera::cli
