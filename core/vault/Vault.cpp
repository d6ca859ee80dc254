#include "vault/Vault.h"

#include "crypto/PasswordKdf.h"
#include "crypto/SecretBox.h"
#include "platform/FileSystem.h"
#include "vault/Migrations.h"
#include "vault/Statement.h"
#include "vault/Transaction.h"

#include <QFile>
#include <QFileInfo>
#include <QUuid>

#include <unistd.h>

namespace tessera {

namespace {

constexpr char kVaultKeyMeta[] = "vault_key";

// `schema` is "main" or an attached name; it is never user input.
Status putMeta(Database& db, const char* schema, const char* key, QByteArrayView blob, const QString& text = {})
{
    const QByteArray sql = QByteArray("INSERT OR REPLACE INTO ") + schema + ".meta (key, value) VALUES (?1, ?2)";
    auto stmt = db.prepare(sql.constData());
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    stmt->bind(1, key);
    if (text.isNull()) {
        stmt->bindBlob(2, blob);
    } else {
        stmt->bind(2, text);
    }
    return stmt->run();
}

Result<QByteArray> getMetaBlob(Database& db, const char* key)
{
    auto stmt = db.prepare("SELECT value FROM meta WHERE key = ?1");
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    stmt->bind(1, key);
    auto row = stmt->step();
    if (!row) {
        return std::unexpected(row.error());
    }
    if (!*row) {
        return fail(ErrorKind::Corrupt, QStringLiteral("the vault is missing its %1 record").arg(QString::fromUtf8(key)));
    }
    return stmt->columnBlob(0);
}

Status checkWritable(const QString& path)
{
    const QFileInfo info(path);
    if (::access(QFile::encodeName(path).constData(), W_OK) != 0) {
        return fail(ErrorKind::ReadOnly, QStringLiteral("the vault %1 is read-only; open it read-only or fix its permissions").arg(path));
    }
    if (::access(QFile::encodeName(info.absolutePath()).constData(), W_OK) != 0) {
        return fail(ErrorKind::ReadOnly,
                    QStringLiteral("the folder %1 is not writable, so the vault cannot be changed safely").arg(info.absolutePath()));
    }
    return {};
}

Status configureConnection(Database& db)
{
    // secure_delete: freed pages are zeroed, so removed secrets do not linger in the file.
    return db.exec("PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; PRAGMA synchronous = FULL;");
}

} // namespace

Vault::Vault(QString path, Access access, const Clock& clock)
    : m_path(std::move(path)), m_access(access), m_clock(clock)
{
}

Vault::~Vault()
{
    close();
}

void Vault::close()
{
    m_audit.reset();
    m_vaultKey.wipe();
    m_fileKey.wipe();
    m_db.close();
    m_lock.release();
}

Status Vault::requireWritable() const
{
    if (m_access == Access::ReadOnly) {
        return fail(ErrorKind::ReadOnly, QStringLiteral("the vault is open read-only"));
    }
    return {};
}

SecretBuffer Vault::subkey(SubkeyPurpose purpose) const
{
    return SubkeyDeriver::derive(m_vaultKey, purpose);
}

Result<std::unique_ptr<Vault>> Vault::create(const QString& path, const SecretBuffer& password, KdfParams kdf,
                                             const AuditActor& actor, const Clock& clock)
{
    if (!kdf.isValid()) {
        return fail(ErrorKind::Usage, QStringLiteral("invalid key-derivation parameters"));
    }
    if (QFileInfo::exists(path)) {
        return fail(ErrorKind::Conflict, QStringLiteral("%1 already exists; choose another name").arg(path));
    }
    if (auto ok = FileSystem::checkParentDirectory(path); !ok) {
        return std::unexpected(ok.error());
    }
    const VaultHeader header = VaultHeader::generate(kdf);
    auto fileKey = PasswordKdf::derive(password, header.bytes(), kdf);
    if (!fileKey) {
        return std::unexpected(fileKey.error());
    }

    // Built under a temporary name and renamed into place, so a crash never leaves half a vault.
    const QString temp = FileSystem::siblingTempPath(path, QStringLiteral("creating"));
    auto build = [&]() -> Status {
        if (auto ok = FileSystem::createPrivateFile(temp); !ok) {
            return ok;
        }
        auto db = Database::open(temp, Database::Mode::ReadWrite);
        if (!db) {
            return std::unexpected(db.error());
        }
        if (auto ok = db->applyKey(header.sqlCipherKeySpec(*fileKey)); !ok) {
            return ok;
        }
        if (auto ok = configureConnection(*db); !ok) {
            return ok;
        }
        if (auto ok = Migrations::apply(*db, 0); !ok) {
            return ok;
        }
        const SecretBuffer vaultKey = SecretBuffer::random(SubkeyDeriver::kKeyBytes);
        const SecretBuffer wrapKey = SubkeyDeriver::derive(*fileKey, SubkeyPurpose::VaultKeyWrap);
        auto tx = Transaction::begin(*db);
        if (!tx) {
            return std::unexpected(tx.error());
        }
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        for (auto ok : {putMeta(*db, "main", kVaultKeyMeta, SecretBox::seal(wrapKey, vaultKey)),
                        putMeta(*db, "main", "vault_id", {}, id),
                        putMeta(*db, "main", "created_at_ms", {}, QString::number(clock.nowMs()))}) {
            if (!ok) {
                return ok;
            }
        }
        AuditLog audit(*db, SubkeyDeriver::derive(vaultKey, SubkeyPurpose::AuditMac), actor, clock);
        if (auto ok = audit.append(QStringLiteral("vault.create"), QFileInfo(path).fileName(),
                                   QStringLiteral("vault created (%1)").arg(kdf.describe()));
            !ok) {
            return std::unexpected(ok.error());
        }
        if (auto ok = tx->commit(); !ok) {
            return ok;
        }
        db->close();
        if (auto ok = FileSystem::syncFile(temp); !ok) {
            return ok;
        }
        if (QFileInfo::exists(path)) {
            return fail(ErrorKind::Conflict, QStringLiteral("%1 already exists; choose another name").arg(path));
        }
        return FileSystem::replace(temp, path);
    };
    if (auto ok = build(); !ok) {
        QFile::remove(temp);
        QFile::remove(temp + QStringLiteral("-journal"));
        return std::unexpected(ok.error());
    }
    return openWithFileKey(path, header, *fileKey, actor, Access::ReadWrite, clock);
}

Result<std::unique_ptr<Vault>> Vault::open(const QString& path, const SecretBuffer& password, const AuditActor& actor,
                                           Access access, const Clock& clock)
{
    auto header = VaultHeader::readFrom(path);
    if (!header) {
        return std::unexpected(header.error());
    }
    if (access == Access::ReadWrite) {
        if (auto ok = checkWritable(path); !ok) {
            return std::unexpected(ok.error());
        }
    }
    auto fileKey = PasswordKdf::derive(password, header->bytes(), header->kdf());
    if (!fileKey) {
        return std::unexpected(fileKey.error());
    }
    return openWithFileKey(path, *header, *fileKey, actor, access, clock);
}

Result<std::unique_ptr<Vault>> Vault::openWithFileKey(const QString& path, const VaultHeader& header,
                                                      const SecretBuffer& fileKey, const AuditActor& actor,
                                                      Access access, const Clock& clock)
{
    std::unique_ptr<Vault> vault(new Vault(path, access, clock));
    auto lock = FileLock::acquire(path, access == Access::ReadWrite ? FileLock::Kind::Exclusive : FileLock::Kind::Shared);
    if (!lock) {
        return std::unexpected(lock.error());
    }
    vault->m_lock = std::move(*lock);
    // The header may have changed between reading it and taking the lock (a password change elsewhere).
    auto current = VaultHeader::readFrom(path);
    if (!current) {
        return std::unexpected(current.error());
    }
    if (current->bytes() != header.bytes()) {
        return fail(ErrorKind::InUse, QStringLiteral("the vault changed while it was being opened; try again"));
    }
    vault->m_header = header;

    auto db = Database::open(path, access == Access::ReadWrite ? Database::Mode::ReadWrite : Database::Mode::ReadOnly);
    if (!db) {
        return std::unexpected(db.error());
    }
    vault->m_db = std::move(*db);
    Database& conn = vault->m_db;
    if (auto ok = conn.applyKey(header.sqlCipherKeySpec(fileKey)); !ok) {
        return std::unexpected(ok.error());
    }
    // The first read decrypts page 1: a wrong key (or a damaged first page) fails here, before any write.
    auto tables = conn.queryInt("SELECT count(*) FROM sqlite_master");
    if (!tables) {
        return std::unexpected(tables.error());
    }
    if (auto ok = configureConnection(conn); !ok) {
        return std::unexpected(ok.error());
    }
    auto version = conn.queryInt("PRAGMA user_version");
    if (!version) {
        return std::unexpected(version.error());
    }
    if (*version > Migrations::latestVersion()) {
        return fail(ErrorKind::NewerFormat,
                    QStringLiteral("this vault was written by a newer Tessera (schema %1; this version knows up to %2)")
                        .arg(*version)
                        .arg(Migrations::latestVersion()));
    }
    if (*version < 1) {
        return fail(ErrorKind::NotAVault, QStringLiteral("%1 is not a Tessera vault (no schema)").arg(path));
    }
    if (*version < Migrations::latestVersion()) {
        if (access == Access::ReadOnly) {
            return fail(ErrorKind::ReadOnly,
                        QStringLiteral("this vault needs a format upgrade; open it read-write once to upgrade it"));
        }
        const QString backup = QStringLiteral("%1.schema-v%2.bak").arg(path).arg(*version);
        if (!QFileInfo::exists(backup)) {
            if (auto ok = FileSystem::copyDurably(path, backup); !ok) {
                return fail(ok.error().kind, QStringLiteral("not upgrading: the backup copy failed: %1").arg(ok.error().message));
            }
        }
        if (auto ok = Migrations::apply(conn, static_cast<int>(*version)); !ok) {
            return std::unexpected(ok.error());
        }
    }

    auto sealed = getMetaBlob(conn, kVaultKeyMeta);
    if (!sealed) {
        return std::unexpected(sealed.error());
    }
    auto vaultKey = SecretBox::open(SubkeyDeriver::derive(fileKey, SubkeyPurpose::VaultKeyWrap), *sealed);
    if (!vaultKey || vaultKey->size() != SubkeyDeriver::kKeyBytes) {
        return fail(ErrorKind::Corrupt, QStringLiteral("the vault key record is damaged"));
    }
    vault->m_vaultKey = std::move(*vaultKey);
    vault->m_fileKey = fileKey.clone();
    vault->m_audit = std::make_unique<AuditLog>(conn, vault->subkey(SubkeyPurpose::AuditMac), actor, clock);
    if (*version < Migrations::latestVersion()) {
        (void)vault->m_audit->append(QStringLiteral("vault.upgrade"), QFileInfo(path).fileName(),
                                     QStringLiteral("schema upgraded from %1 to %2").arg(*version).arg(Migrations::latestVersion()));
    }
    return vault;
}

Result<VaultInfo> Vault::info()
{
    VaultInfo info;
    info.path = m_path;
    info.formatVersion = m_header.formatVersion();
    info.kdf = m_header.kdf();
    info.readOnly = isReadOnly();
    info.fileBytes = QFileInfo(m_path).size();
    auto schema = m_db.queryInt("PRAGMA user_version");
    auto pageSize = m_db.queryInt("PRAGMA page_size");
    auto pageCount = m_db.queryInt("PRAGMA page_count");
    auto entries = m_audit->count();
    for (const auto* r : {&schema, &pageSize, &pageCount, &entries}) {
        if (!*r) {
            return std::unexpected(r->error());
        }
    }
    info.schemaVersion = static_cast<int>(*schema);
    info.pageSize = *pageSize;
    info.pageCount = *pageCount;
    info.auditEntries = *entries;
    auto id = getMetaBlob(m_db, "vault_id");
    auto created = getMetaBlob(m_db, "created_at_ms");
    if (!id || !created) {
        return std::unexpected(!id ? id.error() : created.error());
    }
    info.vaultId = QString::fromUtf8(*id);
    info.createdAtMs = created->toLongLong();
    return info;
}

Result<VaultCheckReport> Vault::check(const AuditLog::Progress& progress)
{
    VaultCheckReport report;
    auto stmt = m_db.prepare("PRAGMA integrity_check");
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    while (true) {
        auto row = stmt->step();
        if (!row) {
            // A page that fails SQLCipher's HMAC surfaces as an error, not a row.
            report.integrityProblems << row.error().message;
            break;
        }
        if (!*row) {
            break;
        }
        const QString line = stmt->columnText(0);
        if (line != QStringLiteral("ok")) {
            report.integrityProblems << line;
        }
    }
    auto fk = m_db.prepare("PRAGMA foreign_key_check");
    if (fk) {
        while (true) {
            auto row = fk->step();
            if (!row || !*row) {
                break;
            }
            report.integrityProblems << QStringLiteral("broken reference in table %1 row %2")
                                            .arg(fk->columnText(0))
                                            .arg(fk->columnInt(1));
        }
    }
    auto audit = m_audit->verify(progress);
    if (!audit) {
        if (audit.error().kind == ErrorKind::Cancelled) {
            return std::unexpected(audit.error());
        }
        report.audit.ok = false;
        report.audit.problem = audit.error().message;
    } else {
        report.audit = *audit;
    }
    return report;
}

Status Vault::exportTo(const QString& target, const VaultHeader& header, const SecretBuffer& fileKey)
{
    // SQLite treats an empty file as an empty database; creating it ourselves sets owner-only mode.
    if (auto ok = FileSystem::createPrivateFile(target); !ok) {
        return ok;
    }
    auto attach = m_db.prepare("ATTACH DATABASE ?1 AS export_target KEY ?2");
    if (!attach) {
        return std::unexpected(attach.error());
    }
    attach->bind(1, target).bindSecret(2, header.sqlCipherKeySpec(fileKey));
    if (auto ok = attach->run(); !ok) {
        return ok;
    }
    attach = {}; // finalize before DETACH
    auto run = [&]() -> Status {
        if (auto ok = m_db.exec("SELECT sqlcipher_export('export_target')"); !ok) {
            return ok;
        }
        const QByteArray version =
            "PRAGMA export_target.user_version = " + QByteArray::number(Migrations::latestVersion());
        if (auto ok = m_db.exec(version.constData()); !ok) {
            return ok;
        }
        // The vault key is re-wrapped under the target's file key (a no-op change for a backup).
        const SecretBuffer wrapKey = SubkeyDeriver::derive(fileKey, SubkeyPurpose::VaultKeyWrap);
        return putMeta(m_db, "export_target", kVaultKeyMeta, SecretBox::seal(wrapKey, m_vaultKey));
    };
    const Status result = run();
    const Status detached = m_db.exec("DETACH DATABASE export_target");
    if (!result) {
        return result;
    }
    if (!detached) {
        return detached;
    }
    return FileSystem::syncFile(target);
}

Status Vault::backupTo(const QString& outPath, bool overwrite)
{
    const QFileInfo out(outPath);
    if (out.exists() && out.canonicalFilePath() == QFileInfo(m_path).canonicalFilePath()) {
        return fail(ErrorKind::Usage, QStringLiteral("the backup cannot replace the vault itself"));
    }
    if (out.exists() && !overwrite) {
        return fail(ErrorKind::Conflict, QStringLiteral("%1 already exists (use --force to replace it)").arg(outPath));
    }
    if (out.isDir()) {
        return fail(ErrorKind::Usage, QStringLiteral("%1 is a folder; give a file name").arg(outPath));
    }
    if (auto ok = FileSystem::checkParentDirectory(outPath); !ok) {
        return ok;
    }
    // The copy keeps this vault's header (salt and KDF cost), so the same password opens it.
    const QString temp = FileSystem::siblingTempPath(outPath, QStringLiteral("partial"));
    if (auto ok = exportTo(temp, m_header, m_fileKey); !ok) {
        QFile::remove(temp);
        return ok;
    }
    if (auto ok = FileSystem::replace(temp, outPath); !ok) {
        QFile::remove(temp);
        return ok;
    }
    if (!isReadOnly()) {
        if (auto ok = m_audit->append(QStringLiteral("vault.backup"), outPath, QStringLiteral("encrypted backup written"));
            !ok) {
            return std::unexpected(ok.error());
        }
    }
    return {};
}

Result<bool> Vault::verifyPassword(const SecretBuffer& password) const
{
    if (m_fileKey.isEmpty()) {
        return fail(ErrorKind::Usage, QStringLiteral("the vault is closed"));
    }
    auto key = PasswordKdf::derive(password, m_header.bytes(), m_header.kdf());
    if (!key) {
        return std::unexpected(key.error());
    }
    return key->equals(m_fileKey);
}

Status Vault::changePassword(const SecretBuffer& newPassword, KdfParams kdf)
{
    if (auto ok = requireWritable(); !ok) {
        return ok;
    }
    if (!kdf.isValid()) {
        return fail(ErrorKind::Usage, QStringLiteral("invalid key-derivation parameters"));
    }
    const VaultHeader newHeader = VaultHeader::generate(kdf);
    auto newFileKey = PasswordKdf::derive(newPassword, newHeader.bytes(), kdf);
    if (!newFileKey) {
        return std::unexpected(newFileKey.error());
    }
    // Write the re-keyed copy beside the vault, then swap it in with one rename: a crash at any
    // point leaves either the old vault or the new one, never a mix.
    const QString temp = FileSystem::siblingTempPath(m_path, QStringLiteral("rekey"));
    if (auto ok = exportTo(temp, newHeader, *newFileKey); !ok) {
        QFile::remove(temp);
        return ok;
    }
    auto newLock = FileLock::acquire(temp, FileLock::Kind::Exclusive);
    if (!newLock) {
        QFile::remove(temp);
        return std::unexpected(newLock.error());
    }
    const AuditActor actor = m_audit->actor();
    m_audit.reset();
    m_db.close();
    if (auto ok = FileSystem::replace(temp, m_path); !ok) {
        QFile::remove(temp);
        (void)reconnect(actor); // the old file is untouched
        return ok;
    }
    m_lock = std::move(*newLock); // the lock travels with the renamed inode
    m_header = newHeader;
    m_fileKey = std::move(*newFileKey);
    if (auto ok = reconnect(actor); !ok) {
        return ok;
    }
    if (auto ok = m_audit->append(QStringLiteral("vault.change-password"), QFileInfo(m_path).fileName(),
                                  QStringLiteral("master password changed; key derivation now %1").arg(kdf.describe()));
        !ok) {
        return std::unexpected(ok.error());
    }
    return {};
}

Status Vault::reconnect(const AuditActor& actor)
{
    auto db = Database::open(m_path, Database::Mode::ReadWrite);
    if (!db) {
        return std::unexpected(db.error());
    }
    m_db = std::move(*db);
    if (auto ok = m_db.applyKey(m_header.sqlCipherKeySpec(m_fileKey)); !ok) {
        return ok;
    }
    if (auto ok = configureConnection(m_db); !ok) {
        return ok;
    }
    m_audit = std::make_unique<AuditLog>(m_db, subkey(SubkeyPurpose::AuditMac), actor, m_clock);
    return {};
}

Result<QString> Vault::setting(const QString& key, const QString& fallback)
{
    auto stmt = m_db.prepare("SELECT value FROM settings WHERE key = ?1");
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    stmt->bind(1, key);
    auto row = stmt->step();
    if (!row) {
        return std::unexpected(row.error());
    }
    return *row ? stmt->columnText(0) : fallback;
}

Status Vault::setSetting(const QString& key, const QString& value)
{
    if (auto ok = requireWritable(); !ok) {
        return ok;
    }
    auto old = setting(key);
    if (!old) {
        return std::unexpected(old.error());
    }
    if (*old == value) {
        return {};
    }
    auto tx = Transaction::begin(m_db);
    if (!tx) {
        return std::unexpected(tx.error());
    }
    if (auto ok = storeSetting(key, value); !ok) {
        return ok;
    }
    const QString summary = old->isEmpty() ? QStringLiteral("set to %1").arg(value)
                                           : QStringLiteral("%1 -> %2").arg(*old, value);
    if (auto ok = m_audit->append(QStringLiteral("settings.change"), key, summary); !ok) {
        return std::unexpected(ok.error());
    }
    return tx->commit();
}

Status Vault::storeSetting(const QString& key, const QString& value)
{
    TESSERA_TRY(requireWritable());
    TESSERA_TRY_ASSIGN(stmt, m_db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)"));
    stmt.bindAll(key, value);
    return stmt.run();
}

} // namespace tessera
