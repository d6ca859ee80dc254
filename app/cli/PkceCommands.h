#pragma once

namespace tessera::cli {

class CommandRegistry;

// pkce generate | verify: RFC 7636 S256 code verifiers and challenges, for testing OAuth clients and
// servers by hand.
class PkceCommands
{
public:
    static void registerAll(CommandRegistry& registry);
};

} // namespace tessera::cli
