#pragma once

#include "common/Error.h"

namespace tessera {

class Database;

// Savepoint-based transaction guard: rolls back in the destructor unless commit() succeeded.
// Nests, so helpers that must be atomic (an audit append) can use one inside a caller's transaction.
class Transaction
{
public:
    static Result<Transaction> begin(Database& db);
    ~Transaction();
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    Status commit();

private:
    explicit Transaction(Database* db) : m_db(db) {}
    Database* m_db = nullptr;
    bool m_outermost = false;
};

} // namespace tessera
