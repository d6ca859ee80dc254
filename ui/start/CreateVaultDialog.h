#pragma once

#include <QDialog>

class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace tessera::ui {

class PasswordPairWidget;
class VaultController;

// Location, master password (twice, with a strength meter) and unlock time for a new vault. The
// KDF tuning and creation run on the controller's worker; the dialog accepts once the vault is open.
class CreateVaultDialog : public QDialog
{
    Q_OBJECT

public:
    CreateVaultDialog(VaultController& controller, QWidget* parent = nullptr);
    ~CreateVaultDialog() override;

    void setLocation(const QString& path);
    QString location() const;

    // A vault path that does not exist yet: the default one, else a numbered sibling of it.
    static QString proposedLocation();

    void reject() override;

private:
    void browse();
    void updateState();
    void create();
    void setBusy(bool busy);
    void showError(const QString& message);
    QString locationProblem() const; // empty when the location is usable

    VaultController& m_controller;
    QLineEdit* m_locationEdit;
    QPushButton* m_browseButton;
    QLabel* m_locationHint;
    PasswordPairWidget* m_passwordPair;
    QDoubleSpinBox* m_unlockTimeSpin;
    QProgressBar* m_busyBar;
    QLabel* m_statusLabel;
    QLabel* m_errorLabel;
    QDialogButtonBox* m_buttons;
    QPushButton* m_createButton;
    bool m_busy = false;
};

} // namespace tessera::ui
