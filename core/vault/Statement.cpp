#include "vault/Statement.h"

#include "crypto/SecretBuffer.h"
#include "vault/Database.h"
#include "vault/SqlCipher.h"

#include <utility>

namespace tessera {

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement&& other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr)), m_db(other.m_db), m_bindError(other.m_bindError)
{
}

Statement& Statement::operator=(Statement&& other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_db = other.m_db;
        m_bindError = other.m_bindError;
    }
    return *this;
}

namespace {
int remember(int& slot, int rc)
{
    if (rc != SQLITE_OK && slot == SQLITE_OK) {
        slot = rc;
    }
    return rc;
}
} // namespace

Statement& Statement::bind(int index, qint64 value)
{
    remember(m_bindError, sqlite3_bind_int64(m_stmt, index, value));
    return *this;
}

Statement& Statement::bind(int index, const QString& value)
{
    const QByteArray utf8 = value.toUtf8();
    remember(m_bindError, sqlite3_bind_text(m_stmt, index, utf8.constData(), static_cast<int>(utf8.size()),
                                            SQLITE_TRANSIENT));
    return *this;
}

Statement& Statement::bind(int index, const char* utf8)
{
    remember(m_bindError, sqlite3_bind_text(m_stmt, index, utf8, -1, SQLITE_TRANSIENT));
    return *this;
}

Statement& Statement::bindBlob(int index, QByteArrayView value)
{
    // A zero-length blob must stay a blob, not NULL.
    static const char empty = 0;
    const char* data = value.isEmpty() ? &empty : value.data();
    remember(m_bindError,
             sqlite3_bind_blob(m_stmt, index, data, static_cast<int>(value.size()), SQLITE_TRANSIENT));
    return *this;
}

Statement& Statement::bindSecret(int index, const SecretBuffer& value)
{
    remember(m_bindError, sqlite3_bind_text(m_stmt, index, value.chars(), static_cast<int>(value.size()),
                                            SQLITE_TRANSIENT));
    return *this;
}

Statement& Statement::bindNull(int index)
{
    remember(m_bindError, sqlite3_bind_null(m_stmt, index));
    return *this;
}

Result<bool> Statement::step()
{
    if (m_bindError != SQLITE_OK) {
        const int rc = std::exchange(m_bindError, SQLITE_OK);
        return std::unexpected(Database::errorFromCode(rc, QStringLiteral("bind failed"), QString()));
    }
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    sqlite3_reset(m_stmt);
    return std::unexpected(m_db->lastError(QString()));
}

Status Statement::run()
{
    auto row = step();
    if (!row) {
        return std::unexpected(row.error());
    }
    sqlite3_reset(m_stmt);
    return {};
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_bindError = SQLITE_OK;
}

qint64 Statement::columnInt(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

QString Statement::columnText(int column) const
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return QString::fromUtf8(text, sqlite3_column_bytes(m_stmt, column));
}

QByteArray Statement::columnBlob(int column) const
{
    const auto* data = static_cast<const char*>(sqlite3_column_blob(m_stmt, column));
    return QByteArray(data, sqlite3_column_bytes(m_stmt, column));
}

bool Statement::columnIsNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

int Statement::columnCount() const
{
    return sqlite3_column_count(m_stmt);
}

} // namespace tessera
