#pragma once

#include <QDialog>

class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace tessera::ui {

class ClipboardHelper;

// Tools > PKCE Values: a code verifier (RFC 7636, S256 only), its challenge and a state value for an
// authorisation request, with a short explanation of how S256 protects the code.
class PkceDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PkceDialog(QWidget* parent = nullptr);

    void regenerate();
    QString verifier() const;
    QString challenge() const;
    QString state() const;

private:
    QLineEdit* addRow(QFormLayout* form, const QString& label, const char* name);

    ClipboardHelper* m_clipboard;
    QSpinBox* m_lengthSpin;
    QLineEdit* m_verifierEdit = nullptr;
    QLineEdit* m_challengeEdit = nullptr;
    QLineEdit* m_stateEdit = nullptr;
    QLabel* m_statusLabel;
};

} // namespace tessera::ui
