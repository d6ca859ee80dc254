#pragma once

#include "password/PasswordPolicy.h"

#include <QList>
#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QVBoxLayout;

namespace tessera::ui {

// The rules of a PasswordPolicy in force, as a checklist that follows a password field as the user types:
// a check for each rule met, a cross for each one failed, a dash while the field is empty. The reuse rule
// needs a hash verification per remembered password, too slow per keystroke, so it is listed as
// "checked when saved" and left out of isSatisfied(); whoever saves the password checks it.
// Each rule is a row named "rule-<id>" (its first rule id, e.g. "rule-min-length"), with children
// "rule-<id>-icon" and "rule-<id>-text" and a "ruleState" property ("pending", "passed", "failed",
// "deferred").
class PasswordRulesWidget : public QWidget
{
    Q_OBJECT

public:
    enum class RuleState
    {
        Pending,
        Passed,
        Failed,
        Deferred
    };

    explicit PasswordRulesWidget(QWidget* parent = nullptr);
    PasswordRulesWidget(const PasswordPolicy& policy, const PasswordContext& context,
                        QWidget* parent = nullptr);

    void setPolicy(const PasswordPolicy& policy);
    const PasswordPolicy& policy() const { return m_policy; }
    // The account the password is for; earlier hashes and the reuse callback are never used here.
    void setContext(const PasswordContext& context);
    // The field to follow; the widget reads it on every edit and keeps no copy of the text.
    void setPasswordEdit(QLineEdit* edit);

    // Every rule checked live holds (the reuse rule is not among them).
    bool isSatisfied() const { return m_satisfied; }
    // The rules listed, by id, in the policy's order; min-length and max-length share one row, listed
    // under "min-length".
    QStringList shownRuleIds() const;
    // Pending for an id not in force.
    RuleState ruleState(const QString& ruleId) const;

Q_SIGNALS:
    void satisfiedChanged(bool satisfied);

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Row
    {
        QStringList ruleIds; // the ids this row stands for
        QWidget* widget = nullptr;
        QLabel* icon = nullptr;
        QLabel* text = nullptr;
        RuleState state = RuleState::Pending;
        QString problem; // the failed rule's own sentence, for the tooltip
    };

    void rebuild();
    void evaluate();
    void paintRow(Row& row);

    PasswordPolicy m_policy;
    PasswordContext m_context;
    QPointer<QLineEdit> m_edit;
    QMetaObject::Connection m_editConnection;
    QVBoxLayout* m_layout;
    QList<Row> m_rows;
    bool m_satisfied = false;
};

} // namespace tessera::ui
