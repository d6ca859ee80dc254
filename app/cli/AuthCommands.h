#pragma once

namespace tessera::cli {

class CommandRegistry;

// auth login
class AuthCommands
{
public:
    static void registerAll(CommandRegistry& registry);
};

} // namespace tessera::cli
