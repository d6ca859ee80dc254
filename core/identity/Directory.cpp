#include "identity/Directory.h"

#include "mfa/MfaService.h"

#include "access/DefaultRoles.h"
#include "audit/AuditLog.h"
#include "crypto/SecretBuffer.h"
#include "identity/UserValidator.h"
#include "password/PasswordHasher.h"
#include "vault/Transaction.h"
#include "vault/Vault.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace tessera {

namespace {

const QString kPasswordPolicyKey = QStringLiteral("identity.passwordPolicy");
const QString kHashParamsKey = QStringLiteral("identity.hashParams");
const QString kLockoutKey = QStringLiteral("identity.lockout");
const QString kDefaultRoleKey = QStringLiteral("identity.defaultRole");
const QString kSeededKey = QStringLiteral("identity.seeded");

Result<QJsonObject> parseSettingJson(const QString& key, const QString& text)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        return fail(ErrorKind::Corrupt, QStringLiteral("the vault setting %1 is not valid JSON").arg(key));
    }
    return document.object();
}

QString compactJson(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

Status validateProfile(const QString& email, const QMap<QString, QString>& attributes)
{
    TESSERA_TRY(UserValidator::email(email));
    for (auto it = attributes.cbegin(); it != attributes.cend(); ++it) {
        TESSERA_TRY(UserValidator::attributeName(it.key()));
    }
    return {};
}

QString describeViolations(const QList<PolicyViolation>& violations)
{
    QStringList messages;
    for (const PolicyViolation& violation : violations) {
        messages.append(violation.message);
    }
    return QStringLiteral("the password does not meet the policy: %1").arg(messages.join(QStringLiteral("; ")));
}

} // namespace

Directory::Directory(Vault& vault) : m_vault(vault), m_store(vault.database()), m_evaluator(m_model) {}

Directory::~Directory() = default;

Result<std::unique_ptr<Directory>> Directory::open(Vault& vault)
{
    std::unique_ptr<Directory> directory(new Directory(vault));
    TESSERA_TRY(directory->seedIfNew());
    TESSERA_TRY(directory->load());
    return directory;
}

Status Directory::seed(Vault& vault)
{
    Directory directory(vault);
    return directory.seedIfNew();
}

Status Directory::seedIfNew()
{
    TESSERA_TRY_ASSIGN(seeded, m_vault.setting(kSeededKey));
    if (!seeded.isEmpty() || m_vault.isReadOnly()) {
        return {};
    }
    TESSERA_TRY_ASSIGN(roleCount, m_vault.database().queryInt("SELECT count(*) FROM roles"));
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(m_vault.database()));
    if (roleCount == 0) {
        TESSERA_TRY(m_store.syncRoles(DefaultRoles::graph()));
        TESSERA_TRY(m_vault.storeSetting(kDefaultRoleKey, DefaultRoles::roleForNewUsers()));
        TESSERA_TRY(audit(QStringLiteral("role.seed"), QString(),
                          QStringLiteral("example roles viewer, editor, admin, superadmin; new users get viewer")));
    }
    TESSERA_TRY(m_vault.storeSetting(kSeededKey, QStringLiteral("1"))); // bookkeeping, not an admin's change
    return tx.commit();
}

template <typename T> Status Directory::loadJsonSetting(const QString& key, T& into)
{
    TESSERA_TRY_ASSIGN(json, jsonSetting(key));
    if (json) {
        TESSERA_TRY_ASSIGN(value, T::fromJson(*json));
        into = std::move(value);
    }
    return {};
}

Status Directory::load()
{
    TESSERA_TRY(loadJsonSetting(kPasswordPolicyKey, m_passwordPolicy));
    TESSERA_TRY(loadJsonSetting(kHashParamsKey, m_hashParams));
    TESSERA_TRY(loadJsonSetting(kLockoutKey, m_lockoutPolicy));
    TESSERA_TRY_ASSIGN(defaultRole, m_vault.setting(kDefaultRoleKey));
    m_defaultRole = defaultRole;
    TESSERA_TRY_ASSIGN(mfa, MfaService::open(*this));
    m_mfa = std::make_unique<MfaService>(std::move(mfa));
    TESSERA_TRY(reloadModel());
    TESSERA_TRY_ASSIGN(seeded, m_vault.setting(kSeededKey));
    if (seeded.isEmpty() && m_vault.isReadOnly() && m_model.roles().roleCount() == 0) {
        // Read-only and never seeded: show what the first writable open will store.
        TESSERA_TRY(m_model.setRoles(DefaultRoles::graph()));
        m_defaultRole = DefaultRoles::roleForNewUsers();
    }
    return {};
}

Status Directory::reloadModel()
{
    TESSERA_TRY_ASSIGN(roles, m_store.loadRoles());
    TESSERA_TRY_ASSIGN(users, m_store.loadUserAccess());
    auto model = AccessModel::fromData(std::move(roles), users);
    if (!model) {
        return fail(ErrorKind::Corrupt,
                    QStringLiteral("the vault's users and roles are inconsistent: %1").arg(model.error().message));
    }
    m_model = std::move(*model);
    m_evaluator.invalidate();
    return {};
}

Status Directory::audit(const QString& action, const QString& target, const QString& summary)
{
    TESSERA_TRY(m_vault.audit().append(action, target, summary));
    return {};
}

Result<std::optional<QJsonObject>> Directory::jsonSetting(const QString& key)
{
    TESSERA_TRY_ASSIGN(text, m_vault.setting(key));
    if (text.isEmpty()) {
        return std::optional<QJsonObject>{};
    }
    TESSERA_TRY_ASSIGN(json, parseSettingJson(key, text));
    return std::optional<QJsonObject>(json);
}

Status Directory::writeSetting(const QString& key, const QJsonObject& value)
{
    return m_vault.setSetting(key, compactJson(value)); // audited by the vault as settings.change
}

Status Directory::setPasswordPolicy(const PasswordPolicy& policy)
{
    TESSERA_TRY(policy.validate());
    TESSERA_TRY(writeSetting(kPasswordPolicyKey, policy.toJson()));
    m_passwordPolicy = policy;
    return {};
}

Status Directory::setHashParams(const HashParams& params)
{
    TESSERA_TRY(params.validate());
    TESSERA_TRY(writeSetting(kHashParamsKey, params.toJson()));
    m_hashParams = params;
    return {};
}

Status Directory::setLockoutPolicy(const LockoutPolicy& policy)
{
    TESSERA_TRY(policy.validate());
    TESSERA_TRY(writeSetting(kLockoutKey, policy.toJson()));
    m_lockoutPolicy = policy;
    return {};
}

Status Directory::setDefaultRole(const QString& role)
{
    if (!role.isEmpty() && !m_model.roles().hasRole(role)) {
        return fail(ErrorKind::NotFound, QStringLiteral("no role named '%1'").arg(role));
    }
    TESSERA_TRY(m_vault.setSetting(kDefaultRoleKey, role));
    m_defaultRole = role;
    return {};
}

Result<QList<UserSummary>> Directory::userSummaries() const
{
    return m_store.loadSummaries();
}

Result<UserSummary> Directory::userSummary(const QString& username) const
{
    TESSERA_TRY_ASSIGN(summary, m_store.loadSummary(username));
    if (!summary) {
        return fail(ErrorKind::NotFound, QStringLiteral("no user named '%1'").arg(username));
    }
    return *summary;
}

Result<User> Directory::user(const QString& username) const
{
    TESSERA_TRY_ASSIGN(user, m_store.loadUser(username));
    if (!user) {
        return fail(ErrorKind::NotFound, QStringLiteral("no user named '%1'").arg(username));
    }
    return *user;
}

Result<qint64> Directory::requireUserId(const QString& username) const
{
    if (m_model.indexOfUser(username) < 0) {
        return fail(ErrorKind::NotFound, QStringLiteral("no user named '%1'").arg(username));
    }
    return m_store.userId(username);
}

Result<User> Directory::addUser(const NewUser& user, const SecretBuffer* password)
{
    TESSERA_TRY(UserValidator::username(user.username));
    if (m_model.indexOfUser(user.username) >= 0) {
        return fail(ErrorKind::Conflict, QStringLiteral("a user named '%1' already exists (usernames ignore case)")
                                             .arg(m_model.user(user.username)->username));
    }
    TESSERA_TRY(validateProfile(user.email, user.attributes));
    QStringList roles = user.roles.value_or(m_defaultRole.isEmpty() ? QStringList{} : QStringList{m_defaultRole});
    roles.removeDuplicates();
    std::sort(roles.begin(), roles.end());
    for (const QString& role : std::as_const(roles)) {
        if (!m_model.roles().hasRole(role)) {
            return fail(ErrorKind::NotFound, QStringLiteral("no role named '%1'").arg(role));
        }
    }
    UserRecord record;
    record.username = user.username;
    record.displayName = user.displayName;
    record.email = user.email;
    record.notes = user.notes;
    record.attributes = user.attributes;
    record.roles = roles;
    record.disabled = user.disabled;
    if (password != nullptr) {
        PasswordContext context;
        context.username = user.username;
        context.email = user.email;
        if (const auto violations = m_passwordPolicy.evaluate(QString::fromUtf8(password->view()), context);
            !violations.isEmpty()) {
            return fail(ErrorKind::Input, describeViolations(violations));
        }
        TESSERA_TRY_ASSIGN(hash, PasswordHasher::hash(*password, m_hashParams));
        record.passwordHash = hash;
        record.mustChangePassword = user.mustChangePassword;
    }
    const qint64 now = m_vault.clock().nowMs();
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(m_vault.database()));
    TESSERA_TRY(m_store.insertUser(record, now));
    QString summary = roles.isEmpty() ? QStringLiteral("no roles") : QStringLiteral("roles %1").arg(roles.join(QStringLiteral(", ")));
    if (password != nullptr) {
        summary += QStringLiteral("; password set");
    }
    if (user.disabled) {
        summary += QStringLiteral("; disabled");
    }
    TESSERA_TRY(audit(QStringLiteral("user.add"), user.username, summary));
    TESSERA_TRY(tx.commit());
    if (auto ok = m_model.addUser(user.username, roles); !ok) {
        TESSERA_TRY(reloadModel());
    }
    return this->user(user.username);
}

Status Directory::updateProfile(const QString& username, const UserProfile& profile)
{
    TESSERA_TRY(validateProfile(profile.email, profile.attributes));
    TESSERA_TRY_ASSIGN(current, user(username));
    QStringList changed;
    if (current.displayName != profile.displayName) {
        changed << QStringLiteral("display name");
    }
    if (current.email != profile.email) {
        changed << QStringLiteral("email");
    }
    if (current.notes != profile.notes) {
        changed << QStringLiteral("notes");
    }
    if (current.attributes != profile.attributes) {
        changed << QStringLiteral("attributes");
    }
    if (changed.isEmpty()) {
        return {};
    }
    current.displayName = profile.displayName;
    current.email = profile.email;
    current.notes = profile.notes;
    current.attributes = profile.attributes;
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(m_vault.database()));
    TESSERA_TRY(m_store.updateProfile(current.id, current, m_vault.clock().nowMs()));
    TESSERA_TRY(audit(QStringLiteral("user.update"), current.username,
                      QStringLiteral("changed %1").arg(changed.join(QStringLiteral(", ")))));
    return tx.commit();
}

Status Directory::renameUser(const QString& from, const QString& to)
{
    TESSERA_TRY(UserValidator::username(to));
    TESSERA_TRY_ASSIGN(id, requireUserId(from));
    const QString stored = m_model.user(from)->username;
    if (stored == to) {
        return {};
    }
    if (const qsizetype other = m_model.indexOfUser(to); other >= 0 && other != m_model.indexOfUser(from)) {
        return fail(ErrorKind::Conflict,
                    QStringLiteral("a user named '%1' already exists (usernames ignore case)").arg(m_model.user(to)->username));
    }
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(m_vault.database()));
    TESSERA_TRY(m_store.renameUser(id, to, m_vault.clock().nowMs()));
    TESSERA_TRY(audit(QStringLiteral("user.rename"), to, QStringLiteral("renamed from %1").arg(stored)));
    TESSERA_TRY(tx.commit());
    if (auto ok = m_model.renameUser(stored, to); !ok) {
        return reloadModel();
    }
    return {};
}

Status Directory::setPassword(const QString& username, const SecretBuffer& password, bool mustChange)
{
    TESSERA_TRY_ASSIGN(current, user(username));
    TESSERA_TRY_ASSIGN(currentHash, m_store.passwordHash(current.id));
    TESSERA_TRY_ASSIGN(history, m_store.passwordHistory(current.id, m_passwordPolicy.historySize));
    PasswordContext context;
    context.username = current.username;
    context.email = current.email;
    // "Not one of the last N" includes the current password.
    if (!currentHash.isEmpty()) {
        history.prepend(currentHash);
    }
    context.previousHashes = history;
    const auto violations = m_passwordPolicy.evaluate(QString::fromUtf8(password.view()), context);
    if (!violations.isEmpty()) {
        return fail(ErrorKind::Input, describeViolations(violations));
    }
    TESSERA_TRY_ASSIGN(hash, PasswordHasher::hash(password, m_hashParams));
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(m_vault.database()));
    TESSERA_TRY(m_store.setPasswordHash(current.id, hash, mustChange, PasswordPolicy::kMaxHistorySize,
                                        m_vault.clock().nowMs()));
    TESSERA_TRY(audit(QStringLiteral("user.password"), current.username,
                      mustChange ? QStringLiteral("password set; must change at next sign-in")
                                 : QStringLiteral("password set")));
    return tx.commit();
}

Status Directory::setMustChangePassword(const QString& username, bool mustChange)
{
    TESSERA_TRY_ASSIGN(current, user(username));
    if (current.mustChangePassword == mustChange) {
        return {};
    }
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(m_vault.database()));
    TESSERA_TRY(m_store.setMustChange(current.id, mustChange, m_vault.clock().nowMs()));
    TESSERA_TRY(audit(QStringLiteral("user.update"), current.username,
                      mustChange ? QStringLiteral("must change password at next sign-in")
                                 : QStringLiteral("no longer must change password")));
    return tx.commit();
}

Status Directory::setDisabled(const QStringList& usernames, bool disabled)
{
    QList<std::pair<qint64, QString>> targets;
    for (const QString& name : usernames) {
        TESSERA_TRY_ASSIGN(id, requireUserId(name));
        targets.append({id, m_model.user(name)->username});
    }
    const qint64 now = m_vault.clock().nowMs();
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(m_vault.database()));
    for (const auto& [id, name] : std::as_const(targets)) {
        TESSERA_TRY(m_store.setDisabled(id, disabled, now));
        TESSERA_TRY(audit(disabled ? QStringLiteral("user.disable") : QStringLiteral("user.enable"), name,
                          disabled ? QStringLiteral("account disabled") : QStringLiteral("account enabled")));
    }
    return tx.commit();
}

Status Directory::deleteUsers(const QStringList& usernames)
{
    QList<std::pair<qint64, QString>> targets;
    for (const QString& name : usernames) {
        TESSERA_TRY_ASSIGN(id, requireUserId(name));
        targets.append({id, m_model.user(name)->username});
    }
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(m_vault.database()));
    for (const auto& [id, name] : std::as_const(targets)) {
        const UserAccess* access = m_model.user(name);
        TESSERA_TRY(m_store.deleteUser(id));
        TESSERA_TRY(audit(QStringLiteral("user.delete"), name,
                          access->roles.isEmpty()
                              ? QStringLiteral("deleted")
                              : QStringLiteral("deleted; held %1").arg(access->roles.join(QStringLiteral(", ")))));
    }
    TESSERA_TRY(tx.commit());
    for (const auto& target : std::as_const(targets)) {
        if (auto ok = m_model.removeUser(target.second); !ok) {
            return reloadModel();
        }
    }
    return {};
}

Status Directory::setUserRoles(const QString& username, QStringList roles)
{
    TESSERA_TRY_ASSIGN(id, requireUserId(username));
    roles.removeDuplicates();
    std::sort(roles.begin(), roles.end());
    for (const QString& role : std::as_const(roles)) {
        if (!m_model.roles().hasRole(role)) {
            return fail(ErrorKind::NotFound, QStringLiteral("no role named '%1'").arg(role));
        }
    }
    const UserAccess* access = m_model.user(username);
    QStringList before = access->roles;
    std::sort(before.begin(), before.end());
    if (before == roles) {
        return {};
    }
    const QString stored = access->username;
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(m_vault.database()));
    TESSERA_TRY(m_store.setUserRoles(id, roles, m_vault.clock().nowMs()));
    const auto none = QStringLiteral("(none)");
    TESSERA_TRY(audit(QStringLiteral("user.roles"), stored,
                      QStringLiteral("%1 -> %2")
                          .arg(before.isEmpty() ? none : before.join(QStringLiteral(", ")),
                               roles.isEmpty() ? none : roles.join(QStringLiteral(", ")))));
    TESSERA_TRY(tx.commit());
    for (const QString& role : std::as_const(before)) {
        if (!roles.contains(role)) {
            (void)m_model.unassignRole(stored, role);
        }
    }
    for (const QString& role : std::as_const(roles)) {
        (void)m_model.assignRole(stored, role);
    }
    return {};
}

Status Directory::assignRole(const QStringList& usernames, const QString& role)
{
    if (!m_model.roles().hasRole(role)) {
        return fail(ErrorKind::NotFound, QStringLiteral("no role named '%1'").arg(role));
    }
    QList<std::pair<qint64, QString>> targets;
    for (const QString& name : usernames) {
        TESSERA_TRY_ASSIGN(id, requireUserId(name));
        const UserAccess* access = m_model.user(name);
        if (!access->roles.contains(role)) {
            targets.append({id, access->username});
        }
    }
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(m_vault.database()));
    for (const auto& [id, name] : std::as_const(targets)) {
        QStringList roles = m_model.user(name)->roles;
        roles.append(role);
        TESSERA_TRY(m_store.setUserRoles(id, roles, m_vault.clock().nowMs()));
        TESSERA_TRY(audit(QStringLiteral("user.roles"), name, QStringLiteral("role %1 assigned").arg(role)));
    }
    TESSERA_TRY(tx.commit());
    for (const auto& target : std::as_const(targets)) {
        (void)m_model.assignRole(target.second, role);
    }
    return {};
}

Status Directory::unassignRole(const QStringList& usernames, const QString& role)
{
    QList<std::pair<qint64, QString>> targets;
    for (const QString& name : usernames) {
        TESSERA_TRY_ASSIGN(id, requireUserId(name));
        const UserAccess* access = m_model.user(name);
        if (access->roles.contains(role)) {
            targets.append({id, access->username});
        }
    }
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(m_vault.database()));
    for (const auto& [id, name] : std::as_const(targets)) {
        QStringList roles = m_model.user(name)->roles;
        roles.removeAll(role);
        TESSERA_TRY(m_store.setUserRoles(id, roles, m_vault.clock().nowMs()));
        TESSERA_TRY(audit(QStringLiteral("user.roles"), name, QStringLiteral("role %1 removed").arg(role)));
    }
    TESSERA_TRY(tx.commit());
    for (const auto& target : std::as_const(targets)) {
        (void)m_model.unassignRole(target.second, role);
    }
    return {};
}

Status Directory::unlockUser(const QString& username)
{
    TESSERA_TRY_ASSIGN(current, user(username));
    LoginState state;
    state.lastLoginMs = current.lastLoginMs;
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(m_vault.database()));
    TESSERA_TRY(m_store.saveLoginState(current.id, state));
    TESSERA_TRY(audit(QStringLiteral("user.unlock"), current.username,
                      QStringLiteral("failed sign-ins and lock cleared by an admin")));
    return tx.commit();
}

Status Directory::grantObject(const QString& username, const Permission& permission, const QString& objectId)
{
    TESSERA_TRY(AccessModel::validateObjectId(objectId));
    TESSERA_TRY_ASSIGN(id, requireUserId(username));
    const QString stored = m_model.user(username)->username;
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(m_vault.database()));
    TESSERA_TRY(m_store.addObjectGrant(id, permission.toString(), objectId));
    TESSERA_TRY(audit(QStringLiteral("user.grant-object"), stored,
                      QStringLiteral("%1 on object %2").arg(permission.toString(), objectId)));
    TESSERA_TRY(tx.commit());
    if (auto ok = m_model.grantObject(stored, permission, objectId); !ok) {
        return reloadModel();
    }
    return {};
}

Status Directory::revokeObject(const QString& username, const Permission& permission, const QString& objectId)
{
    TESSERA_TRY_ASSIGN(id, requireUserId(username));
    const UserAccess* access = m_model.user(username);
    if (!access->objectGrants.contains(ObjectGrant{permission, objectId})) {
        return fail(ErrorKind::NotFound, QStringLiteral("%1 holds no grant of %2 on object %3")
                                             .arg(access->username, permission.toString(), objectId));
    }
    const QString stored = access->username;
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(m_vault.database()));
    TESSERA_TRY(m_store.removeObjectGrant(id, permission.toString(), objectId));
    TESSERA_TRY(audit(QStringLiteral("user.revoke-object"), stored,
                      QStringLiteral("%1 on object %2").arg(permission.toString(), objectId)));
    TESSERA_TRY(tx.commit());
    if (auto ok = m_model.revokeObject(stored, permission, objectId); !ok) {
        return reloadModel();
    }
    return {};
}

template <typename Edit, typename BeforeSync>
Status Directory::changeRoles(Edit edit, BeforeSync beforeSync, const QString& action, const QString& target,
                              const QString& summary)
{
    RoleGraph trial = m_model.roles();
    const quint64 before = trial.generation();
    TESSERA_TRY(edit(trial));
    if (trial.generation() == before) {
        return {}; // a no-op (e.g. granting what is already granted) writes nothing
    }
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(m_vault.database()));
    TESSERA_TRY(beforeSync());
    TESSERA_TRY(m_store.syncRoles(trial));
    TESSERA_TRY(audit(action, target, summary));
    TESSERA_TRY(tx.commit());
    if (auto ok = edit(m_model); !ok) {
        return reloadModel();
    }
    return {};
}

namespace {
Status nothing()
{
    return {};
}
} // namespace

Status Directory::addRole(const QString& name, const QString& description)
{
    return changeRoles([&](auto& m) { return m.addRole(name, description); }, nothing, QStringLiteral("role.add"),
                       name, description.isEmpty() ? QStringLiteral("added") : QStringLiteral("added: %1").arg(description));
}

Status Directory::removeRole(const QString& name)
{
    const QStringList holders = [&] {
        QStringList names;
        for (const UserAccess& user : m_model.users()) {
            if (user.roles.contains(name)) {
                names.append(user.username);
            }
        }
        return names;
    }();
    if (m_defaultRole == name) {
        return fail(ErrorKind::Conflict,
                    QStringLiteral("'%1' is the default role for new users; choose another default first").arg(name));
    }
    return changeRoles([&](auto& m) { return m.removeRole(name); }, nothing, QStringLiteral("role.delete"), name,
                       QStringLiteral("deleted; unassigned from %1 user(s)").arg(holders.size()));
}

Status Directory::renameRole(const QString& from, const QString& to)
{
    TESSERA_TRY(changeRoles([&](auto& m) { return m.renameRole(from, to); },
                            [&] { return m_store.renameRole(from, to); }, QStringLiteral("role.rename"), to,
                            QStringLiteral("renamed from %1").arg(from)));
    if (m_defaultRole == from) {
        return setDefaultRole(to);
    }
    return {};
}

Status Directory::setRoleDescription(const QString& role, const QString& description)
{
    struct Edit
    {
        const QString& role;
        const QString& description;
        Status operator()(RoleGraph& graph) const { return graph.setDescription(role, description); }
        Status operator()(AccessModel& model) const { return model.setRoleDescription(role, description); }
    };
    return changeRoles(Edit{role, description}, nothing, QStringLiteral("role.update"), role,
                       QStringLiteral("description: %1").arg(description));
}

Status Directory::grant(const QString& role, const Permission& permission)
{
    return changeRoles([&](auto& m) { return m.grant(role, permission); }, nothing, QStringLiteral("role.grant"), role,
                       QStringLiteral("granted %1").arg(permission.toString()));
}

Status Directory::revoke(const QString& role, const Permission& permission)
{
    return changeRoles([&](auto& m) { return m.revoke(role, permission); }, nothing, QStringLiteral("role.revoke"), role,
                       QStringLiteral("revoked %1").arg(permission.toString()));
}

Status Directory::include(const QString& role, const QString& included)
{
    return changeRoles([&](auto& m) { return m.include(role, included); }, nothing, QStringLiteral("role.include"),
                       role, QStringLiteral("now includes %1").arg(included));
}

Status Directory::removeInclude(const QString& role, const QString& included)
{
    return changeRoles([&](auto& m) { return m.removeInclude(role, included); }, nothing,
                       QStringLiteral("role.exclude"), role, QStringLiteral("no longer includes %1").arg(included));
}

Status Directory::addPermission(const Permission& permission)
{
    return changeRoles([&](auto& m) { return m.addPermission(permission); }, nothing, QStringLiteral("permission.add"),
                       permission.toString(), QStringLiteral("added"));
}

Status Directory::removePermission(const Permission& permission)
{
    return changeRoles([&](auto& m) { return m.removePermission(permission); }, nothing,
                       QStringLiteral("permission.delete"), permission.toString(),
                       QStringLiteral("removed from every role and object grant"));
}

Status Directory::renamePermission(const Permission& from, const Permission& to)
{
    return changeRoles([&](auto& m) { return m.renamePermission(from, to); },
                       [&] { return m_store.renamePermission(from.toString(), to.toString()); },
                       QStringLiteral("permission.rename"), to.toString(),
                       QStringLiteral("renamed from %1").arg(from.toString()));
}

Result<RoleChangePreview> Directory::previewRoleChange(const RoleChange& change) const
{
    return RoleChangePreview::compute(m_model, change);
}

Status Directory::applyRoleChange(const RoleChange& change)
{
    if (change.removeRole) {
        return removeRole(change.role);
    }
    TESSERA_TRY_ASSIGN(preview, previewRoleChange(change));
    QStringList parts;
    for (const Permission& p : change.grant) {
        parts << QStringLiteral("granted %1").arg(p.toString());
    }
    for (const Permission& p : change.revoke) {
        parts << QStringLiteral("revoked %1").arg(p.toString());
    }
    for (const QString& r : change.include) {
        parts << QStringLiteral("now includes %1").arg(r);
    }
    for (const QString& r : change.removeInclude) {
        parts << QStringLiteral("no longer includes %1").arg(r);
    }
    parts << preview.summary();
    struct Edit
    {
        const RoleGraph& after;
        Status operator()(RoleGraph& graph) const
        {
            graph = after;
            return {};
        }
        Status operator()(AccessModel& model) const { return model.setRoles(after); }
    };
    return changeRoles(Edit{preview.rolesAfter()}, nothing, QStringLiteral("role.change"), change.role,
                       parts.join(QStringLiteral("; ")));
}

Result<std::vector<UserRecord>> Directory::exportUsers(bool includeHashes, const QString& destination)
{
    TESSERA_TRY_ASSIGN(records, m_store.exportRecords(includeHashes));
    if (!m_vault.isReadOnly()) {
        QString summary = QStringLiteral("%1 user(s), %2 role(s)%3")
                              .arg(records.size())
                              .arg(m_model.roles().roleCount())
                              .arg(includeHashes ? QStringLiteral(", with password hashes") : QString());
        if (!destination.isEmpty()) {
            summary += QStringLiteral(" to %1").arg(destination);
        }
        TESSERA_TRY(audit(QStringLiteral("user.export"), QString(), summary));
    }
    return std::move(records);
}

Status Directory::adoptInsertedUsers(const QList<UserAccess>& users)
{
    for (const UserAccess& user : users) {
        if (!m_model.addUser(user.username, user.roles)) {
            return reloadModel();
        }
        for (const ObjectGrant& grant : user.objectGrants) {
            if (!m_model.grantObject(user.username, grant.permission, grant.objectId)) {
                return reloadModel();
            }
        }
    }
    return {};
}

} // namespace tessera
