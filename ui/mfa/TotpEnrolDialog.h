#pragma once

#include "mfa/MfaStatus.h"
#include "mfa/TotpEnrolment.h"

#include <QDialog>
#include <QTimer>

class QLabel;
class QLineEdit;
class QPushButton;

namespace tessera::ui {

class ClipboardHelper;
class QrCodeWidget;
class VaultController;

// Hands a new (pending) TOTP enrolment to the person setting up their authenticator: the QR code of
// the otpauth URI, the key for manual entry (Copy puts it on the self-clearing clipboard), the account
// and settings, and a code field that confirms the enrolment (MfaService::confirm in a directory job).
//
// The seed is on screen, so the dialog closes itself after a timeout (60 s by default, counted down
// where it can be seen). Closing without a confirmed code leaves the enrolment pending: it is not asked
// for at sign-in, and enrolling again shows a new code. On close the seed, the URI and every text made
// from them are wiped and the QR code is forgotten.
class TotpEnrolDialog : public QDialog
{
    Q_OBJECT

public:
    static constexpr int kDefaultTimeoutSeconds = 60;

    TotpEnrolDialog(VaultController& controller, TotpEnrolment enrolment, QWidget* parent = nullptr);
    ~TotpEnrolDialog() override;

    // Restarts the countdown with `seconds` (at least 1).
    void setTimeoutSeconds(int seconds);
    int secondsLeft() const { return m_secondsLeft; }
    bool isBusy() const { return m_busy; }
    const QString& username() const { return m_enrolment.username; }
    const OtpPolicy& policy() const { return m_enrolment.policy; }

    // The seed, for tests that compute the code an authenticator would show (empty once closed).
    const SecretBuffer& secretForTesting() const { return m_enrolment.secret; }

    void done(int result) override; // wipes the seed and everything shown from it

Q_SIGNALS:
    // The first code matched: the authenticator is active. The dialog then accepts.
    void confirmed(const tessera::MfaStatus& status);

private:
    void confirm();
    void tick();
    void updateState();
    void showCountdown();
    QString typedCode() const;
    void wipe();

    VaultController& m_controller;
    TotpEnrolment m_enrolment;
    QString m_manualKey; // the grouped key as shown, kept to be wiped
    ClipboardHelper* m_clipboard;
    QTimer m_timer;
    int m_timeoutSeconds = kDefaultTimeoutSeconds;
    int m_secondsLeft = kDefaultTimeoutSeconds;
    bool m_busy = false;
    bool m_timedOut = false;
    bool m_wiped = false;

    QrCodeWidget* m_qr = nullptr;
    QLabel* m_qrError = nullptr;
    QLabel* m_keyLabel = nullptr;
    QPushButton* m_copyButton = nullptr;
    QLabel* m_copiedLabel = nullptr;
    QLineEdit* m_codeEdit = nullptr;
    QPushButton* m_confirmButton = nullptr;
    QLabel* m_codeError = nullptr;
    QLabel* m_countdownLabel = nullptr;
};

} // namespace tessera::ui
