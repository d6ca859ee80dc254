#pragma once

#include "common/Error.h"
#include "crypto/SecretBuffer.h"
#include "vault/Statement.h"

#include <QString>

struct sqlite3;

namespace tessera {

class Statement;

// RAII owner of one SQLCipher connection. All SQL in Tessera goes through this class and
// Statement; nothing above core/ ever sees SQL.
class Database
{
public:
    enum class Mode { ReadOnly, ReadWrite, Create };

    Database() = default;
    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    static Result<Database> open(const QString& path, Mode mode);

    // SQLCipher raw key with explicit salt: x'<64 hex key><32 hex salt>'.
    Status applyKey(const SecretBuffer& keySpec);
    Status exec(const char* sql);
    Result<Statement> prepare(const char* sql);

    // Convenience for one-value queries.
    Result<qint64> queryInt(const char* sql);
    // Prepares, binds `args` in order and runs a statement that returns no rows.
    template <typename... Args> Status run(const char* sql, const Args&... args);

    qint64 lastInsertRowId() const;
    int changes() const;
    bool isOpen() const { return m_db != nullptr; }
    bool isReadOnly() const { return m_readOnly; }
    bool inTransaction() const;
    void close();

    // Turns the connection's last error into an Error with a message for people.
    Error lastError(const QString& context) const;
    static Error errorFromCode(int code, const QString& detail, const QString& context);

    sqlite3* handle() const { return m_db; }

private:
    explicit Database(sqlite3* db, bool readOnly) : m_db(db), m_readOnly(readOnly) {}
    sqlite3* m_db = nullptr;
    bool m_readOnly = false;
};

template <typename... Args> Status Database::run(const char* sql, const Args&... args)
{
    TESSERA_TRY_ASSIGN(stmt, prepare(sql));
    if constexpr (sizeof...(args) > 0) {
        stmt.bindAll(args...);
    }
    return stmt.run();
}

} // namespace tessera
