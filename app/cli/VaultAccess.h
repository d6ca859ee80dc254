#pragma once

#include "CliError.h"
#include "vault/Vault.h"

#include <memory>

namespace tessera::cli {

class CliContext;

// Opens the vault the global options name, asking for the master password only once the file is
// known to be a vault (so "not a vault" and "no such file" never cost a prompt or a KDF run).
class VaultAccess
{
public:
    static CliResult<std::unique_ptr<Vault>> open(CliContext& context, Vault::Access access);
};

} // namespace tessera::cli
