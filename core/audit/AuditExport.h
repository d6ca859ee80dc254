#pragma once

#include "audit/AuditEntry.h"

#include <QByteArray>
#include <QJsonObject>

#include <vector>

namespace tessera {

// Audit entries as CSV (RFC 4180, UTF-8, header row) and JSON (an array of objects); shared by
// the CLI and the GUI's export so both write the same columns.
class AuditExport
{
public:
    static QByteArray toCsv(const std::vector<AuditEntry>& entries);
    static QByteArray toJson(const std::vector<AuditEntry>& entries);
    static QJsonObject toJsonObject(const AuditEntry& entry);
};

} // namespace tessera
