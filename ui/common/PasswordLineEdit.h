#pragma once

#include <QLineEdit>

class QAction;

namespace tessera::ui {

// A password field with a show/hide toggle at its trailing edge. Text is hidden by default and
// hidden again whenever the field is cleared.
class PasswordLineEdit : public QLineEdit
{
    Q_OBJECT

public:
    explicit PasswordLineEdit(QWidget* parent = nullptr);

    void setRevealed(bool revealed);
    bool isRevealed() const { return echoMode() == QLineEdit::Normal; }
    QAction* toggleAction() const { return m_toggleAction; }

    // Clears the text and the undo history, where a copy of the password would otherwise linger.
    void clearSecret();

private:
    QAction* m_toggleAction;
};

} // namespace tessera::ui
