#include "users/PasswordPolicyEditor.h"

#include "common/DialogStyle.h"
#include "common/ErrorText.h"
#include "common/Icons.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tessera::ui {

namespace {

QCheckBox* checkBox(const QString& text, const char* name, QWidget* parent)
{
    auto* box = new QCheckBox(text, parent);
    box->setObjectName(QString::fromLatin1(name));
    return box;
}

QSpinBox* spinBox(const char* name, int minimum, int maximum, QWidget* parent)
{
    auto* spin = new QSpinBox(parent);
    spin->setObjectName(QString::fromLatin1(name));
    spin->setRange(minimum, maximum);
    return spin;
}

QVBoxLayout* column(std::initializer_list<QWidget*> widgets)
{
    auto* layout = new QVBoxLayout;
    layout->setSpacing(6);
    for (QWidget* widget : widgets) {
        layout->addWidget(widget);
    }
    return layout;
}

} // namespace

PasswordPolicyEditor::PasswordPolicyEditor(QWidget* parent)
    : QWidget(parent),
      // Ranges are core's absolute limits only; whether min and max fit together is validate()'s call.
      m_minLengthSpin(spinBox("minLengthSpinBox", 1, PasswordPolicy::kAbsoluteMaxLength, this)),
      m_maxLengthSpin(spinBox("maxLengthSpinBox", 1, PasswordPolicy::kAbsoluteMaxLength, this)),
      m_lowercaseCheck(checkBox(tr("A &lower-case letter"), "requireLowercaseCheckBox", this)),
      m_uppercaseCheck(checkBox(tr("An &upper-case letter"), "requireUppercaseCheckBox", this)),
      m_digitCheck(checkBox(tr("A &digit"), "requireDigitCheckBox", this)),
      m_usernameCheck(checkBox(tr("Contain the user&name"), "forbidUsernameCheckBox", this)),
      m_emailCheck(checkBox(tr("Contain the &email address"), "forbidEmailCheckBox", this)),
      m_commonCheck(checkBox(tr("Be a &commonly used password"), "forbidCommonCheckBox", this)),
      m_historySpin(spinBox("historySizeSpinBox", 0, PasswordPolicy::kMaxHistorySize, this)),
      m_errorLabel(new QLabel(this)),
      m_defaultsButton(new QPushButton(Icons::get(QStringLiteral("refresh")), tr("&Restore Defaults"), this))
{
    setObjectName(QStringLiteral("passwordPolicyEditor"));
    m_errorLabel->setObjectName(QStringLiteral("policyErrorLabel"));
    m_defaultsButton->setObjectName(QStringLiteral("restoreDefaultsButton"));
    DialogStyle::makeError(m_errorLabel);

    m_minLengthSpin->setAccessibleName(tr("Minimum length"));
    m_maxLengthSpin->setAccessibleName(tr("Maximum length"));
    m_historySpin->setSuffix(tr(" earlier passwords"));
    m_historySpin->setSpecialValueText(tr("Off: reuse allowed"));
    m_commonCheck->setToolTip(tr("Checked against the list of frequently used passwords that ships with "
                                 "Tessera; no network access."));
    m_usernameCheck->setToolTip(
        tr("Names shorter than %1 characters are not searched for.").arg(PasswordPolicy::kMinIdentityLength));
    m_emailCheck->setToolTip(tr("The part before the @ is searched for."));

    auto* lengthRow = new QHBoxLayout;
    lengthRow->setSpacing(8);
    lengthRow->addWidget(m_minLengthSpin);
    auto* toLabel = new QLabel(tr("&to"), this);
    toLabel->setBuddy(m_maxLengthSpin);
    lengthRow->addWidget(toLabel);
    lengthRow->addWidget(m_maxLengthSpin);
    lengthRow->addWidget(new QLabel(tr("characters"), this));
    lengthRow->addStretch(1);

    auto* historyHint =
        new QLabel(tr("A new password must differ from this many of the user's previous ones."), this);
    DialogStyle::makeHint(historyHint);

    auto* form = new QFormLayout;
    DialogStyle::configure(form);
    form->setContentsMargins(0, 0, 0, 0);
    auto* lengthLabel = new QLabel(tr("Len&gth:"), this);
    lengthLabel->setBuddy(m_minLengthSpin);
    form->addRow(lengthLabel, lengthRow);
    form->addRow(tr("Must contain:"), column({m_lowercaseCheck, m_uppercaseCheck, m_digitCheck}));
    form->addRow(tr("Must not:"), column({m_usernameCheck, m_emailCheck, m_commonCheck}));
    auto* historyLabel = new QLabel(tr("&History:"), this);
    historyLabel->setBuddy(m_historySpin);
    auto* historyRow = new QHBoxLayout;
    historyRow->addWidget(m_historySpin);
    historyRow->addStretch(1);
    form->addRow(historyLabel, historyRow);
    form->addRow(QString(), historyHint);

    auto* buttonRow = new QHBoxLayout;
    buttonRow->addStretch(1);
    buttonRow->addWidget(m_defaultsButton);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    layout->addLayout(form);
    layout->addWidget(m_errorLabel);
    layout->addLayout(buttonRow);

    for (QSpinBox* spin : {m_minLengthSpin, m_maxLengthSpin, m_historySpin}) {
        connect(spin, &QSpinBox::valueChanged, this, &PasswordPolicyEditor::edited);
    }
    for (QCheckBox* box :
         {m_lowercaseCheck, m_uppercaseCheck, m_digitCheck, m_usernameCheck, m_emailCheck, m_commonCheck}) {
        connect(box, &QCheckBox::toggled, this, &PasswordPolicyEditor::edited);
    }
    connect(m_defaultsButton, &QPushButton::clicked, this, [this] {
        if (policy() != PasswordPolicy{}) {
            setPolicy(PasswordPolicy{});
            Q_EMIT policyChanged();
        }
    });

    setPolicy(PasswordPolicy{});
}

void PasswordPolicyEditor::setPolicy(const PasswordPolicy& policy)
{
    {
        const QSignalBlocker blockers[] = {QSignalBlocker(m_minLengthSpin),  QSignalBlocker(m_maxLengthSpin),
                                           QSignalBlocker(m_historySpin),    QSignalBlocker(m_lowercaseCheck),
                                           QSignalBlocker(m_uppercaseCheck), QSignalBlocker(m_digitCheck),
                                           QSignalBlocker(m_usernameCheck),  QSignalBlocker(m_emailCheck),
                                           QSignalBlocker(m_commonCheck)};
        m_minLengthSpin->setValue(policy.minLength);
        m_maxLengthSpin->setValue(policy.maxLength);
        m_lowercaseCheck->setChecked(policy.requireLowercase);
        m_uppercaseCheck->setChecked(policy.requireUppercase);
        m_digitCheck->setChecked(policy.requireDigit);
        m_usernameCheck->setChecked(policy.forbidUsername);
        m_emailCheck->setChecked(policy.forbidEmail);
        m_commonCheck->setChecked(policy.forbidCommon);
        m_historySpin->setValue(policy.historySize);
    }
    showValidation();
}

PasswordPolicy PasswordPolicyEditor::policy() const
{
    PasswordPolicy policy;
    policy.minLength = m_minLengthSpin->value();
    policy.maxLength = m_maxLengthSpin->value();
    policy.requireLowercase = m_lowercaseCheck->isChecked();
    policy.requireUppercase = m_uppercaseCheck->isChecked();
    policy.requireDigit = m_digitCheck->isChecked();
    policy.forbidUsername = m_usernameCheck->isChecked();
    policy.forbidEmail = m_emailCheck->isChecked();
    policy.forbidCommon = m_commonCheck->isChecked();
    policy.historySize = m_historySpin->value();
    return policy;
}

bool PasswordPolicyEditor::isValid() const
{
    return policy().validate().has_value();
}

QString PasswordPolicyEditor::validationMessage() const
{
    const Status valid = policy().validate();
    return valid ? QString() : ErrorText::forUser(valid.error());
}

void PasswordPolicyEditor::edited()
{
    showValidation();
    Q_EMIT policyChanged();
}

void PasswordPolicyEditor::showValidation()
{
    const QString message = validationMessage();
    m_errorLabel->setText(message);
    m_errorLabel->setVisible(!message.isEmpty());
    m_defaultsButton->setEnabled(policy() != PasswordPolicy{});
}

} // namespace tessera::ui
