#include "PrivateFile.h"

#include "platform/FileSystem.h"

#include <QFileInfo>

namespace tessera::cli {

CliStatus PrivateFile::checkTarget(const QString& path, bool force)
{
    const QFileInfo target(path);
    if (target.exists() && !force) {
        return cliFail(Error{ErrorKind::Conflict,
                             QStringLiteral("%1 already exists; pass --force to replace it").arg(path)});
    }
    if (target.isDir()) {
        return cliFail(Error{ErrorKind::Conflict, QStringLiteral("%1 is a folder").arg(path)});
    }
    if (auto ok = FileSystem::checkParentDirectory(path); !ok) {
        return cliFail(ok.error());
    }
    return {};
}

CliStatus PrivateFile::write(const QString& path, const QByteArray& bytes)
{
    if (auto ok = FileSystem::writePrivately(path, bytes); !ok) {
        return cliFail(ok.error());
    }
    return {};
}

} // namespace tessera::cli
