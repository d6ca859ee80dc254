#include "audit/AuditLog.h"

#include "vault/Database.h"
#include "vault/Statement.h"
#include "vault/Transaction.h"

#include <QtEndian>

#include <sodium.h>

namespace tessera {

namespace {

constexpr qsizetype kMacBytes = crypto_auth_hmacsha256_BYTES;
constexpr char kHeadKey[] = "audit_head";

void appendField(QByteArray& out, const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    char length[4];
    qToLittleEndian<quint32>(static_cast<quint32>(utf8.size()), length);
    out.append(length, 4);
    out.append(utf8);
}

void appendInt(QByteArray& out, qint64 value)
{
    char bytes[8];
    qToLittleEndian<qint64>(value, bytes);
    out.append(bytes, 8);
}

struct ChainHead
{
    qint64 count = 0;
    QByteArray lastMac = QByteArray(kMacBytes, '\0');
    QByteArray mac;
};

Result<ChainHead> readHead(Database& db)
{
    auto stmt = db.prepare("SELECT value FROM meta WHERE key = ?1");
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    stmt->bind(1, kHeadKey);
    auto row = stmt->step();
    if (!row) {
        return std::unexpected(row.error());
    }
    ChainHead head;
    if (*row) {
        const QByteArray blob = stmt->columnBlob(0);
        if (blob.size() != 8 + 2 * kMacBytes) {
            return fail(ErrorKind::Corrupt, QStringLiteral("the audit chain head is damaged"));
        }
        head.count = qFromLittleEndian<qint64>(blob.constData());
        head.lastMac = blob.mid(8, kMacBytes);
        head.mac = blob.mid(8 + kMacBytes, kMacBytes);
    }
    return head;
}

bool sameMac(const QByteArray& a, const QByteArray& b)
{
    return a.size() == b.size() && sodium_memcmp(a.constData(), b.constData(), static_cast<size_t>(a.size())) == 0;
}

} // namespace

AuditLog::AuditLog(Database& db, SecretBuffer macKey, AuditActor actor, const Clock& clock)
    : m_db(db), m_macKey(std::move(macKey)), m_actor(std::move(actor)), m_clock(clock)
{
}

QByteArray AuditLog::entryMac(const QByteArray& previousMac, const AuditEntry& entry) const
{
    QByteArray message;
    message.reserve(256);
    message.append(previousMac);
    appendInt(message, entry.id);
    appendInt(message, entry.atMs);
    appendField(message, entry.osUser);
    appendField(message, entry.via);
    appendField(message, entry.action);
    appendField(message, entry.target);
    appendField(message, entry.summary);
    QByteArray mac(kMacBytes, Qt::Uninitialized);
    crypto_auth_hmacsha256(reinterpret_cast<unsigned char*>(mac.data()),
                           reinterpret_cast<const unsigned char*>(message.constData()),
                           static_cast<unsigned long long>(message.size()), m_macKey.data());
    return mac;
}

QByteArray AuditLog::headMac(qint64 count, const QByteArray& lastMac) const
{
    QByteArray message("audit-head");
    appendInt(message, count);
    message.append(lastMac);
    QByteArray mac(kMacBytes, Qt::Uninitialized);
    crypto_auth_hmacsha256(reinterpret_cast<unsigned char*>(mac.data()),
                           reinterpret_cast<const unsigned char*>(message.constData()),
                           static_cast<unsigned long long>(message.size()), m_macKey.data());
    return mac;
}

Result<qint64> AuditLog::append(const QString& action, const QString& target, const QString& summary)
{
    auto tx = Transaction::begin(m_db);
    if (!tx) {
        return std::unexpected(tx.error());
    }
    auto head = readHead(m_db);
    if (!head) {
        return std::unexpected(head.error());
    }
    auto lastId = m_db.queryInt("SELECT coalesce(max(id), 0) FROM audit_log");
    if (!lastId) {
        return std::unexpected(lastId.error());
    }
    AuditEntry entry{*lastId + 1, m_clock.nowMs(), m_actor.osUser, m_actor.via, action, target, summary};
    const QByteArray mac = entryMac(head->lastMac, entry);

    auto insert = m_db.prepare("INSERT INTO audit_log (id, at_ms, os_user, via, action, target, summary, mac) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!insert) {
        return std::unexpected(insert.error());
    }
    insert->bindAll(entry.id, entry.atMs, entry.osUser, entry.via, entry.action, entry.target, entry.summary);
    insert->bindBlob(8, mac);
    if (auto ok = insert->run(); !ok) {
        return std::unexpected(ok.error());
    }

    const qint64 newCount = head->count + 1;
    QByteArray headBlob;
    appendInt(headBlob, newCount);
    headBlob.append(mac);
    headBlob.append(headMac(newCount, mac));
    auto store = m_db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)");
    if (!store) {
        return std::unexpected(store.error());
    }
    store->bind(1, kHeadKey).bindBlob(2, headBlob);
    if (auto ok = store->run(); !ok) {
        return std::unexpected(ok.error());
    }
    if (auto ok = tx->commit(); !ok) {
        return std::unexpected(ok.error());
    }
    return entry.id;
}

Result<std::vector<AuditEntry>> AuditLog::list(const AuditFilter& filter) const
{
    auto stmt = m_db.prepare(
        "SELECT id, at_ms, os_user, via, action, target, summary FROM audit_log "
        "WHERE (?1 = '' OR action = ?1 OR (substr(?1, -1) = '.' AND substr(action, 1, length(?1)) = ?1)) "
        "AND (?2 = 0 OR at_ms >= ?2) AND (?3 = 0 OR at_ms < ?3) "
        "AND (?4 = '' OR instr(lower(os_user || ' ' || via || ' ' || action || ' ' || target || ' ' || summary), "
        "lower(?4)) > 0) "
        "ORDER BY id DESC LIMIT ?5");
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    stmt->bind(1, filter.action).bind(2, filter.fromMs).bind(3, filter.toMs).bind(4, filter.text);
    stmt->bind(5, filter.limit > 0 ? static_cast<qint64>(filter.limit) : qint64{-1});
    std::vector<AuditEntry> entries;
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return std::unexpected(row.error());
        }
        if (!*row) {
            break;
        }
        entries.push_back(AuditEntry{stmt->columnInt(0), stmt->columnInt(1), stmt->columnText(2),
                                     stmt->columnText(3), stmt->columnText(4), stmt->columnText(5),
                                     stmt->columnText(6)});
    }
    return entries;
}

Result<qint64> AuditLog::count() const
{
    return m_db.queryInt("SELECT count(*) FROM audit_log");
}

Result<AuditVerifyReport> AuditLog::verify(const Progress& progress) const
{
    auto total = count();
    if (!total) {
        return std::unexpected(total.error());
    }
    auto stmt = m_db.prepare("SELECT id, at_ms, os_user, via, action, target, summary, mac FROM audit_log "
                             "ORDER BY id");
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    AuditVerifyReport report;
    QByteArray previous(kMacBytes, '\0');
    qint64 previousId = 0;
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return std::unexpected(row.error());
        }
        if (!*row) {
            break;
        }
        const AuditEntry entry{stmt->columnInt(0), stmt->columnInt(1), stmt->columnText(2), stmt->columnText(3),
                               stmt->columnText(4), stmt->columnText(5), stmt->columnText(6)};
        const QByteArray stored = stmt->columnBlob(7);
        if (entry.id != previousId + 1) {
            report.ok = false;
            report.firstBadId = entry.id;
            report.problem = QStringLiteral("entry %1 follows entry %2: entries were removed").arg(entry.id).arg(previousId);
            return report;
        }
        if (!sameMac(entryMac(previous, entry), stored)) {
            report.ok = false;
            report.firstBadId = entry.id;
            report.problem = QStringLiteral("entry %1 was altered, or entries before it were changed or reordered").arg(entry.id);
            return report;
        }
        previous = stored;
        previousId = entry.id;
        ++report.entriesChecked;
        if (progress && report.entriesChecked % 4096 == 0 && !progress(report.entriesChecked, *total)) {
            return fail(ErrorKind::Cancelled, QStringLiteral("audit verification cancelled"));
        }
    }
    auto head = readHead(m_db);
    if (!head) {
        return std::unexpected(head.error());
    }
    const bool emptyAndNoHead = report.entriesChecked == 0 && head->mac.isEmpty();
    if (!emptyAndNoHead) {
        if (head->mac.isEmpty() || !sameMac(head->mac, headMac(head->count, head->lastMac))) {
            report.ok = false;
            report.problem = QStringLiteral("the audit chain head was altered");
        } else if (head->count != report.entriesChecked || !sameMac(head->lastMac, previous)) {
            report.ok = false;
            report.problem = QStringLiteral("the chain holds %1 entries but %2 were recorded: the newest entries were removed")
                                 .arg(report.entriesChecked)
                                 .arg(head->count);
        }
    }
    if (progress) {
        progress(report.entriesChecked, *total);
    }
    return report;
}

} // namespace tessera
