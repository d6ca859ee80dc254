#include "UserFileCommands.h"

#include "CliContext.h"
#include "CommandRegistry.h"
#include "JsonOutput.h"
#include "PrivateFile.h"
#include "VaultAccess.h"
#include "identity/Directory.h"
#include "identity/UserFileFormat.h"
#include "identity/UserFileWriter.h"
#include "identity/UserImporter.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

namespace tessera::cli {

namespace {

QJsonArray problemsJson(const QList<ImportProblem>& problems)
{
    QJsonArray array;
    for (const ImportProblem& problem : problems) {
        array.append(QJsonObject{{QStringLiteral("line"), problem.line},
                                 {QStringLiteral("field"), problem.field},
                                 {QStringLiteral("message"), problem.message}});
    }
    return array;
}

QJsonObject previewJson(const ImportPreview& preview)
{
    return QJsonObject{{QStringLiteral("users"), preview.users},
                       {QStringLiteral("newRoles"), QJsonArray::fromStringList(preview.newRoles)},
                       {QStringLiteral("plaintextPasswords"), preview.plaintextPasswords},
                       {QStringLiteral("preHashedPasswords"), preview.preHashedPasswords},
                       {QStringLiteral("problems"), problemsJson(preview.problems)}};
}

int runImport(CliContext& context, const ParsedArgs& args)
{
    const QString path = args.positional(0);
    const bool dryRun = args.isSet(QStringLiteral("dry-run"));
    // The file is read and checked before the vault opens, so a bad file never costs a password prompt.
    auto batch = UserFileFormat::readFile(path);
    if (!batch) {
        return context.fail(CliError::fromError(batch.error()));
    }
    auto vault = VaultAccess::open(context, dryRun ? Vault::Access::ReadOnly : Vault::Access::ReadWrite);
    if (!vault) {
        return context.fail(vault.error());
    }
    auto directory = Directory::open(**vault);
    if (!directory) {
        return context.fail(CliError::fromError(directory.error()));
    }
    UserImporter importer(**directory);
    const ImportPreview preview = importer.preview(*batch);
    QJsonObject fields{{QStringLiteral("file"), path}, {QStringLiteral("preview"), previewJson(preview)}};
    if (!preview.canImport()) {
        QString text = QStringLiteral("Nothing imported. %1 problem(s) in %2:\n").arg(preview.problems.size()).arg(path);
        for (const ImportProblem& problem : preview.problems) {
            text += QStringLiteral("  %1\n").arg(problem.toText());
        }
        batch->secrets.wipe();
        return context.fail(CliError::input(QStringLiteral("%1 has %2 problem(s); nothing was imported (first: %3)")
                                                .arg(path)
                                                .arg(preview.problems.size())
                                                .arg(preview.problems.front().toText())),
                            fields, text);
    }
    if (preview.plaintextPasswords > 0) {
        context.writeErr(QStringLiteral(
            "tessera-cli: warning: %1 holds %2 plaintext password(s); they are hashed now, the accounts must "
            "change them at the next sign-in, and the file should be destroyed.\n")
                             .arg(path)
                             .arg(preview.plaintextPasswords));
    }
    if (dryRun) {
        batch->secrets.wipe();
        fields.insert(QStringLiteral("imported"), false);
        return context.succeed(fields, QStringLiteral("Dry run, nothing written: %1\n").arg(preview.summary()));
    }
    ImportOptions options;
    options.sourceName = QFileInfo(path).fileName();
    qint64 lastShown = -1;
    auto summary = importer.run(*batch, options, [&](qint64 done, qint64 total) {
        if (total > 0 && done * 10 / total != lastShown) {
            lastShown = done * 10 / total;
            context.status(QStringLiteral("Hashing passwords: %1 of %2\n").arg(done).arg(total));
        }
        return true;
    });
    if (!summary) {
        return context.fail(CliError::fromError(summary.error()), fields);
    }
    fields.insert(QStringLiteral("imported"), true);
    fields.insert(QStringLiteral("usersAdded"), summary->usersAdded);
    fields.insert(QStringLiteral("rolesAdded"), QJsonArray::fromStringList(summary->rolesAdded));
    fields.insert(QStringLiteral("passwordsHashed"), summary->passwordsHashed);
    return context.succeed(fields, QStringLiteral("Imported %1 user(s)%2 from %3\n")
                                       .arg(summary->usersAdded)
                                       .arg(summary->rolesAdded.isEmpty()
                                                ? QString()
                                                : QStringLiteral(" and role(s) %1")
                                                      .arg(summary->rolesAdded.join(QStringLiteral(", "))))
                                       .arg(path));
}

int runExport(CliContext& context, const ParsedArgs& args)
{
    const QString path = args.positional(0);
    const bool includeHashes = args.isSet(QStringLiteral("include-hashes"));
    const bool rolesOnly = args.isSet(QStringLiteral("roles"));
    UserFileFormat::Kind kind = UserFileFormat::fromExtension(path).value_or(UserFileFormat::Kind::Json);
    if (args.isSet(QStringLiteral("format"))) {
        const QString format = args.value(QStringLiteral("format"));
        if (format == QStringLiteral("csv")) {
            kind = UserFileFormat::Kind::Csv;
        } else if (format == QStringLiteral("json")) {
            kind = UserFileFormat::Kind::Json;
        } else {
            return context.fail(CliError::usage(QStringLiteral("--format must be csv or json, not '%1'").arg(format)));
        }
    }
    if (auto ok = PrivateFile::checkTarget(path, args.isSet(QStringLiteral("force"))); !ok) {
        return context.fail(ok.error());
    }
    // An export is audited, so the vault opens for writing.
    auto vault = VaultAccess::open(context, Vault::Access::ReadWrite);
    if (!vault) {
        return context.fail(vault.error());
    }
    auto directory = Directory::open(**vault);
    if (!directory) {
        return context.fail(CliError::fromError(directory.error()));
    }
    auto records = (*directory)->exportUsers(includeHashes && !rolesOnly, QFileInfo(path).fileName());
    if (!records) {
        return context.fail(CliError::fromError(records.error()));
    }
    const QList<RoleDefinition> roles = (*directory)->roles();
    QByteArray bytes;
    if (kind == UserFileFormat::Kind::Json) {
        bytes = UserFileWriter::json(rolesOnly ? std::vector<UserRecord>{} : *records, roles, includeHashes);
    } else {
        bytes = rolesOnly ? UserFileWriter::rolesCsv(roles) : UserFileWriter::usersCsv(*records, includeHashes);
    }
    if (auto ok = PrivateFile::write(path, bytes); !ok) {
        return context.fail(ok.error());
    }
    const int users = rolesOnly ? 0 : int(records->size());
    const QJsonObject fields{{QStringLiteral("file"), path},
                             {QStringLiteral("format"), UserFileFormat::name(kind)},
                             {QStringLiteral("users"), users},
                             {QStringLiteral("roles"), int(roles.size())},
                             {QStringLiteral("hashesIncluded"), includeHashes && !rolesOnly}};
    return context.succeed(fields, QStringLiteral("Exported %1 user(s) and %2 role(s) to %3%4\n")
                                       .arg(users)
                                       .arg(roles.size())
                                       .arg(path)
                                       .arg(includeHashes && !rolesOnly ? QStringLiteral(" (with password hashes)")
                                                                        : QString()));
}

} // namespace

void UserFileCommands::registerAll(CommandRegistry& registry)
{
    registry.add(CommandSpec{
        {QStringLiteral("user"), QStringLiteral("import")},
        QStringLiteral("Import users, roles and assignments from CSV or JSON, all or nothing"),
        QStringLiteral(
            "Reads FILE (CSV or JSON, see docs/import-format.md), checks every row against the file's own "
            "rules and the vault (existing usernames, unknown roles), and lists every problem with its "
            "line number. With any problem nothing is imported (exit 2). Otherwise plaintext password "
            "columns are hashed on all cores (a warning says plaintext was present; those accounts must "
            "change their password) and everything is written in one transaction with one audit entry."),
        {PositionalSpec{QStringLiteral("FILE"), QStringLiteral("the CSV or JSON file")}},
        {OptionSpec{QStringLiteral("dry-run"), QString(),
                    QStringLiteral("Check and preview only; the vault is opened read-only")}},
        runImport});
    registry.add(CommandSpec{
        {QStringLiteral("user"), QStringLiteral("export")},
        QStringLiteral("Export users, roles and assignments to CSV or JSON"),
        QStringLiteral(
            "Writes every user (profile, attributes, roles; JSON also object grants) and the roles to FILE "
            "(mode 0600, replaced atomically). The format follows the extension (.csv or .json) unless "
            "--format is given. Password hashes are left out unless --include-hashes is given. A CSV "
            "holds users only; --roles writes the roles instead. The export is audited."),
        {PositionalSpec{QStringLiteral("FILE"), QStringLiteral("where to write")}},
        {OptionSpec{QStringLiteral("format"), QStringLiteral("FORMAT"), QStringLiteral("csv or json")},
         OptionSpec{QStringLiteral("include-hashes"), QString(),
                    QStringLiteral("Also write password hashes (treat the file as a secret)")},
         OptionSpec{QStringLiteral("roles"), QString(), QStringLiteral("Write the roles instead of the users")},
         OptionSpec{QStringLiteral("force"), QString(), QStringLiteral("Replace FILE if it exists")}},
        runExport});
}

} // namespace tessera::cli
