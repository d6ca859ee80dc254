#include "platform/AppPaths.h"

#include <QDir>
#include <QStandardPaths>

namespace tessera {

QString AppPaths::dataDirectory()
{
    // GenericDataLocation so the CLI and GUI agree whatever their QCoreApplication names are.
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("tessera"));
}

QString AppPaths::defaultVaultPath()
{
    const QString fromEnv = qEnvironmentVariable("TESSERA_VAULT");
    if (!fromEnv.isEmpty()) {
        return fromEnv;
    }
    return QDir(dataDirectory()).filePath(QStringLiteral("vault.tessera"));
}

} // namespace tessera
