#pragma once

namespace tessera::cli {

class CommandRegistry;

// password hash | verify: stateless helpers over PasswordHasher that open no vault, for admins who
// prepare import files (password_hash column) or check a hash from another system.
class PasswordCommands
{
public:
    static void registerAll(CommandRegistry& registry);
};

} // namespace tessera::cli
