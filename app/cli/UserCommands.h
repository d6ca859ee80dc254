#pragma once

namespace tessera::cli {

class CommandRegistry;

// user add | list | show | passwd | disable | enable | delete | unlock | set | grant | revoke
class UserCommands
{
public:
    static void registerAll(CommandRegistry& registry);
};

} // namespace tessera::cli
