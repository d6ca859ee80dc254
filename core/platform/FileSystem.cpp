#include "platform/FileSystem.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sodium.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace tessera {

namespace {
QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

Status syncPath(const QString& path, int flags)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), flags | O_CLOEXEC);
    if (fd < 0) {
        return fail(ErrorKind::Io, QStringLiteral("cannot open %1: %2").arg(path, systemError()));
    }
    const int rc = ::fsync(fd);
    const QString why = rc != 0 ? systemError() : QString();
    ::close(fd);
    if (rc != 0) {
        return fail(ErrorKind::Io, QStringLiteral("cannot flush %1 to disk: %2").arg(path, why));
    }
    return {};
}
} // namespace

QString FileSystem::siblingTempPath(const QString& path, const QString& tag)
{
    unsigned char random[6];
    randombytes_buf(random, sizeof random);
    const QString suffix = QString::fromLatin1(QByteArray(reinterpret_cast<char*>(random), sizeof random).toHex());
    return QStringLiteral("%1.%2-%3").arg(path, tag, suffix);
}

Status FileSystem::syncFile(const QString& path)
{
    return syncPath(path, O_RDONLY);
}

Status FileSystem::syncParentDirectory(const QString& path)
{
    return syncPath(QFileInfo(path).absolutePath(), O_RDONLY | O_DIRECTORY);
}

Status FileSystem::replace(const QString& from, const QString& to)
{
    if (::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) != 0) {
        return fail(ErrorKind::Io, QStringLiteral("cannot move %1 to %2: %3").arg(from, to, systemError()));
    }
    return syncParentDirectory(to);
}

Status FileSystem::copyDurably(const QString& from, const QString& to)
{
    if (QFileInfo::exists(to)) {
        return fail(ErrorKind::Conflict, QStringLiteral("%1 already exists").arg(to));
    }
    const QString temp = siblingTempPath(to, QStringLiteral("partial"));
    if (!QFile::copy(from, temp)) {
        QFile::remove(temp);
        return fail(ErrorKind::Io, QStringLiteral("cannot copy %1 to %2 (disk full or not writable?)").arg(from, to));
    }
    if (auto ok = syncFile(temp); !ok) {
        QFile::remove(temp);
        return ok;
    }
    if (auto ok = replace(temp, to); !ok) {
        QFile::remove(temp);
        return ok;
    }
    return {};
}

Status FileSystem::createPrivateFile(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        const ErrorKind kind = errno == EEXIST ? ErrorKind::Conflict
                               : (errno == EACCES || errno == EROFS) ? ErrorKind::ReadOnly
                                                                      : ErrorKind::Io;
        return fail(kind, QStringLiteral("cannot create %1: %2").arg(path, systemError()));
    }
    ::close(fd);
    return {};
}

Status FileSystem::checkParentDirectory(const QString& path)
{
    const QFileInfo parent(QFileInfo(path).absolutePath());
    if (!parent.exists()) {
        return fail(ErrorKind::Io, QStringLiteral("the folder %1 does not exist").arg(parent.filePath()));
    }
    if (!parent.isDir()) {
        return fail(ErrorKind::Io, QStringLiteral("%1 is not a folder").arg(parent.filePath()));
    }
    return {};
}

Status FileSystem::writePrivately(const QString& path, const QByteArray& bytes)
{
    TESSERA_TRY(checkParentDirectory(path));
    const QString temp = siblingTempPath(path, QStringLiteral("write"));
    TESSERA_TRY(createPrivateFile(temp));
    QFile file(temp);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size()) {
        const QString reason = file.errorString();
        file.close();
        QFile::remove(temp);
        return fail(ErrorKind::Io, QStringLiteral("cannot write %1: %2").arg(path, reason));
    }
    file.close();
    if (auto ok = syncFile(temp); !ok) {
        QFile::remove(temp);
        return ok;
    }
    if (auto ok = replace(temp, path); !ok) {
        QFile::remove(temp);
        return ok;
    }
    return {};
}

} // namespace tessera
