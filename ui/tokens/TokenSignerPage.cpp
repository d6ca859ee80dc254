#include "tokens/TokenSignerPage.h"

#include "access/DefaultRoles.h"
#include "app/VaultController.h"
#include "common/RefreshWhenShown.h"
#include "common/ClipboardHelper.h"
#include "common/DialogStyle.h"
#include "common/ErrorText.h"
#include "common/Icons.h"
#include "crypto/SecretBuffer.h"
#include "identity/Directory.h"
#include "jose/JwsAlgorithm.h"
#include "jose/JwsSigner.h"
#include "jose/StrictJson.h"
#include "jose/TokenPresets.h"
#include "keyring/KeyRing.h"
#include "keys/KeySet.h"

#include <QComboBox>
#include <QDateTime>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tessera::ui {

namespace {

// One sentence naming the problem and where it is ("line 3, column 5"), or empty.
QString jsonProblem(const QString& text, const QString& what, bool allowEmpty)
{
    const QByteArray bytes = text.toUtf8();
    if (bytes.trimmed().isEmpty()) {
        return allowEmpty ? QString() : QObject::tr("%1: empty; write a JSON object such as {\"sub\": \"alice\"}.").arg(what);
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        const QByteArray before = bytes.left(error.offset);
        const qsizetype line = before.count('\n') + 1;
        const qsizetype column = error.offset - (before.lastIndexOf('\n') + 1) + 1;
        return QObject::tr("%1: line %2, column %3: %4.").arg(what).arg(line).arg(column).arg(error.errorString());
    }
    if (!document.isObject()) {
        return QObject::tr("%1: must be a JSON object ({…}).").arg(what);
    }
    if (auto strict = jose::StrictJson::parseObject(bytes); !strict) {
        return QObject::tr("%1: %2.").arg(what, strict.error().message);
    }
    for (const char* name : {"exp", "nbf", "iat"}) {
        const QJsonValue value = document.object().value(QLatin1String(name));
        if (!value.isUndefined() && !value.isDouble()) {
            return QObject::tr("%1: “%2” must be a number of seconds since 1970.").arg(what, QLatin1String(name));
        }
    }
    return {};
}

QString indentedJson(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)).trimmed();
}

} // namespace

TokenSignerPage::TokenSignerPage(VaultController& controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_clipboard(new ClipboardHelper(this)),
      m_keyCombo(new QComboBox(this)), m_noKeyRow(new QWidget(this)),
      m_generateButton(new QPushButton(Icons::get(QStringLiteral("add")), tr("&Generate Key…"), this)),
      m_pastedBox(new QWidget(this)), m_pastedKindCombo(new QComboBox(this)), m_pastedKeyEdit(new QPlainTextEdit(this)),
      m_algCombo(new QComboBox(this)), m_presetCombo(new QComboBox(this)), m_userCombo(new QComboBox(this)),
      m_ttlSpin(new QSpinBox(this)), m_claimsEdit(new QPlainTextEdit(this)), m_headerEdit(new QPlainTextEdit(this)),
      m_validationLabel(new QLabel(this)),
      m_signButton(new QPushButton(Icons::get(QStringLiteral("token")), tr("&Sign"), this)),
      m_resultEdit(new QPlainTextEdit(this)),
      m_copyButton(new QPushButton(Icons::get(QStringLiteral("copy")), tr("&Copy"), this)),
      m_openButton(new QPushButton(Icons::get(QStringLiteral("search")), tr("Open in &Inspector"), this)),
      m_statusLabel(new QLabel(this))
{
    m_refresher = new RefreshWhenShown(this, [this] { refresh(); });
    setObjectName(QStringLiteral("tokenSignerPage"));
    m_keyCombo->setObjectName(QStringLiteral("signingKeyComboBox"));
    m_generateButton->setObjectName(QStringLiteral("signerGenerateKeyButton"));
    m_pastedKindCombo->setObjectName(QStringLiteral("pastedKeyKindComboBox"));
    m_pastedKeyEdit->setObjectName(QStringLiteral("pastedSigningKeyEdit"));
    m_algCombo->setObjectName(QStringLiteral("algorithmComboBox"));
    m_presetCombo->setObjectName(QStringLiteral("presetComboBox"));
    m_userCombo->setObjectName(QStringLiteral("fillFromUserComboBox"));
    m_ttlSpin->setObjectName(QStringLiteral("ttlSpinBox"));
    m_claimsEdit->setObjectName(QStringLiteral("claimsEdit"));
    m_headerEdit->setObjectName(QStringLiteral("extraHeaderEdit"));
    m_validationLabel->setObjectName(QStringLiteral("claimsValidationLabel"));
    m_signButton->setObjectName(QStringLiteral("signButton"));
    m_resultEdit->setObjectName(QStringLiteral("signedTokenEdit"));
    m_copyButton->setObjectName(QStringLiteral("copyTokenButton"));
    m_openButton->setObjectName(QStringLiteral("openInInspectorButton"));
    m_statusLabel->setObjectName(QStringLiteral("signerStatusLabel"));

    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_keyCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_keyCombo->setMinimumContentsLength(36);
    auto* noKeyLabel = new QLabel(tr("The vault has no active private key to sign with."), m_noKeyRow);
    DialogStyle::makeHint(noKeyLabel);
    noKeyLabel->setWordWrap(false);
    auto* noKeyLayout = new QHBoxLayout(m_noKeyRow);
    noKeyLayout->setContentsMargins(0, 0, 0, 0);
    noKeyLayout->addWidget(noKeyLabel);
    noKeyLayout->addWidget(m_generateButton);
    noKeyLayout->addStretch();
    m_generateButton->setParent(m_noKeyRow);

    m_pastedKindCombo->addItem(tr("Private key or JWK (PEM or JSON)"));
    m_pastedKindCombo->addItem(tr("HMAC secret (the text exactly)"));
    m_pastedKeyEdit->setFont(mono);
    m_pastedKeyEdit->setPlaceholderText(tr("-----BEGIN PRIVATE KEY----- … or {\"kty\": …}"));
    m_pastedKeyEdit->setFixedHeight(80);
    auto* pastedLayout = new QVBoxLayout(m_pastedBox);
    pastedLayout->setContentsMargins(0, 0, 0, 0);
    pastedLayout->setSpacing(6);
    pastedLayout->addWidget(m_pastedKindCombo);
    pastedLayout->addWidget(m_pastedKeyEdit);
    m_pastedKindCombo->setParent(m_pastedBox);
    m_pastedKeyEdit->setParent(m_pastedBox);

    m_presetCombo->addItem(tr("Access token (15 min)"), static_cast<int>(Preset::Access));
    m_presetCombo->addItem(tr("Refresh token (7 days)"), static_cast<int>(Preset::Refresh));
    m_presetCombo->addItem(tr("Custom"), static_cast<int>(Preset::Custom));
    m_userCombo->setToolTip(tr("Fill sub and role from a vault user"));
    m_userCombo->setMinimumContentsLength(14);
    m_ttlSpin->setRange(1, 366 * 24 * 60);
    m_ttlSpin->setSuffix(tr(" min"));
    m_ttlSpin->setValue(15);
    m_ttlSpin->setMinimumWidth(m_ttlSpin->fontMetrics().horizontalAdvance(QStringLiteral("527040 min")) + 48);
    m_ttlSpin->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_ttlSpin->setToolTip(tr("exp is iat plus this, unless the claims give exp"));
    m_claimsEdit->setFont(mono);
    m_claimsEdit->setTabChangesFocus(true);
    m_headerEdit->setFont(mono);
    m_headerEdit->setTabChangesFocus(true);
    m_headerEdit->setPlaceholderText(tr("{}  (optional: extra header fields, e.g. {\"cty\": \"x\"})"));
    m_headerEdit->setFixedHeight(m_headerEdit->fontMetrics().lineSpacing() * 3 + 12);
    DialogStyle::makeHint(m_validationLabel); // once: makeHint scales the font it is given
    m_resultEdit->setFont(mono);
    m_resultEdit->setReadOnly(true);
    m_resultEdit->setWordWrapMode(QTextOption::WrapAnywhere);
    m_resultEdit->setPlaceholderText(tr("The signed token appears here."));
    m_statusLabel->setWordWrap(true);
    m_signButton->setDefault(true);

    auto* presetRow = new QHBoxLayout;
    presetRow->setSpacing(8);
    presetRow->addWidget(m_presetCombo, 1);
    auto* fillLabel = new QLabel(tr("&Fill from user:"), this);
    fillLabel->setBuddy(m_userCombo);
    presetRow->addWidget(fillLabel);
    presetRow->addWidget(m_userCombo, 1);

    auto* keyRow = new QHBoxLayout;
    keyRow->setSpacing(8);
    keyRow->addWidget(m_keyCombo, 1);
    auto* algLabel = new QLabel(tr("&Algorithm:"), this);
    algLabel->setBuddy(m_algCombo);
    keyRow->addWidget(algLabel);
    keyRow->addWidget(m_algCombo);

    auto* form = new QFormLayout;
    DialogStyle::configure(form);
    form->addRow(tr("&Key:"), keyRow);
    form->addRow(QString(), m_noKeyRow);
    form->addRow(QString(), m_pastedBox);
    form->addRow(tr("&Preset:"), presetRow);
    form->addRow(tr("&Lifetime:"), m_ttlSpin);
    form->addRow(tr("C&laims:"), m_claimsEdit);
    form->addRow(tr("Extra &header:"), m_headerEdit);
    form->addRow(QString(), m_validationLabel);
    // Rows holding a layout get a label without a buddy; give each its field so the mnemonic works.
    if (auto* keyLabel = qobject_cast<QLabel*>(form->labelForField(keyRow))) {
        keyLabel->setBuddy(m_keyCombo);
    }
    if (auto* presetLabel = qobject_cast<QLabel*>(form->labelForField(presetRow))) {
        presetLabel->setBuddy(m_presetCombo);
    }

    auto* resultButtons = new QHBoxLayout;
    resultButtons->setSpacing(8);
    resultButtons->addWidget(m_signButton);
    resultButtons->addStretch();
    resultButtons->addWidget(m_copyButton);
    resultButtons->addWidget(m_openButton);
    auto* resultTitle = new QLabel(tr("Signed token"), this);
    DialogStyle::makeHeading(resultTitle, 1.05);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(10);
    layout->addLayout(DialogStyle::pageTitle(
        tr("Token signer"),
        tr("Sign a JWT with a vault key or a pasted key. iat and exp are added when signing unless the claims "
           "give them."),
        this));
    layout->addSpacing(6);
    layout->addLayout(form, 3);
    layout->addLayout(resultButtons);
    layout->addWidget(resultTitle);
    layout->addWidget(m_resultEdit, 1);
    layout->addWidget(m_statusLabel);

    connect(m_keyCombo, &QComboBox::currentIndexChanged, this, &TokenSignerPage::updateAlgorithms);
    connect(m_pastedKeyEdit, &QPlainTextEdit::textChanged, this, &TokenSignerPage::updateAlgorithms);
    connect(m_pastedKindCombo, &QComboBox::currentIndexChanged, this, &TokenSignerPage::updateAlgorithms);
    connect(m_presetCombo, &QComboBox::activated, this,
            [this] { applyPreset(static_cast<Preset>(m_presetCombo->currentData().toInt())); });
    connect(m_userCombo, &QComboBox::activated, this, [this](int index) {
        if (index > 0) {
            fillFromUser(m_userCombo->itemText(index));
        }
    });
    connect(m_claimsEdit, &QPlainTextEdit::textChanged, this, &TokenSignerPage::validate);
    connect(m_headerEdit, &QPlainTextEdit::textChanged, this, &TokenSignerPage::validate);
    connect(m_signButton, &QPushButton::clicked, this, &TokenSignerPage::sign);
    connect(m_generateButton, &QPushButton::clicked, this, &TokenSignerPage::generateKeyRequested);
    connect(m_copyButton, &QPushButton::clicked, this, [this] {
        m_clipboard->copySecret(m_resultEdit->toPlainText());
        setStatus(m_clipboard->clearSeconds() > 0
                      ? tr("Copied; the clipboard is cleared in %1 s.").arg(m_clipboard->clearSeconds())
                      : tr("Copied."),
                  false);
    });
    connect(m_openButton, &QPushButton::clicked, this,
            [this] { Q_EMIT openInInspectorRequested(m_resultEdit->toPlainText()); });
    connect(m_resultEdit, &QPlainTextEdit::textChanged, this, [this] {
        const bool has = !m_resultEdit->toPlainText().isEmpty();
        m_copyButton->setEnabled(has);
        m_openButton->setEnabled(has);
    });
    connect(&m_controller, &VaultController::unlocked, m_refresher, &RefreshWhenShown::request);
    connect(&m_controller, &VaultController::vaultChanged, m_refresher, &RefreshWhenShown::request);
    connect(&m_controller, &VaultController::identityChanged, m_refresher, &RefreshWhenShown::request);
    connect(&m_controller, &VaultController::locked, this, &TokenSignerPage::clear);

    clear();
}

TokenSignerPage::~TokenSignerPage() = default;

void TokenSignerPage::clear()
{
    m_keys.clear();
    m_users.clear();
    m_pastedKeyEdit->clear();
    m_resultEdit->clear();
    setStatus(QString(), false);
    rebuildKeyChoices();
    m_userCombo->clear();
    m_userCombo->addItem(tr("Choose…"));
    m_presetCombo->setCurrentIndex(0);
    applyPreset(Preset::Access);
}

void TokenSignerPage::refresh()
{
    m_refresher->markFresh();
    if (!m_controller.isUnlocked()) {
        return;
    }
    m_controller.run(
        this, [](Vault& vault) { return keys::KeyRing(vault).list(); },
        [this](Result<QList<keys::VaultKey>> loaded) {
            m_keys = loaded ? *loaded : QList<keys::VaultKey>();
            rebuildKeyChoices();
        });
    m_controller.runDirectory(
        this, [](Directory& directory) { return directory.userSummaries(); },
        [this](Result<QList<UserSummary>> users) {
            if (!users) {
                return;
            }
            m_users = *users;
            const QString current = m_userCombo->currentText();
            m_userCombo->clear();
            m_userCombo->addItem(tr("Choose…"));
            for (const UserSummary& user : m_users) {
                m_userCombo->addItem(Icons::get(QStringLiteral("users")), user.username);
            }
            m_userCombo->setCurrentIndex(qMax(0, m_userCombo->findText(current)));
        });
}

void TokenSignerPage::rebuildKeyChoices()
{
    const QString current = m_keyCombo->currentData().toString();
    const QSignalBlocker blocker(m_keyCombo);
    m_keyCombo->clear();
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    int signing = 0;
    for (const keys::VaultKey& key : m_keys) {
        if (!key.canSign() || key.isExpiredAt(nowMs)) {
            continue;
        }
        m_keyCombo->addItem(Icons::get(QStringLiteral("key")), tr("%1 — %2").arg(key.kid, key.description), key.kid);
        ++signing;
    }
    m_keyCombo->addItem(tr("A pasted key or secret…"), QString());
    const int index = m_keyCombo->findData(current);
    m_keyCombo->setCurrentIndex(index >= 0 && !current.isEmpty() ? index : 0);
    m_noKeyRow->setVisible(signing == 0 && m_controller.isUnlocked());
    updateAlgorithms();
}

void TokenSignerPage::updateAlgorithms()
{
    const QString kid = m_keyCombo->currentData().toString();
    const bool pasted = kid.isEmpty();
    m_pastedBox->setVisible(pasted);
    const QString previous = m_algCombo->currentText();
    m_algCombo->clear();
    QStringList algorithms;
    if (!pasted) {
        for (const keys::VaultKey& key : m_keys) {
            if (key.kid == kid) {
                algorithms = key.algorithms;
            }
        }
    } else if (const Result<keys::KeyMaterial> key = pastedKey()) {
        if (const auto preferred = jose::JwsAlgorithm::defaultFor(*key)) {
            algorithms.append(jose::JwsAlgorithm::name(*preferred));
        }
        for (jose::JwsAlg alg : jose::JwsAlgorithm::all()) {
            const QString name = jose::JwsAlgorithm::name(alg);
            if (jose::JwsAlgorithm::keyAccepts(*key, alg) && !algorithms.contains(name)) {
                algorithms.append(name);
            }
        }
    }
    m_algCombo->addItems(algorithms);
    const int index = m_algCombo->findText(previous);
    m_algCombo->setCurrentIndex(index >= 0 ? index : 0);
    m_algCombo->setEnabled(!algorithms.isEmpty());
    validate();
}

Result<keys::KeyMaterial> TokenSignerPage::pastedKey() const
{
    const QString text = m_pastedKeyEdit->toPlainText();
    if (text.isEmpty()) {
        return fail(ErrorKind::Input, tr("paste one private key or a secret"));
    }
    if (m_pastedKindCombo->currentIndex() == 1) {
        return keys::KeyMaterial::fromSecret(SecretBuffer::fromString(text));
    }
    TESSERA_TRY_ASSIGN(set, keys::KeySet::fromData(text.toUtf8()));
    if (set.size() != 1) {
        return fail(ErrorKind::Input, tr("paste one private key or a secret"));
    }
    return set.at(0);
}

void TokenSignerPage::applyPreset(Preset preset)
{
    QJsonObject claims = parsedClaims().value_or(QJsonObject());
    const QString subject = claims.value(QStringLiteral("sub")).toString(QStringLiteral("alice"));
    // The guide's access token carries a role; until "Fill from user" names one, the role given to
    // new users (the least privileged) stands in, so the preset never signs a token without one.
    QString role = claims.value(QStringLiteral("role")).toString();
    if (role.isEmpty()) {
        role = DefaultRoles::roleForNewUsers();
    }
    QJsonObject next;
    switch (preset) {
    case Preset::Access:
        next = jose::TokenPresets::access(subject, role, 0);
        m_ttlSpin->setValue(static_cast<int>(jose::TokenPresets::AccessTtlSeconds / 60));
        break;
    case Preset::Refresh:
        next = jose::TokenPresets::refresh(subject, 0);
        m_ttlSpin->setValue(static_cast<int>(jose::TokenPresets::RefreshTtlSeconds / 60));
        break;
    case Preset::Custom:
        next = claims.isEmpty() ? QJsonObject{{QStringLiteral("sub"), subject}} : claims;
        break;
    }
    if (preset != Preset::Custom) {
        // The times are set when signing, so a token signed later is not born stale.
        next.remove(QStringLiteral("iat"));
        next.remove(QStringLiteral("exp"));
    }
    m_claimsEdit->setPlainText(indentedJson(next));
}

void TokenSignerPage::fillFromUser(const QString& username)
{
    for (const UserSummary& user : m_users) {
        if (user.username != username) {
            continue;
        }
        QJsonObject claims = parsedClaims().value_or(QJsonObject());
        claims.insert(QStringLiteral("sub"), user.username);
        const bool refresh = claims.value(QStringLiteral("type")).toString() == QLatin1String("refresh");
        QString roles = user.roles;
        roles.replace(QLatin1Char(','), QLatin1Char(' '));
        roles = roles.simplified();
        if (!refresh && !roles.isEmpty()) {
            claims.insert(QStringLiteral("role"), roles);
        } else if (!refresh) {
            claims.remove(QStringLiteral("role"));
        }
        m_claimsEdit->setPlainText(indentedJson(claims));
        return;
    }
}

std::optional<QJsonObject> TokenSignerPage::parsedClaims() const
{
    if (!jsonProblem(m_claimsEdit->toPlainText(), tr("Claims"), false).isEmpty()) {
        return std::nullopt;
    }
    return QJsonDocument::fromJson(m_claimsEdit->toPlainText().toUtf8()).object();
}

std::optional<QJsonObject> TokenSignerPage::parsedHeader() const
{
    if (!jsonProblem(m_headerEdit->toPlainText(), tr("Extra header"), true).isEmpty()) {
        return std::nullopt;
    }
    return QJsonDocument::fromJson(m_headerEdit->toPlainText().toUtf8()).object();
}

QString TokenSignerPage::validationProblem() const
{
    QString problem = jsonProblem(m_claimsEdit->toPlainText(), tr("Claims"), false);
    if (problem.isEmpty()) {
        problem = jsonProblem(m_headerEdit->toPlainText(), tr("Extra header"), true);
    }
    if (problem.isEmpty() && m_headerEdit->toPlainText().contains(QLatin1String("\"alg\""))) {
        problem = tr("Extra header: alg follows the key; choose it under Algorithm.");
    }
    return problem;
}

void TokenSignerPage::validate()
{
    const QString problem = validationProblem();
    DialogStyle::setStatus(m_validationLabel, problem.isEmpty() ? tr("Valid JSON.") : problem, !problem.isEmpty());
    const bool pasted = m_keyCombo->currentData().toString().isEmpty();
    m_signButton->setEnabled(problem.isEmpty() && m_algCombo->count() > 0 &&
                             (!pasted || !m_pastedKeyEdit->toPlainText().isEmpty()));
}

void TokenSignerPage::setStatus(const QString& text, bool error)
{
    DialogStyle::setStatus(m_statusLabel, text, error);
}

void TokenSignerPage::sign()
{
    const auto claims = parsedClaims();
    const auto header = parsedHeader();
    const auto alg = jose::JwsAlgorithm::fromName(m_algCombo->currentText());
    if (!claims || !header || !alg || !validationProblem().isEmpty()) {
        setStatus(validationProblem().isEmpty() ? tr("Choose a key first.") : validationProblem(), true);
        return;
    }
    jose::SignOptions options;
    options.alg = *alg;
    options.extraHeader = *header;
    const QJsonObject timed = jose::JwsSigner::withTimes(*claims, QDateTime::currentSecsSinceEpoch(),
                                                         static_cast<qint64>(m_ttlSpin->value()) * 60);
    auto present = [this](Result<QByteArray> token) {
        if (!token) {
            m_resultEdit->clear();
            setStatus(tr("Not signed: %1").arg(ErrorText::forUser(token.error())), true);
            return;
        }
        m_resultEdit->setPlainText(QString::fromLatin1(*token));
        setStatus(tr("Signed with %1; nothing was stored in the vault.").arg(m_algCombo->currentText()), false);
    };
    const QString kid = m_keyCombo->currentData().toString();
    if (kid.isEmpty()) {
        const Result<keys::KeyMaterial> key = pastedKey();
        if (!key) {
            present(std::unexpected(key.error()));
            return;
        }
        present(jose::JwsSigner::sign(*key, timed, options));
        return;
    }
    m_signButton->setEnabled(false);
    m_controller.run(
        this,
        [kid, timed, options](Vault& vault) -> Result<QByteArray> {
            TESSERA_TRY_ASSIGN(key, keys::KeyRing(vault).signingKey(kid));
            return jose::JwsSigner::sign(key, timed, options);
        },
        [this, present](Result<QByteArray> token) {
            present(std::move(token));
            validate();
        });
}

QString TokenSignerPage::signedToken() const
{
    return m_resultEdit->toPlainText();
}

} // namespace tessera::ui
