#include "PasswordCommands.h"

#include "StdinLine.h"

#include "CliContext.h"
#include "CommandRegistry.h"
#include "TerminalPrompt.h"
#include "password/HashParams.h"
#include "password/PasswordHasher.h"

#include <limits>

namespace tessera::cli {

namespace {

const QString kStdin = QStringLiteral("stdin");
const QString kOps = QStringLiteral("ops");
const QString kMemory = QStringLiteral("memory-kib");
const QString kHash = QStringLiteral("hash");

// --stdin, or stdin when it is not a terminal: one line. On a terminal: a no-echo prompt, asked twice
// when `confirm` (a hash made from a typo would lock the user out).
CliResult<SecretBuffer> readPassword(const ParsedArgs& args, bool confirm)
{
    if (args.isSet(kStdin) || !TerminalPrompt::isInteractive()) {
        return StdinLine::readSecret();
    }
    auto first = TerminalPrompt::readSecret(QStringLiteral("Password: "));
    if (!first || !confirm) {
        return first;
    }
    auto second = TerminalPrompt::readSecret(QStringLiteral("Repeat the password: "));
    if (!second) {
        return second;
    }
    if (!first->equals(*second)) {
        return cliFail(CliError::negative(QStringLiteral("password-mismatch"),
                                          QStringLiteral("the passwords do not match")));
    }
    return std::move(*first);
}

CliResult<std::uint64_t> wholeNumber(const ParsedArgs& args, const QString& option)
{
    bool ok = false;
    const qulonglong value = args.value(option).toULongLong(&ok);
    if (!ok) {
        return cliFail(CliError::usage(QStringLiteral("--%1 must be a whole number").arg(option)));
    }
    return static_cast<std::uint64_t>(value);
}

CliResult<HashParams> hashParams(const ParsedArgs& args)
{
    HashParams params;
    if (args.isSet(kOps)) {
        auto ops = wholeNumber(args, kOps);
        if (!ops) {
            return std::unexpected(ops.error());
        }
        params.opsLimit = *ops;
    }
    if (args.isSet(kMemory)) {
        auto kib = wholeNumber(args, kMemory);
        if (!kib) {
            return std::unexpected(kib.error());
        }
        // Clamped before multiplying so a huge value is refused by validate(), never wrapped.
        params.memLimitBytes =
            std::min<std::uint64_t>(*kib, std::numeric_limits<std::uint64_t>::max() / 1024) * 1024;
    }
    if (auto valid = params.validate(); !valid) {
        return cliFail(CliError::usage(valid.error().message));
    }
    return params;
}

int runHash(CliContext& context, const ParsedArgs& args)
{
    // Options first, so a typo never costs a prompt.
    auto params = hashParams(args);
    if (!params) {
        return context.fail(params.error());
    }
    auto password = readPassword(args, true);
    if (!password) {
        return context.fail(password.error());
    }
    auto hash = PasswordHasher::hash(*password, *params);
    password->wipe();
    if (!hash) {
        return context.fail(CliError::fromError(hash.error()));
    }
    return context.succeed(QJsonObject{{QStringLiteral("hash"), *hash}}, *hash);
}

int runVerify(CliContext& context, const ParsedArgs& args)
{
    if (!args.isSet(kHash) || args.value(kHash).isEmpty()) {
        return context.fail(CliError::usage(QStringLiteral("password verify needs --hash HASH")));
    }
    const QString encoded = args.value(kHash);
    // The hash is checked before the password is asked for. needsRehash parses without hashing; its
    // messages name the problem and never quote the hash.
    const auto format = PasswordHasher::detectFormat(encoded);
    if (!format) {
        return context.fail(CliError::fromError(format.error()));
    }
    if (auto parsed = PasswordHasher::needsRehash(encoded); !parsed) {
        return context.fail(CliError::fromError(parsed.error()));
    }
    auto password = readPassword(args, false);
    if (!password) {
        return context.fail(password.error());
    }
    const auto outcome = PasswordHasher::verify(*password, encoded);
    password->wipe();
    if (!outcome) {
        return context.fail(CliError::fromError(outcome.error()));
    }
    const QString formatName = PasswordHasher::formatName(outcome->format);
    const QJsonObject fields{{QStringLiteral("match"), outcome->matches},
                             {QStringLiteral("format"), formatName}};
    if (outcome->matches) {
        return context.succeed(fields, QStringLiteral("The password matches this %1 hash.").arg(formatName));
    }
    return context.fail(
        CliError::negative(QStringLiteral("no-match"),
                           QStringLiteral("the password does not match this %1 hash").arg(formatName)),
        fields);
}

OptionSpec stdinOption()
{
    return OptionSpec{kStdin, QString(),
                      QStringLiteral("Read the password from the first line of stdin (a trailing LF or CRLF "
                                     "is dropped), even when stdin is a terminal")};
}

} // namespace

void PasswordCommands::registerAll(CommandRegistry& registry)
{
    registry.add(CommandSpec{
        {QStringLiteral("password"), QStringLiteral("hash")},
        QStringLiteral("Hash a password as an Argon2id PHC string (no vault needed)"),
        QStringLiteral(
            "Prints an Argon2id PHC string ($argon2id$v=19$m=65536,t=3,p=1$...) for a password, as Tessera "
            "stores user passwords; use it for the password_hash column of an import file. On a terminal "
            "the password is asked twice without echo; otherwise (or with --stdin) it is the first line "
            "of stdin. Opens no vault."),
        {},
        {stdinOption(),
         OptionSpec{kOps, QStringLiteral("N"),
                    QStringLiteral("Argon2 passes (t), %1-%2; default %3")
                        .arg(HashParams::kMinOpsLimit)
                        .arg(HashParams::kMaxOpsLimit)
                        .arg(HashParams::kDefaultOpsLimit)},
         OptionSpec{kMemory, QStringLiteral("N"),
                    QStringLiteral("Argon2 memory in KiB (m), 8 to 4194304; default %1 (64 MiB)")
                        .arg(HashParams::kDefaultMemLimitBytes / 1024)}},
        runHash});

    registry.add(CommandSpec{
        {QStringLiteral("password"), QStringLiteral("verify")},
        QStringLiteral("Check a password against an argon2id, argon2i or bcrypt hash (no vault needed)"),
        QStringLiteral(
            "Exit 0 when the password matches the hash, 1 when it does not, 2 when the hash is malformed or "
            "of an unknown kind. Reads Argon2id and Argon2i PHC strings (parameters in any order) and "
            "bcrypt $2a$, $2b$ and $2y$ hashes; bcrypt uses only the first 72 bytes of the password. The "
            "password is read as for 'password hash' (asked once). Opens no vault."),
        {},
        {OptionSpec{kHash, QStringLiteral("HASH"), QStringLiteral("The hash to check against (required)")},
         stdinOption()},
        runVerify});
}

} // namespace tessera::cli
