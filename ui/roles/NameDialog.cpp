#include "roles/NameDialog.h"

#include "common/DialogStyle.h"
#include "common/ErrorText.h"
#include "common/Icons.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tessera::ui {

NameDialog::NameDialog(const Texts& texts, Validator validator, bool withDescription, QWidget* parent)
    : QDialog(parent), m_validator(std::move(validator)), m_nameEdit(new QLineEdit(this)),
      m_errorLabel(new QLabel(this)), m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this)),
      m_okButton(m_buttons->addButton(texts.okText, QDialogButtonBox::AcceptRole))
{
    setObjectName(QStringLiteral("nameDialog"));
    setWindowTitle(texts.windowTitle);
    m_nameEdit->setObjectName(QStringLiteral("nameLineEdit"));
    m_errorLabel->setObjectName(QStringLiteral("nameErrorLabel"));
    m_okButton->setObjectName(QStringLiteral("okButton"));
    m_okButton->setDefault(true);
    m_nameEdit->setPlaceholderText(texts.namePlaceholder);
    DialogStyle::makeError(m_errorLabel);

    auto* form = new QFormLayout;
    DialogStyle::configure(form);
    form->addRow(texts.nameLabel, m_nameEdit);
    form->addRow(QString(), m_errorLabel);
    if (withDescription) {
        m_descriptionEdit = new QLineEdit(this);
        m_descriptionEdit->setObjectName(QStringLiteral("descriptionLineEdit"));
        m_descriptionEdit->setPlaceholderText(tr("What the role is for (optional)"));
        form->addRow(tr("&Description:"), m_descriptionEdit);
    }

    auto* layout = new QVBoxLayout(this);
    DialogStyle::configure(layout);
    layout->addWidget(
        DialogStyle::header(Icons::get(texts.iconName), texts.heading, texts.explanation, this));
    layout->addLayout(form);
    layout->addStretch();
    layout->addWidget(m_buttons);
    setMinimumWidth(480);

    connect(m_nameEdit, &QLineEdit::textChanged, this, &NameDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &NameDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &NameDialog::reject);
    validate();
    m_nameEdit->setFocus();
}

void NameDialog::setName(const QString& name)
{
    m_originalName = name;
    m_nameEdit->setText(name);
    m_nameEdit->selectAll();
    validate();
}

void NameDialog::setDescription(const QString& description)
{
    m_originalDescription = description;
    if (m_descriptionEdit != nullptr) {
        m_descriptionEdit->setText(description);
    }
}

void NameDialog::setTaken(const QStringList& names, const QString& message, const QString& current)
{
    m_taken = names;
    m_taken.removeAll(current);
    m_takenMessage = message;
    validate();
}

QString NameDialog::name() const
{
    return m_nameEdit->text().trimmed();
}

QString NameDialog::description() const
{
    return m_descriptionEdit != nullptr ? m_descriptionEdit->text().trimmed() : QString();
}

void NameDialog::validate()
{
    const QString text = name();
    QString problem;
    if (!text.isEmpty()) {
        if (Status valid = m_validator(text); !valid) {
            problem = ErrorText::forUser(valid.error());
        } else if (m_taken.contains(text)) {
            problem = m_takenMessage.arg(text);
        }
    }
    m_errorLabel->setText(problem);
    m_errorLabel->setVisible(!problem.isEmpty());
    m_okButton->setEnabled(!m_busy && !text.isEmpty() && problem.isEmpty());
}

void NameDialog::submit()
{
    if (m_busy || !m_okButton->isEnabled()) {
        return;
    }
    m_busy = true;
    m_okButton->setEnabled(false);
    Q_EMIT submitted();
}

void NameDialog::finish(const Status& outcome)
{
    m_busy = false;
    if (outcome) {
        accept();
        return;
    }
    m_errorLabel->setText(ErrorText::forUser(outcome.error()));
    m_errorLabel->show();
    m_okButton->setEnabled(true);
}

} // namespace tessera::ui
