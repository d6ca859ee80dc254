#include "common/Error.h"

namespace tessera {

int exitCodeFor(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Usage:
    case ErrorKind::Input:
    case ErrorKind::NotFound:
    case ErrorKind::Conflict:
    case ErrorKind::Cancelled:
        return 2;
    case ErrorKind::WrongPassword:
    case ErrorKind::NotAVault:
    case ErrorKind::Corrupt:
    case ErrorKind::NewerFormat:
    case ErrorKind::InUse:
    case ErrorKind::ReadOnly:
    case ErrorKind::Io:
        return 3;
    case ErrorKind::Internal:
        return 4;
    }
    return 4;
}

QString errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Usage: return QStringLiteral("usage");
    case ErrorKind::Input: return QStringLiteral("input");
    case ErrorKind::WrongPassword: return QStringLiteral("wrong-password");
    case ErrorKind::NotAVault: return QStringLiteral("not-a-vault");
    case ErrorKind::Corrupt: return QStringLiteral("corrupt");
    case ErrorKind::NewerFormat: return QStringLiteral("newer-format");
    case ErrorKind::InUse: return QStringLiteral("in-use");
    case ErrorKind::ReadOnly: return QStringLiteral("read-only");
    case ErrorKind::Io: return QStringLiteral("io");
    case ErrorKind::NotFound: return QStringLiteral("not-found");
    case ErrorKind::Conflict: return QStringLiteral("conflict");
    case ErrorKind::Cancelled: return QStringLiteral("cancelled");
    case ErrorKind::Internal: return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

} // namespace tessera
