#include "AuthCommands.h"

#include "CliContext.h"
#include "CommandRegistry.h"
#include "IdentitySupport.h"
#include "StdinLine.h"
#include "TerminalPrompt.h"
#include "identity/SignInService.h"

namespace tessera::cli {

namespace {

const QString kCode = QStringLiteral("code");

QJsonValue secondFactorName(SecondFactorCheck::Method method)
{
    switch (method) {
    case SecondFactorCheck::Method::Totp:
        return QStringLiteral("totp");
    case SecondFactorCheck::Method::BackupCode:
        return QStringLiteral("backup-code");
    case SecondFactorCheck::Method::None:
        break;
    }
    return QJsonValue(QJsonValue::Null);
}

// The one generic answer whatever the reason (unknown user, wrong password, disabled, locked, wrong or
// replayed code): the reason is in the audit trail, never here.
int failSignIn(CliContext& context, const SignInResult& result)
{
    const QString message = result.message();
    return context.fail(
        CliError::negative(QStringLiteral("invalid-credentials"), message),
        QJsonObject{{QStringLiteral("authenticated"), false}, {QStringLiteral("message"), message}});
}

int runLogin(CliContext& context, const ParsedArgs& args)
{
    const QString username = args.positional(0);
    std::optional<QString> code;
    if (args.isSet(kCode)) {
        code = args.value(kCode);
        if (code->trimmed().isEmpty()) {
            return context.fail(CliError::usage(QStringLiteral("--code is empty")));
        }
    }
    // Sign-ins are audited and count towards the lockout, so the vault is opened read-write.
    auto open = IdentitySupport::open(context, Vault::Access::ReadWrite);
    if (!open) {
        return context.fail(open.error());
    }
    // With or without --password-stdin: no echo on a terminal, else the first line of stdin.
    auto password = IdentitySupport::readStdinSecret(QStringLiteral("Password for %1: ").arg(username));
    if (!password) {
        return context.fail(password.error());
    }
    SignInService service(**open);
    auto result = service.signIn(username, *password, code);
    password->wipe();
    if (code) {
        wipeString(*code);
    }
    if (!result) {
        return context.fail(CliError::fromError(result.error()));
    }
    if (result->secondFactorRequired && result->secondStep) {
        // The password was right and the account has an authenticator, but no --code came with it.
        if (!TerminalPrompt::isInteractive()) {
            return context.fail(CliError::negative(QStringLiteral("second-factor-required"),
                                                   QStringLiteral("second factor required: pass --code")),
                                QJsonObject{{QStringLiteral("authenticated"), false},
                                            {QStringLiteral("secondFactorRequired"), true},
                                            {QStringLiteral("message"), result->message()}});
        }
        // Shown as typed, like the code on the phone beside it; a code is good for one sign-in only.
        context.writeErr(QStringLiteral("Code: "));
        QString second = StdinLine::readAnswer().trimmed();
        if (second.isEmpty()) {
            return context.fail(CliError::input(QStringLiteral("no code was entered")));
        }
        const SecondStep step = *result->secondStep;
        result = service.completeSignIn(step, second);
        wipeString(second);
        if (!result) {
            return context.fail(CliError::fromError(result.error()));
        }
    }
    if (!result->authenticated) {
        return failSignIn(context, *result);
    }
    const bool backupCode = result->secondFactorMethod == SecondFactorCheck::Method::BackupCode;
    const QJsonObject fields{
        {QStringLiteral("authenticated"), true},
        {QStringLiteral("message"), result->message()},
        {QStringLiteral("username"), result->username},
        {QStringLiteral("mustChangePassword"), result->mustChangePassword},
        {QStringLiteral("secondFactor"), secondFactorName(result->secondFactorMethod)},
        {QStringLiteral("backupCodesRemaining"),
         backupCode ? QJsonValue(result->backupCodesRemaining) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("mfaSetupRequired"), result->mfaSetupRequired}};
    QString text =
        result->mustChangePassword
            ? QStringLiteral("%1 as %2; must change password").arg(result->message(), result->username)
            : QStringLiteral("%1 as %2").arg(result->message(), result->username);
    if (backupCode) {
        text += QStringLiteral("\nsigned in with a backup code; %1 left").arg(result->backupCodesRemaining);
        if (result->backupCodesRemaining <= MfaStatus::kLowBackupCodes) {
            context.writeErr(
                QStringLiteral("tessera-cli: warning: only %1 backup code(s) left for %2; make a new "
                               "set with 'tessera-cli backup-codes generate %2'\n")
                    .arg(result->backupCodesRemaining)
                    .arg(result->username));
        }
    }
    if (result->mfaSetupRequired) {
        text += QStringLiteral("\nMFA required by policy: enrol an authenticator");
    }
    return context.succeed(fields, text);
}

} // namespace

void AuthCommands::registerAll(CommandRegistry& registry)
{
    registry.add(CommandSpec{
        {QStringLiteral("auth"), QStringLiteral("login")},
        QStringLiteral("Check a user's password (and second factor) as a sign-in would"),
        QStringLiteral(
            "Signs USER in with a password: exit 0 'signed in' (noting when the password must be changed), "
            "exit 1 with the one message 'invalid credentials' for every failure (unknown user, wrong "
            "password, disabled or locked account, wrong or reused code), so the answer never tells which. "
            "A user with an active authenticator also needs a code: --code (a TOTP code or a backup code), "
            "else it is asked on a terminal, else exit 1 'second factor required: pass --code'. Failures "
            "count towards the account's lockout, and every attempt is audited. The password is asked "
            "without echo on a terminal, else read from the first line of stdin; the master password must "
            "then come from --password-file or $TESSERA_PASSWORD."),
        {PositionalSpec{QStringLiteral("USER"), QStringLiteral("The username")}},
        {OptionSpec{
             QStringLiteral("password-stdin"), QString(),
             QStringLiteral("Read the password from the first line of stdin (the default when stdin is "
                            "not a terminal)")},
         OptionSpec{kCode, QStringLiteral("CODE"),
                    QStringLiteral("The code from the authenticator app, or a backup code (ignored for users "
                                   "without an authenticator)")}},
        runLogin});
}

} // namespace tessera::cli
