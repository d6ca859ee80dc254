#pragma once

#include "common/Error.h"

#include <QByteArray>
#include <QString>

#include <optional>

struct sqlite3_stmt;

namespace tessera {

class Database;
class SecretBuffer;

// RAII prepared statement. Parameters are bound, never spliced into SQL. Indexes are 1-based for
// binding (as SQLite) and 0-based for columns.
class Statement
{
public:
    Statement() = default;
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, qint64 value);
    Statement& bind(int index, int value) { return bind(index, static_cast<qint64>(value)); }
    Statement& bind(int index, const QString& value);
    Statement& bind(int index, const char* utf8);
    Statement& bindBlob(int index, QByteArrayView value);
    Statement& bindSecret(int index, const SecretBuffer& value); // copied by SQLite, wiped on free
    Statement& bindNull(int index);

    template <typename... Args>
    Statement& bindAll(const Args&... args)
    {
        int index = 1;
        (bind(index++, args), ...);
        return *this;
    }

    // true: a row is ready; false: done.
    Result<bool> step();
    // Runs a statement that returns no rows.
    Status run();
    void reset(); // clears bindings too

    qint64 columnInt(int column) const;
    QString columnText(int column) const;
    QByteArray columnBlob(int column) const;
    bool columnIsNull(int column) const;
    int columnCount() const;

private:
    friend class Database;
    Statement(sqlite3_stmt* stmt, const Database* db) : m_stmt(stmt), m_db(db) {}
    sqlite3_stmt* m_stmt = nullptr;
    const Database* m_db = nullptr;
    int m_bindError = 0;
};

// Steps `stmt` through every row, calling `onRow` (which reads the statement's columns) for each.
template <typename OnRow> Status forEachRow(Statement& stmt, OnRow onRow)
{
    for (;;) {
        TESSERA_TRY_ASSIGN(row, stmt.step());
        if (!row) {
            return {};
        }
        TESSERA_TRY(onRow());
    }
}

} // namespace tessera
