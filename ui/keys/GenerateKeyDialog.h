#pragma once

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace tessera::ui {

// Asks what key to generate: a type (KeyGenerator::specs) and an optional key id.
class GenerateKeyDialog : public QDialog
{
    Q_OBJECT

public:
    explicit GenerateKeyDialog(QWidget* parent = nullptr);

    QString spec() const;
    QString kid() const; // empty: the RFC 7638 thumbprint
    void setSpec(const QString& spec);
    void setKid(const QString& kid);

    static QString describeSpec(const QString& spec);

private:
    void validate();

    QComboBox* m_typeCombo;
    QLineEdit* m_kidEdit;
    QLabel* m_errorLabel;
    QDialogButtonBox* m_buttons;
};

} // namespace tessera::ui
