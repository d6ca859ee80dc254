#pragma once

#include "common/Error.h"
#include "totp/BackupCodes.h"
#include "totp/OtpPolicy.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <optional>
#include <utility>

namespace tessera {

class Database;

// A TOTP enrolment as stored: the seed only sealed (SecretBox under the vault's TOTP seed key).
struct TotpEnrolmentRecord
{
    qint64 userId = 0;
    QByteArray sealedSecret;
    OtpAlgorithm algorithm = OtpAlgorithm::Sha1;
    int digits = 6;
    int period = 30;
    bool confirmed = false;
    qint64 createdMs = 0;
    qint64 confirmedMs = 0;
    std::optional<qint64> lastStep; // the newest time step accepted; never accepted again
};

// Per-user counts for the users table, read in one scan of each table.
struct MfaCounts
{
    bool enrolled = false;
    bool confirmed = false;
    int backupTotal = 0;
    int backupRemaining = 0;
};

// All SQL for the second factor (tables totp_enrolments and backup_codes, schema version 3).
// Callers own transactions.
class MfaStore
{
public:
    explicit MfaStore(Database& db) : m_db(db) {}

    Result<std::optional<TotpEnrolmentRecord>> enrolment(qint64 userId);
    // Replaces any earlier enrolment of the user (and with it the old seed: secure_delete is on).
    Status saveEnrolment(const TotpEnrolmentRecord& record);
    Status confirmEnrolment(qint64 userId, qint64 confirmedMs, qint64 step);
    Status setLastStep(qint64 userId, qint64 step);
    Status deleteEnrolment(qint64 userId);

    Result<QList<StoredBackupCode>> backupCodes(qint64 userId); // in position order
    Status replaceBackupCodes(qint64 userId, const QList<StoredBackupCode>& codes, qint64 nowMs);
    Status markBackupCodeUsed(qint64 userId, qsizetype position, qint64 nowMs);
    Status deleteBackupCodes(qint64 userId);

    Result<QHash<qint64, MfaCounts>> counts();
    // Every user's id and name, for applying the MFA policy to the whole table.
    Result<QList<std::pair<qint64, QString>>> users();

private:
    Database& m_db;
};

} // namespace tessera
