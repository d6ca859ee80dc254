#pragma once

#include "access/Permission.h"
#include "common/Error.h"

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

namespace tessera {

// The value rules that the CSV and JSON user files share, so both formats accept and refuse the same
// things. Errors are ErrorKind::Input with a message that names the problem; none quotes a password or
// a password hash.
class ImportFieldRules
{
public:
    // "a; b;;c " -> {"a", "b", "c"}: items trimmed, empty ones dropped.
    static QStringList splitList(const QString& text);
    static QString joinList(const QStringList& items) { return items.join(QLatin1Char(';')); }

    // "active" (or empty) -> false, "disabled" -> true, any case.
    static Result<bool> disabledFromStatus(const QString& status);
    static QString statusText(bool disabled);
    // true/false, 1/0, yes/no in any case; empty is false.
    static Result<bool> flag(const QString& text);

    // ISO 8601: a date (midnight UTC) or a date-time with optional milliseconds and offset (none = UTC).
    // Empty is 0, "unknown".
    static Result<qint64> createdMs(const QString& text);
    static QString createdText(qint64 ms); // "2024-05-01T09:12:44.262Z", empty for 0

    // A cheap structural check of a PHC argon2id/argon2i or bcrypt hash: no hashing happens here.
    static Status passwordHash(const QString& encoded);
    // Each name valid (RoleGraph's rules), in the order given, repeats dropped.
    static Result<QStringList> roleNames(const QStringList& names);
    static Result<QList<Permission>> permissions(const QStringList& texts);

    static bool isValidUtf8(QByteArrayView bytes);
};

} // namespace tessera
