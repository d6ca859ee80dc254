#pragma once

#include "identity/User.h"
#include "mfa/MfaStatus.h"
#include "password/PasswordPolicy.h"

#include <QDialog>
#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QToolButton;
class QTableWidget;
class QVBoxLayout;

namespace tessera {
struct RoleDefinition;
}

namespace tessera::ui {

class PasswordLineEdit;
class VaultController;

// Adds a user or edits one: profile, status, roles, custom attributes, a new password checked live
// against the vault's policy, and the sign-in lock. Everything is applied through Directory jobs when
// OK is pressed; a refusal from core is shown inline and the dialog stays open.
//
// The dialog reads the roles, the password policy and (when editing) the user in one job as it opens;
// until then its fields are disabled. It never emits VaultController::identityChanged itself: its owner
// gets userSaved() and updates its table, so an edit does not reload 100,000 rows.
class UserEditorDialog : public QDialog
{
    Q_OBJECT

public:
    // Fills the password field, e.g. from a generator dialog: call setGeneratedPassword() with the
    // result (now or later). Without a handler, Generate… fills in a random password that meets the
    // policy (core PasswordGenerator).
    using GenerateHandler = std::function<void(UserEditorDialog& editor, const PasswordPolicy& policy)>;
    // The stored username that `username` would clash with (ignoring case), or empty: lets the editor
    // say so while typing. Core checks again on OK.
    using UsernameLookup = std::function<QString(const QString& username)>;

    // Adds a new user.
    explicit UserEditorDialog(VaultController& controller, QWidget* parent = nullptr);
    // Edits the user named `username`.
    UserEditorDialog(VaultController& controller, const QString& username, QWidget* parent = nullptr);
    ~UserEditorDialog() override;

    bool isNewUser() const { return m_original.isEmpty(); }
    bool isLoaded() const { return m_loaded; }
    bool isBusy() const { return m_busy; }
    const PasswordPolicy& policy() const { return m_policy; }
    // The user's second-factor state as last read (nullopt until loaded, and for a new user).
    const std::optional<MfaStatus>& mfaStatus() const { return m_mfa; }
    QList<PolicyViolation> passwordViolations() const { return m_violations; }

    void setGenerateHandler(GenerateHandler handler) { m_generate = std::move(handler); }
    void setUsernameLookup(UsernameLookup lookup);
    // Puts a generated password in the field, shown so the admin can pass it on.
    void setGeneratedPassword(const QString& password);
    // Where the live password rules appear; a richer checklist widget can be added to it.
    QWidget* passwordRulesArea() const { return m_rulesArea; }

    void accept() override; // applies the changes; closes only when every one succeeded
    void reject() override;

Q_SIGNALS:
    void loaded();
    // After OK, and after Unlock, with the user as now stored. `previousUsername` differs after a rename.
    void userSaved(const QString& previousUsername, const tessera::UserSummary& user);
    // Each time the password, username or email changes: the rules the typed password fails.
    void passwordChecked(const QList<tessera::PolicyViolation>& violations);
    // The second-factor state was read, or changed by an action here (enrol, reset, backup codes).
    // MFA actions take effect at once, not on Save, like Unlock.
    void mfaChanged(qint64 userId, const tessera::MfaStatus& status);

private:
    struct Snapshot;
    void buildUi();
    void load();
    void applySnapshot(const Snapshot& snapshot);
    void setRoles(const QList<RoleDefinition>& roles, const QStringList& ticked);
    QStringList tickedRoles() const;
    void showLockState(const User& user);
    void updateState();
    void checkPassword();
    void generate();
    void openGenerator(); // the full generator: length, classes, look-alikes, passphrases
    void unlockUser();
    // Multi-factor: read the state, show it, and the three actions.
    void loadMfa();
    void showMfa();
    void updateMfaActions();
    void enrolAuthenticator();
    void resetMfa();
    void generateBackupCodes();
    void adoptMfa(const MfaStatus& status);
    void addAttributeRow(const QString& name = {}, const QString& value = {});
    std::optional<QMap<QString, QString>> collectAttributes();
    void save();
    void setBusy(bool busy, const QString& status = {});
    void showError(const QString& text);

    VaultController& m_controller;
    QString m_original; // username being edited, empty when adding
    User m_user;        // as loaded, when editing
    PasswordPolicy m_policy;
    QList<PolicyViolation> m_violations;
    GenerateHandler m_generate;
    UsernameLookup m_lookup;
    bool m_loaded = false;
    bool m_busy = false;
    bool m_mustChangeTouched = false;

    QLineEdit* m_usernameEdit = nullptr;
    QLabel* m_usernameError = nullptr;
    QLineEdit* m_displayNameEdit = nullptr;
    QLineEdit* m_emailEdit = nullptr;
    QLabel* m_emailError = nullptr;
    QComboBox* m_statusCombo = nullptr;
    QLabel* m_lockLabel = nullptr;
    QPushButton* m_unlockButton = nullptr;
    QWidget* m_lockRow = nullptr;
    PasswordLineEdit* m_passwordEdit = nullptr;
    QPushButton* m_generateButton = nullptr;
    QToolButton* m_generatorOptionsButton = nullptr;
    QWidget* m_rulesArea = nullptr;
    QLabel* m_rulesLabel = nullptr;
    QCheckBox* m_mustChangeCheck = nullptr;
    std::optional<MfaStatus> m_mfa;
    QLabel* m_mfaStateLabel = nullptr;
    QLabel* m_mfaCodesLabel = nullptr;
    QLabel* m_mfaRequiredLabel = nullptr;
    QWidget* m_mfaButtons = nullptr;
    QPushButton* m_enrolButton = nullptr;
    QPushButton* m_backupCodesButton = nullptr;
    QPushButton* m_resetMfaButton = nullptr;
    QWidget* m_rolesBox = nullptr;
    QVBoxLayout* m_rolesLayout = nullptr;
    QLabel* m_rolesEmpty = nullptr;
    QWidget* m_rolesGrid = nullptr;
    QList<QCheckBox*> m_roleChecks;
    QTableWidget* m_attributes = nullptr;
    QPushButton* m_removeAttributeButton = nullptr;
    QPlainTextEdit* m_notesEdit = nullptr;
    QProgressBar* m_busyBar = nullptr;
    QLabel* m_statusLabel = nullptr;
    QLabel* m_errorLabel = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_saveButton = nullptr;
};

} // namespace tessera::ui
