#pragma once

#include "audit/AuditEntry.h"
#include "crypto/KdfParams.h"

#include <QString>
#include <QStringList>

namespace tessera {

// What `vault info` shows: never a secret.
struct VaultInfo
{
    QString path;
    QString vaultId;
    int formatVersion = 0;
    int schemaVersion = 0;
    KdfParams kdf;
    qint64 fileBytes = 0;
    qint64 pageSize = 0;
    qint64 pageCount = 0;
    qint64 createdAtMs = 0;
    qint64 auditEntries = 0;
    bool readOnly = false;
};

struct VaultCheckReport
{
    QStringList integrityProblems; // empty when SQLite's integrity check says ok
    AuditVerifyReport audit;
    bool ok() const { return integrityProblems.isEmpty() && audit.ok; }
};

} // namespace tessera
