#pragma once

#include <QDialog>

class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace tessera::ui {

class PasswordLineEdit;
class PasswordPairWidget;
class VaultController;

// Re-keys the unlocked vault: the current password is verified again (an unattended unlocked
// session must not be enough to take over the vault), then a new one is set with a fresh KDF tune.
class ChangePasswordDialog : public QDialog
{
    Q_OBJECT

public:
    ChangePasswordDialog(VaultController& controller, QWidget* parent = nullptr);
    ~ChangePasswordDialog() override;

    void reject() override;

private:
    void updateState();
    void change();
    void setBusy(bool busy);

    VaultController& m_controller;
    PasswordLineEdit* m_currentEdit;
    PasswordPairWidget* m_passwordPair;
    QDoubleSpinBox* m_unlockTimeSpin;
    QProgressBar* m_busyBar;
    QLabel* m_statusLabel;
    QLabel* m_errorLabel;
    QDialogButtonBox* m_buttons;
    QPushButton* m_changeButton;
    bool m_busy = false;
};

} // namespace tessera::ui
