#include "VaultAccess.h"

#include "CliContext.h"
#include "PasswordSource.h"
#include "audit/AuditActor.h"
#include "vault/VaultHeader.h"

namespace tessera::cli {

CliResult<std::unique_ptr<Vault>> VaultAccess::open(CliContext& context, Vault::Access access)
{
    const QString path = context.vaultPath();
    if (auto header = VaultHeader::readFrom(path); !header) {
        return cliFail(header.error());
    }
    auto password =
        PasswordSource::master(context).read(QStringLiteral("Master password for %1: ").arg(path));
    if (!password) {
        return std::unexpected(password.error());
    }
    auto vault = Vault::open(path, *password, AuditActor::current(QStringLiteral("cli")), access);
    if (!vault) {
        return cliFail(vault.error());
    }
    return std::move(*vault);
}

} // namespace tessera::cli
