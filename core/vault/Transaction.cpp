#include "vault/Transaction.h"

#include "vault/Database.h"

#include <utility>

namespace tessera {

Result<Transaction> Transaction::begin(Database& db)
{
    // The outermost level starts an immediate transaction so a writer never has to upgrade a read lock.
    const bool outermost = !db.inTransaction();
    if (outermost) {
        if (auto ok = db.exec("BEGIN IMMEDIATE"); !ok) {
            return std::unexpected(ok.error());
        }
    }
    if (auto ok = db.exec("SAVEPOINT tessera_tx"); !ok) {
        if (outermost) {
            (void)db.exec("ROLLBACK");
        }
        return std::unexpected(ok.error());
    }
    Transaction tx(&db);
    tx.m_outermost = outermost;
    return tx;
}

Transaction::Transaction(Transaction&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_outermost(other.m_outermost)
{
}

Transaction::~Transaction()
{
    if (m_db) {
        (void)m_db->exec("ROLLBACK TO tessera_tx");
        (void)m_db->exec("RELEASE tessera_tx");
        if (m_outermost) {
            (void)m_db->exec("ROLLBACK");
        }
    }
}

Status Transaction::commit()
{
    if (!m_db) {
        return fail(ErrorKind::Internal, QStringLiteral("transaction already finished"));
    }
    if (auto ok = m_db->exec("RELEASE tessera_tx"); !ok) {
        return ok;
    }
    if (m_outermost) {
        if (auto ok = m_db->exec("COMMIT"); !ok) {
            (void)m_db->exec("ROLLBACK");
            m_db = nullptr;
            return ok;
        }
    }
    m_db = nullptr;
    return {};
}

} // namespace tessera
