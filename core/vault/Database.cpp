#include "vault/Database.h"

#include "vault/SqlCipher.h"
#include "vault/Statement.h"

#include <utility>

namespace tessera {

Database::~Database()
{
    close();
}

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_readOnly(other.m_readOnly)
{
}

Database& Database::operator=(Database&& other) noexcept
{
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_readOnly = other.m_readOnly;
    }
    return *this;
}

void Database::close()
{
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

Result<Database> Database::open(const QString& path, Mode mode)
{
    int flags = SQLITE_OPEN_FULLMUTEX;
    switch (mode) {
    case Mode::ReadOnly: flags |= SQLITE_OPEN_READONLY; break;
    case Mode::ReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
    case Mode::Create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
    }
    sqlite3* raw = nullptr;
    const QByteArray encoded = path.toUtf8();
    const int rc = sqlite3_open_v2(encoded.constData(), &raw, flags, nullptr);
    Database db(raw, mode == Mode::ReadOnly);
    if (rc != SQLITE_OK) {
        return std::unexpected(db.lastError(QStringLiteral("cannot open %1").arg(path)));
    }
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, 2000);
    return db;
}

Status Database::applyKey(const SecretBuffer& keySpec)
{
    if (sqlite3_key(m_db, keySpec.data(), static_cast<int>(keySpec.size())) != SQLITE_OK) {
        return std::unexpected(lastError(QStringLiteral("cannot key the vault")));
    }
    return {};
}

Status Database::exec(const char* sql)
{
    char* message = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &message);
    QString detail = message ? QString::fromUtf8(message) : QString();
    sqlite3_free(message);
    if (rc != SQLITE_OK) {
        return std::unexpected(errorFromCode(rc, detail, QString()));
    }
    return {};
}

Result<Statement> Database::prepare(const char* sql)
{
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v2(m_db, sql, -1, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return std::unexpected(lastError(QString()));
    }
    return Statement(stmt, this);
}

Result<qint64> Database::queryInt(const char* sql)
{
    auto stmt = prepare(sql);
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    auto row = stmt->step();
    if (!row) {
        return std::unexpected(row.error());
    }
    return *row ? stmt->columnInt(0) : 0;
}

qint64 Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

bool Database::inTransaction() const
{
    return m_db && sqlite3_get_autocommit(m_db) == 0;
}

Error Database::lastError(const QString& context) const
{
    if (!m_db) {
        return Error{ErrorKind::Io, context.isEmpty() ? QStringLiteral("out of memory") : context};
    }
    return errorFromCode(sqlite3_extended_errcode(m_db), QString::fromUtf8(sqlite3_errmsg(m_db)), context);
}

Error Database::errorFromCode(int code, const QString& detail, const QString& context)
{
    const auto withContext = [&](const QString& what) {
        return context.isEmpty() ? what : QStringLiteral("%1: %2").arg(context, what);
    };
    switch (code & 0xff) {
    case SQLITE_NOTADB:
        return {ErrorKind::WrongPassword, withContext(QStringLiteral("wrong master password, or the vault file is damaged"))};
    case SQLITE_CORRUPT:
        return {ErrorKind::Corrupt, withContext(QStringLiteral("the vault file is damaged (%1)").arg(detail))};
    case SQLITE_FULL:
        return {ErrorKind::Io, withContext(QStringLiteral("the disk is full; nothing was changed"))};
    case SQLITE_READONLY:
        return {ErrorKind::ReadOnly, withContext(QStringLiteral("the vault is read-only; nothing was changed"))};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return {ErrorKind::InUse, withContext(QStringLiteral("the vault is in use by another process"))};
    case SQLITE_CANTOPEN:
        return {ErrorKind::Io, withContext(QStringLiteral("cannot open the file (%1)").arg(detail))};
    case SQLITE_IOERR:
        return {ErrorKind::Io, withContext(QStringLiteral("input/output error (%1)").arg(detail))};
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return {ErrorKind::ReadOnly, withContext(QStringLiteral("permission denied (%1)").arg(detail))};
    case SQLITE_CONSTRAINT:
        return {ErrorKind::Conflict, withContext(detail)};
    default:
        return {ErrorKind::Internal, withContext(QStringLiteral("database error %1: %2").arg(code).arg(detail))};
    }
}

} // namespace tessera
