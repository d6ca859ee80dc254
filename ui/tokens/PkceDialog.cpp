#include "tokens/PkceDialog.h"

#include "common/ClipboardHelper.h"
#include "common/DialogStyle.h"
#include "common/Icons.h"
#include "crypto/SecretBuffer.h"
#include "jose/Base64Url.h"
#include "jose/Pkce.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace tessera::ui {

PkceDialog::PkceDialog(QWidget* parent)
    : QDialog(parent), m_clipboard(new ClipboardHelper(this)), m_lengthSpin(new QSpinBox(this)),
      m_statusLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("pkceDialog"));
    setWindowTitle(tr("PKCE Values"));
    m_lengthSpin->setObjectName(QStringLiteral("verifierLengthSpinBox"));
    m_lengthSpin->setRange(jose::Pkce::MinVerifierLength, jose::Pkce::MaxVerifierLength);
    m_lengthSpin->setValue(jose::Pkce::DefaultVerifierLength);
    m_lengthSpin->setSuffix(tr(" characters"));
    DialogStyle::makeHint(m_statusLabel);

    auto* form = new QFormLayout;
    DialogStyle::configure(form);
    form->addRow(tr("Verifier &length:"), m_lengthSpin);
    m_verifierEdit = addRow(form, tr("Code &verifier:"), "verifierLineEdit");
    m_challengeEdit = addRow(form, tr("Code &challenge:"), "challengeLineEdit");
    auto* method = new QLabel(QStringLiteral("S256"), this);
    method->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Challenge method:"), method);
    m_stateEdit = addRow(form, tr("&State:"), "stateLineEdit");

    auto* explanation = new QLabel(
        tr("The app keeps the verifier secret and sends only the challenge, BASE64URL(SHA-256(verifier)), with "
           "the authorisation request. To redeem the code it must present the verifier, which an attacker who "
           "intercepted the code or the request cannot work out from the challenge. The “plain” method would "
           "send the verifier itself, so Tessera makes S256 only. The state value ties the response to the "
           "request (against CSRF)."),
        this);
    DialogStyle::makeHint(explanation);
    explanation->setWordWrap(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* again = buttons->addButton(tr("&New Values"), QDialogButtonBox::ActionRole);
    again->setObjectName(QStringLiteral("regeneratePkceButton"));
    again->setIcon(Icons::get(QStringLiteral("refresh")));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(DialogStyle::header(Icons::get(QStringLiteral("shield")), tr("PKCE (RFC 7636)"),
                                          tr("A fresh code verifier, its S256 challenge and a state value for "
                                             "an OAuth authorisation request."),
                                          this));
    layout->addLayout(form);
    layout->addWidget(explanation);
    layout->addWidget(m_statusLabel);
    layout->addWidget(buttons);
    setMinimumWidth(620);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(again, &QPushButton::clicked, this, &PkceDialog::regenerate);
    connect(m_lengthSpin, &QSpinBox::valueChanged, this, &PkceDialog::regenerate);
    regenerate();
}

QLineEdit* PkceDialog::addRow(QFormLayout* form, const QString& label, const char* name)
{
    auto* edit = new QLineEdit(this);
    edit->setObjectName(QString::fromLatin1(name));
    edit->setReadOnly(true);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto* copy = new QToolButton(this);
    copy->setIcon(Icons::get(QStringLiteral("copy")));
    copy->setToolTip(tr("Copy"));
    copy->setAutoRaise(true);
    connect(copy, &QToolButton::clicked, this, [this, edit] {
        m_clipboard->copySecret(edit->text());
        m_statusLabel->setText(tr("Copied; the clipboard is cleared in %1 s.").arg(m_clipboard->clearSeconds()));
    });
    auto* row = new QHBoxLayout;
    row->setSpacing(4);
    row->addWidget(edit, 1);
    row->addWidget(copy);
    auto* caption = new QLabel(label, this);
    caption->setBuddy(edit); // a row holding a layout gets no buddy of its own
    form->addRow(caption, row);
    return edit;
}

void PkceDialog::regenerate()
{
    auto verifier = jose::Pkce::generateVerifier(m_lengthSpin->value());
    if (!verifier) {
        m_statusLabel->setText(verifier.error().message);
        return;
    }
    m_verifierEdit->setText(QString::fromLatin1(*verifier));
    m_challengeEdit->setText(QString::fromLatin1(jose::Pkce::challengeS256(*verifier)));
    const SecretBuffer state = SecretBuffer::random(16);
    m_stateEdit->setText(QString::fromLatin1(jose::Base64Url::encode(state.view())));
    m_statusLabel->clear();
}

QString PkceDialog::verifier() const
{
    return m_verifierEdit->text();
}

QString PkceDialog::challenge() const
{
    return m_challengeEdit->text();
}

QString PkceDialog::state() const
{
    return m_stateEdit->text();
}

} // namespace tessera::ui
