#include "BackupCodeCommands.h"

#include "CliContext.h"
#include "CommandRegistry.h"
#include "IdentitySupport.h"
#include "MfaSubject.h"
#include "JsonOutput.h"
#include "OtpOptions.h"
#include "PrivateFile.h"
#include "TerminalPrompt.h"
#include "mfa/MfaService.h"

#include <QJsonArray>

namespace tessera::cli {

namespace {

QString numbered(const QStringList& codes)
{
    const int width = int(QString::number(codes.size()).size());
    QString text;
    for (qsizetype i = 0; i < codes.size(); ++i) {
        text += QStringLiteral("%1. %2\n").arg(i + 1, width).arg(codes.at(i));
    }
    return text;
}

// What the file says around the codes, so whoever finds it on paper or disk knows what it is.
QByteArray fileText(const QString& username, const QString& vault, qint64 nowMs, const QStringList& codes)
{
    QString text = QStringLiteral("Tessera backup codes for %1\nVault: %2\nMade: %3\n\n")
                       .arg(username, vault, JsonOutput::isoUtc(nowMs));
    text += QStringLiteral("Each code signs in once, in place of a code from the authenticator app.\n"
                           "Making a new set makes all of these invalid. Keep this file private.\n\n");
    text += numbered(codes);
    QByteArray bytes = text.toUtf8();
    wipeString(text);
    return bytes;
}

int runGenerate(CliContext& context, const ParsedArgs& args)
{
    auto count = OtpOptions::number(args, QStringLiteral("count"), 1, BackupCodes::kMaxCount,
                                    BackupCodes::kDefaultCount);
    if (!count) {
        return context.fail(count.error());
    }
    const bool toFile = args.isSet(QStringLiteral("out"));
    const QString path = args.value(QStringLiteral("out"));
    if (auto ok = PrivateFile::checkOutOption(args); !ok) {
        return context.fail(ok.error());
    }
    const bool yes = args.isSet(QStringLiteral("yes"));
    auto subject = MfaSubject::load(context, args.positional(0), Vault::Access::ReadWrite);
    if (!subject) {
        return context.fail(subject.error());
    }
    const QString& username = subject->username;
    const MfaStatus& status = subject->status;
    MfaService& mfa = subject->open->mfa();
    // Only a replaced set needs a question; whether there is one is known once the vault is open.
    if (status.backupCodesTotal > 0) {
        if (auto ok = IdentitySupport::requireConfirmable(yes, QStringLiteral("replacing backup codes"));
            !ok) {
            return context.fail(ok.error());
        }
        if (auto ok = IdentitySupport::confirm(
                yes, QStringLiteral("%1 has backup codes (%2 of %3 unused). Replace them? The old ones stop "
                                    "working.")
                         .arg(username)
                         .arg(status.backupCodesRemaining)
                         .arg(status.backupCodesTotal));
            !ok) {
            return context.fail(ok.error());
        }
    }
    auto codes = mfa.generateBackupCodes(username, int(*count));
    if (!codes) {
        return context.fail(CliError::fromError(codes.error()));
    }
    auto wipeCodes = [&codes] {
        for (QString& code : *codes) {
            wipeString(code);
        }
    };
    QJsonObject fields{{QStringLiteral("username"), username},
                       {QStringLiteral("count"), int(codes->size())},
                       {QStringLiteral("replaced"), status.backupCodesTotal > 0}};
    if (toFile) {
        QByteArray bytes = fileText(username, context.vaultPath(), subject->open.nowMs(), *codes);
        auto written = PrivateFile::write(path, bytes);
        wipeBytes(bytes);
        wipeCodes();
        if (!written) {
            CliError error = written.error();
            error.message +=
                QStringLiteral("; the new codes are already in force but were not saved: run the "
                               "command again to make another set");
            return context.fail(error);
        }
        fields.insert(QStringLiteral("file"), path);
        return context.succeed(fields, QStringLiteral("Wrote %1 backup codes for %2 to %3 (mode 0600). Each "
                                                      "works once; any earlier set no longer works.")
                                           .arg(codes->size())
                                           .arg(username, path));
    }
    fields.insert(QStringLiteral("codes"), QJsonArray::fromStringList(*codes));
    QString text =
        QStringLiteral("Backup codes for %1 (shown once; each works once, in place of an app code):\n\n")
            .arg(username);
    text += numbered(*codes);
    text +=
        QStringLiteral("\nStore them somewhere safe, away from the phone. Any earlier set no longer works.");
    const int exitCode = context.succeed(fields, text);
    wipeString(text);
    wipeCodes();
    return exitCode;
}

} // namespace

void BackupCodeCommands::registerAll(CommandRegistry& registry)
{
    registry.add(CommandSpec{
        {QStringLiteral("backup-codes"), QStringLiteral("generate")},
        QStringLiteral("Make a new set of single-use backup codes for a user"),
        QStringLiteral(
            "Makes COUNT fresh backup codes (default %1) for USER, who must have an active authenticator "
            "(exit 2 otherwise), and shows them once, numbered, one per line, or writes them to --out "
            "(mode 0600; an existing file is only replaced with --force). The vault keeps only keyed "
            "hashes. A new set replaces any earlier one: when USER has codes already, that is asked [y/N] "
            "on a terminal, and without one --yes is required (exit 2). Audited.")
            .arg(BackupCodes::kDefaultCount),
        {PositionalSpec{QStringLiteral("USER"),
                        QStringLiteral("The username (case is ignored when looking it up)")}},
        {OptionSpec{QStringLiteral("count"), QStringLiteral("N"),
                    QStringLiteral("How many codes, 1 to %1 (default %2)")
                        .arg(BackupCodes::kMaxCount)
                        .arg(BackupCodes::kDefaultCount)},
         OptionSpec{QStringLiteral("out"), QStringLiteral("FILE"),
                    QStringLiteral("Write the codes to FILE instead of showing them")},
         OptionSpec{QStringLiteral("force"), QString(), QStringLiteral("Replace FILE if it exists")},
         OptionSpec{QStringLiteral("yes"), QString(),
                    QStringLiteral("Replace an existing set without asking")}},
        runGenerate});
}

} // namespace tessera::cli
