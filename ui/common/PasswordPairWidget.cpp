#include "common/PasswordPairWidget.h"

#include "common/DialogStyle.h"
#include "common/PasswordLineEdit.h"
#include "common/StrengthMeter.h"
#include "crypto/SecretBuffer.h"

#include <QFormLayout>
#include <QLabel>
#include <QSignalBlocker>

namespace tessera::ui {

PasswordPairWidget::PasswordPairWidget(QWidget* parent)
    : QWidget(parent), m_form(new QFormLayout(this)), m_passwordLabel(new QLabel(tr("&Password:"), this)),
      m_confirmLabel(new QLabel(tr("C&onfirm password:"), this)), m_passwordEdit(new PasswordLineEdit(this)),
      m_confirmEdit(new PasswordLineEdit(this)), m_strengthMeter(new StrengthMeter(this)),
      m_mismatchLabel(new QLabel(tr("The passwords do not match."), this))
{
    setObjectName(QStringLiteral("passwordPairWidget"));
    m_passwordEdit->setObjectName(QStringLiteral("passwordLineEdit"));
    m_confirmEdit->setObjectName(QStringLiteral("confirmPasswordLineEdit"));
    m_strengthMeter->setObjectName(QStringLiteral("strengthMeter"));
    m_mismatchLabel->setObjectName(QStringLiteral("mismatchLabel"));
    m_passwordLabel->setBuddy(m_passwordEdit);
    m_confirmLabel->setBuddy(m_confirmEdit);
    DialogStyle::makeError(m_mismatchLabel);

    DialogStyle::configure(m_form);
    // The rows continue the host's form, so no margins of their own.
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->addRow(m_passwordLabel, m_passwordEdit);
    m_form->addRow(m_confirmLabel, m_confirmEdit);
    m_form->addRow(tr("Strength:"), m_strengthMeter);
    m_form->addRow(QString(), m_mismatchLabel);

    connect(m_passwordEdit, &QLineEdit::textChanged, this, &PasswordPairWidget::update);
    connect(m_confirmEdit, &QLineEdit::textChanged, this, &PasswordPairWidget::update);
    setTabOrder(m_passwordEdit, m_confirmEdit);
    setFocusProxy(m_passwordEdit);
    update();
}

PasswordPairWidget::~PasswordPairWidget()
{
    // The host is already half destroyed; it must not hear about the clearing.
    const QSignalBlocker blocker(this);
    clearSecrets();
}

void PasswordPairWidget::setLabels(const QString& password, const QString& confirmation)
{
    m_passwordLabel->setText(password);
    m_confirmLabel->setText(confirmation);
}

void PasswordPairWidget::setPlaceholders(const QString& password, const QString& confirmation)
{
    m_passwordEdit->setPlaceholderText(password);
    m_confirmEdit->setPlaceholderText(confirmation);
}

void PasswordPairWidget::setMismatchText(const QString& text)
{
    m_mismatchLabel->setText(text);
}

bool PasswordPairWidget::isComplete() const
{
    return !m_passwordEdit->text().isEmpty() && m_confirmEdit->text() == m_passwordEdit->text();
}

bool PasswordPairWidget::isMismatched() const
{
    return !m_confirmEdit->text().isEmpty() && m_confirmEdit->text() != m_passwordEdit->text();
}

SecretBuffer PasswordPairWidget::secret() const
{
    QString typed = m_passwordEdit->text();
    SecretBuffer secret = SecretBuffer::fromString(typed);
    wipeString(typed);
    return secret;
}

void PasswordPairWidget::clearSecrets()
{
    m_passwordEdit->clearSecret();
    m_confirmEdit->clearSecret();
}

void PasswordPairWidget::update()
{
    m_strengthMeter->setPassword(m_passwordEdit->text());
    m_mismatchLabel->setVisible(isMismatched());
    Q_EMIT changed();
}

} // namespace tessera::ui
