#pragma once

#include "CliError.h"
#include "access/Permission.h"
#include "access/RoleChangePreview.h"
#include "crypto/SecretBuffer.h"
#include "identity/Directory.h"
#include "vault/Vault.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <memory>
#include <utility>

namespace tessera::cli {

class CliContext;

// An unlocked vault with its Directory. Members are destroyed in reverse order, so the Directory goes
// before the Vault it refers to.
struct OpenDirectory
{
    std::unique_ptr<Vault> vault;
    std::unique_ptr<Directory> directory;

    Directory* operator->() const { return directory.get(); }
    Directory& operator*() const { return *directory; }
    qint64 nowMs() const { return vault->clock().nowMs(); }
};

// What the user, role, access and auth commands share: opening the Directory, reading a user's password
// from stdin, confirmations, permission arguments and the role-change preview.
class IdentitySupport
{
public:
    // VaultAccess::open, then Directory::open on it.
    static CliResult<OpenDirectory> open(CliContext& context, Vault::Access access);

    // The stored spelling of each username (lookups ignore case), without duplicates; NotFound (exit 2)
    // for the first unknown one.
    static CliResult<QStringList> storedUsernames(const Directory& directory, const QStringList& names);

    // The core's parse; its message names what is wrong (exit 2).
    static CliResult<Permission> permission(const QString& text);
    static CliResult<QList<Permission>> permissions(const QStringList& texts);

    // One line from stdin, the line ending (LF, or CR LF) removed; on a terminal it is read without echo
    // after `prompt`. Empty input is an input error (exit 2).
    static CliResult<SecretBuffer> readStdinSecret(const QString& prompt);

    // For destructive commands: without --yes a terminal must be there to ask on (checked before the
    // vault is opened, so a script learns to pass --yes without a password prompt).
    static CliStatus requireConfirmable(bool yes, const QString& what);
    // Asks `question` on the terminal ([y/N]); Cancelled (exit 2) unless the answer is yes.
    static CliStatus confirm(bool yes, const QString& question);

    // The role-change preview for people (capped at `maxUsers` lines) and as JSON.
    static QString previewText(const RoleChangePreview& preview, qsizetype maxUsers = 50);
    static QJsonObject previewJson(const RoleChangePreview& preview);

    static QString isoOrNever(qint64 ms);   // ISO 8601 UTC, or "never" for 0
    static QJsonValue isoOrNull(qint64 ms); // ISO 8601 UTC, or null for 0
    static QJsonValue msOrNull(qint64 ms);  // the number, or null for 0
};

} // namespace tessera::cli
