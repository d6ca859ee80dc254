#include "identity/UserImporter.h"

#include "identity/Directory.h"
#include "identity/UserValidator.h"
#include "password/PasswordHasher.h"
#include "vault/Transaction.h"
#include "vault/Vault.h"

#include <QHash>
#include <QSet>
#include <atomic>
#include <optional>
#include <chrono>
#include <thread>

namespace tessera {

namespace {

bool sameRole(const RoleDefinition& a, const RoleDefinition& b)
{
    auto sortedPermissions = [](QList<Permission> list) {
        std::sort(list.begin(), list.end());
        return list;
    };
    auto sortedNames = [](QStringList list) {
        list.sort();
        return list;
    };
    return a.description == b.description && sortedPermissions(a.permissions) == sortedPermissions(b.permissions) &&
           sortedNames(a.includes) == sortedNames(b.includes);
}

} // namespace

QString ImportPreview::summary() const
{
    QStringList parts;
    parts << QStringLiteral("%1 user(s)").arg(users);
    if (!newRoles.isEmpty()) {
        parts << QStringLiteral("%1 new role(s) (%2)").arg(newRoles.size()).arg(newRoles.join(QStringLiteral(", ")));
    }
    if (plaintextPasswords > 0) {
        parts << QStringLiteral("%1 plaintext password(s) to hash").arg(plaintextPasswords);
    }
    if (preHashedPasswords > 0) {
        parts << QStringLiteral("%1 pre-hashed password(s)").arg(preHashedPasswords);
    }
    if (!problems.isEmpty()) {
        parts << QStringLiteral("%1 problem(s)").arg(problems.size());
    }
    return parts.join(QStringLiteral(", "));
}

ImportPreview UserImporter::preview(const ImportBatch& batch) const
{
    ImportPreview preview;
    preview.problems = batch.problems;
    const AccessModel& model = m_directory.model();
    QSet<QString> knownRoles;
    for (const QString& name : model.roles().roleNames()) {
        knownRoles.insert(name);
    }
    for (qsizetype i = 0; i < batch.roles.size(); ++i) {
        const RoleDefinition& role = batch.roles[i];
        const int line = batch.roleLines.value(i);
        if (const RoleDefinition* existing = model.roles().role(role.name)) {
            if (!sameRole(*existing, role)) {
                preview.problems.append(ImportProblem{
                    line, QStringLiteral("role"),
                    QStringLiteral("role '%1' already exists in the vault with different permissions").arg(role.name)});
            }
            continue;
        }
        preview.newRoles.append(role.name);
        knownRoles.insert(role.name);
    }
    // The file's roles must also make a valid graph together with the vault's (no cycles, known includes).
    if (!preview.newRoles.isEmpty()) {
        QList<RoleDefinition> merged = model.roles().definitions();
        for (const RoleDefinition& role : batch.roles) {
            if (preview.newRoles.contains(role.name)) {
                merged.append(role);
            }
        }
        if (auto graph = RoleGraph::fromDefinitions(merged, model.roles().permissionCatalog()); !graph) {
            preview.problems.append(ImportProblem{batch.roleLines.value(0), QStringLiteral("roles"), graph.error().message});
        }
    }
    for (const ImportedUser& user : batch.users) {
        ++preview.users;
        if (!user.plaintextPassword.isNull()) {
            ++preview.plaintextPasswords;
        } else if (!user.record.passwordHash.isEmpty()) {
            ++preview.preHashedPasswords;
        }
        if (const UserAccess* existing = model.user(user.record.username)) {
            preview.problems.append(ImportProblem{
                user.line, QStringLiteral("username"),
                QStringLiteral("a user named '%1' already exists in the vault").arg(existing->username)});
        }
        for (const QString& role : user.record.roles) {
            if (!knownRoles.contains(role)) {
                preview.problems.append(
                    ImportProblem{user.line, QStringLiteral("roles"), QStringLiteral("unknown role '%1'").arg(role)});
            }
        }
    }
    std::stable_sort(preview.problems.begin(), preview.problems.end(),
                     [](const ImportProblem& a, const ImportProblem& b) { return a.line < b.line; });
    return preview;
}

Result<ImportSummary> UserImporter::run(ImportBatch& batch, const ImportOptions& options, const Progress& progress)
{
    struct WipeOnExit
    {
        SecretArena& arena;
        ~WipeOnExit() { arena.wipe(); }
    } wipe{batch.secrets};

    const ImportPreview check = preview(batch);
    if (!check.canImport()) {
        QStringList lines;
        for (qsizetype i = 0; i < std::min<qsizetype>(check.problems.size(), 20); ++i) {
            lines << check.problems[i].toText();
        }
        if (check.problems.size() > 20) {
            lines << QStringLiteral("... and %1 more").arg(check.problems.size() - 20);
        }
        return fail(ErrorKind::Input, QStringLiteral("nothing imported; %1 problem(s):\n%2")
                                          .arg(check.problems.size())
                                          .arg(lines.join(QLatin1Char('\n'))));
    }

    // Hash plaintext passwords on worker threads; the calling thread reports progress and relays cancel.
    std::vector<qsizetype> toHash;
    for (qsizetype i = 0; i < qsizetype(batch.users.size()); ++i) {
        if (!batch.users[size_t(i)].plaintextPassword.isNull()) {
            toHash.push_back(i);
        }
    }
    if (!toHash.empty()) {
        const HashParams params = m_directory.hashParams();
        const int threads = std::max(1, options.threads > 0 ? options.threads
                                                            : int(std::max(1u, std::thread::hardware_concurrency())));
        std::atomic<size_t> next{0};
        std::atomic<qint64> done{0};
        std::atomic<bool> stop{false};
        std::vector<std::optional<Error>> errors(static_cast<size_t>(threads));
        std::vector<QString> hashes(toHash.size());
        // A first report before any work: a cancel already requested is honoured even when the
        // hashing would finish before the first periodic report.
        if (progress && !progress(0, qint64(toHash.size()))) {
            return fail(ErrorKind::Cancelled, QStringLiteral("import cancelled; nothing was written"));
        }
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t) {
            workers.emplace_back([&, t] {
                for (;;) {
                    const size_t job = next.fetch_add(1);
                    if (job >= toHash.size() || stop.load()) {
                        return;
                    }
                    const ImportedUser& user = batch.users[size_t(toHash[job])];
                    const SecretBuffer password = batch.secrets.copy(user.plaintextPassword);
                    auto hash = PasswordHasher::hash(password, params);
                    if (!hash) {
                        errors[size_t(t)] = hash.error();
                        stop.store(true);
                        return;
                    }
                    hashes[job] = *hash;
                    done.fetch_add(1);
                }
            });
        }
        bool cancelled = false;
        const qint64 total = qint64(toHash.size());
        while (done.load() < total && !stop.load()) {
            if (progress && !progress(done.load(), total)) {
                cancelled = true;
                stop.store(true);
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        for (std::thread& worker : workers) {
            worker.join();
        }
        if (cancelled) {
            return fail(ErrorKind::Cancelled, QStringLiteral("import cancelled; nothing was written"));
        }
        for (const auto& error : errors) {
            if (error) {
                return std::unexpected(*error);
            }
        }
        if (progress) {
            progress(total, total);
        }
        for (size_t job = 0; job < toHash.size(); ++job) {
            UserRecord& record = batch.users[size_t(toHash[job])].record;
            record.passwordHash = hashes[job];
            record.mustChangePassword = record.mustChangePassword || options.mustChangePlaintextPasswords;
        }
    }

    Vault& vault = m_directory.vault();
    const qint64 now = vault.clock().nowMs();
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(vault.database()));
    if (!check.newRoles.isEmpty()) {
        RoleGraph graph = m_directory.model().roles();
        for (const RoleDefinition& role : batch.roles) {
            if (check.newRoles.contains(role.name)) {
                TESSERA_TRY(graph.addRole(role.name, role.description));
            }
        }
        for (const RoleDefinition& role : batch.roles) {
            if (check.newRoles.contains(role.name)) {
                TESSERA_TRY(graph.replaceRole(role));
            }
        }
        TESSERA_TRY(m_directory.store().syncRoles(graph));
    }
    std::vector<const UserRecord*> records;
    records.reserve(batch.users.size());
    for (const ImportedUser& user : batch.users) {
        records.push_back(&user.record);
    }
    TESSERA_TRY(m_directory.store().insertUsers(records, now));
    ImportSummary summary;
    summary.usersAdded = int(records.size());
    summary.rolesAdded = check.newRoles;
    summary.passwordsHashed = int(toHash.size());
    QString text = QStringLiteral("%1 user(s)").arg(summary.usersAdded);
    if (!summary.rolesAdded.isEmpty()) {
        text += QStringLiteral(", roles %1").arg(summary.rolesAdded.join(QStringLiteral(", ")));
    }
    if (summary.passwordsHashed > 0) {
        text += QStringLiteral(", %1 plaintext password(s) hashed").arg(summary.passwordsHashed);
    }
    if (!options.sourceName.isEmpty()) {
        text += QStringLiteral(" from %1").arg(options.sourceName);
    }
    TESSERA_TRY(m_directory.audit(QStringLiteral("user.import"), QString(), text));
    TESSERA_TRY(tx.commit());

    if (!summary.rolesAdded.isEmpty()) {
        TESSERA_TRY(m_directory.reloadModel());
        return summary;
    }
    QList<UserAccess> adopted;
    adopted.reserve(qsizetype(records.size()));
    for (const UserRecord* record : records) {
        adopted.append(UserAccess{record->username, record->roles, record->objectGrants});
    }
    TESSERA_TRY(m_directory.adoptInsertedUsers(adopted));
    return summary;
}

} // namespace tessera
