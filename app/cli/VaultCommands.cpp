#include "VaultCommands.h"

#include "TextLayout.h"

#include "CliContext.h"
#include "CommandRegistry.h"
#include "JsonOutput.h"
#include "KdfOptions.h"
#include "PasswordSource.h"
#include "VaultAccess.h"
#include "audit/AuditActor.h"
#include "identity/Directory.h"
#include "platform/AppPaths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace tessera::cli {

namespace {

// The folder is created only when it is Tessera's own data directory; anywhere else a missing folder
// is more likely a typo than a wish, so it is reported (exit 3) instead of silently created.
CliStatus prepareCreateTarget(const QString& path)
{
    const QFileInfo target(path);
    if (target.exists() || target.isSymLink()) {
        return cliFail(
            Error{ErrorKind::Conflict,
                  QStringLiteral("%1 already exists; Tessera never overwrites a vault").arg(path)});
    }
    const QString parent = QDir::cleanPath(target.absolutePath());
    if (QFileInfo(parent).isDir()) {
        return {};
    }
    if (parent != QDir::cleanPath(QFileInfo(AppPaths::dataDirectory()).absoluteFilePath())) {
        return cliFail(Error{ErrorKind::Io,
                             QStringLiteral("the folder %1 does not exist; create it first").arg(parent)});
    }
    if (!QDir().mkpath(parent)) {
        return cliFail(Error{ErrorKind::Io, QStringLiteral("cannot create the folder %1").arg(parent)});
    }
    QFile::setPermissions(parent, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return {};
}

int runCreate(CliContext& context, const ParsedArgs& args)
{
    auto choice = KdfOptions::parse(args);
    if (!choice) {
        return context.fail(choice.error());
    }
    const QString path = context.vaultPath();
    if (auto ok = prepareCreateTarget(path); !ok) {
        return context.fail(ok.error());
    }
    auto password =
        PasswordSource::master(context).readNew(QStringLiteral("New master password for %1: ").arg(path),
                                                QStringLiteral("Repeat the master password: "));
    if (!password) {
        return context.fail(password.error());
    }
    const KdfParams kdf = KdfOptions::resolve(context, *choice);
    auto vault = Vault::create(path, *password, kdf, AuditActor::current(QStringLiteral("cli")));
    password->wipe();
    if (!vault) {
        return context.fail(CliError::fromError(vault.error()));
    }
    // Seeds the guide's example roles, so the new vault offers them even to read-only commands.
    if (auto directory = Directory::open(**vault); !directory) {
        return context.fail(CliError::fromError(directory.error()));
    }
    auto info = (*vault)->info();
    if (!info) {
        return context.fail(CliError::fromError(info.error()));
    }
    const QJsonObject fields{{QStringLiteral("path"), info->path},
                             {QStringLiteral("vaultId"), info->vaultId},
                             {QStringLiteral("kdf"), JsonOutput::kdf(kdf)}};
    return context.succeed(fields, QStringLiteral("Created vault %1\n").arg(info->path) +
                                       TextLayout::labelled({{QStringLiteral("Vault ID"), info->vaultId},
                                                 {QStringLiteral("Key derivation"), kdf.describe()}}));
}

int runInfo(CliContext& context, const ParsedArgs&)
{
    auto vault = VaultAccess::open(context, Vault::Access::ReadOnly);
    if (!vault) {
        return context.fail(vault.error());
    }
    auto info = (*vault)->info();
    if (!info) {
        return context.fail(CliError::fromError(info.error()));
    }
    const QString text = TextLayout::labelled({
        {QStringLiteral("Path"), info->path},
        {QStringLiteral("Vault ID"), info->vaultId},
        {QStringLiteral("Format version"), QString::number(info->formatVersion)},
        {QStringLiteral("Schema version"), QString::number(info->schemaVersion)},
        {QStringLiteral("Key derivation"), info->kdf.describe()},
        {QStringLiteral("File size"), QStringLiteral("%1 bytes").arg(info->fileBytes)},
        {QStringLiteral("Pages"), QStringLiteral("%1 of %2 bytes").arg(info->pageCount).arg(info->pageSize)},
        {QStringLiteral("Created"), JsonOutput::isoUtc(info->createdAtMs)},
        {QStringLiteral("Audit entries"), QString::number(info->auditEntries)},
    });
    return context.succeed(JsonOutput::vaultInfo(*info), text);
}

int runCheck(CliContext& context, const ParsedArgs&)
{
    auto vault = VaultAccess::open(context, Vault::Access::ReadOnly);
    if (!vault) {
        return context.fail(vault.error());
    }
    auto report = (*vault)->check();
    if (!report) {
        return context.fail(CliError::fromError(report.error()));
    }
    QString text;
    if (report->integrityProblems.isEmpty()) {
        text += QStringLiteral("Integrity: ok\n");
    } else {
        text += QStringLiteral("Integrity: %1 problem(s)\n").arg(report->integrityProblems.size());
        for (const QString& problem : report->integrityProblems) {
            text += QStringLiteral("  - %1\n").arg(problem);
        }
    }
    if (report->audit.ok) {
        text += QStringLiteral("Audit chain: ok (%1 entries)\n").arg(report->audit.entriesChecked);
    } else {
        text += QStringLiteral("Audit chain: broken: %1\n").arg(report->audit.problem);
    }
    const QJsonObject fields = JsonOutput::checkReport(*report);
    if (report->ok()) {
        return context.succeed(fields, text);
    }
    const qsizetype problems = report->integrityProblems.size() + (report->audit.ok ? 0 : 1);
    return context.fail(
        CliError::negative(QStringLiteral("check-failed"),
                           QStringLiteral("the vault check found %1 problem(s)").arg(problems)),
        fields, text);
}

int runChangePassword(CliContext& context, const ParsedArgs& args)
{
    auto choice = KdfOptions::parse(args);
    if (!choice) {
        return context.fail(choice.error());
    }
    const PasswordSource newSource(
        QStringLiteral("new master password"), args.value(QStringLiteral("new-password-file")),
        QStringLiteral("--new-password-file"), QStringLiteral("TESSERA_NEW_PASSWORD"));
    // Fail before the (slow) unlock when the new password could never be read.
    if (auto ok = newSource.requireAvailable(); !ok) {
        return context.fail(ok.error());
    }
    auto vault = VaultAccess::open(context, Vault::Access::ReadWrite);
    if (!vault) {
        return context.fail(vault.error());
    }
    auto password = newSource.readNew(QStringLiteral("New master password: "),
                                      QStringLiteral("Repeat the new master password: "));
    if (!password) {
        return context.fail(password.error());
    }
    const KdfParams kdf = KdfOptions::resolve(context, *choice);
    auto changed = (*vault)->changePassword(*password, kdf);
    password->wipe();
    if (!changed) {
        return context.fail(CliError::fromError(changed.error()));
    }
    const QJsonObject fields{{QStringLiteral("path"), (*vault)->path()},
                             {QStringLiteral("kdf"), JsonOutput::kdf(kdf)}};
    return context.succeed(fields,
                           QStringLiteral("Changed the master password of %1\n").arg((*vault)->path()) +
                               TextLayout::labelled({{QStringLiteral("Key derivation"), kdf.describe()}}));
}

int runBackup(CliContext& context, const ParsedArgs& args)
{
    // Absolute, so the audit entry names the copy unambiguously.
    const QString out = QFileInfo(args.positional(0)).absoluteFilePath();
    const bool force = args.isSet(QStringLiteral("force"));
    // Checked before the password is asked for; the core checks again when it writes.
    const QFileInfo target(out);
    if (target.exists() && !force) {
        return context.fail(CliError::fromError(Error{
            ErrorKind::Conflict, QStringLiteral("%1 already exists (use --force to replace it)").arg(out)}));
    }
    if (!QFileInfo(target.absolutePath()).isDir()) {
        return context.fail(CliError::fromError(
            Error{ErrorKind::Io, QStringLiteral("the folder %1 does not exist").arg(target.absolutePath())}));
    }
    auto vault = VaultAccess::open(context, Vault::Access::ReadWrite);
    if (!vault) {
        return context.fail(vault.error());
    }
    if (auto ok = (*vault)->backupTo(out, force); !ok) {
        return context.fail(CliError::fromError(ok.error()));
    }
    const QFileInfo written(out);
    const QJsonObject fields{{QStringLiteral("path"), (*vault)->path()},
                             {QStringLiteral("backupPath"), written.absoluteFilePath()},
                             {QStringLiteral("fileBytes"), written.size()}};
    return context.succeed(fields,
                           QStringLiteral("Wrote an encrypted backup of %1 to %2 (%3 bytes); it opens with "
                                          "the current master password\n")
                               .arg((*vault)->path(), written.absoluteFilePath())
                               .arg(written.size()));
}

} // namespace

void VaultCommands::registerAll(CommandRegistry& registry)
{
    QList<OptionSpec> createOptions = KdfOptions::specs();
    registry.add(CommandSpec{
        {QStringLiteral("vault"), QStringLiteral("create")},
        QStringLiteral("Create a new, empty vault"),
        QStringLiteral(
            "Creates a vault at the --vault path (default: $TESSERA_VAULT, else the per-user data "
            "folder, which is created if missing; any other folder must exist). The master password "
            "comes from --password-file or $TESSERA_PASSWORD, or is asked twice on a terminal. "
            "An existing file is never overwritten (exit 2)."),
        {},
        createOptions,
        runCreate});

    registry.add(
        CommandSpec{{QStringLiteral("vault"), QStringLiteral("info")},
                    QStringLiteral("Show the vault's format, key-derivation cost, size and creation time"),
                    QStringLiteral("Opens the vault read-only and prints facts about it; never a secret."),
                    {},
                    {},
                    runInfo});

    registry.add(CommandSpec{
        {QStringLiteral("vault"), QStringLiteral("check")},
        QStringLiteral("Check the file's integrity and the audit chain"),
        QStringLiteral("Runs SQLite's integrity check and verifies the audit chain, read-only. Exit 0 when "
                       "both are sound, 1 when problems were found (they are listed)."),
        {},
        {},
        runCheck});

    QList<OptionSpec> changeOptions = KdfOptions::specs();
    changeOptions.append(
        OptionSpec{QStringLiteral("new-password-file"), QStringLiteral("FILE"),
                   QStringLiteral("Read the new master password from the first line of FILE "
                                  "(else $TESSERA_NEW_PASSWORD, else asked twice on a terminal)")});
    registry.add(CommandSpec{
        {QStringLiteral("vault"), QStringLiteral("change-password")},
        QStringLiteral("Change the master password and re-tune the key derivation"),
        QStringLiteral(
            "Re-keys the whole vault under a new master password; the file is replaced atomically. "
            "The current password comes from --password-file or $TESSERA_PASSWORD or a prompt. "
            "Backups made earlier keep opening with the password they were made with."),
        {},
        changeOptions,
        runChangePassword});

    registry.add(CommandSpec{
        {QStringLiteral("vault"), QStringLiteral("backup")},
        QStringLiteral("Write a consistent encrypted copy of the vault"),
        QStringLiteral("Writes an encrypted copy that opens with the current master password and records the "
                       "backup in the audit trail."),
        {PositionalSpec{QStringLiteral("OUT"), QStringLiteral("File to write the backup to")}},
        {OptionSpec{QStringLiteral("force"), QString(), QStringLiteral("Replace OUT if it exists")}},
        runBackup});
}

} // namespace tessera::cli
