#include "DirectoryFixture.h"

#include "TestVault.h"

#include <QTest>

namespace tessera::test {

void DirectoryFixture::openDirectory()
{
    auto directory = Directory::open(*m_vault);
    QVERIFY2(directory.has_value(), qPrintable(directory ? QString() : directory.error().message));
    m_directory = std::move(*directory);
}

void DirectoryFixture::openFresh()
{
    QVERIFY(m_dir.isValid());
    m_directory.reset();
    m_vault.reset();
    m_clock.setMs(m_startMs);
    auto vault = Vault::create(m_dir.filePath(QStringLiteral("v%1.tessera").arg(++m_counter)), password(),
                               KdfParams::insecureTestParams(), actor(), m_clock);
    QVERIFY2(vault.has_value(), qPrintable(vault ? QString() : vault.error().message));
    m_vault = std::move(*vault);
    openDirectory();
    QVERIFY(m_directory);
    auto params = m_directory->setHashParams(HashParams::insecureTestParams());
    QVERIFY2(params.has_value(), qPrintable(params ? QString() : params.error().message));
}

void DirectoryFixture::reopen()
{
    QVERIFY(m_vault);
    const QString path = m_vault->path();
    m_directory.reset();
    m_vault.reset();
    auto vault = Vault::open(path, password(), actor(), Vault::Access::ReadWrite, m_clock);
    QVERIFY2(vault.has_value(), qPrintable(vault ? QString() : vault.error().message));
    m_vault = std::move(*vault);
    openDirectory();
}

} // namespace tessera::test
