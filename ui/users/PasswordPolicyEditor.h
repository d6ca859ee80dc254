#pragma once

#include "password/PasswordPolicy.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace tessera::ui {

// A form over a PasswordPolicy value: length limits, required character classes, what a password must
// not be, and how many earlier passwords are remembered. It saves nothing; its host reads policy() and
// stores it through the controller. Contradictions are core's to judge (PasswordPolicy::validate()), and
// its message is shown under the form; the spin boxes deliberately allow them, so the user sees why.
class PasswordPolicyEditor : public QWidget
{
    Q_OBJECT

public:
    explicit PasswordPolicyEditor(QWidget* parent = nullptr);

    // Shows `policy`; does not emit policyChanged() (that signal means the user edited something).
    void setPolicy(const PasswordPolicy& policy);
    // The values as shown, also while they are invalid.
    PasswordPolicy policy() const;
    bool isValid() const;
    QString validationMessage() const; // empty while valid

Q_SIGNALS:
    void policyChanged();

private:
    void edited();
    void showValidation();

    QSpinBox* m_minLengthSpin;
    QSpinBox* m_maxLengthSpin;
    QCheckBox* m_lowercaseCheck;
    QCheckBox* m_uppercaseCheck;
    QCheckBox* m_digitCheck;
    QCheckBox* m_usernameCheck;
    QCheckBox* m_emailCheck;
    QCheckBox* m_commonCheck;
    QSpinBox* m_historySpin;
    QLabel* m_errorLabel;
    QPushButton* m_defaultsButton;
};

} // namespace tessera::ui
