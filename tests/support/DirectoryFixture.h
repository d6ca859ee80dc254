#pragma once

#include "common/Clock.h"
#include "common/Error.h"
#include "identity/Directory.h"
#include "vault/Vault.h"

#include <QString>
#include <memory>

namespace tessera::test {

// A vault and its Directory, as the identity and MFA tests use them. Destroy the directory first.
struct OpenedDirectory
{
    std::unique_ptr<Vault> vault;
    std::unique_ptr<Directory> directory;

    // Both owners into the test's members, directory reset before the vault it points into.
    void moveInto(std::unique_ptr<Vault>& vaultOut, std::unique_ptr<Directory>& directoryOut)
    {
        directoryOut.reset();
        vaultOut = std::move(vault);
        directoryOut = std::move(directory);
    }
};

// A new vault at `path` with the test KDF and test user-hash parameters, on `clock`.
Result<OpenedDirectory> createDirectory(const QString& path, const Clock& clock);
// The vault at `path` opened again for writing, on `clock`.
Result<OpenedDirectory> reopenDirectory(const QString& path, const Clock& clock);

} // namespace tessera::test
