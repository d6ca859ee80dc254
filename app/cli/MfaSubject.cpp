#include "MfaSubject.h"

#include "mfa/MfaService.h"

namespace tessera::cli {

CliResult<MfaSubject> MfaSubject::load(CliContext& context, const QString& typedUsername, Vault::Access access)
{
    auto open = IdentitySupport::open(context, access);
    if (!open) {
        return std::unexpected(open.error());
    }
    auto names = IdentitySupport::storedUsernames(**open, {typedUsername});
    if (!names) {
        return std::unexpected(names.error());
    }
    auto status = (*open)->mfa().status(names->front());
    if (!status) {
        return std::unexpected(CliError::fromError(status.error()));
    }
    return MfaSubject{std::move(*open), names->front(), *status};
}

} // namespace tessera::cli
