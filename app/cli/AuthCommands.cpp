#include "AuthCommands.h"

#include "CliContext.h"
#include "CommandRegistry.h"
#include "IdentitySupport.h"
#include "identity/SignInService.h"

namespace tessera::cli {

namespace {

int runLogin(CliContext& context, const ParsedArgs& args)
{
    const QString username = args.positional(0);
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
    auto result = service.signIn(username, *password);
    password->wipe();
    if (!result) {
        return context.fail(CliError::fromError(result.error()));
    }
    if (!result->authenticated) {
        // The one generic answer whatever the reason (unknown user, wrong password, disabled, locked):
        // the reason is in the audit trail, never here.
        const QString message = result->message();
        return context.fail(
            CliError::negative(QStringLiteral("invalid-credentials"), message),
            QJsonObject{{QStringLiteral("authenticated"), false}, {QStringLiteral("message"), message}});
    }
    const QJsonObject fields{{QStringLiteral("authenticated"), true},
                             {QStringLiteral("message"), result->message()},
                             {QStringLiteral("username"), result->username},
                             {QStringLiteral("mustChangePassword"), result->mustChangePassword}};
    return context.succeed(
        fields,
        result->mustChangePassword
            ? QStringLiteral("%1 as %2; must change password").arg(result->message(), result->username)
            : QStringLiteral("%1 as %2").arg(result->message(), result->username));
}

} // namespace

void AuthCommands::registerAll(CommandRegistry& registry)
{
    registry.add(CommandSpec{
        {QStringLiteral("auth"), QStringLiteral("login")},
        QStringLiteral("Check a user's password as a sign-in would"),
        QStringLiteral(
            "Signs USER in with a password: exit 0 'signed in' (noting when the password must be changed), "
            "exit 1 with the one message 'invalid credentials' for every failure (unknown user, wrong "
            "password, disabled or locked account), so the answer never tells which. Failures count towards "
            "the account's lockout, and every attempt is audited. The password is asked without echo on a "
            "terminal, else read from the first line of stdin; the master password must then come from "
            "--password-file or $TESSERA_PASSWORD."),
        {PositionalSpec{QStringLiteral("USER"), QStringLiteral("The username")}},
        {OptionSpec{
            QStringLiteral("password-stdin"), QString(),
            QStringLiteral("Read the password from the first line of stdin (the default when stdin is "
                           "not a terminal)")}},
        runLogin});
}

} // namespace tessera::cli
