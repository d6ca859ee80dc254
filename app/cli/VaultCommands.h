#pragma once

namespace tessera::cli {

class CommandRegistry;

// vault create | info | check | change-password | backup
class VaultCommands
{
public:
    static void registerAll(CommandRegistry& registry);
};

} // namespace tessera::cli
