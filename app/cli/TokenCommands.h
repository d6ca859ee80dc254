#pragma once

namespace tessera::cli {

class CommandRegistry;

// token inspect | verify | sign: stateless JWT tools over core/jose that open no vault. Keys come from
// files (PEM, JWK, JWKS) or a raw secret file; the vault's key store (--kid) comes later.
class TokenCommands
{
public:
    static void registerAll(CommandRegistry& registry);
};

} // namespace tessera::cli
