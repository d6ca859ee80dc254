#include "UserCommands.h"

#include "TextLayout.h"
#include "CliContext.h"
#include "CommandRegistry.h"
#include "IdentitySupport.h"
#include "JsonOutput.h"
#include "MfaOutput.h"
#include "TerminalPrompt.h"
#include "mfa/MfaService.h"

#include <QJsonArray>
#include <algorithm>

namespace tessera::cli {

namespace {

const QString kPasswordStdin = QStringLiteral("password-stdin");
const QString kNoMustChange = QStringLiteral("no-must-change");

// "disabled", "locked", "no-password" or "active", in that order of precedence.
QString statusName(bool disabled, qint64 lockedUntilMs, bool hasPassword, qint64 nowMs)
{
    if (disabled) {
        return QStringLiteral("disabled");
    }
    if (lockedUntilMs > nowMs) {
        return QStringLiteral("locked");
    }
    return hasPassword ? QStringLiteral("active") : QStringLiteral("no-password");
}

QString statusText(bool disabled, qint64 lockedUntilMs, bool hasPassword, qint64 nowMs)
{
    QStringList parts;
    if (disabled) {
        parts << QStringLiteral("disabled");
    }
    if (lockedUntilMs > nowMs) {
        parts << QStringLiteral("locked until %1").arg(JsonOutput::isoUtc(lockedUntilMs));
    }
    if (!hasPassword) {
        parts << QStringLiteral("no password");
    }
    return parts.isEmpty() ? QStringLiteral("active") : parts.join(QStringLiteral(", "));
}

// UserSummary::roles is "admin, editor".
QStringList sortedRoles(const QString& commaSeparated)
{
    QStringList roles;
    for (const QString& role : commaSeparated.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (const QString name = role.trimmed(); !name.isEmpty()) {
            roles.append(name);
        }
    }
    std::sort(roles.begin(), roles.end());
    return roles;
}

QJsonObject summaryJson(const UserSummary& user, qint64 nowMs)
{
    return QJsonObject{
        {QStringLiteral("username"), user.username},
        {QStringLiteral("displayName"), user.displayName},
        {QStringLiteral("email"), user.email},
        {QStringLiteral("roles"), QJsonArray::fromStringList(sortedRoles(user.roles))},
        {QStringLiteral("status"), statusName(user.disabled, user.lockedUntilMs, user.hasPassword, nowMs)},
        {QStringLiteral("disabled"), user.disabled},
        {QStringLiteral("locked"), user.lockedUntilMs > nowMs},
        {QStringLiteral("hasPassword"), user.hasPassword},
        {QStringLiteral("lastSignIn"), IdentitySupport::isoOrNull(user.lastLoginMs)},
        {QStringLiteral("lastSignInMs"), IdentitySupport::msOrNull(user.lastLoginMs)},
    };
}

QJsonArray grantsJson(const QList<ObjectGrant>& grants)
{
    QJsonArray array;
    for (const ObjectGrant& grant : grants) {
        array.append(QJsonObject{{QStringLiteral("permission"), grant.permission.toString()},
                                 {QStringLiteral("object"), grant.objectId}});
    }
    return array;
}

QStringList permissionNames(const QList<Permission>& permissions)
{
    QStringList names;
    for (const Permission& permission : permissions) {
        names.append(permission.toString());
    }
    return names;
}

// Every field of an account except the password hash, which never leaves the core.
QJsonObject userJson(const User& user, const QList<Permission>& effective, qint64 nowMs)
{
    QJsonObject attributes;
    for (auto it = user.attributes.cbegin(); it != user.attributes.cend(); ++it) {
        attributes.insert(it.key(), it.value());
    }
    const bool locked = user.isLockedAt(nowMs);
    return QJsonObject{
        {QStringLiteral("username"), user.username},
        {QStringLiteral("displayName"), user.displayName},
        {QStringLiteral("email"), user.email},
        {QStringLiteral("notes"), user.notes},
        {QStringLiteral("attributes"), attributes},
        {QStringLiteral("roles"), QJsonArray::fromStringList(user.roles)},
        {QStringLiteral("effectivePermissions"), QJsonArray::fromStringList(permissionNames(effective))},
        {QStringLiteral("objectGrants"), grantsJson(user.objectGrants)},
        {QStringLiteral("status"), statusName(user.disabled, user.lockedUntilMs, user.hasPassword, nowMs)},
        {QStringLiteral("disabled"), user.disabled},
        {QStringLiteral("hasPassword"), user.hasPassword},
        {QStringLiteral("mustChangePassword"), user.mustChangePassword},
        {QStringLiteral("locked"), locked},
        {QStringLiteral("lockedUntil"), IdentitySupport::isoOrNull(locked ? user.lockedUntilMs : 0)},
        {QStringLiteral("lockedUntilMs"), IdentitySupport::msOrNull(locked ? user.lockedUntilMs : 0)},
        {QStringLiteral("failedSignIns"), user.failedLogins},
        {QStringLiteral("lastSignIn"), IdentitySupport::isoOrNull(user.lastLoginMs)},
        {QStringLiteral("lastSignInMs"), IdentitySupport::msOrNull(user.lastLoginMs)},
        {QStringLiteral("createdAt"), IdentitySupport::isoOrNull(user.createdMs)},
        {QStringLiteral("createdAtMs"), user.createdMs},
        {QStringLiteral("updatedAt"), IdentitySupport::isoOrNull(user.updatedMs)},
        {QStringLiteral("updatedAtMs"), user.updatedMs},
    };
}

QString userText(const User& user, const QList<Permission>& effective, qint64 nowMs, const MfaStatus& mfa)
{
    const QString none = QStringLiteral("(none)");
    QList<std::pair<QString, QString>> rows{
        {QStringLiteral("Username"), user.username},
        {QStringLiteral("Name"), user.displayName},
        {QStringLiteral("Email"), user.email},
        {QStringLiteral("Status"), statusText(user.disabled, user.lockedUntilMs, user.hasPassword, nowMs)},
        {QStringLiteral("Must change password"),
         user.mustChangePassword ? QStringLiteral("yes") : QStringLiteral("no")},
        {QStringLiteral("Failed sign-ins"), QString::number(user.failedLogins)},
        {QStringLiteral("Last sign-in"), IdentitySupport::isoOrNever(user.lastLoginMs)},
        {QStringLiteral("Second factor"), MfaOutput::summaryText(mfa)},
        {QStringLiteral("Roles"), user.roles.isEmpty() ? none : user.roles.join(QStringLiteral(", "))},
        {QStringLiteral("Effective permissions"),
         effective.isEmpty() ? none : permissionNames(effective).join(QStringLiteral(", "))},
    };
    QStringList grants;
    for (const ObjectGrant& grant : user.objectGrants) {
        grants << QStringLiteral("%1 on object %2").arg(grant.permission.toString(), grant.objectId);
    }
    rows.append(
        {QStringLiteral("Object grants"), grants.isEmpty() ? none : grants.join(QStringLiteral(", "))});
    QStringList attributes;
    for (auto it = user.attributes.cbegin(); it != user.attributes.cend(); ++it) {
        attributes << QStringLiteral("%1=%2").arg(it.key(), it.value());
    }
    rows.append(
        {QStringLiteral("Attributes"), attributes.isEmpty() ? none : attributes.join(QStringLiteral(", "))});
    rows.append({QStringLiteral("Notes"), QString(user.notes).replace(QLatin1Char('\n'), QLatin1Char(' '))});
    rows.append({QStringLiteral("Created"), IdentitySupport::isoOrNever(user.createdMs)});
    rows.append({QStringLiteral("Updated"), IdentitySupport::isoOrNever(user.updatedMs)});
    return TextLayout::labelled(rows);
}

// A new password for an account: from stdin with --password-stdin, else asked twice on a terminal.
CliStatus requireNewPasswordSource(const ParsedArgs& args)
{
    if (args.isSet(kPasswordStdin) || TerminalPrompt::isInteractive()) {
        return {};
    }
    return cliFail(CliError::usage(
        QStringLiteral("no new password: pass --password-stdin and write it to stdin, or run in a terminal "
                       "to be asked")));
}

CliResult<SecretBuffer> readNewPassword(const ParsedArgs& args, const QString& username)
{
    const QString prompt = QStringLiteral("New password for %1: ").arg(username);
    if (args.isSet(kPasswordStdin)) {
        return IdentitySupport::readStdinSecret(prompt);
    }
    auto first = TerminalPrompt::readSecret(prompt);
    if (!first) {
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

QJsonObject userFields(const OpenDirectory& open, const QString& username)
{
    auto user = open->user(username);
    if (!user) {
        return {};
    }
    return QJsonObject{
        {QStringLiteral("user"),
         userJson(*user, open->evaluator().effectivePermissions(user->username), open.nowMs())}};
}

int runAdd(CliContext& context, const ParsedArgs& args)
{
    const QString username = args.positional(0);
    if (args.isSet(QStringLiteral("role")) && args.isSet(QStringLiteral("no-role"))) {
        return context.fail(CliError::usage(QStringLiteral("--role and --no-role cannot be combined")));
    }
    NewUser newUser;
    newUser.username = username;
    newUser.displayName = args.value(QStringLiteral("name"));
    newUser.email = args.value(QStringLiteral("email"));
    if (args.isSet(QStringLiteral("no-role"))) {
        newUser.roles = QStringList{};
    } else if (args.isSet(QStringLiteral("role"))) {
        newUser.roles = args.values(QStringLiteral("role"));
    }
    newUser.disabled = args.isSet(QStringLiteral("disabled"));
    newUser.mustChangePassword = !args.isSet(kNoMustChange);

    auto open = IdentitySupport::open(context, Vault::Access::ReadWrite);
    if (!open) {
        return context.fail(open.error());
    }
    std::optional<SecretBuffer> password;
    if (args.isSet(kPasswordStdin)) {
        auto read = IdentitySupport::readStdinSecret(QStringLiteral("Password for %1: ").arg(username));
        if (!read) {
            return context.fail(read.error());
        }
        password = std::move(*read);
    }
    auto added = (*open)->addUser(newUser, password ? &*password : nullptr);
    if (password) {
        password->wipe();
    }
    if (!added) {
        return context.fail(CliError::fromError(added.error()));
    }
    QStringList notes;
    notes << (added->roles.isEmpty()
                  ? QStringLiteral("no roles")
                  : QStringLiteral("roles: %1").arg(added->roles.join(QStringLiteral(", "))));
    if (!added->hasPassword) {
        notes << QStringLiteral("no password yet");
    } else if (added->mustChangePassword) {
        notes << QStringLiteral("must change the password at the first sign-in");
    }
    if (added->disabled) {
        notes << QStringLiteral("disabled");
    }
    return context.succeed(
        userFields(*open, added->username),
        QStringLiteral("Added user %1 (%2)").arg(added->username, notes.join(QStringLiteral("; "))));
}

int runList(CliContext& context, const ParsedArgs& args)
{
    const bool onlyDisabled = args.isSet(QStringLiteral("disabled"));
    const bool onlyLocked = args.isSet(QStringLiteral("locked"));
    if (onlyDisabled && onlyLocked) {
        return context.fail(CliError::usage(QStringLiteral("--disabled and --locked cannot be combined")));
    }
    const QString filter = args.value(QStringLiteral("filter"));
    const QString role = args.value(QStringLiteral("role"));
    auto open = IdentitySupport::open(context, Vault::Access::ReadOnly);
    if (!open) {
        return context.fail(open.error());
    }
    if (args.isSet(QStringLiteral("role")) && !(*open)->model().roles().hasRole(role)) {
        return context.fail(
            CliError::fromError(Error{ErrorKind::NotFound, QStringLiteral("no role named '%1'").arg(role)}));
    }
    auto summaries = (*open)->userSummaries();
    if (!summaries) {
        return context.fail(CliError::fromError(summaries.error()));
    }
    const qint64 now = open->nowMs();
    QList<UserSummary> shown;
    for (const UserSummary& user : std::as_const(*summaries)) {
        if (!filter.isEmpty() && !user.username.contains(filter, Qt::CaseInsensitive) &&
            !user.displayName.contains(filter, Qt::CaseInsensitive) &&
            !user.email.contains(filter, Qt::CaseInsensitive)) {
            continue;
        }
        if (!role.isEmpty() && !sortedRoles(user.roles).contains(role)) {
            continue;
        }
        if ((onlyDisabled && !user.disabled) || (onlyLocked && user.lockedUntilMs <= now)) {
            continue;
        }
        shown.append(user);
    }
    std::sort(shown.begin(), shown.end(), [](const UserSummary& a, const UserSummary& b) {
        return a.username.compare(b.username, Qt::CaseInsensitive) < 0;
    });
    QJsonArray users;
    QList<QStringList> rows;
    for (const UserSummary& user : std::as_const(shown)) {
        users.append(summaryJson(user, now));
        rows.append({user.username, user.displayName, user.email,
                     sortedRoles(user.roles).join(QLatin1Char(',')),
                     statusText(user.disabled, user.lockedUntilMs, user.hasPassword, now),
                     IdentitySupport::isoOrNever(user.lastLoginMs)});
    }
    const QString text =
        rows.isEmpty() ? QStringLiteral("No users.")
                       : TextLayout::table({QStringLiteral("USERNAME"), QStringLiteral("NAME"),
                                                 QStringLiteral("EMAIL"), QStringLiteral("ROLES"),
                                                 QStringLiteral("STATUS"), QStringLiteral("LAST SIGN-IN")},
                                                rows);
    return context.succeed(
        QJsonObject{{QStringLiteral("count"), users.size()}, {QStringLiteral("users"), users}}, text);
}

int runShow(CliContext& context, const ParsedArgs& args)
{
    auto open = IdentitySupport::open(context, Vault::Access::ReadOnly);
    if (!open) {
        return context.fail(open.error());
    }
    auto user = (*open)->user(args.positional(0));
    if (!user) {
        return context.fail(CliError::fromError(user.error()));
    }
    const QList<Permission> effective = (*open)->evaluator().effectivePermissions(user->username);
    auto mfa = (*open)->mfa().status(user->username);
    if (!mfa) {
        return context.fail(CliError::fromError(mfa.error()));
    }
    QJsonObject json = userJson(*user, effective, open->nowMs());
    json.insert(QStringLiteral("mfa"), MfaOutput::summaryJson(*mfa));
    return context.succeed(QJsonObject{{QStringLiteral("user"), json}},
                           userText(*user, effective, open->nowMs(), *mfa));
}

int runPasswd(CliContext& context, const ParsedArgs& args)
{
    if (auto ok = requireNewPasswordSource(args); !ok) {
        return context.fail(ok.error());
    }
    auto open = IdentitySupport::open(context, Vault::Access::ReadWrite);
    if (!open) {
        return context.fail(open.error());
    }
    auto names = IdentitySupport::storedUsernames(**open, {args.positional(0)});
    if (!names) {
        return context.fail(names.error());
    }
    const QString username = names->front();
    auto password = readNewPassword(args, username);
    if (!password) {
        return context.fail(password.error());
    }
    const bool mustChange = !args.isSet(kNoMustChange);
    auto changed = (*open)->setPassword(username, *password, mustChange);
    password->wipe();
    if (!changed) {
        return context.fail(CliError::fromError(changed.error()));
    }
    return context.succeed(userFields(*open, username),
                           mustChange
                               ? QStringLiteral("Set the password of %1; it must be changed at the next "
                                                "sign-in")
                                     .arg(username)
                               : QStringLiteral("Set the password of %1").arg(username));
}

int runSetDisabled(CliContext& context, const ParsedArgs& args, bool disabled)
{
    auto open = IdentitySupport::open(context, Vault::Access::ReadWrite);
    if (!open) {
        return context.fail(open.error());
    }
    auto names = IdentitySupport::storedUsernames(**open, args.positionals());
    if (!names) {
        return context.fail(names.error());
    }
    if (auto ok = (*open)->setDisabled(*names, disabled); !ok) {
        return context.fail(CliError::fromError(ok.error()));
    }
    return context.succeed(
        QJsonObject{{QStringLiteral("users"), QJsonArray::fromStringList(*names)},
                    {QStringLiteral("disabled"), disabled}},
        QStringLiteral("%1 %2").arg(disabled ? QStringLiteral("Disabled") : QStringLiteral("Enabled"),
                                    names->join(QStringLiteral(", "))));
}

int runDisable(CliContext& context, const ParsedArgs& args)
{
    return runSetDisabled(context, args, true);
}

int runEnable(CliContext& context, const ParsedArgs& args)
{
    return runSetDisabled(context, args, false);
}

int runDelete(CliContext& context, const ParsedArgs& args)
{
    const bool yes = args.isSet(QStringLiteral("yes"));
    if (auto ok = IdentitySupport::requireConfirmable(yes, QStringLiteral("deleting users")); !ok) {
        return context.fail(ok.error());
    }
    auto open = IdentitySupport::open(context, Vault::Access::ReadWrite);
    if (!open) {
        return context.fail(open.error());
    }
    auto names = IdentitySupport::storedUsernames(**open, args.positionals());
    if (!names) {
        return context.fail(names.error());
    }
    if (auto ok =
            IdentitySupport::confirm(yes, QStringLiteral("Delete %1 user(s): %2? This cannot be undone.")
                                              .arg(names->size())
                                              .arg(names->join(QStringLiteral(", "))));
        !ok) {
        return context.fail(ok.error());
    }
    if (auto ok = (*open)->deleteUsers(*names); !ok) {
        return context.fail(CliError::fromError(ok.error()));
    }
    return context.succeed(QJsonObject{{QStringLiteral("deleted"), QJsonArray::fromStringList(*names)}},
                           QStringLiteral("Deleted %1").arg(names->join(QStringLiteral(", "))));
}

int runUnlock(CliContext& context, const ParsedArgs& args)
{
    auto open = IdentitySupport::open(context, Vault::Access::ReadWrite);
    if (!open) {
        return context.fail(open.error());
    }
    auto names = IdentitySupport::storedUsernames(**open, {args.positional(0)});
    if (!names) {
        return context.fail(names.error());
    }
    if (auto ok = (*open)->unlockUser(names->front()); !ok) {
        return context.fail(CliError::fromError(ok.error()));
    }
    return context.succeed(
        userFields(*open, names->front()),
        QStringLiteral("Unlocked %1: failed sign-ins and any lock cleared").arg(names->front()));
}

struct ProfileEdit
{
    std::optional<QString> name;
    std::optional<QString> email;
    std::optional<QString> notes;
    QMap<QString, QString> setAttributes;
    QStringList unsetAttributes;
    std::optional<QString> rename;

    bool isEmpty() const
    {
        return !name && !email && !notes && setAttributes.isEmpty() && unsetAttributes.isEmpty() && !rename;
    }
};

CliResult<ProfileEdit> parseProfileEdit(const ParsedArgs& args)
{
    ProfileEdit edit;
    auto optional = [&args](const QString& option) -> std::optional<QString> {
        if (!args.isSet(option)) {
            return std::nullopt;
        }
        return args.value(option);
    };
    edit.name = optional(QStringLiteral("name"));
    edit.email = optional(QStringLiteral("email"));
    edit.notes = optional(QStringLiteral("notes"));
    edit.rename = optional(QStringLiteral("rename"));
    for (const QString& pair : args.values(QStringLiteral("attr"))) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            return cliFail(CliError::usage(QStringLiteral("--attr needs KEY=VALUE, not '%1'").arg(pair)));
        }
        edit.setAttributes.insert(pair.left(eq), pair.mid(eq + 1));
    }
    edit.unsetAttributes = args.values(QStringLiteral("unset-attr"));
    for (const QString& key : std::as_const(edit.unsetAttributes)) {
        if (edit.setAttributes.contains(key)) {
            return cliFail(CliError::usage(
                QStringLiteral("attribute '%1' is both set (--attr) and removed (--unset-attr)").arg(key)));
        }
    }
    if (edit.isEmpty()) {
        return cliFail(CliError::usage(QStringLiteral(
            "nothing to change: give --name, --email, --notes, --attr, --unset-attr or --rename")));
    }
    return edit;
}

int runSet(CliContext& context, const ParsedArgs& args)
{
    auto edit = parseProfileEdit(args);
    if (!edit) {
        return context.fail(edit.error());
    }
    auto open = IdentitySupport::open(context, Vault::Access::ReadWrite);
    if (!open) {
        return context.fail(open.error());
    }
    auto current = (*open)->user(args.positional(0));
    if (!current) {
        return context.fail(CliError::fromError(current.error()));
    }
    UserProfile profile{current->displayName, current->email, current->notes, current->attributes};
    profile.displayName = edit->name.value_or(profile.displayName);
    profile.email = edit->email.value_or(profile.email);
    profile.notes = edit->notes.value_or(profile.notes);
    for (auto it = edit->setAttributes.cbegin(); it != edit->setAttributes.cend(); ++it) {
        profile.attributes.insert(it.key(), it.value());
    }
    for (const QString& key : std::as_const(edit->unsetAttributes)) {
        if (profile.attributes.remove(key) == 0) {
            return context.fail(CliError::fromError(
                Error{ErrorKind::NotFound,
                      QStringLiteral("%1 has no attribute '%2'").arg(current->username, key)}));
        }
    }
    if (auto ok = (*open)->updateProfile(current->username, profile); !ok) {
        return context.fail(CliError::fromError(ok.error()));
    }
    QString username = current->username;
    if (edit->rename) {
        if (auto ok = (*open)->renameUser(username, *edit->rename); !ok) {
            return context.fail(CliError::fromError(ok.error()));
        }
        username = *edit->rename;
    }
    return context.succeed(userFields(*open, username), QStringLiteral("Updated user %1").arg(username));
}

int runObjectGrant(CliContext& context, const ParsedArgs& args, bool grant)
{
    auto permission = IdentitySupport::permission(args.positional(1));
    if (!permission) {
        return context.fail(permission.error());
    }
    if (!args.isSet(QStringLiteral("object"))) {
        return context.fail(CliError::usage(QStringLiteral(
            "--object ID is required: a user is granted a permission on one object; grant it to "
            "a role ('tessera-cli role grant') for every object")));
    }
    const QString object = args.value(QStringLiteral("object"));
    auto open = IdentitySupport::open(context, Vault::Access::ReadWrite);
    if (!open) {
        return context.fail(open.error());
    }
    auto names = IdentitySupport::storedUsernames(**open, {args.positional(0)});
    if (!names) {
        return context.fail(names.error());
    }
    const QString username = names->front();
    auto done = grant ? (*open)->grantObject(username, *permission, object)
                      : (*open)->revokeObject(username, *permission, object);
    if (!done) {
        return context.fail(CliError::fromError(done.error()));
    }
    QJsonObject fields = userFields(*open, username);
    fields.insert(QStringLiteral("permission"), permission->toString());
    fields.insert(QStringLiteral("object"), object);
    return context.succeed(
        fields,
        grant ? QStringLiteral("Granted %1 on object %2 to %3").arg(permission->toString(), object, username)
              : QStringLiteral("Revoked %1 on object %2 from %3")
                    .arg(permission->toString(), object, username));
}

int runGrant(CliContext& context, const ParsedArgs& args)
{
    return runObjectGrant(context, args, true);
}

int runRevoke(CliContext& context, const ParsedArgs& args)
{
    return runObjectGrant(context, args, false);
}

PositionalSpec user(const QString& help = QStringLiteral("The username (case is ignored when looking it up)"))
{
    return PositionalSpec{QStringLiteral("USER"), help};
}

PositionalSpec users()
{
    return PositionalSpec{QStringLiteral("USER"), QStringLiteral("One or more usernames"),
                          PositionalSpec::Arity::Many};
}

OptionSpec flag(const QString& name, const QString& help)
{
    return OptionSpec{name, QString(), help};
}

OptionSpec passwordStdin()
{
    return flag(kPasswordStdin, QStringLiteral("Read the user's password from the first line of stdin (the "
                                               "master password must then come from --password-file or "
                                               "$TESSERA_PASSWORD)"));
}

OptionSpec noMustChange()
{
    return flag(kNoMustChange,
                QStringLiteral("Do not require a password change at the next sign-in (by default a password "
                               "an admin sets must be changed)"));
}

} // namespace

void UserCommands::registerAll(CommandRegistry& registry)
{
    const QStringList word{QStringLiteral("user")};
    registry.add(CommandSpec{
        word + QStringList{QStringLiteral("add")},
        QStringLiteral("Add a user account"),
        QStringLiteral(
            "Adds an account. Usernames are 1-64 letters, digits and . _ - @, unique ignoring case. Without "
            "--role the user gets the vault's default role for new users ('tessera-cli role default'). "
            "The account has no password unless --password-stdin is given; the password must meet the "
            "vault's password policy (every failed rule is listed, exit 2)."),
        {user(QStringLiteral("The new username"))},
        {
            OptionSpec{QStringLiteral("name"), QStringLiteral("TEXT"), QStringLiteral("Display name")},
            OptionSpec{QStringLiteral("email"), QStringLiteral("ADDR"), QStringLiteral("Email address")},
            OptionSpec{QStringLiteral("role"), QStringLiteral("ROLE"),
                       QStringLiteral("Give the user this role instead of the default role"), true},
            flag(QStringLiteral("no-role"), QStringLiteral("Give the user no role at all")),
            passwordStdin(),
            flag(QStringLiteral("disabled"), QStringLiteral("Create the account disabled")),
            noMustChange(),
        },
        runAdd});

    registry.add(CommandSpec{
        word + QStringList{QStringLiteral("list")},
        QStringLiteral("List user accounts"),
        QStringLiteral("Lists accounts sorted by username, read-only: username, name, email, roles, status "
                       "(active, disabled, locked, no password) and the last sign-in. Filters combine."),
        {},
        {
            OptionSpec{QStringLiteral("filter"), QStringLiteral("TEXT"),
                       QStringLiteral("Only users with TEXT in the username, name or email (ignoring case)")},
            OptionSpec{QStringLiteral("role"), QStringLiteral("ROLE"),
                       QStringLiteral("Only users who hold ROLE directly")},
            flag(QStringLiteral("disabled"), QStringLiteral("Only disabled accounts")),
            flag(QStringLiteral("locked"), QStringLiteral("Only accounts locked after failed sign-ins")),
        },
        runList});

    registry.add(CommandSpec{
        word + QStringList{QStringLiteral("show")},
        QStringLiteral("Show one account in full"),
        QStringLiteral("Shows every field of an account, read-only: profile, attributes, roles, effective "
                       "permissions, object grants, status and lock state. Never the password hash."),
        {user()},
        {},
        runShow});

    registry.add(CommandSpec{
        word + QStringList{QStringLiteral("passwd")},
        QStringLiteral("Set a user's password"),
        QStringLiteral("Sets a new password, which must meet the vault's password policy and differ from the "
                       "last ones (every failed rule is listed, exit 2). The password comes from stdin with "
                       "--password-stdin, else it is asked twice on a terminal."),
        {user()},
        {passwordStdin(), noMustChange()},
        runPasswd});

    registry.add(CommandSpec{word + QStringList{QStringLiteral("disable")},
                             QStringLiteral("Disable accounts (they cannot sign in)"),
                             QStringLiteral("Disables the accounts, all or none."),
                             {users()},
                             {},
                             runDisable});

    registry.add(CommandSpec{word + QStringList{QStringLiteral("enable")},
                             QStringLiteral("Enable disabled accounts"),
                             QStringLiteral("Enables the accounts, all or none."),
                             {users()},
                             {},
                             runEnable});

    registry.add(CommandSpec{
        word + QStringList{QStringLiteral("delete")},
        QStringLiteral("Delete accounts"),
        QStringLiteral("Deletes the accounts, all or none, after asking on the terminal. Without a terminal "
                       "--yes is required (exit 2 otherwise, and nothing is deleted)."),
        {users()},
        {flag(QStringLiteral("yes"), QStringLiteral("Delete without asking"))},
        runDelete});

    registry.add(CommandSpec{word + QStringList{QStringLiteral("unlock")},
                             QStringLiteral("Clear failed sign-ins and the lock of an account"),
                             QStringLiteral("Clears the failed sign-in count and any lock after too many "
                                            "failed sign-ins, so the user can sign in again at once."),
                             {user()},
                             {},
                             runUnlock});

    registry.add(CommandSpec{
        word + QStringList{QStringLiteral("set")},
        QStringLiteral("Change an account's profile or username"),
        QStringLiteral("Changes the given fields and leaves the others; an empty value clears a field "
                       "(--email=). --rename changes the username (unique ignoring case)."),
        {user()},
        {
            OptionSpec{QStringLiteral("name"), QStringLiteral("TEXT"), QStringLiteral("New display name")},
            OptionSpec{QStringLiteral("email"), QStringLiteral("ADDR"), QStringLiteral("New email address")},
            OptionSpec{QStringLiteral("notes"), QStringLiteral("TEXT"), QStringLiteral("New notes")},
            OptionSpec{QStringLiteral("attr"), QStringLiteral("KEY=VALUE"),
                       QStringLiteral("Set an attribute"), true},
            OptionSpec{QStringLiteral("unset-attr"), QStringLiteral("KEY"),
                       QStringLiteral("Remove an attribute"), true},
            OptionSpec{QStringLiteral("rename"), QStringLiteral("NEW"), QStringLiteral("New username")},
        },
        runSet});

    const OptionSpec object{QStringLiteral("object"), QStringLiteral("ID"),
                            QStringLiteral("The object the grant is for (required)")};
    const PositionalSpec permission{QStringLiteral("PERMISSION"),
                                    QStringLiteral("action:resource, e.g. delete:posts")};
    registry.add(CommandSpec{
        word + QStringList{QStringLiteral("grant")},
        QStringLiteral("Grant a user a permission on one object"),
        QStringLiteral("Grants PERMISSION to the user on the object ID only (an object grant); it grants "
                       "nothing on other objects. Type-wide permissions go through roles."),
        {user(), permission},
        {object},
        runGrant});

    registry.add(CommandSpec{word + QStringList{QStringLiteral("revoke")},
                             QStringLiteral("Revoke a user's permission on one object"),
                             QStringLiteral("Removes an object grant made with 'user grant'."),
                             {user(), permission},
                             {object},
                             runRevoke});
}

} // namespace tessera::cli
