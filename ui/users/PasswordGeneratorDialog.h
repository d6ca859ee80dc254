#pragma once

#include "crypto/SecretBuffer.h"
#include "password/PasswordGenerator.h"

#include <QDialog>

class QButtonGroup;
class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSlider;
class QSpinBox;
class QStackedWidget;
class QToolButton;

namespace tessera::ui {

// Makes a random password or passphrase with core's PasswordGenerator: a live preview above the
// options, regenerated on every change and on Ctrl+R. "Use This Password" (also Enter) accepts;
// the host then collects the result with takePassword(), as a SecretBuffer, never as a QString. The
// preview field necessarily shows the password in clear; it is emptied when the dialog goes away.
class PasswordGeneratorDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Mode
    {
        Password,
        Passphrase
    };

    static constexpr int kMinLength = 8;
    static constexpr int kMaxLength = 128;

    explicit PasswordGeneratorDialog(QWidget* parent = nullptr);
    ~PasswordGeneratorDialog() override;

    void setMode(Mode mode);
    Mode mode() const;
    // Options as shown; lengths outside 8..128 are clamped, the word count to core's limits.
    void setPasswordOptions(const PasswordOptions& options);
    PasswordOptions passwordOptions() const;
    void setPassphraseOptions(const PassphraseOptions& options);
    PassphraseOptions passphraseOptions() const;

    // The password shown when the dialog was accepted, moved out: empty before acceptance and after
    // the first call.
    SecretBuffer takePassword();

    void accept() override;

private:
    void optionsEdited(); // regenerates unless the options are those of the password shown
    void regenerate();

    QLineEdit* m_preview;
    QToolButton* m_regenerateButton;
    QLabel* m_entropyLabel;
    QRadioButton* m_passwordModeRadio;
    QRadioButton* m_passphraseModeRadio;
    QButtonGroup* m_modeGroup;
    QStackedWidget* m_optionPages;
    QSlider* m_lengthSlider;
    QSpinBox* m_lengthSpin;
    QCheckBox* m_lowercaseCheck;
    QCheckBox* m_uppercaseCheck;
    QCheckBox* m_digitsCheck;
    QCheckBox* m_symbolsCheck;
    QCheckBox* m_lookAlikesCheck;
    QSpinBox* m_wordsSpin;
    QLineEdit* m_separatorEdit;
    QCheckBox* m_capitaliseCheck;
    QCheckBox* m_numberCheck;
    QLabel* m_errorLabel;
    QDialogButtonBox* m_buttons;
    QPushButton* m_useButton;

    PasswordGenerator m_generator;
    SecretBuffer m_current; // what the preview shows...
    Mode m_shownMode = Mode::Password;
    PasswordOptions m_shownPasswordOptions; // ...and the options it was made with
    PassphraseOptions m_shownPassphraseOptions;
    SecretBuffer m_accepted; // what takePassword() hands out
};

} // namespace tessera::ui
