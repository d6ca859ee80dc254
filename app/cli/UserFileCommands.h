#pragma once

namespace tessera::cli {

class CommandRegistry;

// `user import FILE` and `user export FILE`: users, roles and assignments as CSV or JSON
// (docs/import-format.md).
class UserFileCommands
{
public:
    static void registerAll(CommandRegistry& registry);
};

} // namespace tessera::cli
