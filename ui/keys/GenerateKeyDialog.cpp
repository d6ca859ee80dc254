#include "keys/GenerateKeyDialog.h"

#include "common/DialogStyle.h"
#include "common/Icons.h"
#include "keyring/KeyRing.h"
#include "keys/KeyGenerator.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tessera::ui {

GenerateKeyDialog::GenerateKeyDialog(QWidget* parent)
    : QDialog(parent), m_typeCombo(new QComboBox(this)), m_kidEdit(new QLineEdit(this)),
      m_errorLabel(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("generateKeyDialog"));
    setWindowTitle(tr("Generate Key"));
    m_typeCombo->setObjectName(QStringLiteral("keyTypeComboBox"));
    m_kidEdit->setObjectName(QStringLiteral("keyIdLineEdit"));
    m_errorLabel->setObjectName(QStringLiteral("generateKeyErrorLabel"));
    m_buttons->setObjectName(QStringLiteral("generateKeyButtonBox"));
    for (const QString& spec : keys::KeyGenerator::specs()) {
        m_typeCombo->addItem(describeSpec(spec), spec);
    }
    setSpec(QStringLiteral("ec-p256"));
    m_kidEdit->setPlaceholderText(tr("Optional; default: the key's RFC 7638 thumbprint"));
    m_kidEdit->setMaxLength(keys::KeyRing::kMaxKidLength);
    DialogStyle::makeError(m_errorLabel);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Generate"));

    auto* form = new QFormLayout;
    DialogStyle::configure(form);
    form->addRow(tr("&Type:"), m_typeCombo);
    form->addRow(tr("Key &ID:"), m_kidEdit);
    form->addRow(QString(), m_errorLabel);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(DialogStyle::header(
        Icons::get(QStringLiteral("key")), tr("Generate a key"),
        tr("The key is made on this computer and its private half is sealed in the vault. A new key is Active: "
           "it signs and verifies."),
        this));
    layout->addLayout(form);
    layout->addStretch();
    layout->addWidget(m_buttons);
    setMinimumWidth(460);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_kidEdit, &QLineEdit::textChanged, this, &GenerateKeyDialog::validate);
    validate();
}

QString GenerateKeyDialog::describeSpec(const QString& spec)
{
    static const QHash<QString, QString> names{
        {QStringLiteral("rsa-2048"), tr("RSA 2048-bit (RS256, PS256)")},
        {QStringLiteral("rsa-3072"), tr("RSA 3072-bit")},
        {QStringLiteral("rsa-4096"), tr("RSA 4096-bit")},
        {QStringLiteral("ec-p256"), tr("EC P-256 (ES256) — recommended")},
        {QStringLiteral("ec-p384"), tr("EC P-384 (ES384)")},
        {QStringLiteral("ec-p521"), tr("EC P-521 (ES512)")},
        {QStringLiteral("ed25519"), tr("Ed25519 (EdDSA)")},
        {QStringLiteral("oct-256"), tr("HMAC secret, 256 bits (HS256)")},
        {QStringLiteral("oct-384"), tr("HMAC secret, 384 bits (HS384)")},
        {QStringLiteral("oct-512"), tr("HMAC secret, 512 bits (HS512)")},
    };
    return names.value(spec, spec);
}

QString GenerateKeyDialog::spec() const
{
    return m_typeCombo->currentData().toString();
}

QString GenerateKeyDialog::kid() const
{
    return m_kidEdit->text().trimmed();
}

void GenerateKeyDialog::setSpec(const QString& spec)
{
    const int index = m_typeCombo->findData(spec);
    if (index >= 0) {
        m_typeCombo->setCurrentIndex(index);
    }
}

void GenerateKeyDialog::setKid(const QString& kid)
{
    m_kidEdit->setText(kid);
}

void GenerateKeyDialog::validate()
{
    const QString text = kid();
    QString problem;
    for (const QChar c : text) {
        if (c.isSpace() || c.category() == QChar::Other_Control) {
            problem = tr("A key ID cannot hold spaces or control characters.");
            break;
        }
    }
    m_errorLabel->setText(problem);
    m_errorLabel->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace tessera::ui
