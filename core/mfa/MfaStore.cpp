#include "mfa/MfaStore.h"

#include "vault/Database.h"
#include "vault/Statement.h"

namespace tessera {

Result<std::optional<TotpEnrolmentRecord>> MfaStore::enrolment(qint64 userId)
{
    TESSERA_TRY_ASSIGN(stmt, m_db.prepare("SELECT sealed_secret, algorithm, digits, period, confirmed, created_ms, "
                                          "confirmed_ms, last_step FROM totp_enrolments WHERE user_id = ?1"));
    stmt.bind(1, userId);
    TESSERA_TRY_ASSIGN(row, stmt.step());
    if (!row) {
        return std::optional<TotpEnrolmentRecord>{};
    }
    TotpEnrolmentRecord record;
    record.userId = userId;
    record.sealedSecret = stmt.columnBlob(0);
    const auto algorithm = parseOtpAlgorithm(stmt.columnText(1));
    if (!algorithm) {
        return fail(ErrorKind::Corrupt, QStringLiteral("a stored authenticator names an unknown algorithm"));
    }
    record.algorithm = *algorithm;
    record.digits = static_cast<int>(stmt.columnInt(2));
    record.period = static_cast<int>(stmt.columnInt(3));
    record.confirmed = stmt.columnInt(4) != 0;
    record.createdMs = stmt.columnInt(5);
    record.confirmedMs = stmt.columnInt(6);
    if (!stmt.columnIsNull(7)) {
        record.lastStep = stmt.columnInt(7);
    }
    return std::optional<TotpEnrolmentRecord>(std::move(record));
}

Status MfaStore::saveEnrolment(const TotpEnrolmentRecord& record)
{
    TESSERA_TRY(deleteEnrolment(record.userId));
    TESSERA_TRY_ASSIGN(stmt, m_db.prepare("INSERT INTO totp_enrolments (user_id, sealed_secret, algorithm, digits, "
                                          "period, confirmed, created_ms, confirmed_ms, last_step) "
                                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"));
    stmt.bind(1, record.userId)
        .bindBlob(2, record.sealedSecret)
        .bind(3, otpAlgorithmName(record.algorithm))
        .bind(4, record.digits)
        .bind(5, record.period)
        .bind(6, record.confirmed ? 1 : 0)
        .bind(7, record.createdMs)
        .bind(8, record.confirmedMs);
    if (record.lastStep) {
        stmt.bind(9, *record.lastStep);
    } else {
        stmt.bindNull(9);
    }
    return stmt.run();
}

Status MfaStore::confirmEnrolment(qint64 userId, qint64 confirmedMs, qint64 step)
{
    return m_db.run("UPDATE totp_enrolments SET confirmed = 1, confirmed_ms = ?1, last_step = ?2 WHERE user_id = ?3",
                    confirmedMs, step, userId);
}

Status MfaStore::setLastStep(qint64 userId, qint64 step)
{
    return m_db.run("UPDATE totp_enrolments SET last_step = ?1 WHERE user_id = ?2", step, userId);
}

Status MfaStore::deleteEnrolment(qint64 userId)
{
    return m_db.run("DELETE FROM totp_enrolments WHERE user_id = ?1", userId);
}

Result<QList<StoredBackupCode>> MfaStore::backupCodes(qint64 userId)
{
    TESSERA_TRY_ASSIGN(stmt, m_db.prepare("SELECT hash, used_ms FROM backup_codes WHERE user_id = ?1 ORDER BY position"));
    stmt.bind(1, userId);
    QList<StoredBackupCode> codes;
    TESSERA_TRY(forEachRow(stmt, [&]() -> Status {
        codes.append(StoredBackupCode{stmt.columnBlob(0), stmt.columnInt(1) != 0});
        return {};
    }));
    return codes;
}

Status MfaStore::replaceBackupCodes(qint64 userId, const QList<StoredBackupCode>& codes, qint64 nowMs)
{
    TESSERA_TRY(deleteBackupCodes(userId));
    TESSERA_TRY_ASSIGN(stmt, m_db.prepare("INSERT INTO backup_codes (user_id, position, hash, created_ms, used_ms) "
                                          "VALUES (?1, ?2, ?3, ?4, 0)"));
    for (qsizetype i = 0; i < codes.size(); ++i) {
        stmt.bind(1, userId).bind(2, static_cast<qint64>(i)).bindBlob(3, codes[i].hash).bind(4, nowMs);
        TESSERA_TRY(stmt.run());
        stmt.reset();
    }
    return {};
}

Status MfaStore::markBackupCodeUsed(qint64 userId, qsizetype position, qint64 nowMs)
{
    return m_db.run("UPDATE backup_codes SET used_ms = ?1 WHERE user_id = ?2 AND position = ?3", nowMs, userId,
                    static_cast<qint64>(position));
}

Status MfaStore::deleteBackupCodes(qint64 userId)
{
    return m_db.run("DELETE FROM backup_codes WHERE user_id = ?1", userId);
}

Result<QHash<qint64, MfaCounts>> MfaStore::counts()
{
    QHash<qint64, MfaCounts> counts;
    {
        TESSERA_TRY_ASSIGN(stmt, m_db.prepare("SELECT user_id, confirmed FROM totp_enrolments"));
        TESSERA_TRY(forEachRow(stmt, [&]() -> Status {
            MfaCounts& entry = counts[stmt.columnInt(0)];
            entry.enrolled = true;
            entry.confirmed = stmt.columnInt(1) != 0;
            return {};
        }));
    }
    TESSERA_TRY_ASSIGN(stmt, m_db.prepare("SELECT user_id, count(*), sum(used_ms = 0) FROM backup_codes GROUP BY user_id"));
    TESSERA_TRY(forEachRow(stmt, [&]() -> Status {
        MfaCounts& entry = counts[stmt.columnInt(0)];
        entry.backupTotal = static_cast<int>(stmt.columnInt(1));
        entry.backupRemaining = static_cast<int>(stmt.columnInt(2));
        return {};
    }));
    return counts;
}

Result<QList<std::pair<qint64, QString>>> MfaStore::users()
{
    TESSERA_TRY_ASSIGN(stmt, m_db.prepare("SELECT id, username FROM users"));
    QList<std::pair<qint64, QString>> users;
    TESSERA_TRY(forEachRow(stmt, [&]() -> Status {
        users.append({stmt.columnInt(0), stmt.columnText(1)});
        return {};
    }));
    return users;
}

} // namespace tessera
