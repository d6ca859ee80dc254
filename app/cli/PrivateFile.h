#pragma once

#include "CliError.h"

#include <QByteArray>
#include <QString>

namespace tessera::cli {

class ParsedArgs;

// The one way the CLI writes a file the user asked for (a QR code of an otpauth URI, backup codes, a
// key, a JWK Set, a user export): they may hold secrets, so mode 0600, written whole or not at all
// (FileSystem::writePrivately), and never over an existing file unless the user passed --force.
class PrivateFile
{
public:
    // Checked before anything is generated or a vault is opened: usage error (exit 2) for an empty
    // name; Conflict (exit 2) when `path` is a folder, or exists and `force` is false; Io (exit 3) when
    // its folder is missing.
    static CliStatus checkTarget(const QString& path, bool force);
    // checkTarget for --out FILE and --force; nothing to check without --out.
    static CliStatus checkOutOption(const ParsedArgs& args);
    // Writes `bytes` to `path`; its absolute path.
    static CliResult<QString> write(const QString& path, const QByteArray& bytes);
};

} // namespace tessera::cli
