#pragma once

#include "common/Error.h"
#include "keyring/VaultKey.h"

#include <QByteArray>
#include <QList>
#include <optional>

namespace tessera {
class Database;
}

namespace tessera::keys {

// A vault key as stored: the metadata, the public JWK in clear, the private JWK only sealed
// (SecretBox under the vault's private-key subkey).
struct StoredKey
{
    VaultKey key;
    QByteArray sealedPrivate; // empty for public-only keys
};

// All SQL for the signing_keys table (schema version 4). Callers own transactions.
class KeyStore
{
public:
    explicit KeyStore(Database& db) : m_db(db) {}

    Result<QList<VaultKey>> list(); // oldest first
    Result<std::optional<StoredKey>> find(const QString& kid);
    Status insert(const StoredKey& stored);
    Status setState(const QString& kid, KeyState state, qint64 nowMs);
    Status remove(const QString& kid);

private:
    Database& m_db;
};

} // namespace tessera::keys
