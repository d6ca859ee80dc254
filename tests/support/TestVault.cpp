#include "TestVault.h"

#include <QFile>
#include <QTest>

namespace tessera::test {

std::unique_ptr<Vault> createVault(const QString& path, const char* pw)
{
    auto vault = Vault::create(path, password(pw), KdfParams::insecureTestParams(), actor());
    if (!vault) {
        qWarning("createVault failed: %s", qPrintable(vault.error().message));
        return nullptr;
    }
    return std::move(*vault);
}

std::unique_ptr<Vault> openVault(const QString& path, const char* pw)
{
    auto vault = Vault::open(path, password(pw), actor());
    if (!vault) {
        qWarning("openVault failed: %s", qPrintable(vault.error().message));
        return nullptr;
    }
    return std::move(*vault);
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

void writeAll(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        file.write(bytes);
    }
}

} // namespace tessera::test
