#pragma once

#include "CliError.h"
#include "audit/AuditEntry.h"
#include "crypto/KdfParams.h"
#include "vault/VaultInfo.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <vector>

namespace tessera::cli {

// The JSON shapes of the CLI, in one place so docs/cli.md has one file to match. Field names are
// camelCase; times are ISO 8601 UTC strings with a companion "...Ms" epoch-milliseconds number.
class JsonOutput
{
public:
    static QByteArray serialize(const QJsonObject& document); // indented, ends with a newline

    static QJsonObject error(const CliError& error); // {"kind", "message", "exitCode"}
    static QJsonObject kdf(const KdfParams& params); // {"algorithm", "passes", "memoryBytes", "description"}
    static QJsonObject vaultInfo(const VaultInfo& info);
    static QJsonObject checkReport(const VaultCheckReport& report);
    static QJsonObject auditVerify(const AuditVerifyReport& report);
    static QJsonArray auditEntries(const std::vector<AuditEntry>& entries);

    static QString isoUtc(qint64 ms); // 2024-05-01T12:00:00Z
};

} // namespace tessera::cli
