#pragma once

namespace tessera::cli {

class CommandRegistry;

// role add | list | show | delete | grant | revoke | include | exclude | assign | unassign | rename | default
class RoleCommands
{
public:
    static void registerAll(CommandRegistry& registry);
};

} // namespace tessera::cli
