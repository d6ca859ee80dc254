// bench_identity: the users issue's vault-backed figures on 100,000 users, 50 roles and 500 permissions:
// importing pre-hashed users from CSV against a bare prepared-statement insert of the same rows (same
// run, same machine), opening the directory (the access model) after unlock, and plaintext-password
// hashing throughput on 1 and 2 threads. Checks and explanations per second are bench_access's.
#include "BenchMain.h"
#include "BenchReport.h"
#include "CommonOptions.h"
#include "Samples.h"
#include "Stopwatch.h"
#include "audit/AuditActor.h"
#include "crypto/KdfParams.h"
#include "identity/Directory.h"
#include "identity/UserCsvReader.h"
#include "identity/UserFileWriter.h"
#include "identity/UserImporter.h"
#include "password/PasswordHasher.h"
#include "vault/Database.h"
#include "vault/Statement.h"
#include "vault/Transaction.h"
#include "vault/Vault.h"

#include <QCommandLineParser>
#include <QTemporaryDir>
#include <cstdio>
#include <random>

using namespace tessera;
using namespace tessera::bench;

namespace {

constexpr double kImportRatioGoal = 3.0;     // issue 3: within 3x of a bare insert
constexpr double kDirectoryOpenGoalMs = 1000; // Tessera's own: the model is ready within a second of unlock
constexpr double kHashingGoalPerS = 1.0;     // Tessera's own floor: default-cost hashes are slow by design

constexpr int kRoles = 50;
constexpr int kPermissionsPerRole = 10; // 500 permissions

struct Options : CommonOptions
{
    int users = 100000;
    int runs = 3;
    int hashes = 16;
};

AuditActor benchActor()
{
    return AuditActor{QStringLiteral("bench"), QStringLiteral("bench")};
}

Result<std::unique_ptr<Vault>> freshVault(const QTemporaryDir& dir, int index)
{
    return Vault::create(dir.filePath(QStringLiteral("bench-%1.tessera").arg(index)), SecretBuffer::fromBytes("bench"),
                         KdfParams::insecureTestParams(), benchActor());
}

// 50 roles of 10 permissions each, written once per vault.
Status addRoles(Directory& directory)
{
    RoleGraph graph = directory.model().roles();
    for (int r = 0; r < kRoles; ++r) {
        const QString role = QStringLiteral("role-%1").arg(r, 2, 10, QChar(u'0'));
        TESSERA_TRY(graph.addRole(role));
        for (int p = 0; p < kPermissionsPerRole; ++p) {
            TESSERA_TRY_ASSIGN(permission, Permission::parse(QStringLiteral("act%1:res%2").arg(p).arg(r)));
            TESSERA_TRY(graph.grant(role, permission));
        }
    }
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(directory.vault().database()));
    TESSERA_TRY(directory.store().syncRoles(graph));
    TESSERA_TRY(tx.commit());
    return directory.reloadModel();
}

// The CSV an admin would import: every user pre-hashed (one real argon2id string; the insert does not
// care which), one or two roles, a name and an email.
QByteArray makeCsv(int users, const QString& hash)
{
    std::vector<UserRecord> records;
    records.reserve(size_t(users));
    std::mt19937 random(7);
    std::uniform_int_distribution<int> anyRole(0, kRoles - 1);
    for (int i = 0; i < users; ++i) {
        UserRecord record;
        record.username = QStringLiteral("user%1").arg(i, 6, 10, QChar(u'0'));
        record.displayName = QStringLiteral("User %1").arg(i);
        record.email = record.username + QStringLiteral("@example.org");
        record.passwordHash = hash;
        record.roles = {QStringLiteral("role-%1").arg(anyRole(random), 2, 10, QChar(u'0'))};
        if (i % 2 == 0) {
            record.roles.append(QStringLiteral("role-%1").arg(anyRole(random), 2, 10, QChar(u'0')));
            record.roles.removeDuplicates();
        }
        record.createdMs = 1'700'000'000'000;
        records.push_back(std::move(record));
    }
    return UserFileWriter::usersCsv(records, true);
}

// The baseline: the same rows through two prepared statements in one transaction, nothing else.
Result<double> bareInsertMs(Vault& vault, const ImportBatch& batch)
{
    Database& db = vault.database();
    Stopwatch clock;
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(db));
    TESSERA_TRY_ASSIGN(user, db.prepare("INSERT INTO users (username, username_key, display_name, email, disabled, "
                                        "password_hash, must_change_password, notes, created_ms, updated_ms, "
                                        "last_login_ms) VALUES (?1, ?2, ?3, ?4, 0, ?5, 0, '', ?6, ?6, 0)"));
    TESSERA_TRY_ASSIGN(role, db.prepare("INSERT INTO user_roles (user_id, role) VALUES (?1, ?2)"));
    for (const ImportedUser& imported : batch.users) {
        const UserRecord& record = imported.record;
        user.reset();
        user.bindAll(record.username, record.username.toCaseFolded(), record.displayName, record.email,
                     record.passwordHash, record.createdMs);
        TESSERA_TRY(user.run());
        const qint64 id = db.lastInsertRowId();
        for (const QString& name : record.roles) {
            role.reset();
            role.bindAll(id, name);
            TESSERA_TRY(role.run());
        }
    }
    TESSERA_TRY(tx.commit());
    return clock.elapsedMs();
}

Status run(const Options& options, BenchReport& report)
{
    QTemporaryDir dir;
    if (!dir.isValid()) {
        return fail(ErrorKind::Io, QStringLiteral("cannot create a temporary folder"));
    }
    TESSERA_TRY_ASSIGN(oneHash, PasswordHasher::hash(SecretBuffer::fromBytes("Bench-Password-1")));
    report.progress(QStringLiteral("writing a CSV of %1 pre-hashed users").arg(options.users));
    const QByteArray csv = makeCsv(options.users, oneHash);

    Samples imports;
    Samples bares;
    Samples opens;
    int vaultIndex = 0;
    for (int r = 0; r < options.runs; ++r) {
        report.progress(QStringLiteral("run %1 of %2: bare insert, then import").arg(r + 1).arg(options.runs));
        // Baseline, on its own fresh vault with the same roles.
        {
            TESSERA_TRY_ASSIGN(vault, freshVault(dir, ++vaultIndex));
            TESSERA_TRY_ASSIGN(directory, Directory::open(*vault));
            TESSERA_TRY(addRoles(*directory));
            const ImportBatch batch = UserCsvReader::read(csv);
            TESSERA_TRY_ASSIGN(ms, bareInsertMs(*vault, batch));
            bares.add(ms);
        }
        // Tessera's import: parse the CSV, preview (every row checked against the vault), insert, audit,
        // and update the in-memory model.
        TESSERA_TRY_ASSIGN(vault, freshVault(dir, ++vaultIndex));
        TESSERA_TRY_ASSIGN(directory, Directory::open(*vault));
        TESSERA_TRY(addRoles(*directory));
        Stopwatch clock;
        ImportBatch batch = UserCsvReader::read(csv);
        if (!batch.problems.isEmpty()) {
            return fail(ErrorKind::Internal, QStringLiteral("generated CSV has problems: %1").arg(batch.problems.front().toText()));
        }
        UserImporter importer(*directory);
        TESSERA_TRY_ASSIGN(summary, importer.run(batch));
        imports.add(clock.elapsedMs());
        if (summary.usersAdded != options.users) {
            return fail(ErrorKind::Internal, QStringLiteral("imported %1 users, expected %2").arg(summary.usersAdded).arg(options.users));
        }
        // Opening the directory of the now-full vault: what unlocking adds before any page can show.
        clock.restart();
        TESSERA_TRY_ASSIGN(reopened, Directory::open(*vault));
        opens.add(clock.elapsedMs());
        if (reopened->userCount() != options.users) {
            return fail(ErrorKind::Internal, QStringLiteral("reopened directory lacks users"));
        }
    }
    const double ratio = imports.median() / bares.median();
    report.add(Figure{QStringLiteral("identity.import_vs_bare_insert"),
                      QStringLiteral("import of pre-hashed users from CSV / bare insert"), ratio, QStringLiteral("x"),
                      Goal::atMost(kImportRatioGoal),
                      QStringLiteral("%1 users, %2 roles, %3 permissions; import median %4 ms (CSV parse, preview, "
                                     "insert, audit, model update), bare prepared-statement insert median %5 ms; "
                                     "%6 runs each")
                          .arg(options.users)
                          .arg(kRoles)
                          .arg(kRoles * kPermissionsPerRole)
                          .arg(formatNumber(imports.median()), formatNumber(bares.median()))
                          .arg(options.runs)});
    report.add(Figure{QStringLiteral("identity.directory_open"),
                      QStringLiteral("directory open (access model load) with the users"), opens.median(),
                      QStringLiteral("ms"), Goal::atMost(kDirectoryOpenGoalMs),
                      QStringLiteral("median of %1; %2 users, %3 roles; runs after unlock, before the first page")
                          .arg(options.runs)
                          .arg(options.users)
                          .arg(kRoles)});

    // Plaintext import throughput with the default cost (argon2id, t=3, 64 MiB), 1 and 2 threads.
    for (const int threads : {1, 2}) {
        TESSERA_TRY_ASSIGN(vault, freshVault(dir, ++vaultIndex));
        TESSERA_TRY_ASSIGN(directory, Directory::open(*vault));
        ImportBatch batch;
        for (int i = 0; i < options.hashes; ++i) {
            ImportedUser user;
            user.line = i + 2;
            user.record.username = QStringLiteral("plain%1").arg(i);
            user.plaintextPassword = batch.secrets.append(QByteArray("Plain-Text-") + QByteArray::number(i));
            batch.users.push_back(std::move(user));
        }
        report.progress(QStringLiteral("hashing %1 plaintext passwords on %2 thread(s)").arg(options.hashes).arg(threads));
        Stopwatch clock;
        ImportOptions importOptions;
        importOptions.threads = threads;
        TESSERA_TRY(UserImporter(*directory).run(batch, importOptions));
        const double seconds = clock.elapsedMs() / 1000.0;
        report.add(Figure{QStringLiteral("identity.plaintext_import_%1_thread").arg(threads),
                          QStringLiteral("plaintext-password import, %1 thread(s)").arg(threads),
                          options.hashes / seconds, QStringLiteral("/s"), Goal::atLeast(kHashingGoalPerS),
                          QStringLiteral("%1 users with plaintext passwords, each hashed with %2")
                              .arg(options.hashes)
                              .arg(directory->hashParams().describe())});
    }
    return {};
}

std::optional<Options> parseOptions(const QCoreApplication& app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Times importing pre-hashed users from CSV against a bare insert of the same rows, opening the "
        "directory of a full vault, and plaintext-password import throughput on 1 and 2 threads."));
    CommonOptions::addTo(parser);
    const QCommandLineOption users(QStringLiteral("users"), QStringLiteral("Users to import (default 100000)."),
                                   QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption runs(QStringLiteral("runs"), QStringLiteral("Timed runs (default 3)."),
                                  QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption hashes(QStringLiteral("hashes"),
                                    QStringLiteral("Plaintext passwords per throughput run (default 16)."),
                                    QStringLiteral("N"), QStringLiteral("16"));
    parser.addOptions({users, runs, hashes});
    parser.process(app);
    Options options;
    options.readFrom(parser);
    bool ok1 = false;
    bool ok2 = false;
    bool ok3 = false;
    options.users = parser.value(users).toInt(&ok1);
    options.runs = parser.value(runs).toInt(&ok2);
    options.hashes = parser.value(hashes).toInt(&ok3);
    if (!ok1 || !ok2 || !ok3 || options.users < 1 || options.runs < 1 || options.hashes < 1) {
        std::fputs("bench_identity: --users, --runs and --hashes take positive whole numbers\n", stderr);
        return std::nullopt;
    }
    return options;
}

} // namespace

int main(int argc, char* argv[])
{
    return benchMain(argc, argv, "bench_identity", parseOptions, [](const Options& options, BenchReport& report) {
        report.begin();
        return report.finish(run(options, report), options.strict);
    });
}
