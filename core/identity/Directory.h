#pragma once

#include "access/AccessEvaluator.h"
#include "access/AccessModel.h"
#include "access/RoleChangePreview.h"
#include "common/Error.h"
#include "identity/IdentityStore.h"
#include "identity/LockoutPolicy.h"
#include "identity/User.h"
#include "password/HashParams.h"
#include "password/PasswordPolicy.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <memory>
#include <optional>

namespace tessera {

class MfaService;
class SecretBuffer;
class Vault;

// What an admin fills in for a new account.
struct NewUser
{
    QString username;
    QString displayName;
    QString email;
    QString notes;
    QMap<QString, QString> attributes;
    std::optional<QStringList> roles; // nullopt: the vault's default role for new users
    bool disabled = false;
    bool mustChangePassword = true; // on by default for passwords an admin sets
};

// The editable profile of an existing account (username changes go through renameUser).
struct UserProfile
{
    QString displayName;
    QString email;
    QString notes;
    QMap<QString, QString> attributes;
};

// Users, roles, permissions and grants of one unlocked vault: the admin's operations with their rules.
// Every change is one transaction that also appends its audit entry, so the trail and the data never
// disagree. The access model (roles, assignments, grants) is kept in memory for fast checks and
// explanations; profiles and hashes stay in the vault and are read on demand.
//
// Not thread-safe; one Directory per open Vault, used from the thread that owns the vault.
class Directory
{
public:
    // Loads the access model. A vault that has never held identities gets the guide's example roles
    // (DefaultRoles) and "viewer" as the default role for new users.
    static Result<std::unique_ptr<Directory>> open(Vault& vault);
    // Only the seeding part of open(): cheap, for callers that load the access model later.
    static Status seed(Vault& vault);
    ~Directory();

    Vault& vault() { return m_vault; }
    IdentityStore& store() { return m_store; }
    const AccessModel& model() const { return m_model; }
    const AccessEvaluator& evaluator() const { return m_evaluator; }

    // Vault-level settings (stored as JSON in the vault's settings table; changes audited).
    const PasswordPolicy& passwordPolicy() const { return m_passwordPolicy; }
    Status setPasswordPolicy(const PasswordPolicy& policy);
    const HashParams& hashParams() const { return m_hashParams; }
    Status setHashParams(const HashParams& params);
    const LockoutPolicy& lockoutPolicy() const { return m_lockoutPolicy; }
    Status setLockoutPolicy(const LockoutPolicy& policy);
    const QString& defaultRole() const { return m_defaultRole; } // empty: new users get no role
    // Second factor: enrolments, backup codes and the vault's MFA policy.
    MfaService& mfa() { return *m_mfa; }
    Status setDefaultRole(const QString& role);

    // Reading users.
    qsizetype userCount() const { return m_model.userCount(); }
    Result<QList<UserSummary>> userSummaries() const;
    Result<UserSummary> userSummary(const QString& username) const; // NotFound when unknown
    Result<User> user(const QString& username) const;               // NotFound when unknown

    // Changing users. Usernames are looked up ignoring case. Bulk forms are all-or-nothing.
    Result<User> addUser(const NewUser& user, const SecretBuffer* password = nullptr);
    Status updateProfile(const QString& username, const UserProfile& profile);
    Status renameUser(const QString& from, const QString& to);
    // Checks the policy (history included) and stores an argon2id hash with the vault's parameters.
    // Input error listing every failed rule when the password is refused.
    Status setPassword(const QString& username, const SecretBuffer& password, bool mustChange = true);
    Status setMustChangePassword(const QString& username, bool mustChange);
    Status setDisabled(const QStringList& usernames, bool disabled);
    Status deleteUsers(const QStringList& usernames);
    Status setUserRoles(const QString& username, QStringList roles);
    Status assignRole(const QStringList& usernames, const QString& role);
    Status unassignRole(const QStringList& usernames, const QString& role);
    Status unlockUser(const QString& username);
    Status grantObject(const QString& username, const Permission& permission, const QString& objectId);
    Status revokeObject(const QString& username, const Permission& permission, const QString& objectId);

    // Roles and permissions.
    QList<RoleDefinition> roles() const { return m_model.roles().definitions(); }
    QList<Permission> permissions() const { return m_model.roles().permissionCatalog(); }
    Status addRole(const QString& name, const QString& description = {});
    Status removeRole(const QString& name);
    Status renameRole(const QString& from, const QString& to);
    Status setRoleDescription(const QString& role, const QString& description);
    Status grant(const QString& role, const Permission& permission);
    Status revoke(const QString& role, const Permission& permission);
    Status include(const QString& role, const QString& included);
    Status removeInclude(const QString& role, const QString& included);
    Status addPermission(const Permission& permission);
    Status removePermission(const Permission& permission);
    Status renamePermission(const Permission& from, const Permission& to);
    // Who gains and who loses what, before saving; applyRoleChange saves exactly the previewed graph.
    Result<RoleChangePreview> previewRoleChange(const RoleChange& change) const;
    Status applyRoleChange(const RoleChange& change);

    // Access decisions.
    bool check(const QString& username, const Permission& permission, const QString& objectId = {}) const
    {
        return m_evaluator.check(username, permission, objectId);
    }
    AccessExplanation explain(const QString& username, const Permission& permission,
                              const QString& objectId = {}) const
    {
        return m_evaluator.explain(username, permission, objectId);
    }

    // Users for an export file, ordered by username. Hashes only when asked; the export is audited.
    Result<std::vector<UserRecord>> exportUsers(bool includeHashes, const QString& destination = {});

    // For the importer: users inserted by it join the in-memory model after its transaction commits.
    Status adoptInsertedUsers(const QList<UserAccess>& users);
    // Re-reads roles from the vault into the model (after an import that defined roles).
    Status reloadModel();

    // Audit helper shared with the sign-in service and the importer.
    Status audit(const QString& action, const QString& target, const QString& summary);
    // A JSON object setting, nullopt when unset; Corrupt error naming the key when it is not an object.
    Result<std::optional<QJsonObject>> jsonSetting(const QString& key);
    Status writeSetting(const QString& key, const QJsonObject& value); // audited as settings.change
    Result<qint64> requireUserId(const QString& username) const;       // NotFound when unknown

private:
    explicit Directory(Vault& vault);
    Status load();
    Status seedIfNew();
    // Replaces `into` with T::fromJson of the setting `key` when it is set; T::fromJson's error otherwise.
    template <typename T> Status loadJsonSetting(const QString& key, T& into);
    // Tries `edit` (callable on both RoleGraph& and AccessModel&) on a copy of the role graph, writes
    // the result in one transaction with its audit entry (after `beforeSync`, for renames), and only
    // then applies the same edit to the model, so a failed write leaves model and vault in step.
    template <typename Edit, typename BeforeSync>
    Status changeRoles(Edit edit, BeforeSync beforeSync, const QString& action, const QString& target,
                       const QString& summary);

    Vault& m_vault;
    IdentityStore m_store;
    AccessModel m_model;
    AccessEvaluator m_evaluator;
    PasswordPolicy m_passwordPolicy;
    HashParams m_hashParams;
    LockoutPolicy m_lockoutPolicy;
    QString m_defaultRole;
    std::unique_ptr<MfaService> m_mfa;
};

} // namespace tessera
