#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QSpinBox;

namespace tessera::ui {

// Per-user preferences (QSettings). Vault-level policies live on the Vault page instead.
class PreferencesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PreferencesDialog(QWidget* parent = nullptr);

    void accept() override; // saves

private:
    QCheckBox* m_lockOnMinimiseCheck;
    QSpinBox* m_clipboardSpin;
    QLabel* m_settingsPathLabel;
};

} // namespace tessera::ui
