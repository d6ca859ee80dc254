#pragma once

#include "identity/SignInService.h"

#include <QDialog>

class QFrame;
class QLabel;
class QLineEdit;
class QPushButton;

namespace tessera::ui {

class PasswordLineEdit;
class VaultController;

// What one test sign-in found, for the administrator.
struct SignInReport
{
    SignInResult result;
    int failedLogins = 0;   // after this attempt; 0 for an unknown user
    int maxFailures = 0;    // the vault's lockout policy
    QString hashParameters; // the vault's current hash parameters, for the rehash note
    int codeDigits = 6;     // of the user's authenticator, for the second step's placeholder
};

// Runs a real password sign-in (SignInService) against the vault's users. It counts like any other
// attempt: it is audited and moves the account's lockout state. The top shows exactly what the person
// signing in would see ("Signed in" or "Invalid credentials"); the clearly separate Administrator
// detail box below (set apart, and never shown to a person signing in) gives the real reason (unknown user,
// wrong password, disabled, locked until when) and the notes (must change password, hash upgraded).
//
// Two-step sign-in: when the password step answers SignInResult::secondFactorRequired, the second-step
// area (secondFactorArea(), objectName "secondFactorWidget") appears with a code field; its Sign In
// completes the attempt (SignInService::completeSignIn) with a TOTP or backup code. The person signing
// in still sees only the generic message; the detail box names the method, the backup codes left and
// whether the MFA policy wants the user to enrol.
class TestSignInDialog : public QDialog
{
    Q_OBJECT

public:
    explicit TestSignInDialog(VaultController& controller, QWidget* parent = nullptr);
    ~TestSignInDialog() override;

    void setUsername(const QString& username);
    void signIn();
    void signInWithCode(); // the second step, with the code field's text

    QWidget* secondFactorArea() const { return m_secondFactor; }
    const SignInReport& lastReport() const { return m_report; }

    // "Signed in" or "Invalid credentials": SignInResult::message() as a person reads it.
    static QString userMessage(const SignInResult& result);
    // The administrator's sentence for the outcome.
    static QString adminReason(const SignInReport& report);

Q_SIGNALS:
    void resultShown(); // a result or a failure is shown (tests wait on it)

private:
    void updateState();
    void finish(Result<SignInReport> report);
    void showReport(const SignInReport& report);
    void showFailure(const QString& message);
    void setBusy(bool busy);

    VaultController& m_controller;
    QLineEdit* m_userEdit;
    PasswordLineEdit* m_passwordEdit;
    QPushButton* m_signInButton;
    QFrame* m_userView;
    QLabel* m_userIcon;
    QLabel* m_messageLabel;
    QWidget* m_secondFactor;
    QLineEdit* m_codeEdit;
    QPushButton* m_codeButton;
    QFrame* m_adminBox;
    QLabel* m_reasonLabel;
    QLabel* m_notesLabel;
    QLabel* m_errorLabel;
    SignInReport m_report;
    std::optional<SecondStep> m_pendingStep; // between the two steps of a sign-in
    bool m_busy = false;
};

} // namespace tessera::ui
