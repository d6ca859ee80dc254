#pragma once

#include "common/Error.h"
#include "tokens/RefreshTokenRecord.h"

#include <QList>
#include <QSet>
#include <optional>

namespace tessera {
class Database;
}

namespace tessera::tokens {

// All SQL for the refresh_tokens table (schema version 4). Callers own transactions.
class RefreshTokenStore
{
public:
    explicit RefreshTokenStore(Database& db) : m_db(db) {}

    Status insert(const RefreshTokenRecord& record, std::optional<qint64> userId);
    // Newest first; for one user (case-insensitive name) or, with an empty name, for everyone.
    Result<QList<RefreshTokenRecord>> list(const QString& username = {});
    Result<std::optional<RefreshTokenRecord>> find(const QString& jti);
    Status revoke(const QString& jti, qint64 nowMs, const QString& reason);
    // Revokes every live token of the user; returns how many.
    Result<int> revokeAll(const QString& username, qint64 nowMs, const QString& reason);
    Result<QSet<QString>> revokedJtis();

private:
    Database& m_db;
};

} // namespace tessera::tokens
