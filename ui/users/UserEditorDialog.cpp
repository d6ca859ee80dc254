#include "users/UserEditorDialog.h"

#include "users/PasswordGeneratorDialog.h"

#include "access/RoleDefinition.h"
#include "app/VaultController.h"
#include "common/DialogStyle.h"
#include "common/ErrorText.h"
#include "common/Icons.h"
#include "common/PasswordLineEdit.h"
#include "crypto/SecretBuffer.h"
#include "common/MessageBoxes.h"
#include "identity/UserValidator.h"
#include "mfa/BackupCodesDialog.h"
#include "mfa/MfaService.h"
#include "mfa/MfaText.h"
#include "mfa/TotpEnrolDialog.h"
#include "password/PasswordGenerator.h"
#include "users/UsersTableModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QToolButton>
#include <QScrollArea>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tessera::ui {

struct UserEditorDialog::Snapshot
{
    QList<RoleDefinition> roles;
    PasswordPolicy policy;
    QString defaultRole;
    std::optional<User> user;
};

namespace {

// One line of secondary text, elided to the width it gets (the full text is its tooltip).
class ElidedLabel : public QLabel
{
public:
    ElidedLabel(const QString& text, QWidget* parent) : QLabel(parent), m_text(text)
    {
        setToolTip(text);
        setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        setText(text);
    }

protected:
    void resizeEvent(QResizeEvent* event) override
    {
        QLabel::resizeEvent(event);
        const QString shown = fontMetrics().elidedText(m_text, Qt::ElideRight, width());
        if (shown != text()) {
            setText(shown);
        }
    }

private:
    QString m_text;
};

QLabel* sectionTitle(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    DialogStyle::makeHeading(label, 1.05);
    return label;
}

// What one Save does, carried into the job. Move-only because of the password.
struct SaveRequest
{
    QString original; // empty when adding
    QString username;
    UserProfile profile;
    QStringList roles;
    bool disabled = false;
    bool disabledChanged = false;
    bool mustChange = true;
    std::optional<SecretBuffer> password;
};

struct SaveOutcome
{
    Status status;
    QString currentName; // the stored name after whatever succeeded (a rename may precede a refusal)
    Result<UserSummary> summary = fail(ErrorKind::Internal, QString());
};

} // namespace

UserEditorDialog::UserEditorDialog(VaultController& controller, QWidget* parent)
    : QDialog(parent), m_controller(controller)
{
    buildUi();
    load();
}

UserEditorDialog::UserEditorDialog(VaultController& controller, const QString& username, QWidget* parent)
    : QDialog(parent), m_controller(controller), m_original(username)
{
    buildUi();
    load();
}

UserEditorDialog::~UserEditorDialog()
{
    m_passwordEdit->clearSecret();
}

void UserEditorDialog::buildUi()
{
    setObjectName(QStringLiteral("userEditorDialog"));
    setWindowTitle(isNewUser() ? tr("Add User") : tr("Edit User"));

    m_usernameEdit = new QLineEdit(this);
    m_usernameError = new QLabel(this);
    m_displayNameEdit = new QLineEdit(this);
    m_emailEdit = new QLineEdit(this);
    m_emailError = new QLabel(this);
    m_statusCombo = new QComboBox(this);
    m_lockLabel = new QLabel(this);
    m_unlockButton = new QPushButton(Icons::get(QStringLiteral("unlock")), tr("&Unlock"), this);
    m_passwordEdit = new PasswordLineEdit(this);
    m_generateButton = new QPushButton(tr("&Generate…"), this);
    m_rulesArea = new QWidget(this);
    m_rulesLabel = new QLabel(m_rulesArea);
    m_mustChangeCheck = new QCheckBox(tr("User must &change this password at next sign-in"), this);
    m_attributes = new QTableWidget(0, 2, this);
    m_notesEdit = new QPlainTextEdit(this);
    m_busyBar = new QProgressBar(this);
    m_statusLabel = new QLabel(this);
    m_errorLabel = new QLabel(this);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_saveButton =
        m_buttons->addButton(isNewUser() ? tr("&Add User") : tr("&Save"), QDialogButtonBox::AcceptRole);

    m_usernameEdit->setObjectName(QStringLiteral("usernameLineEdit"));
    m_usernameError->setObjectName(QStringLiteral("usernameErrorLabel"));
    m_displayNameEdit->setObjectName(QStringLiteral("displayNameLineEdit"));
    m_emailEdit->setObjectName(QStringLiteral("emailLineEdit"));
    m_emailError->setObjectName(QStringLiteral("emailErrorLabel"));
    m_statusCombo->setObjectName(QStringLiteral("statusComboBox"));
    m_lockLabel->setObjectName(QStringLiteral("lockStateLabel"));
    m_unlockButton->setObjectName(QStringLiteral("unlockUserButton"));
    m_passwordEdit->setObjectName(QStringLiteral("passwordLineEdit"));
    m_generateButton->setObjectName(QStringLiteral("generatePasswordButton"));
    m_rulesArea->setObjectName(QStringLiteral("passwordRulesArea"));
    m_rulesLabel->setObjectName(QStringLiteral("passwordPolicyLabel"));
    m_mustChangeCheck->setObjectName(QStringLiteral("mustChangePasswordCheckBox"));
    m_attributes->setObjectName(QStringLiteral("attributesTableWidget"));
    m_notesEdit->setObjectName(QStringLiteral("notesTextEdit"));
    m_busyBar->setObjectName(QStringLiteral("busyProgressBar"));
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_saveButton->setIcon(Icons::get(isNewUser() ? QStringLiteral("add") : QStringLiteral("check")));

    m_usernameEdit->setMaxLength(static_cast<int>(UserValidator::kMaxUsername));
    m_usernameEdit->setPlaceholderText(tr("e.g. jane.doe"));
    m_displayNameEdit->setPlaceholderText(tr("e.g. Jane Doe"));
    m_emailEdit->setPlaceholderText(tr("jane.doe@example.com"));
    DialogStyle::makeError(m_usernameError);
    DialogStyle::makeError(m_emailError);
    DialogStyle::makeError(m_errorLabel);
    DialogStyle::makeHint(m_statusLabel);
    m_statusCombo->addItem(tr("Active — can sign in"), false);
    m_statusCombo->addItem(tr("Disabled — cannot sign in"), true);
    m_passwordEdit->setPlaceholderText(isNewUser() ? tr("Leave empty for no password yet")
                                                   : tr("Leave empty to keep the current password"));
    m_generateButton->setToolTip(tr("Generate a random password that meets the policy"));
    m_mustChangeCheck->setChecked(true);
    m_rulesLabel->setTextFormat(Qt::RichText);
    m_rulesLabel->setWordWrap(false); // one line per rule; wrapping labels in forms get too much height
    m_rulesLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_rulesArea->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    auto* rulesLayout = new QVBoxLayout(m_rulesArea);
    rulesLayout->setContentsMargins(0, 0, 0, 0);
    rulesLayout->setSpacing(4);
    rulesLayout->addWidget(m_rulesLabel);
    m_busyBar->setRange(0, 0);
    m_busyBar->setTextVisible(false);
    m_busyBar->setMaximumHeight(6);

    // Left column: the account and its password, in one form so the fields line up.
    auto* account = new QFormLayout;
    DialogStyle::configure(account);
    account->addRow(sectionTitle(tr("Account"), this));
    account->addRow(tr("&Username:"), m_usernameEdit);
    account->addRow(QString(), m_usernameError);
    account->addRow(tr("Display &name:"), m_displayNameEdit);
    account->addRow(tr("&Email:"), m_emailEdit);
    account->addRow(QString(), m_emailError);
    account->addRow(tr("S&tatus:"), m_statusCombo);
    m_lockRow = new QWidget(this);
    auto* lockLayout = new QHBoxLayout(m_lockRow);
    lockLayout->setContentsMargins(0, 0, 0, 0);
    lockLayout->addWidget(m_lockLabel, 1);
    lockLayout->addWidget(m_unlockButton);
    account->addRow(tr("Sign-in lock:"), m_lockRow);
    m_lockRow->setVisible(!isNewUser());
    if (isNewUser()) {
        account->setRowVisible(m_lockRow, false);
    }

    auto* passwordRow = new QHBoxLayout;
    passwordRow->setSpacing(6);
    passwordRow->addWidget(m_passwordEdit, 1);
    passwordRow->addWidget(m_generateButton);
    m_generatorOptionsButton = new QToolButton(this);
    m_generatorOptionsButton->setObjectName(QStringLiteral("generatorOptionsButton"));
    m_generatorOptionsButton->setText(tr("…"));
    m_generatorOptionsButton->setToolTip(tr("Password generator: length, character classes, look-alikes, passphrases"));
    connect(m_generatorOptionsButton, &QToolButton::clicked, this, &UserEditorDialog::openGenerator);
    passwordRow->addWidget(m_generatorOptionsButton);
    QLabel* passwordTitle = sectionTitle(tr("Password"), this);
    passwordTitle->setContentsMargins(0, 12, 0, 0);
    account->addRow(passwordTitle);
    auto* passwordLabel = new QLabel(isNewUser() ? tr("&Password:") : tr("New &password:"), this);
    passwordLabel->setBuddy(m_passwordEdit);
    account->addRow(passwordLabel, passwordRow);
    account->addRow(QString(), m_rulesArea);
    account->addRow(QString(), m_mustChangeCheck);

    // Multi-factor, for an existing user: its state and three actions that take effect at once.
    if (!isNewUser()) {
        auto* mfaTitle = sectionTitle(tr("Multi-factor"), this);
        mfaTitle->setContentsMargins(0, 12, 0, 0);
        m_mfaStateLabel = new QLabel(tr("Loading…"), this);
        m_mfaCodesLabel = new QLabel(this);
        m_mfaRequiredLabel = new QLabel(this);
        m_mfaStateLabel->setObjectName(QStringLiteral("mfaStateLabel"));
        m_mfaCodesLabel->setObjectName(QStringLiteral("mfaBackupCodesLabel"));
        m_mfaRequiredLabel->setObjectName(QStringLiteral("mfaRequiredLabel"));
        for (QLabel* label : {m_mfaStateLabel, m_mfaCodesLabel, m_mfaRequiredLabel}) {
            label->setTextFormat(Qt::PlainText);
            label->setWordWrap(false); // short lines; wrapping labels in forms get too much height
        }
        m_mfaRequiredLabel->hide();
        m_enrolButton = new QPushButton(Icons::get(QStringLiteral("shield")), tr("Enrol &Authenticator…"), this);
        m_backupCodesButton = new QPushButton(Icons::get(QStringLiteral("key")), tr("&Backup Codes…"), this);
        m_resetMfaButton = new QPushButton(tr("&Reset…"), this);
        m_enrolButton->setObjectName(QStringLiteral("enrolAuthenticatorButton"));
        m_backupCodesButton->setObjectName(QStringLiteral("backupCodesButton"));
        m_resetMfaButton->setObjectName(QStringLiteral("resetMfaButton"));
        m_resetMfaButton->setToolTip(tr("Remove the authenticator and the backup codes (takes effect at once)"));
        m_backupCodesButton->setToolTip(
            tr("Generate single-use codes for signing in without the authenticator (takes effect at once)"));
        for (QPushButton* button : {m_enrolButton, m_backupCodesButton, m_resetMfaButton}) {
            button->setAutoDefault(false);
            button->setEnabled(false);
        }
        m_mfaButtons = new QWidget(this);
        auto* mfaButtonRow = new QHBoxLayout(m_mfaButtons);
        mfaButtonRow->setContentsMargins(0, 2, 0, 0);
        mfaButtonRow->setSpacing(6);
        mfaButtonRow->addWidget(m_enrolButton);
        mfaButtonRow->addWidget(m_backupCodesButton);
        mfaButtonRow->addWidget(m_resetMfaButton);
        mfaButtonRow->addStretch();
        account->addRow(mfaTitle);
        account->addRow(tr("State:"), m_mfaStateLabel);
        account->addRow(tr("Backup codes:"), m_mfaCodesLabel);
        account->addRow(QString(), m_mfaRequiredLabel);
        account->addRow(QString(), m_mfaButtons);
        connect(m_enrolButton, &QPushButton::clicked, this, &UserEditorDialog::enrolAuthenticator);
        connect(m_backupCodesButton, &QPushButton::clicked, this, &UserEditorDialog::generateBackupCodes);
        connect(m_resetMfaButton, &QPushButton::clicked, this, &UserEditorDialog::resetMfa);
    }

    auto* left = new QVBoxLayout;
    left->setSpacing(8);
    left->addLayout(account);
    left->addStretch(1);

    // Right column: roles, attributes and notes.
    m_rolesBox = new QWidget;
    m_rolesBox->setObjectName(QStringLiteral("rolesWidget"));
    m_rolesLayout = new QVBoxLayout(m_rolesBox);
    m_rolesLayout->setContentsMargins(8, 6, 8, 6);
    m_rolesLayout->setSpacing(4);
    m_rolesEmpty = new QLabel(tr("Loading roles…"), m_rolesBox);
    DialogStyle::makeHint(m_rolesEmpty);
    m_rolesLayout->addWidget(m_rolesEmpty);
    m_rolesLayout->addStretch();
    auto* rolesScroll = new QScrollArea(this);
    rolesScroll->setObjectName(QStringLiteral("rolesScrollArea"));
    rolesScroll->setWidget(m_rolesBox);
    rolesScroll->setWidgetResizable(true);
    rolesScroll->setMinimumHeight(110);
    rolesScroll->setMaximumHeight(170);

    m_attributes->setHorizontalHeaderLabels({tr("Attribute"), tr("Value")});
    m_attributes->horizontalHeader()->setStretchLastSection(true);
    m_attributes->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_attributes->horizontalHeader()->setHighlightSections(false);
    m_attributes->setColumnWidth(0, 150);
    m_attributes->verticalHeader()->hide();
    m_attributes->verticalHeader()->setDefaultSectionSize(m_attributes->fontMetrics().height() + 10);
    m_attributes->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_attributes->setMinimumHeight(100);
    auto* addAttribute = new QPushButton(Icons::get(QStringLiteral("add")), tr("A&dd"), this);
    addAttribute->setObjectName(QStringLiteral("addAttributeButton"));
    m_removeAttributeButton = new QPushButton(Icons::get(QStringLiteral("remove")), tr("Re&move"), this);
    m_removeAttributeButton->setObjectName(QStringLiteral("removeAttributeButton"));
    auto* attributeButtons = new QHBoxLayout;
    attributeButtons->setSpacing(6);
    attributeButtons->addWidget(addAttribute);
    attributeButtons->addWidget(m_removeAttributeButton);
    attributeButtons->addStretch();

    m_notesEdit->setPlaceholderText(tr("Anything other admins should know about this account"));
    m_notesEdit->setTabChangesFocus(true);
    m_notesEdit->setFixedHeight(m_notesEdit->fontMetrics().lineSpacing() * 4 + 14);

    auto* right = new QVBoxLayout;
    right->setSpacing(8);
    right->addWidget(sectionTitle(tr("Roles"), this));
    right->addWidget(rolesScroll);
    right->addSpacing(8);
    right->addWidget(sectionTitle(tr("Custom attributes"), this));
    right->addWidget(m_attributes, 1);
    right->addLayout(attributeButtons);
    right->addSpacing(8);
    right->addWidget(sectionTitle(tr("Notes"), this));
    right->addWidget(m_notesEdit);

    auto* columns = new QHBoxLayout;
    columns->setSpacing(28);
    columns->addLayout(left, 11);
    columns->addLayout(right, 9);

    auto* header = DialogStyle::header(
        Icons::get(QStringLiteral("users")), isNewUser() ? tr("Add a user") : tr("Edit %1").arg(m_original),
        isNewUser() ? tr("A local account in this vault. Every change is recorded in the audit trail.")
                    : tr("Changes are applied when you press Save and recorded in the audit trail."),
        this);
    auto* layout = new QVBoxLayout(this);
    DialogStyle::configure(layout);
    layout->addWidget(header);
    layout->addLayout(columns, 1);
    layout->addWidget(m_busyBar);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_buttons);
    setMinimumWidth(820);

    connect(m_usernameEdit, &QLineEdit::textChanged, this, [this] {
        updateState();
        checkPassword();
    });
    connect(m_emailEdit, &QLineEdit::textChanged, this, [this] {
        updateState();
        checkPassword();
    });
    connect(m_passwordEdit, &QLineEdit::textChanged, this, [this](const QString& text) {
        if (!text.isEmpty() && !m_mustChangeTouched) {
            m_mustChangeCheck->setChecked(true); // on by default for a password an admin sets
        }
        checkPassword();
    });
    connect(m_mustChangeCheck, &QCheckBox::clicked, this, [this] { m_mustChangeTouched = true; });
    connect(m_generateButton, &QPushButton::clicked, this, &UserEditorDialog::generate);
    connect(m_unlockButton, &QPushButton::clicked, this, &UserEditorDialog::unlockUser);
    connect(addAttribute, &QPushButton::clicked, this, [this] {
        addAttributeRow();
        m_attributes->setCurrentCell(m_attributes->rowCount() - 1, 0);
        m_attributes->editItem(m_attributes->item(m_attributes->rowCount() - 1, 0));
    });
    connect(m_removeAttributeButton, &QPushButton::clicked, this, [this] {
        QList<int> rows;
        for (const QModelIndex& index : m_attributes->selectionModel()->selectedRows()) {
            rows.append(index.row());
        }
        if (rows.isEmpty() && m_attributes->currentRow() >= 0) {
            rows.append(m_attributes->currentRow());
        }
        std::sort(rows.begin(), rows.end(), std::greater<>());
        for (int row : rows) {
            m_attributes->removeRow(row);
        }
        updateState();
    });
    connect(m_attributes, &QTableWidget::itemSelectionChanged, this, &UserEditorDialog::updateState);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &UserEditorDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &UserEditorDialog::reject);
    // Locking closes the dialog whatever it is doing; a typed password goes with it.
    connect(&m_controller, &VaultController::locked, this, [this] { QDialog::done(QDialog::Rejected); });

    checkPassword();
    m_usernameEdit->setFocus();
}

void UserEditorDialog::load()
{
    setBusy(true, tr("Loading…"));
    const QString name = m_original;
    const bool started = m_controller.runDirectory(
        this,
        [name](Directory& d) -> Result<Snapshot> {
            Snapshot snapshot;
            snapshot.roles = d.roles();
            snapshot.policy = d.passwordPolicy();
            snapshot.defaultRole = d.defaultRole();
            if (!name.isEmpty()) {
                TESSERA_TRY_ASSIGN(user, d.user(name));
                snapshot.user = std::move(user);
            }
            return snapshot;
        },
        [this](Result<Snapshot> snapshot) {
            if (!snapshot) {
                setBusy(false);
                showError(ErrorText::forUser(snapshot.error()));
                return;
            }
            applySnapshot(*snapshot); // sets m_loaded, so setBusy enables the fields
            setBusy(false);
            if (!isNewUser()) {
                loadMfa();
            }
            m_usernameEdit->setFocus();
            if (!isNewUser()) {
                m_usernameEdit->selectAll();
            }
            Q_EMIT loaded();
        });
    if (!started) {
        setBusy(false);
        showError(tr("The vault is locked."));
    }
}

void UserEditorDialog::applySnapshot(const Snapshot& snapshot)
{
    m_policy = snapshot.policy;
    m_rulesArea->setToolTip(tr("Password policy:\n%1").arg(m_policy.describe().join(QLatin1Char('\n'))));
    QStringList ticked;
    if (snapshot.user) {
        m_user = *snapshot.user;
        m_original = m_user.username;
        m_usernameEdit->setText(m_user.username);
        m_displayNameEdit->setText(m_user.displayName);
        m_emailEdit->setText(m_user.email);
        m_statusCombo->setCurrentIndex(m_user.disabled ? 1 : 0);
        m_notesEdit->setPlainText(m_user.notes);
        for (auto it = m_user.attributes.cbegin(); it != m_user.attributes.cend(); ++it) {
            addAttributeRow(it.key(), it.value());
        }
        m_mustChangeCheck->setChecked(m_user.mustChangePassword);
        ticked = m_user.roles;
        showLockState(m_user);
        setWindowTitle(tr("Edit User — %1").arg(m_user.username));
    } else if (!snapshot.defaultRole.isEmpty()) {
        ticked = {snapshot.defaultRole};
    }
    setRoles(snapshot.roles, ticked);
    m_loaded = true;
    checkPassword();
}

void UserEditorDialog::setRoles(const QList<RoleDefinition>& roles, const QStringList& ticked)
{
    delete m_rolesGrid;
    m_roleChecks.clear();
    m_rolesEmpty->setText(tr("This vault has no roles yet."));
    m_rolesEmpty->setVisible(roles.isEmpty());
    // One row per role: its checkbox, and what it is for in quieter text beside it.
    m_rolesGrid = new QWidget(m_rolesBox);
    auto* grid = new QGridLayout(m_rolesGrid);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(4);
    grid->setColumnStretch(1, 1);
    int row = 0;
    for (const RoleDefinition& role : roles) {
        auto* check = new QCheckBox(role.name, m_rolesGrid);
        check->setObjectName(QStringLiteral("roleCheckBox_%1").arg(role.name));
        check->setProperty("role", role.name);
        check->setChecked(ticked.contains(role.name));
        auto* description = new ElidedLabel(role.description, m_rolesGrid);
        DialogStyle::makeHint(description);
        description->setWordWrap(false);
        grid->addWidget(check, row, 0, Qt::AlignLeft | Qt::AlignVCenter);
        grid->addWidget(description, row, 1);
        m_roleChecks.append(check);
        ++row;
    }
    m_rolesLayout->insertWidget(0, m_rolesGrid);
}

QStringList UserEditorDialog::tickedRoles() const
{
    QStringList roles;
    for (const QCheckBox* check : m_roleChecks) {
        if (check->isChecked()) {
            roles.append(check->property("role").toString());
        }
    }
    return roles;
}

void UserEditorDialog::showLockState(const User& user)
{
    const qint64 now = m_controller.clock().nowMs();
    if (user.isLockedAt(now)) {
        m_lockLabel->setText(tr("Locked until %1 (%2 failed sign-ins)")
                                 .arg(UsersTableModel::shortTime(user.lockedUntilMs, now))
                                 .arg(user.failedLogins));
        m_lockLabel->setToolTip(UsersTableModel::absoluteTime(user.lockedUntilMs));
        m_lockLabel->setStyleSheet(QStringLiteral("color: #d64545;"));
    } else if (user.failedLogins > 0) {
        m_lockLabel->setText(
            tr("Not locked; %1 failed sign-ins since the last success").arg(user.failedLogins));
        m_lockLabel->setStyleSheet(QString());
    } else {
        m_lockLabel->setText(tr("Not locked"));
        m_lockLabel->setStyleSheet(QString());
    }
    m_unlockButton->setEnabled(user.isLockedAt(now) || user.failedLogins > 0);
    m_unlockButton->setToolTip(tr("Clear the lock and the count of failed sign-ins"));
}

void UserEditorDialog::setUsernameLookup(UsernameLookup lookup)
{
    m_lookup = std::move(lookup);
    updateState();
}

void UserEditorDialog::updateState()
{
    const QString username = m_usernameEdit->text();
    QString usernameProblem;
    if (!username.isEmpty()) {
        if (auto ok = UserValidator::username(username); !ok) {
            usernameProblem = ErrorText::forUser(ok.error());
        } else if (m_lookup) {
            const QString existing = m_lookup(username);
            const bool self = !isNewUser() &&
                              UserValidator::usernameKey(existing) == UserValidator::usernameKey(m_original);
            if (!existing.isEmpty() && !self) {
                usernameProblem =
                    tr("A user named '%1' already exists (usernames ignore case).").arg(existing);
            }
        }
    }
    m_usernameError->setText(usernameProblem);
    m_usernameError->setVisible(!usernameProblem.isEmpty());

    QString emailProblem;
    if (auto ok = UserValidator::email(m_emailEdit->text().trimmed()); !ok) {
        emailProblem = ErrorText::forUser(ok.error());
    }
    m_emailError->setText(emailProblem);
    m_emailError->setVisible(!emailProblem.isEmpty());

    m_removeAttributeButton->setEnabled(m_attributes->currentRow() >= 0 || m_attributes->rowCount() > 0);
    const bool passwordOk = m_passwordEdit->text().isEmpty() || m_violations.isEmpty();
    m_saveButton->setEnabled(m_loaded && !m_busy && !username.isEmpty() && usernameProblem.isEmpty() &&
                             emailProblem.isEmpty() && passwordOk);
    if (!m_busy) {
        m_errorLabel->hide();
    }
}

void UserEditorDialog::checkPassword()
{
    const QString password = m_passwordEdit->text();
    if (password.isEmpty()) {
        m_violations.clear();
        m_rulesLabel->setText(QStringLiteral("<span style=\"color: %1\">%2</span>")
                                  .arg(palette().color(QPalette::PlaceholderText).name(),
                                       tr("Checked against the vault's password policy as you type.")));
    } else {
        // The policy snapshot read when the dialog opened; reuse of old passwords is checked on save.
        PasswordContext context;
        context.username = m_usernameEdit->text();
        context.email = m_emailEdit->text().trimmed();
        m_violations = m_policy.evaluate(password, context);
        if (m_violations.isEmpty()) {
            m_rulesLabel->setText(QStringLiteral("<span style=\"color: #2e9b5f\">✓ %1</span>")
                                      .arg(tr("Meets the password policy")));
        } else {
            QStringList lines;
            for (const PolicyViolation& violation : std::as_const(m_violations)) {
                lines.append(QStringLiteral("✗ %1").arg(violation.message.toHtmlEscaped()));
            }
            m_rulesLabel->setText(QStringLiteral("<span style=\"color: #d64545\">%1</span>")
                                      .arg(lines.join(QStringLiteral("<br>"))));
        }
    }
    updateState();
    Q_EMIT passwordChecked(m_violations);
}

void UserEditorDialog::setGeneratedPassword(const QString& password)
{
    m_passwordEdit->setText(password);
    m_passwordEdit->setRevealed(true);
    m_passwordEdit->setFocus();
}

void UserEditorDialog::generate()
{
    if (m_generate) {
        m_generate(*this, m_policy);
        return;
    }
    PasswordOptions options;
    const int longest =
        std::max(PasswordOptions::kMinLength, std::min(m_policy.maxLength, PasswordOptions::kMaxLength));
    options.length =
        std::clamp(std::max(options.length, m_policy.minLength), PasswordOptions::kMinLength, longest);
    PasswordContext context;
    context.username = m_usernameEdit->text();
    context.email = m_emailEdit->text().trimmed();
    // Every class is guaranteed; retrying covers the freak password that happens to contain the username.
    for (int attempt = 0; attempt < 5; ++attempt) {
        auto secret = PasswordGenerator().password(options);
        if (!secret) {
            showError(ErrorText::forUser(secret.error()));
            return;
        }
        QString text = QString::fromUtf8(secret->view());
        if (m_policy.evaluate(text, context).isEmpty()) {
            setGeneratedPassword(text);
            wipeString(text);
            return;
        }
        wipeString(text);
    }
    showError(tr("Could not generate a password that meets the policy."));
}

void UserEditorDialog::openGenerator()
{
    auto* dialog = new PasswordGeneratorDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    PasswordOptions options = dialog->passwordOptions();
    options.length = std::clamp(std::max(options.length, m_policy.minLength), PasswordGeneratorDialog::kMinLength,
                                std::min(m_policy.maxLength, PasswordGeneratorDialog::kMaxLength));
    dialog->setPasswordOptions(options);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const SecretBuffer secret = dialog->takePassword();
        QString text = QString::fromUtf8(secret.view());
        setGeneratedPassword(text); // the live check then tells whether it meets the policy
        wipeString(text);
    });
    dialog->open();
}

void UserEditorDialog::addAttributeRow(const QString& name, const QString& value)
{
    const int row = m_attributes->rowCount();
    m_attributes->insertRow(row);
    m_attributes->setItem(row, 0, new QTableWidgetItem(name));
    m_attributes->setItem(row, 1, new QTableWidgetItem(value));
    updateState();
}

std::optional<QMap<QString, QString>> UserEditorDialog::collectAttributes()
{
    QMap<QString, QString> attributes;
    for (int row = 0; row < m_attributes->rowCount(); ++row) {
        const QTableWidgetItem* nameItem = m_attributes->item(row, 0);
        const QTableWidgetItem* valueItem = m_attributes->item(row, 1);
        const QString name = nameItem ? nameItem->text().trimmed() : QString();
        const QString value = valueItem ? valueItem->text() : QString();
        if (name.isEmpty() && value.isEmpty()) {
            continue;
        }
        auto fail = [&](const QString& text) {
            showError(text);
            m_attributes->setCurrentCell(row, 0);
            m_attributes->setFocus();
            return std::nullopt;
        };
        if (name.isEmpty()) {
            return fail(tr("Attribute on row %1 has a value but no name.").arg(row + 1));
        }
        if (auto ok = UserValidator::attributeName(name); !ok) {
            return fail(ErrorText::forUser(ok.error()));
        }
        if (attributes.contains(name)) {
            return fail(tr("The attribute '%1' appears twice.").arg(name));
        }
        attributes.insert(name, value);
    }
    return attributes;
}

void UserEditorDialog::accept()
{
    if (m_busy || !m_saveButton->isEnabled()) {
        return;
    }
    save();
}

void UserEditorDialog::save()
{
    const std::optional<QMap<QString, QString>> attributes = collectAttributes();
    if (!attributes) {
        return;
    }
    SaveRequest request;
    request.original = m_original;
    request.username = m_usernameEdit->text();
    request.profile.displayName = m_displayNameEdit->text().trimmed();
    request.profile.email = m_emailEdit->text().trimmed();
    request.profile.notes = m_notesEdit->toPlainText();
    request.profile.attributes = *attributes;
    request.roles = tickedRoles();
    request.disabled = m_statusCombo->currentData().toBool();
    request.disabledChanged = isNewUser() || request.disabled != m_user.disabled;
    request.mustChange = m_mustChangeCheck->isChecked();
    if (!m_passwordEdit->text().isEmpty()) {
        QString typed = m_passwordEdit->text();
        request.password = SecretBuffer::fromString(typed);
        wipeString(typed);
    }

    setBusy(true, isNewUser() ? tr("Adding the user…") : tr("Saving…"));
    const QString previous = m_original;
    const bool started = m_controller.runDirectory(
        this,
        [request = std::move(request)](Directory& d) mutable -> Result<SaveOutcome> {
            SaveOutcome outcome;
            outcome.currentName = request.original;
            auto apply = [&]() -> Status {
                if (request.original.isEmpty()) {
                    NewUser user;
                    user.username = request.username;
                    user.displayName = request.profile.displayName;
                    user.email = request.profile.email;
                    user.notes = request.profile.notes;
                    user.attributes = request.profile.attributes;
                    user.roles = request.roles;
                    user.disabled = request.disabled;
                    user.mustChangePassword = request.mustChange;
                    TESSERA_TRY(d.addUser(user, request.password ? &*request.password : nullptr));
                    outcome.currentName = request.username;
                    return {};
                }
                // The password first: the policy's reuse rule is the likeliest refusal, and nothing
                // else has changed yet when it comes.
                if (request.password) {
                    TESSERA_TRY(d.setPassword(request.original, *request.password, request.mustChange));
                }
                TESSERA_TRY(d.renameUser(request.original, request.username));
                outcome.currentName = request.username;
                TESSERA_TRY(d.updateProfile(request.username, request.profile));
                TESSERA_TRY(d.setUserRoles(request.username, request.roles));
                if (request.disabledChanged) {
                    TESSERA_TRY(d.setDisabled({request.username}, request.disabled));
                }
                return d.setMustChangePassword(request.username, request.mustChange);
            };
            outcome.status = apply();
            if (request.password) {
                request.password->wipe();
            }
            if (!outcome.currentName.isEmpty()) {
                outcome.summary = d.userSummary(outcome.currentName);
            }
            return outcome;
        },
        [this, previous](Result<SaveOutcome> saved) {
            setBusy(false);
            if (!saved) {
                showError(ErrorText::forUser(saved.error()));
                return;
            }
            SaveOutcome& outcome = *saved;
            if (outcome.summary) {
                m_original = outcome.summary->username;
                Q_EMIT userSaved(previous, *outcome.summary);
            }
            if (!outcome.status) {
                showError(ErrorText::forUser(outcome.status.error()));
                return;
            }
            m_passwordEdit->clearSecret();
            QDialog::accept();
        });
    if (!started) {
        setBusy(false);
        showError(tr("The vault is locked."));
    }
}

void UserEditorDialog::unlockUser()
{
    if (m_busy || isNewUser()) {
        return;
    }
    setBusy(true, tr("Unlocking…"));
    const QString name = m_original;
    m_controller.runDirectory(
        this,
        [name](Directory& d) -> Result<User> {
            TESSERA_TRY(d.unlockUser(name));
            return d.user(name);
        },
        [this, name](Result<User> user) {
            setBusy(false);
            if (!user) {
                showError(ErrorText::forUser(user.error()));
                return;
            }
            m_user.failedLogins = user->failedLogins;
            m_user.lockedUntilMs = user->lockedUntilMs;
            m_user.firstFailureMs = user->firstFailureMs;
            m_user.lockCount = user->lockCount;
            showLockState(*user);
            UserSummary summary;
            summary.id = user->id;
            summary.username = user->username;
            summary.displayName = user->displayName;
            summary.email = user->email;
            summary.roles = user->roles.join(QStringLiteral(", "));
            summary.disabled = user->disabled;
            summary.lockedUntilMs = user->lockedUntilMs;
            summary.lastLoginMs = user->lastLoginMs;
            summary.hasPassword = user->hasPassword;
            Q_EMIT userSaved(name, summary);
        });
}

// --- multi-factor ------------------------------------------------------------------------------

void UserEditorDialog::loadMfa()
{
    const QString name = m_original;
    m_controller.runDirectory(
        this, [name](Directory& d) -> Result<MfaStatus> { return d.mfa().status(name); },
        [this](Result<MfaStatus> status) {
            if (!status) {
                m_mfaStateLabel->setText(tr("Could not read: %1").arg(ErrorText::forUser(status.error())));
                m_mfaStateLabel->setStyleSheet(
                    QStringLiteral("color: %1;").arg(DialogStyle::failureColor(palette()).name()));
                return;
            }
            adoptMfa(*status);
        });
}

void UserEditorDialog::adoptMfa(const MfaStatus& status)
{
    m_mfa = status;
    showMfa();
    updateMfaActions();
    Q_EMIT mfaChanged(m_user.id, status);
}

void UserEditorDialog::showMfa()
{
    if (!m_mfa) {
        return;
    }
    const MfaStatus& mfa = *m_mfa;
    const qint64 now = m_controller.clock().nowMs();
    const QString muted = palette().color(QPalette::PlaceholderText).name();
    switch (mfa.state) {
    case MfaState::Off:
        m_mfaStateLabel->setText(tr("Off: signs in with the password alone"));
        m_mfaStateLabel->setStyleSheet(QString());
        m_mfaStateLabel->setToolTip(QString());
        break;
    case MfaState::Pending:
        m_mfaStateLabel->setText(tr("Pending since %1: waiting for a first code from the app")
                                     .arg(UsersTableModel::shortTime(mfa.enrolledMs, now)));
        m_mfaStateLabel->setStyleSheet(QString());
        m_mfaStateLabel->setToolTip(tr("Enrolled %1; not asked for at sign-in until confirmed")
                                        .arg(UsersTableModel::absoluteTime(mfa.enrolledMs)));
        break;
    case MfaState::Active:
        m_mfaStateLabel->setText(
            tr("Active: %1").arg(MfaText::settings(mfa.algorithm, mfa.digits, mfa.period)));
        m_mfaStateLabel->setStyleSheet(
            QStringLiteral("color: %1;").arg(DialogStyle::successColor(palette()).name()));
        m_mfaStateLabel->setToolTip(tr("Confirmed %1").arg(UsersTableModel::absoluteTime(mfa.confirmedMs)));
        break;
    }
    if (!mfa.isActive() && mfa.backupCodesTotal == 0) {
        m_mfaCodesLabel->setText(tr("None (an active authenticator comes first)"));
        m_mfaCodesLabel->setStyleSheet(QStringLiteral("color: %1;").arg(muted));
    } else if (mfa.backupCodesLow()) {
        m_mfaCodesLabel->setText(mfa.backupCodesTotal == 0
                                     ? tr("None generated: generate a set in case the phone is lost")
                                     : tr("%1: generate a new set soon").arg(MfaText::backupCodes(mfa)));
        m_mfaCodesLabel->setStyleSheet(
            QStringLiteral("color: %1;").arg(DialogStyle::warningColor(palette()).name()));
    } else {
        m_mfaCodesLabel->setText(MfaText::backupCodes(mfa));
        m_mfaCodesLabel->setStyleSheet(QString());
    }
    if (mfa.required) {
        m_mfaRequiredLabel->setText(mfa.isActive()
                                        ? tr("Required by the vault's MFA policy")
                                        : tr("Required by the vault's MFA policy, but not active yet"));
        m_mfaRequiredLabel->setStyleSheet(
            QStringLiteral("color: %1;")
                .arg(mfa.isActive() ? muted : DialogStyle::failureColor(palette()).name()));
    }
    m_mfaRequiredLabel->setVisible(mfa.required);
}

void UserEditorDialog::updateMfaActions()
{
    const bool ready = m_loaded && !m_busy && m_mfa.has_value();
    const bool active = m_mfa && m_mfa->isActive();
    m_enrolButton->setEnabled(ready && !active);
    m_backupCodesButton->setEnabled(ready && active);
    m_resetMfaButton->setEnabled(ready && (m_mfa->state != MfaState::Off || m_mfa->backupCodesTotal > 0));
    if (m_mfa && m_mfa->state == MfaState::Pending) {
        m_enrolButton->setToolTip(tr("Start again with a new key, replacing the pending enrolment"));
    } else if (active) {
        m_enrolButton->setToolTip(tr("An authenticator is active; reset it first to enrol another"));
    } else {
        m_enrolButton->setToolTip(tr("Show a QR code for the user's authenticator app"));
    }
}

void UserEditorDialog::enrolAuthenticator()
{
    if (m_busy || !m_enrolButton->isEnabled()) {
        return;
    }
    setBusy(true, tr("Enrolling…"));
    const QString name = m_original;
    const bool started = m_controller.runDirectory(
        this, [name](Directory& d) -> Result<TotpEnrolment> { return d.mfa().enrol(name); },
        [this](Result<TotpEnrolment> enrolment) {
            setBusy(false);
            m_controller.notifyVaultChanged(); // mfa.enrol is in the audit trail
            if (!enrolment) {
                showError(ErrorText::forUser(enrolment.error()));
                loadMfa();
                return;
            }
            auto* dialog = new TotpEnrolDialog(m_controller, std::move(*enrolment), this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            connect(dialog, &TotpEnrolDialog::confirmed, this, &UserEditorDialog::adoptMfa);
            // Closed without confirming: the state is now Pending.
            connect(dialog, &QDialog::rejected, this, &UserEditorDialog::loadMfa);
            dialog->open();
        });
    if (!started) {
        setBusy(false);
        showError(tr("The vault is locked."));
    }
}

void UserEditorDialog::resetMfa()
{
    if (m_busy || !m_resetMfaButton->isEnabled()) {
        return;
    }
    const QString name = m_original;
    QString text = tr("Remove the authenticator and all backup codes of %1?").arg(name) + QStringLiteral("\n\n") +
                   tr("%1 then signs in with the password alone until a new authenticator is enrolled.").arg(name);
    if (m_mfa && m_mfa->required) {
        text += QLatin1Char(' ') + tr("The vault's MFA policy requires one for %1.").arg(name);
    }
    text += QLatin1Char(' ') + tr("The reset is recorded in the audit trail.");
    if (MessageBoxes::question(this, tr("Reset Multi-factor"), text, QMessageBox::Yes | QMessageBox::No,
                               QMessageBox::No) != QMessageBox::Yes) {
        return;
    }
    setBusy(true, tr("Resetting…"));
    const bool started = m_controller.runDirectory(
        this,
        [name](Directory& d) -> Result<MfaStatus> {
            TESSERA_TRY(d.mfa().reset(name));
            return d.mfa().status(name);
        },
        [this](Result<MfaStatus> status) {
            setBusy(false);
            m_controller.notifyVaultChanged();
            if (!status) {
                showError(ErrorText::forUser(status.error()));
                loadMfa();
                return;
            }
            adoptMfa(*status);
        });
    if (!started) {
        setBusy(false);
        showError(tr("The vault is locked."));
    }
}

void UserEditorDialog::generateBackupCodes()
{
    if (m_busy || !m_backupCodesButton->isEnabled() || !m_mfa) {
        return;
    }
    const QString name = m_original;
    if (m_mfa->backupCodesTotal > 0) {
        const QString text =
            tr("Generate a new set of backup codes for %1?").arg(name) + QStringLiteral("\n\n") +
            tr("The new set replaces the old one: its %1 unused code(s) stop working at once.")
                .arg(m_mfa->backupCodesRemaining);
        if (MessageBoxes::question(this, tr("Replace Backup Codes"), text, QMessageBox::Yes | QMessageBox::No,
                                   QMessageBox::No) != QMessageBox::Yes) {
            return;
        }
    }
    struct Generated
    {
        QStringList codes;
        MfaStatus status;
    };
    setBusy(true, tr("Generating backup codes…"));
    const bool started = m_controller.runDirectory(
        this,
        [name](Directory& d) -> Result<Generated> {
            Generated generated;
            TESSERA_TRY_ASSIGN(codes, d.mfa().generateBackupCodes(name));
            generated.codes = std::move(codes);
            TESSERA_TRY_ASSIGN(status, d.mfa().status(name));
            generated.status = status;
            return generated;
        },
        [this, name](Result<Generated> generated) {
            setBusy(false);
            m_controller.notifyVaultChanged();
            if (!generated) {
                showError(ErrorText::forUser(generated.error()));
                loadMfa();
                return;
            }
            adoptMfa(generated->status);
            auto* dialog =
                new BackupCodesDialog(name, std::move(generated->codes), m_controller.vaultName(), this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->open();
        });
    if (!started) {
        setBusy(false);
        showError(tr("The vault is locked."));
    }
}

void UserEditorDialog::setBusy(bool busy, const QString& status)
{
    m_busy = busy;
    for (QWidget* widget : std::initializer_list<QWidget*>{
             m_usernameEdit, m_displayNameEdit, m_emailEdit, m_statusCombo, m_passwordEdit, m_generateButton,
             m_mustChangeCheck, m_rolesBox, m_attributes, m_notesEdit}) {
        widget->setEnabled(!busy && (m_loaded || (widget == m_usernameEdit && isNewUser())));
    }
    if (m_enrolButton) {
        updateMfaActions();
    }
    m_busyBar->setVisible(busy);
    m_statusLabel->setText(status);
    m_statusLabel->setVisible(busy && !status.isEmpty());
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(!busy || !m_loaded);
    if (busy) {
        m_errorLabel->hide();
        m_saveButton->setEnabled(false);
        m_unlockButton->setEnabled(false);
    } else {
        if (m_loaded && !isNewUser()) {
            showLockState(m_user);
        }
        updateState();
    }
}

void UserEditorDialog::showError(const QString& text)
{
    m_errorLabel->setText(text);
    m_errorLabel->show();
}

void UserEditorDialog::reject()
{
    if (m_busy && m_loaded) {
        return; // a save is running; closing now would hide its outcome
    }
    QDialog::reject();
}

} // namespace tessera::ui
