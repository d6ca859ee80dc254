#pragma once

#include "audit/AuditActor.h"
#include "audit/AuditEntry.h"
#include "common/Clock.h"
#include "common/Error.h"
#include "crypto/SecretBuffer.h"

#include <functional>
#include <vector>

namespace tessera {

class Database;

// Append-only, hash-chained audit trail. Each entry's MAC covers the previous MAC and all its fields,
// keyed by a subkey of the vault key, and the chain head (count + last MAC) is MACed into the vault's
// metadata, so editing, removing or reordering entries with an outside SQLCipher tool is detected.
class AuditLog
{
public:
    using Progress = std::function<bool(qint64 done, qint64 total)>; // return false to cancel

    AuditLog(Database& db, SecretBuffer macKey, AuditActor actor, const Clock& clock);

    Result<qint64> append(const QString& action, const QString& target, const QString& summary);
    Result<std::vector<AuditEntry>> list(const AuditFilter& filter = {}) const;
    Result<qint64> count() const;
    Result<AuditVerifyReport> verify(const Progress& progress = {}) const;

    const AuditActor& actor() const { return m_actor; }

private:
    QByteArray entryMac(const QByteArray& previousMac, const AuditEntry& entry) const;
    QByteArray headMac(qint64 count, const QByteArray& lastMac) const;

    Database& m_db;
    SecretBuffer m_macKey;
    AuditActor m_actor;
    const Clock& m_clock;
};

} // namespace tessera
