#pragma once

#include "CliError.h"

#include <QByteArray>
#include <QString>

namespace tessera::cli {

// The files the second-factor commands write hold secrets (a QR code of an otpauth URI, backup codes):
// mode 0600, written whole or not at all (FileSystem::writePrivately), and never over an existing file
// unless the user passed --force.
class PrivateFile
{
public:
    // Checked before anything is generated or a vault is opened: Conflict (exit 2) when `path` exists
    // and `force` is false; Io (exit 3) when its folder is missing.
    static CliStatus checkTarget(const QString& path, bool force);
    static CliStatus write(const QString& path, const QByteArray& bytes);
};

} // namespace tessera::cli
