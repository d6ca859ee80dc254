#include "PrivateFile.h"

#include "ParsedArgs.h"
#include "platform/FileSystem.h"

#include <QFileInfo>

namespace tessera::cli {

CliStatus PrivateFile::checkTarget(const QString& path, bool force)
{
    if (path.isEmpty()) {
        return cliFail(CliError::usage(QStringLiteral("the file name is empty")));
    }
    const QFileInfo target(path);
    if (target.isDir()) {
        return cliFail(Error{ErrorKind::Conflict, QStringLiteral("%1 is a folder").arg(path)});
    }
    if (target.exists() && !force) {
        return cliFail(Error{ErrorKind::Conflict,
                             QStringLiteral("%1 already exists; pass --force to replace it").arg(path)});
    }
    if (auto ok = FileSystem::checkParentDirectory(path); !ok) {
        return cliFail(ok.error());
    }
    return {};
}

CliStatus PrivateFile::checkOutOption(const ParsedArgs& args)
{
    const QString option = QStringLiteral("out");
    if (!args.isSet(option)) {
        return {};
    }
    const QString path = args.value(option);
    if (path.isEmpty()) {
        return cliFail(CliError::usage(QStringLiteral("--out needs a file name")));
    }
    return checkTarget(path, args.isSet(QStringLiteral("force")));
}

CliResult<QString> PrivateFile::write(const QString& path, const QByteArray& bytes)
{
    if (auto ok = FileSystem::writePrivately(path, bytes); !ok) {
        return cliFail(ok.error());
    }
    return QFileInfo(path).absoluteFilePath();
}

} // namespace tessera::cli
