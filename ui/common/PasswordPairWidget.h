#pragma once

#include <QWidget>

class QFormLayout;
class QLabel;

namespace tessera {
class SecretBuffer;
}

namespace tessera::ui {

class PasswordLineEdit;
class StrengthMeter;

// A new password typed twice: the password, its repetition, a strength meter and a hint when the two
// differ. Laid out as rows of its own form; hosts with more rows align the label columns with
// DialogStyle::alignLabelColumns(). Children are named passwordLineEdit, confirmPasswordLineEdit,
// strengthMeter and mismatchLabel; hosts may rename them.
class PasswordPairWidget : public QWidget
{
    Q_OBJECT

public:
    explicit PasswordPairWidget(QWidget* parent = nullptr);
    ~PasswordPairWidget() override;

    // Row labels (with mnemonics), so each host can say "Master password" or "New password".
    void setLabels(const QString& password, const QString& confirmation);
    void setPlaceholders(const QString& password, const QString& confirmation);
    void setMismatchText(const QString& text);

    PasswordLineEdit* passwordEdit() const { return m_passwordEdit; }
    PasswordLineEdit* confirmEdit() const { return m_confirmEdit; }
    QFormLayout* formLayout() const { return m_form; }

    // Something typed, and typed the same twice.
    bool isComplete() const;
    // The repetition is under way and differs (an empty repetition is not a mismatch yet).
    bool isMismatched() const;
    // The password in guarded memory; the temporary copy of the text is wiped.
    SecretBuffer secret() const;
    // Empties both fields and their undo history.
    void clearSecrets();

Q_SIGNALS:
    // Either field was edited; hosts re-check their own state.
    void changed();

private:
    void update();

    QFormLayout* m_form;
    QLabel* m_passwordLabel;
    QLabel* m_confirmLabel;
    PasswordLineEdit* m_passwordEdit;
    PasswordLineEdit* m_confirmEdit;
    StrengthMeter* m_strengthMeter;
    QLabel* m_mismatchLabel;
};

} // namespace tessera::ui
