#pragma once

#include "access/AccessExplanation.h"

#include <QDialog>

class QFrame;
class QLabel;
class QLineEdit;
class QPushButton;

namespace tessera::ui {

class VaultController;

// "May this user do this, and why?" Asks the vault's access evaluator for a user, a permission and
// optionally one object, and shows the answer prominently with the path that grants it
// (user → role → included role → permission, the admin:all wildcard, or a grant on the object), or
// for a denial the reason and the user's closest grants. Enter runs the check.
class AccessCheckDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AccessCheckDialog(VaultController& controller, QWidget* parent = nullptr);

    void setUsername(const QString& username);
    void setPermission(const QString& permission);
    void check();

    // The last answer shown (tests read it next to the labels).
    const AccessExplanation& explanation() const { return m_explanation; }

    // "alice → editor → viewer → read:posts" for a path, as shown.
    static QString chainText(const AccessExplanation& explanation);

Q_SIGNALS:
    void checked(); // an answer is shown

private:
    void validate();
    void showExplanation(const AccessExplanation& explanation);

    VaultController& m_controller;
    QLineEdit* m_userEdit;
    QLineEdit* m_permissionEdit;
    QLineEdit* m_objectEdit;
    QLabel* m_inputError;
    QPushButton* m_checkButton;
    QFrame* m_resultFrame;
    QLabel* m_verdictIcon;
    QLabel* m_verdictLabel;
    QLabel* m_reasonLabel;
    QLabel* m_pathLabel;
    QLabel* m_stepsLabel;
    QLabel* m_closestLabel;
    AccessExplanation m_explanation;
    bool m_busy = false;
};

} // namespace tessera::ui
