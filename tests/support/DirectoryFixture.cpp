#include "DirectoryFixture.h"

#include "TestVault.h"

namespace tessera::test {

namespace {

Result<OpenedDirectory> withDirectory(std::unique_ptr<Vault> vault)
{
    OpenedDirectory opened;
    opened.vault = std::move(vault);
    TESSERA_TRY_ASSIGN(directory, Directory::open(*opened.vault));
    opened.directory = std::move(directory);
    return opened;
}

} // namespace

Result<OpenedDirectory> createDirectory(const QString& path, const Clock& clock)
{
    TESSERA_TRY_ASSIGN(vault, Vault::create(path, password(), KdfParams::insecureTestParams(), actor(), clock));
    TESSERA_TRY_ASSIGN(opened, withDirectory(std::move(vault)));
    TESSERA_TRY(opened.directory->setHashParams(HashParams::insecureTestParams()));
    return std::move(opened);
}

Result<OpenedDirectory> reopenDirectory(const QString& path, const Clock& clock)
{
    TESSERA_TRY_ASSIGN(vault, Vault::open(path, password(), actor(), Vault::Access::ReadWrite, clock));
    return withDirectory(std::move(vault));
}

} // namespace tessera::test
