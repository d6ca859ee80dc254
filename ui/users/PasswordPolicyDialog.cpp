#include "users/PasswordPolicyDialog.h"

#include "app/VaultController.h"
#include "common/DialogStyle.h"
#include "common/ErrorText.h"
#include "common/Icons.h"
#include "users/PasswordPolicyEditor.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace tessera::ui {

PasswordPolicyDialog::PasswordPolicyDialog(VaultController& controller, QWidget* parent)
    : QDialog(parent), m_controller(controller), m_editor(new PasswordPolicyEditor(this)),
      m_status(new QLabel(this)), m_saveButton(nullptr)
{
    setObjectName(QStringLiteral("passwordPolicyDialog"));
    setWindowTitle(tr("Password Policy"));
    // The same header as the other dialogs: icon, title, one explaining sentence.
    QWidget* intro = DialogStyle::header(
        Icons::get(QStringLiteral("key")), tr("Password policy"),
        tr("The rules every password set in this vault must meet, in the GUI, on the command line and in "
           "imports of plaintext passwords. Changes are recorded in the audit trail."),
        this);
    m_status->setObjectName(QStringLiteral("policyStatusLabel"));
    DialogStyle::makeHint(m_status);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_saveButton = buttons->button(QDialogButtonBox::Save);
    m_saveButton->setObjectName(QStringLiteral("savePolicyButton"));
    auto* layout = new QVBoxLayout(this);
    DialogStyle::configure(layout);
    layout->addWidget(intro);
    layout->addWidget(m_editor);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    setMinimumWidth(480);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_saveButton, &QPushButton::clicked, this, &PasswordPolicyDialog::save);
    connect(m_editor, &PasswordPolicyEditor::policyChanged, this, &PasswordPolicyDialog::updateState);
    connect(&m_controller, &VaultController::locked, this, &QDialog::reject);

    m_editor->setEnabled(false);
    m_status->setText(tr("Reading the vault's policy…"));
    m_controller.runDirectory(
        this, [](Directory& d) -> Result<PasswordPolicy> { return d.passwordPolicy(); },
        [this](Result<PasswordPolicy> policy) {
            if (!policy) {
                m_status->setText(ErrorText::forUser(policy.error()));
                return;
            }
            m_stored = *policy;
            m_editor->setPolicy(m_stored);
            m_editor->setEnabled(true);
            m_loaded = true;
            m_status->clear();
            updateState();
            Q_EMIT loaded();
        });
    updateState();
}

void PasswordPolicyDialog::updateState()
{
    const bool changed = m_loaded && !(m_editor->policy() == m_stored);
    m_saveButton->setEnabled(m_loaded && !m_busy && changed && m_editor->isValid());
}

void PasswordPolicyDialog::save()
{
    const PasswordPolicy policy = m_editor->policy();
    m_busy = true;
    updateState();
    m_controller.runDirectory(
        this, [policy](Directory& d) -> Status { return d.setPasswordPolicy(policy); },
        [this, policy](Status ok) {
            m_busy = false;
            if (!ok) {
                m_status->setText(ErrorText::forUser(ok.error()));
                updateState();
                return;
            }
            m_stored = policy;
            m_controller.notifyIdentityChanged();
            Q_EMIT saved();
            accept();
        });
}

} // namespace tessera::ui
