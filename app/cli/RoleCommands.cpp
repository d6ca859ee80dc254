#include "RoleCommands.h"

#include "TextLayout.h"
#include "CliContext.h"
#include "CommandRegistry.h"
#include "IdentitySupport.h"

#include <QJsonArray>
#include <QSet>

namespace tessera::cli {

namespace {

const QString kDryRun = QStringLiteral("dry-run");
const QString kYes = QStringLiteral("yes");

QStringList permissionNames(const QList<Permission>& permissions)
{
    QStringList names;
    for (const Permission& permission : permissions) {
        names.append(permission.toString());
    }
    return names;
}

QString listOrNone(const QStringList& items)
{
    return items.isEmpty() ? QStringLiteral("(none)") : items.join(QStringLiteral(", "));
}

// Users who hold `role` directly, sorted ignoring case.
QStringList holders(const Directory& directory, const QString& role)
{
    QStringList names;
    for (const UserAccess& user : directory.model().users()) {
        if (user.roles.contains(role)) {
            names.append(user.username);
        }
    }
    std::sort(names.begin(), names.end(),
              [](const QString& a, const QString& b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    return names;
}

CliStatus requireRole(const Directory& directory, const QString& role)
{
    if (directory.model().roles().hasRole(role)) {
        return {};
    }
    return cliFail(Error{ErrorKind::NotFound, QStringLiteral("no role named '%1'").arg(role)});
}

QJsonValue defaultRoleJson(const Directory& directory)
{
    return directory.defaultRole().isEmpty() ? QJsonValue(QJsonValue::Null)
                                             : QJsonValue(directory.defaultRole());
}

// Shows who gains and loses what, then (unless --dry-run) applies exactly that change.
int runChange(CliContext& context, const ParsedArgs& args, const RoleChange& change, const QString& doneText)
{
    const bool dryRun = args.isSet(kDryRun);
    const bool yes = args.isSet(kYes);
    if (change.removeRole && !dryRun) {
        if (auto ok = IdentitySupport::requireConfirmable(yes, QStringLiteral("deleting a role")); !ok) {
            return context.fail(ok.error());
        }
    }
    auto open = IdentitySupport::open(context, dryRun ? Vault::Access::ReadOnly : Vault::Access::ReadWrite);
    if (!open) {
        return context.fail(open.error());
    }
    auto preview = (*open)->previewRoleChange(change);
    if (!preview) {
        return context.fail(CliError::fromError(preview.error()));
    }
    QJsonObject fields{{QStringLiteral("role"), change.role},
                       {QStringLiteral("dryRun"), dryRun},
                       {QStringLiteral("applied"), false},
                       {QStringLiteral("preview"), IdentitySupport::previewJson(*preview)}};
    if (!context.jsonMode()) {
        context.writeOut(IdentitySupport::previewText(*preview));
    }
    if (dryRun) {
        return context.succeed(fields, QStringLiteral("Dry run: nothing was changed."));
    }
    if (change.removeRole) {
        const qsizetype held = holders(**open, change.role).size();
        if (auto ok = IdentitySupport::confirm(
                yes,
                QStringLiteral("Delete role %1 (held directly by %2 user(s))?").arg(change.role).arg(held));
            !ok) {
            return context.fail(ok.error(), fields);
        }
    }
    if (auto ok = (*open)->applyRoleChange(change); !ok) {
        return context.fail(CliError::fromError(ok.error()), fields);
    }
    fields.insert(QStringLiteral("applied"), true);
    return context.succeed(fields, doneText);
}

int runAdd(CliContext& context, const ParsedArgs& args)
{
    const QString role = args.positional(0);
    const QStringList includes = args.values(QStringLiteral("include"));
    auto open = IdentitySupport::open(context, Vault::Access::ReadWrite);
    if (!open) {
        return context.fail(open.error());
    }
    // Checked first, so a typo in --include does not leave a half-made role behind.
    for (const QString& included : includes) {
        if (auto ok = requireRole(**open, included); !ok) {
            return context.fail(ok.error());
        }
    }
    if (auto ok = (*open)->addRole(role, args.value(QStringLiteral("description"))); !ok) {
        return context.fail(CliError::fromError(ok.error()));
    }
    if (!includes.isEmpty()) {
        RoleChange change;
        change.role = role;
        change.include = includes;
        if (auto ok = (*open)->applyRoleChange(change); !ok) {
            return context.fail(CliError::fromError(ok.error()));
        }
    }
    const RoleDefinition* added = (*open)->model().roles().role(role);
    const QJsonObject fields{
        {QStringLiteral("role"),
         QJsonObject{{QStringLiteral("name"), role},
                     {QStringLiteral("description"), added ? added->description : QString()},
                     {QStringLiteral("includes"),
                      QJsonArray::fromStringList(added ? added->includes : QStringList{})},
                     {QStringLiteral("permissions"), QJsonArray()}}}};
    return context.succeed(
        fields,
        includes.isEmpty()
            ? QStringLiteral("Added role %1").arg(role)
            : QStringLiteral("Added role %1 (includes %2)").arg(role, includes.join(QStringLiteral(", "))));
}

int runList(CliContext& context, const ParsedArgs&)
{
    auto open = IdentitySupport::open(context, Vault::Access::ReadOnly);
    if (!open) {
        return context.fail(open.error());
    }
    const Directory& directory = **open;
    QHash<QString, int> counts;
    for (const UserAccess& user : directory.model().users()) {
        for (const QString& role : user.roles) {
            ++counts[role];
        }
    }
    QJsonArray roles;
    QList<QStringList> rows;
    for (const RoleDefinition& role : directory.roles()) {
        const QStringList permissions = permissionNames(role.permissions);
        const int users = counts.value(role.name);
        const bool isDefault = role.name == directory.defaultRole();
        roles.append(QJsonObject{{QStringLiteral("name"), role.name},
                                 {QStringLiteral("description"), role.description},
                                 {QStringLiteral("permissions"), QJsonArray::fromStringList(permissions)},
                                 {QStringLiteral("includes"), QJsonArray::fromStringList(role.includes)},
                                 {QStringLiteral("userCount"), users},
                                 {QStringLiteral("default"), isDefault}});
        rows.append({isDefault ? role.name + QStringLiteral(" (default)") : role.name,
                     permissions.join(QLatin1Char(',')), role.includes.join(QLatin1Char(',')),
                     QString::number(users), role.description});
    }
    const QString text = rows.isEmpty()
                             ? QStringLiteral("No roles.")
                             : TextLayout::table({QStringLiteral("ROLE"), QStringLiteral("PERMISSIONS"),
                                                       QStringLiteral("INCLUDES"), QStringLiteral("USERS"),
                                                       QStringLiteral("DESCRIPTION")},
                                                      rows);
    return context.succeed(QJsonObject{{QStringLiteral("count"), roles.size()},
                                       {QStringLiteral("defaultRole"), defaultRoleJson(directory)},
                                       {QStringLiteral("roles"), roles}},
                           text);
}

int runShow(CliContext& context, const ParsedArgs& args)
{
    auto open = IdentitySupport::open(context, Vault::Access::ReadOnly);
    if (!open) {
        return context.fail(open.error());
    }
    const Directory& directory = **open;
    const QString name = args.positional(0);
    const RoleGraph& graph = directory.model().roles();
    const RoleDefinition* role = graph.role(name);
    if (!role) {
        return context.fail(
            CliError::fromError(Error{ErrorKind::NotFound, QStringLiteral("no role named '%1'").arg(name)}));
    }
    const QStringList direct = permissionNames(role->permissions);
    const QStringList effective = permissionNames(graph.effectivePermissions(name));
    const QStringList allIncluded = graph.includedRoles(name);
    const QStringList includedBy = graph.rolesIncluding(name);
    const QStringList users = holders(directory, name);
    QStringList indirect;
    {
        QSet<QString> seen(users.cbegin(), users.cend());
        for (const QString& other : includedBy) {
            for (const QString& user : holders(directory, other)) {
                if (!seen.contains(user)) {
                    seen.insert(user);
                    indirect.append(user);
                }
            }
        }
        std::sort(indirect.begin(), indirect.end(),
                  [](const QString& a, const QString& b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    }
    const bool isDefault = name == directory.defaultRole();
    const QJsonObject json{
        {QStringLiteral("name"), name},
        {QStringLiteral("description"), role->description},
        {QStringLiteral("default"), isDefault},
        {QStringLiteral("permissions"), QJsonArray::fromStringList(direct)},
        {QStringLiteral("effectivePermissions"), QJsonArray::fromStringList(effective)},
        {QStringLiteral("includes"), QJsonArray::fromStringList(role->includes)},
        {QStringLiteral("includesAll"), QJsonArray::fromStringList(allIncluded)},
        {QStringLiteral("includedBy"), QJsonArray::fromStringList(includedBy)},
        {QStringLiteral("users"), QJsonArray::fromStringList(users)},
        {QStringLiteral("usersThroughOtherRoles"), QJsonArray::fromStringList(indirect)},
    };
    const QString text = TextLayout::labelled({
        {QStringLiteral("Role"), isDefault ? name + QStringLiteral(" (default for new users)") : name},
        {QStringLiteral("Description"), role->description},
        {QStringLiteral("Direct permissions"), listOrNone(direct)},
        {QStringLiteral("Effective permissions"), listOrNone(effective)},
        {QStringLiteral("Includes"), listOrNone(role->includes)},
        {QStringLiteral("Includes (all)"), listOrNone(allIncluded)},
        {QStringLiteral("Included by"), listOrNone(includedBy)},
        {QStringLiteral("Users"), listOrNone(users)},
        {QStringLiteral("Users through other roles"), listOrNone(indirect)},
    });
    return context.succeed(QJsonObject{{QStringLiteral("role"), json}}, text);
}

int runDelete(CliContext& context, const ParsedArgs& args)
{
    RoleChange change;
    change.role = args.positional(0);
    change.removeRole = true;
    return runChange(context, args, change, QStringLiteral("Deleted role %1").arg(change.role));
}

int runGrantOrRevoke(CliContext& context, const ParsedArgs& args, bool grant)
{
    auto permissions = IdentitySupport::permissions(args.positionals().mid(1));
    if (!permissions) {
        return context.fail(permissions.error());
    }
    RoleChange change;
    change.role = args.positional(0);
    (grant ? change.grant : change.revoke) = *permissions;
    const QString list = args.positionals().mid(1).join(QStringLiteral(", "));
    return runChange(context, args, change,
                     grant ? QStringLiteral("Granted %1 to role %2").arg(list, change.role)
                           : QStringLiteral("Revoked %1 from role %2").arg(list, change.role));
}

int runGrant(CliContext& context, const ParsedArgs& args)
{
    return runGrantOrRevoke(context, args, true);
}

int runRevoke(CliContext& context, const ParsedArgs& args)
{
    return runGrantOrRevoke(context, args, false);
}

int runInclude(CliContext& context, const ParsedArgs& args)
{
    RoleChange change;
    change.role = args.positional(0);
    change.include = {args.positional(1)};
    return runChange(context, args, change,
                     QStringLiteral("Role %1 now includes %2").arg(change.role, args.positional(1)));
}

int runExclude(CliContext& context, const ParsedArgs& args)
{
    RoleChange change;
    change.role = args.positional(0);
    change.removeInclude = {args.positional(1)};
    return runChange(context, args, change,
                     QStringLiteral("Role %1 no longer includes %2").arg(change.role, args.positional(1)));
}

int runAssignment(CliContext& context, const ParsedArgs& args, bool assign)
{
    const QString role = args.positional(0);
    auto open = IdentitySupport::open(context, Vault::Access::ReadWrite);
    if (!open) {
        return context.fail(open.error());
    }
    if (auto ok = requireRole(**open, role); !ok) {
        return context.fail(ok.error());
    }
    auto names = IdentitySupport::storedUsernames(**open, args.positionals().mid(1));
    if (!names) {
        return context.fail(names.error());
    }
    auto done = assign ? (*open)->assignRole(*names, role) : (*open)->unassignRole(*names, role);
    if (!done) {
        return context.fail(CliError::fromError(done.error()));
    }
    const QString list = names->join(QStringLiteral(", "));
    return context.succeed(QJsonObject{{QStringLiteral("role"), role},
                                       {QStringLiteral("users"), QJsonArray::fromStringList(*names)}},
                           assign ? QStringLiteral("Assigned role %1 to %2").arg(role, list)
                                  : QStringLiteral("Removed role %1 from %2").arg(role, list));
}

int runAssign(CliContext& context, const ParsedArgs& args)
{
    return runAssignment(context, args, true);
}

int runUnassign(CliContext& context, const ParsedArgs& args)
{
    return runAssignment(context, args, false);
}

int runRename(CliContext& context, const ParsedArgs& args)
{
    const QString from = args.positional(0);
    const QString to = args.positional(1);
    auto open = IdentitySupport::open(context, Vault::Access::ReadWrite);
    if (!open) {
        return context.fail(open.error());
    }
    if (auto ok = (*open)->renameRole(from, to); !ok) {
        return context.fail(CliError::fromError(ok.error()));
    }
    return context.succeed(QJsonObject{{QStringLiteral("from"), from}, {QStringLiteral("to"), to}},
                           QStringLiteral("Renamed role %1 to %2").arg(from, to));
}

int runDefault(CliContext& context, const ParsedArgs& args)
{
    const bool none = args.isSet(QStringLiteral("none"));
    const bool set = none || !args.positionals().isEmpty();
    if (none && !args.positionals().isEmpty()) {
        return context.fail(CliError::usage(QStringLiteral("give either ROLE or --none, not both")));
    }
    auto open = IdentitySupport::open(context, set ? Vault::Access::ReadWrite : Vault::Access::ReadOnly);
    if (!open) {
        return context.fail(open.error());
    }
    if (set) {
        if (auto ok = (*open)->setDefaultRole(none ? QString() : args.positional(0)); !ok) {
            return context.fail(CliError::fromError(ok.error()));
        }
    }
    const QString role = (*open)->defaultRole();
    QString text;
    if (set) {
        text = role.isEmpty() ? QStringLiteral("New users now get no role")
                              : QStringLiteral("New users now get role %1").arg(role);
    } else {
        text = role.isEmpty() ? QStringLiteral("New users get no role")
                              : QStringLiteral("New users get role %1").arg(role);
    }
    return context.succeed(QJsonObject{{QStringLiteral("defaultRole"), defaultRoleJson(**open)}}, text);
}

PositionalSpec roleArgument(const QString& help = QStringLiteral("The role's name"))
{
    return PositionalSpec{QStringLiteral("ROLE"), help};
}

OptionSpec dryRun()
{
    return OptionSpec{kDryRun, QString(),
                      QStringLiteral("Show who would gain and lose what; change nothing")};
}

} // namespace

void RoleCommands::registerAll(CommandRegistry& registry)
{
    const QStringList word{QStringLiteral("role")};
    const QString previewNote = QStringLiteral(
        " First shows which users gain and which lose which permissions; --dry-run stops there.");
    registry.add(CommandSpec{
        word + QStringList{QStringLiteral("add")},
        QStringLiteral("Add a role"),
        QStringLiteral(
            "Adds a role with no permissions of its own (grant them with 'role grant'). Role names "
            "are 1-64 lower-case letters, digits, '_' or '-'."),
        {roleArgument(QStringLiteral("The new role's name"))},
        {OptionSpec{QStringLiteral("description"), QStringLiteral("TEXT"),
                    QStringLiteral("What the role is for")},
         OptionSpec{QStringLiteral("include"), QStringLiteral("ROLE"),
                    QStringLiteral("Also grant everything ROLE grants (a composite role)"), true}},
        runAdd});

    registry.add(
        CommandSpec{word + QStringList{QStringLiteral("list")},
                    QStringLiteral("List roles"),
                    QStringLiteral("Lists the roles, read-only: direct permissions, included roles, the "
                                   "number of users holding each directly, and the default role for "
                                   "new users."),
                    {},
                    {},
                    runList});

    registry.add(CommandSpec{
        word + QStringList{QStringLiteral("show")},
        QStringLiteral("Show one role in full"),
        QStringLiteral("Shows a role, read-only: direct and effective permissions (through included roles), "
                       "included roles, roles that include it, and the users holding it."),
        {roleArgument()},
        {},
        runShow});

    registry.add(CommandSpec{
        word + QStringList{QStringLiteral("delete")},
        QStringLiteral("Delete a role"),
        QStringLiteral("Deletes a role; its users lose it and roles including it stop doing so. Asks on the "
                       "terminal; without a terminal --yes is required (exit 2 otherwise).") +
            previewNote,
        {roleArgument()},
        {OptionSpec{kYes, QString(), QStringLiteral("Delete without asking")}, dryRun()},
        runDelete});

    const PositionalSpec permissions{
        QStringLiteral("PERMISSION"),
        QStringLiteral("One or more permissions action:resource, e.g. read:posts "
                       "(admin:all grants everything)"),
        PositionalSpec::Arity::Many};
    registry.add(
        CommandSpec{word + QStringList{QStringLiteral("grant")},
                    QStringLiteral("Grant permissions to a role"),
                    QStringLiteral("Grants the permissions to the role, for every object.") + previewNote,
                    {roleArgument(), permissions},
                    {dryRun()},
                    runGrant});

    registry.add(CommandSpec{word + QStringList{QStringLiteral("revoke")},
                             QStringLiteral("Revoke permissions from a role"),
                             QStringLiteral("Revokes permissions the role grants directly.") + previewNote,
                             {roleArgument(), permissions},
                             {dryRun()},
                             runRevoke});

    const PositionalSpec other{QStringLiteral("OTHER"), QStringLiteral("The included role")};
    registry.add(CommandSpec{
        word + QStringList{QStringLiteral("include")},
        QStringLiteral("Make a role include another (composite roles)"),
        QStringLiteral(
            "ROLE also grants everything OTHER grants. An include that would make a cycle is refused "
            "and the cycle is named (exit 2).") +
            previewNote,
        {roleArgument(), other},
        {dryRun()},
        runInclude});

    registry.add(CommandSpec{word + QStringList{QStringLiteral("exclude")},
                             QStringLiteral("Stop a role including another"),
                             QStringLiteral("Removes OTHER from the roles ROLE includes.") + previewNote,
                             {roleArgument(), other},
                             {dryRun()},
                             runExclude});

    const PositionalSpec users{QStringLiteral("USER"), QStringLiteral("One or more usernames"),
                               PositionalSpec::Arity::Many};
    registry.add(
        CommandSpec{word + QStringList{QStringLiteral("assign")},
                    QStringLiteral("Give users a role"),
                    QStringLiteral("Gives the role to the users, all or none; users who hold it already "
                                   "are left as they are."),
                    {roleArgument(), users},
                    {},
                    runAssign});

    registry.add(
        CommandSpec{word + QStringList{QStringLiteral("unassign")},
                    QStringLiteral("Take a role from users"),
                    QStringLiteral("Takes the role from the users, all or none; users who do not hold it "
                                   "are left as they are."),
                    {roleArgument(), users},
                    {},
                    runUnassign});

    registry.add(CommandSpec{word + QStringList{QStringLiteral("rename")},
                             QStringLiteral("Rename a role"),
                             QStringLiteral("Renames a role; users, includes and the default role follow."),
                             {PositionalSpec{QStringLiteral("OLD"), QStringLiteral("The role's name")},
                              PositionalSpec{QStringLiteral("NEW"), QStringLiteral("Its new name")}},
                             {},
                             runRename});

    registry.add(CommandSpec{
        word + QStringList{QStringLiteral("default")},
        QStringLiteral("Show or set the role new users get"),
        QStringLiteral(
            "Without ROLE, shows the role 'user add' gives when no --role is given (read-only). With "
            "ROLE, makes it the default; --none makes new users start with no role."),
        {PositionalSpec{QStringLiteral("ROLE"), QStringLiteral("The new default role"),
                        PositionalSpec::Arity::Optional}},
        {OptionSpec{QStringLiteral("none"), QString(), QStringLiteral("New users get no role")}},
        runDefault});
}

} // namespace tessera::cli
