#include "common/PasswordLineEdit.h"

#include "common/Icons.h"

#include <QAction>

namespace tessera::ui {

PasswordLineEdit::PasswordLineEdit(QWidget* parent) : QLineEdit(parent)
{
    setEchoMode(QLineEdit::Password);
    // Input methods and predictive keyboards must not learn the password.
    setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase |
                        Qt::ImhSensitiveData);
    m_toggleAction = addAction(Icons::get(QStringLiteral("eye")), QLineEdit::TrailingPosition);
    m_toggleAction->setObjectName(QStringLiteral("revealPasswordAction"));
    m_toggleAction->setCheckable(true);
    m_toggleAction->setToolTip(tr("Show password"));
    connect(m_toggleAction, &QAction::toggled, this, &PasswordLineEdit::setRevealed);
}

void PasswordLineEdit::setRevealed(bool revealed)
{
    setEchoMode(revealed ? QLineEdit::Normal : QLineEdit::Password);
    const QSignalBlocker blocker(m_toggleAction);
    m_toggleAction->setChecked(revealed);
    m_toggleAction->setIcon(Icons::get(revealed ? QStringLiteral("eye-off") : QStringLiteral("eye")));
    m_toggleAction->setToolTip(revealed ? tr("Hide password") : tr("Show password"));
}

void PasswordLineEdit::clearSecret()
{
    // setText() resets the undo stack, unlike clear() which is undoable.
    setText(QString());
    setRevealed(false);
}

} // namespace tessera::ui
