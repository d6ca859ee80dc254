#pragma once

namespace tessera::cli {

class CommandRegistry;

// backup-codes generate: single-use recovery codes for users with an authenticator.
class BackupCodeCommands
{
public:
    static void registerAll(CommandRegistry& registry);
};

} // namespace tessera::cli
