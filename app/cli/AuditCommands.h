#pragma once

namespace tessera::cli {

class CommandRegistry;

// audit list | verify
class AuditCommands
{
public:
    static void registerAll(CommandRegistry& registry);
};

} // namespace tessera::cli
