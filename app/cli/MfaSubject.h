#pragma once

#include "CliError.h"
#include "IdentitySupport.h"
#include "mfa/MfaStatus.h"

#include <QString>

namespace tessera::cli {

class CliContext;

// What every per-user second-factor command starts with: the vault opened with its Directory, the user
// the command names (as stored; lookups ignore case) and their current second-factor state.
struct MfaSubject
{
    OpenDirectory open;
    QString username;
    MfaStatus status;

    // NotFound (exit 2) for an unknown user; vault errors as VaultAccess reports them.
    static CliResult<MfaSubject> load(CliContext& context, const QString& typedUsername, Vault::Access access);
};

} // namespace tessera::cli
