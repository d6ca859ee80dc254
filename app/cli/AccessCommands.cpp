#include "AccessCommands.h"

#include "CliContext.h"
#include "CommandRegistry.h"
#include "IdentitySupport.h"

namespace tessera::cli {

namespace {

int runCheck(CliContext& context, const ParsedArgs& args)
{
    const QString username = args.positional(0);
    // The permission and the object are checked before the vault is opened: a typo costs no prompt.
    auto permission = IdentitySupport::permission(args.positional(1));
    if (!permission) {
        return context.fail(permission.error());
    }
    const QString object = args.value(QStringLiteral("object"));
    if (args.isSet(QStringLiteral("object"))) {
        if (auto ok = AccessModel::validateObjectId(object); !ok) {
            return context.fail(CliError::fromError(ok.error()));
        }
    }
    auto open = IdentitySupport::open(context, Vault::Access::ReadOnly);
    if (!open) {
        return context.fail(open.error());
    }
    const AccessExplanation explanation = (*open)->explain(username, *permission, object);
    const QJsonObject fields = explanation.toJson();
    if (explanation.allowed) {
        return context.succeed(fields, explanation.toText());
    }
    const QString what = object.isEmpty()
                             ? permission->toString()
                             : QStringLiteral("%1 on object %2").arg(permission->toString(), object);
    return context.fail(
        CliError::negative(QStringLiteral("denied"),
                           QStringLiteral("access denied: %1 may not %2").arg(username, what)),
        fields, explanation.toText());
}

} // namespace

void AccessCommands::registerAll(CommandRegistry& registry)
{
    registry.add(CommandSpec{
        {QStringLiteral("access"), QStringLiteral("check")},
        QStringLiteral("Check whether a user holds a permission, and why"),
        QStringLiteral(
            "Answers whether USER holds PERMISSION, read-only, and explains the answer: the path from the "
            "user "
            "through roles (and included roles) to the permission, the admin:all wildcard, or an object "
            "grant; "
            "for a denial the reason and the closest grants the user's roles do hold. Exit 0 allowed, 1 "
            "denied "
            "(an unknown user is denied, too). Without --object only role permissions count; with it, object "
            "grants on exactly that object count as well."),
        {PositionalSpec{QStringLiteral("USER"), QStringLiteral("The username (case is ignored)")},
         PositionalSpec{QStringLiteral("PERMISSION"), QStringLiteral("action:resource, e.g. read:posts")}},
        {OptionSpec{QStringLiteral("object"), QStringLiteral("ID"),
                    QStringLiteral("Check the permission on this one object")}},
        runCheck});
}

} // namespace tessera::cli
