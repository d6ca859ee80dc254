#pragma once

namespace tessera::cli {

class CommandRegistry;

// The vault's token issuer: token issue | revoke | revoked | sessions. Refresh tokens issued from the
// vault are recorded by jti so they can be listed and revoked.
class TokenIssueCommands
{
public:
    static void registerAll(CommandRegistry& registry);
};

} // namespace tessera::cli
