#pragma once

#include "access/RoleDefinition.h"
#include "identity/UserRecord.h"

#include <QByteArray>
#include <QList>
#include <vector>

namespace tessera {

// Writes users (and roles) in the import formats of docs/import-format.md, so an export reads back
// into the same records through UserCsvReader / UserJsonReader. Password hashes are written only when
// asked for (`includeHashes`); plaintext passwords never exist here. Attribute values that are empty
// strings do not survive CSV (an empty cell means "no such attribute"), and CSV carries neither object
// grants nor roles: use JSON for a complete copy.
class UserFileWriter
{
public:
    // RFC 4180 with CRLF line ends and a header row; attr:NAME columns for the union of attribute
    // names, sorted. Cells are quoted only when needed. Not formula-escaped: the file is meant to be
    // read back, and a prefixed ' would change the data.
    static QByteArray usersCsv(const std::vector<UserRecord>& users, bool includeHashes = false);
    static QByteArray rolesCsv(const QList<RoleDefinition>& roles);
    // {"format": "tessera-users", "version": 1, "roles": [...], "users": [...]}, indented.
    static QByteArray json(const std::vector<UserRecord>& users, const QList<RoleDefinition>& roles,
                           bool includeHashes = false);

    static QByteArray csvCell(const QString& value); // quoted when it holds , " CR LF or edge spaces
};

} // namespace tessera
