#pragma once

namespace tessera::cli {

class CommandRegistry;

// access check
class AccessCommands
{
public:
    static void registerAll(CommandRegistry& registry);
};

} // namespace tessera::cli
