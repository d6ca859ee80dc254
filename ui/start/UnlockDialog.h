#pragma once

#include <QDialog>
#include <QTimer>

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace tessera::ui {

class PasswordLineEdit;
class VaultController;

// Asks for the master password of one vault. The KDF runs on the controller's worker while the
// dialog shows a busy bar; after repeated failures Unlock stays disabled for a growing delay.
class UnlockDialog : public QDialog
{
    Q_OBJECT

public:
    UnlockDialog(VaultController& controller, const QString& path, QWidget* parent = nullptr);
    ~UnlockDialog() override;

    QString path() const { return m_path; }
    void reject() override;

private:
    void unlock();
    void setBusy(bool busy);
    void updateBackoff();

    VaultController& m_controller;
    QString m_path;
    QLabel* m_pathLabel;
    PasswordLineEdit* m_passwordEdit;
    QLabel* m_errorLabel;
    QLabel* m_waitLabel;
    QProgressBar* m_busyBar;
    QDialogButtonBox* m_buttons;
    QPushButton* m_unlockButton;
    QTimer m_backoffTimer;
    bool m_busy = false;
};

} // namespace tessera::ui
