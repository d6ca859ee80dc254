#pragma once

#include "audit/AuditLog.h"
#include "common/Clock.h"
#include "common/Error.h"
#include "crypto/KdfParams.h"
#include "crypto/SecretBuffer.h"
#include "crypto/SubkeyDeriver.h"
#include "vault/Database.h"
#include "vault/FileLock.h"
#include "vault/VaultHeader.h"
#include "vault/VaultInfo.h"

#include <QString>

#include <memory>
#include <optional>

namespace tessera {

// One unlocked vault file. Key hierarchy:
//   master password --Argon2id(header)--> file key (SQLCipher page encryption)
//   file key --subkey--> wrap key, which seals the random vault key stored in `meta`
//   vault key --subkey--> audit MAC key, TOTP seed key, private-key key
// Changing the password re-wraps the vault key, so data sealed under its subkeys stays valid.
class Vault
{
public:
    enum class Access { ReadOnly, ReadWrite };

    static Result<std::unique_ptr<Vault>> create(const QString& path, const SecretBuffer& password, KdfParams kdf,
                                                 const AuditActor& actor,
                                                 const Clock& clock = SystemClock::instance());
    static Result<std::unique_ptr<Vault>> open(const QString& path, const SecretBuffer& password,
                                               const AuditActor& actor, Access access = Access::ReadWrite,
                                               const Clock& clock = SystemClock::instance());
    ~Vault();
    Vault(const Vault&) = delete;
    Vault& operator=(const Vault&) = delete;

    const QString& path() const { return m_path; }
    bool isReadOnly() const { return m_access == Access::ReadOnly; }
    const VaultHeader& header() const { return m_header; }

    Result<VaultInfo> info();
    Result<VaultCheckReport> check(const AuditLog::Progress& progress = {});
    // Re-authentication before sensitive changes: derives the key for `password` with this vault's
    // header and compares it with the unlocked key in constant time. Runs the KDF, so it is slow by design.
    Result<bool> verifyPassword(const SecretBuffer& password) const;
    // Re-keys with a new password and KDF cost. The file is replaced atomically.
    Status changePassword(const SecretBuffer& newPassword, KdfParams kdf);
    // A consistent encrypted copy that opens with the same password.
    Status backupTo(const QString& outPath, bool overwrite = false);

    // Vault-level settings (policies that travel with the file). Changes are audited.
    Result<QString> setting(const QString& key, const QString& fallback = {});
    Status setSetting(const QString& key, const QString& value);
    // Writes without an audit entry, for callers that record the change in their own entry.
    Status storeSetting(const QString& key, const QString& value);

    AuditLog& audit() { return *m_audit; }
    Database& database() { return m_db; }
    const Clock& clock() const { return m_clock; }
    SecretBuffer subkey(SubkeyPurpose purpose) const;

    // Wipes every key and closes the file; the object is unusable afterwards.
    void close();
    bool isOpen() const { return m_db.isOpen(); }

private:
    Vault(QString path, Access access, const Clock& clock);
    static Result<std::unique_ptr<Vault>> openWithFileKey(const QString& path, const VaultHeader& header,
                                                          const SecretBuffer& fileKey, const AuditActor& actor,
                                                          Access access, const Clock& clock);
    Status exportTo(const QString& target, const VaultHeader& header, const SecretBuffer& fileKey);
    Status requireWritable() const;
    Status reconnect(const AuditActor& actor);

    QString m_path;
    Access m_access;
    const Clock& m_clock;
    FileLock m_lock; // declared before m_db: released after the connection closes
    Database m_db;
    VaultHeader m_header;
    SecretBuffer m_fileKey;  // kept while unlocked for backups; wiped by close()
    SecretBuffer m_vaultKey;
    std::unique_ptr<AuditLog> m_audit;
};

} // namespace tessera
