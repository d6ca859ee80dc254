#pragma once

namespace tessera::cli {

class CommandRegistry;

// token inspect | verify | sign: JWT tools over core/jose. Keys come from files (PEM, JWK, JWKS), a raw
// secret file, or the vault's key store (--kid; --vault for inspect and verify). The vault's token
// issuer (issue, revoke, revoked, sessions) is TokenIssueCommands, registered from here.
class TokenCommands
{
public:
    static void registerAll(CommandRegistry& registry);
};

} // namespace tessera::cli
