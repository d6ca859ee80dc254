#pragma once

#include "mfa/MfaPolicy.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace tessera::ui {

class VaultController;

// The vault's MFA policy: the TOTP settings new enrolments get (algorithm, digits, period, the window
// of steps accepted either side), the issuer name authenticator apps show, and the permissions whose
// holders must have an active authenticator (a checkable list of the vault's permissions). Every choice
// offered is a valid one (digits and period from lists, the window from a bounded spin box), so the
// only thing to refuse is an empty issuer. Saved with MfaService::setPolicy (audited).
class MfaPolicyDialog : public QDialog
{
    Q_OBJECT

public:
    explicit MfaPolicyDialog(VaultController& controller, QWidget* parent = nullptr);

    bool isLoaded() const { return m_loaded; }
    // The policy as the fields now describe it.
    MfaPolicy policy() const;

Q_SIGNALS:
    void loaded(); // the stored policy and the permissions are shown
    void saved();

private:
    struct Snapshot;
    void apply(const Snapshot& snapshot);
    void save();
    void updateState();

    VaultController& m_controller;
    MfaPolicy m_stored;
    bool m_loaded = false;
    bool m_busy = false;

    QComboBox* m_algorithmCombo = nullptr;
    QComboBox* m_digitsCombo = nullptr;
    QComboBox* m_periodCombo = nullptr;
    QSpinBox* m_windowSpin = nullptr;
    QLineEdit* m_issuerEdit = nullptr;
    QLabel* m_issuerError = nullptr;
    QWidget* m_warning = nullptr;
    QListWidget* m_permissionList = nullptr;
    QLabel* m_requiredSummary = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_saveButton = nullptr;
};

} // namespace tessera::ui
