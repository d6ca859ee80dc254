#pragma once

#include "password/PasswordPolicy.h"

#include <QDialog>

class QLabel;
class QPushButton;

namespace tessera::ui {

class PasswordPolicyEditor;
class VaultController;

// The vault's password rules, edited and saved through the directory (audited as a settings change).
// Reads the stored policy when opened; Save stays disabled until the rules are valid and changed.
class PasswordPolicyDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PasswordPolicyDialog(VaultController& controller, QWidget* parent = nullptr);

Q_SIGNALS:
    void loaded(); // the stored policy is shown
    void saved();

private:
    void save();
    void updateState();

    VaultController& m_controller;
    PasswordPolicyEditor* m_editor;
    QLabel* m_status;
    QPushButton* m_saveButton;
    PasswordPolicy m_stored;
    bool m_loaded = false;
    bool m_busy = false;
};

} // namespace tessera::ui
