#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressDialog;
class QPushButton;
class QSpinBox;

namespace tessera {
struct VaultInfo;
struct VaultCheckReport;
} // namespace tessera

namespace tessera::ui {

class VaultController;

// The vault overview (Vault::info), its session policy (vault-level settings) and maintenance:
// change the master password, back up, check integrity.
class VaultPage : public QWidget
{
    Q_OBJECT

public:
    VaultPage(VaultController& controller, QWidget* parent = nullptr);

    void refresh();
    void clear();

    void changeMasterPassword();
    void backUp();
    void checkVault();

private:
    void showInfo(const VaultInfo& info);
    void showSessionSettings();
    void updateApplyButton();
    void applySessionSettings();
    void showCheckReport(const VaultCheckReport& report);

    VaultController& m_controller;
    QLabel* m_titleLabel;
    QLabel* m_pathLabel;
    QLabel* m_fileValue;
    QLabel* m_idValue;
    QLabel* m_formatValue;
    QLabel* m_kdfValue;
    QLabel* m_sizeValue;
    QLabel* m_createdValue;
    QLabel* m_auditValue;
    QSpinBox* m_idleSpin;
    QSpinBox* m_hoursSpin;
    QPushButton* m_applyButton;
    QLabel* m_settingsStatus;
    QPushButton* m_changePasswordButton;
    QPushButton* m_backupButton;
    QPushButton* m_checkButton;
    QPointer<QProgressDialog> m_checkProgress;
};

} // namespace tessera::ui
