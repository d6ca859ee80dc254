#include "tokens/TokenInspectorPage.h"

#include "app/VaultController.h"
#include "common/RefreshWhenShown.h"
#include "common/DialogStyle.h"
#include "common/Icons.h"
#include "common/TableStyle.h"
#include "crypto/SecretBuffer.h"
#include "keyring/KeyRing.h"
#include "keys/KeyMaterial.h"
#include "tokens/FindingsTableModel.h"
#include "tokens/TokenEdit.h"
#include "tokens/TokenHighlighter.h"
#include "tokens/TokenIssuer.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace tessera::ui {

namespace {

constexpr int kDebounceMs = 150;

QPlainTextEdit* jsonView(QWidget* parent, const char* name)
{
    auto* view = new QPlainTextEdit(parent);
    view->setObjectName(QString::fromLatin1(name));
    view->setReadOnly(true);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    return view;
}

// The pages' table look, with wrapping: problems, fixes and claim meanings are sentences.
void configureTable(QTableView* table)
{
    TableStyle::configure(table);
    table->setWordWrap(true);
}

} // namespace

TokenInspectorPage::TokenInspectorPage(VaultController& controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_tokenEdit(new TokenEdit(this)),
      m_fileProblemLabel(new QLabel(this)),
      m_pasteButton(new QPushButton(Icons::get(QStringLiteral("copy")), tr("&Paste from Clipboard"), this)),
      m_clearButton(new QPushButton(Icons::get(QStringLiteral("remove")), tr("C&lear"), this)),
      m_verifyToggle(new QToolButton(this)), m_verifyBox(new QWidget(this)), m_verifyKindCombo(new QComboBox(this)),
      m_verifyKeyEdit(new QPlainTextEdit(this)), m_verifyKeyStatus(new QLabel(this)),
      m_resultStack(new QStackedWidget(this)), m_placeholderLabel(new QLabel(this)), m_problemLabel(new QLabel(this)),
      m_signatureLabel(new QLabel(this)), m_summaryLabel(new QLabel(this)), m_findingsView(new QTableView(this)),
      m_findings(new FindingsTableModel(this)), m_detailTabs(new QTabWidget(this)), m_claimsView(new QTableView(this)),
      m_claims(new QStandardItemModel(0, 3, this)), m_headerView(jsonView(this, "headerJsonView")),
      m_payloadView(jsonView(this, "payloadJsonView"))
{
    m_refresher = new RefreshWhenShown(this, [this] { refresh(); });
    setObjectName(QStringLiteral("tokenInspectorPage"));
    m_tokenEdit->setObjectName(QStringLiteral("tokenEdit"));
    m_fileProblemLabel->setObjectName(QStringLiteral("tokenFileProblemLabel"));
    m_pasteButton->setObjectName(QStringLiteral("pasteTokenButton"));
    m_clearButton->setObjectName(QStringLiteral("clearTokenButton"));
    m_verifyToggle->setObjectName(QStringLiteral("verifyWithToggle"));
    m_verifyKindCombo->setObjectName(QStringLiteral("verifyKindComboBox"));
    m_verifyKeyEdit->setObjectName(QStringLiteral("verifyKeyEdit"));
    m_verifyKeyStatus->setObjectName(QStringLiteral("verifyKeyStatusLabel"));
    m_placeholderLabel->setObjectName(QStringLiteral("tokenPlaceholderLabel"));
    m_problemLabel->setObjectName(QStringLiteral("tokenProblemLabel"));
    m_signatureLabel->setObjectName(QStringLiteral("signatureStatusLabel"));
    m_summaryLabel->setObjectName(QStringLiteral("tokenSummaryLabel"));
    m_findingsView->setObjectName(QStringLiteral("findingsTableView"));
    m_claimsView->setObjectName(QStringLiteral("claimsTableView"));

    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_tokenEdit->setFont(mono);
    m_tokenEdit->setPlaceholderText(tr("Paste or drop a JWT here (header.payload.signature)…"));
    m_tokenEdit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_tokenEdit->setWordWrapMode(QTextOption::WrapAnywhere);
    m_tokenEdit->setTabChangesFocus(true);
    new TokenHighlighter(m_tokenEdit->document());
    DialogStyle::makeError(m_fileProblemLabel);

    m_verifyToggle->setText(tr("&Verify with a pasted key or secret…"));
    m_verifyToggle->setCheckable(true);
    m_verifyToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_verifyToggle->setArrowType(Qt::RightArrow);
    m_verifyToggle->setAutoRaise(true);
    m_verifyKindCombo->addItem(tr("Public key, JWK or JWKS (PEM or JSON)"));
    m_verifyKindCombo->addItem(tr("HMAC secret (the text exactly)"));
    m_verifyKeyEdit->setFont(mono);
    m_verifyKeyEdit->setPlaceholderText(tr("-----BEGIN PUBLIC KEY----- …, {\"kty\": …} or {\"keys\": […]}"));
    m_verifyKeyEdit->setMaximumHeight(110);
    DialogStyle::makeHint(m_verifyKeyStatus);
    auto* verifyLayout = new QVBoxLayout(m_verifyBox);
    verifyLayout->setContentsMargins(22, 0, 0, 0);
    verifyLayout->setSpacing(6);
    verifyLayout->addWidget(m_verifyKindCombo);
    verifyLayout->addWidget(m_verifyKeyEdit);
    verifyLayout->addWidget(m_verifyKeyStatus);
    m_verifyBox->setVisible(false);

    m_placeholderLabel->setAlignment(Qt::AlignCenter);
    m_placeholderLabel->setWordWrap(true);
    m_placeholderLabel->setForegroundRole(QPalette::PlaceholderText);
    m_placeholderLabel->setText(tr("Paste a token to see its header, claims, findings and signature.\n"
                                   "Nothing leaves this computer."));
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_problemLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* problemPage = new QWidget(this);
    auto* problemIcon = new QLabel(problemPage);
    problemIcon->setPixmap(Icons::get(QStringLiteral("error"), DialogStyle::failureColor(palette()))
                               .pixmap(QSize(24, 24), devicePixelRatioF()));
    auto* problemLayout = new QHBoxLayout(problemPage);
    problemLayout->setContentsMargins(4, 8, 4, 4);
    problemLayout->setSpacing(10);
    problemLayout->addWidget(problemIcon, 0, Qt::AlignTop);
    problemLayout->addWidget(m_problemLabel, 1, Qt::AlignTop);

    m_signatureLabel->setWordWrap(true);
    m_signatureLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    DialogStyle::makeHint(m_summaryLabel);
    m_findingsView->setModel(m_findings);
    configureTable(m_findingsView);
    const QFontMetrics metrics = fontMetrics();
    m_findingsView->setColumnWidth(FindingsTableModel::SeverityColumn,
                                   metrics.horizontalAdvance(QStringLiteral("Critical")) + 44);
    m_findingsView->setColumnWidth(FindingsTableModel::IdColumn,
                                   metrics.horizontalAdvance(QStringLiteral("weak-hmac-secret")) + 20);
    // Problem and fix share the width and wrap, so every finding reads without scrolling sideways.
    QHeaderView* findingsColumns = m_findingsView->horizontalHeader();
    findingsColumns->setStretchLastSection(false);
    findingsColumns->setSectionResizeMode(FindingsTableModel::MessageColumn, QHeaderView::Stretch);
    findingsColumns->setSectionResizeMode(FindingsTableModel::FixColumn, QHeaderView::Stretch);
    findingsColumns->setMinimumSectionSize(60);
    m_findingsView->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_findingsView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_claims->setHorizontalHeaderLabels({tr("Claim"), tr("Value"), tr("Meaning")});
    m_claimsView->setModel(m_claims);
    configureTable(m_claimsView);
    m_claimsView->setColumnWidth(0, metrics.horizontalAdvance(QStringLiteral("Claim")) + 40);
    QHeaderView* claimsHeader = m_claimsView->horizontalHeader();
    claimsHeader->setStretchLastSection(false);
    claimsHeader->setSectionResizeMode(1, QHeaderView::Stretch);
    claimsHeader->setSectionResizeMode(2, QHeaderView::Stretch);
    m_claimsView->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_claimsView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_detailTabs->setObjectName(QStringLiteral("tokenDetailTabs"));
    m_detailTabs->addTab(m_claimsView, tr("Claims"));
    m_detailTabs->addTab(m_headerView, tr("Header"));
    m_detailTabs->addTab(m_payloadView, tr("Payload"));
    m_detailTabs->setDocumentMode(true);

    // The decoded views sit beside the token; the findings run the full width below, where the problem
    // and its fix each get enough room to read in a line or two.
    auto* resultPage = new QWidget(this);
    auto* resultLayout = new QVBoxLayout(resultPage);
    resultLayout->setContentsMargins(0, 0, 0, 0);
    resultLayout->setSpacing(8);
    resultLayout->addWidget(m_signatureLabel);
    resultLayout->addWidget(m_detailTabs, 1);

    m_findingsPane = new QWidget(this);
    m_findingsPane->setObjectName(QStringLiteral("findingsPane"));
    auto* findingsTitle = new QLabel(tr("Findings"), m_findingsPane);
    DialogStyle::makeHeading(findingsTitle, 1.05);
    auto* findingsLayout = new QVBoxLayout(m_findingsPane);
    findingsLayout->setContentsMargins(0, 4, 0, 0);
    findingsLayout->setSpacing(6);
    auto* findingsHeader = new QHBoxLayout;
    findingsHeader->addWidget(findingsTitle);
    findingsHeader->addSpacing(8);
    findingsHeader->addWidget(m_summaryLabel, 1);
    findingsLayout->addLayout(findingsHeader);
    findingsLayout->addWidget(m_findingsView, 1);

    m_resultStack->addWidget(m_placeholderLabel);
    m_resultStack->addWidget(problemPage);
    m_resultStack->addWidget(resultPage);

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->setSpacing(8);
    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(8);
    buttons->addWidget(m_pasteButton);
    buttons->addWidget(m_clearButton);
    buttons->addStretch();
    leftLayout->addLayout(buttons);
    leftLayout->addWidget(m_tokenEdit, 1);
    leftLayout->addWidget(m_fileProblemLabel);
    leftLayout->addWidget(m_verifyToggle, 0, Qt::AlignLeft);
    leftLayout->addWidget(m_verifyBox);

    auto* top = new QSplitter(Qt::Horizontal, this);
    top->setChildrenCollapsible(false);
    top->addWidget(left);
    top->addWidget(m_resultStack);
    top->setStretchFactor(0, 2);
    top->setStretchFactor(1, 3);
    top->setSizes({340, 520});
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(top);
    splitter->addWidget(m_findingsPane);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(10);
    layout->addLayout(DialogStyle::pageTitle(
        tr("Token inspector"),
        tr("Decode, lint and verify JSON Web Tokens offline: paste, drop or read one from the clipboard."), this));
    layout->addSpacing(6);
    layout->addWidget(splitter, 1);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &TokenInspectorPage::analyseNow);
    connect(m_tokenEdit, &QPlainTextEdit::textChanged, &m_debounce, qOverload<>(&QTimer::start));
    connect(m_tokenEdit, &TokenEdit::fileRejected, this, [this](const QString& problem) {
        m_fileProblemLabel->setText(problem);
        m_fileProblemLabel->show();
        m_tokenAtRejection = m_tokenEdit->toPlainText();
    });
    connect(m_tokenEdit, &QPlainTextEdit::textChanged, this, [this] {
        // An edit of the token clears the complaint; the rejected drop itself signals a change of nothing.
        if (m_fileProblemLabel->isVisibleTo(this) && m_tokenEdit->toPlainText() != m_tokenAtRejection) {
            m_fileProblemLabel->hide();
            m_tokenAtRejection.clear(); // it may be a live credential
        }
    });
    connect(m_verifyKeyEdit, &QPlainTextEdit::textChanged, &m_debounce, qOverload<>(&QTimer::start));
    connect(m_verifyKindCombo, &QComboBox::currentIndexChanged, this, &TokenInspectorPage::analyseNow);
    connect(m_pasteButton, &QPushButton::clicked, this, &TokenInspectorPage::pasteFromClipboard);
    connect(m_clearButton, &QPushButton::clicked, this, [this] { m_tokenEdit->clear(); });
    connect(m_verifyToggle, &QToolButton::toggled, this, [this](bool open) {
        m_verifyToggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
        m_verifyBox->setVisible(open);
        analyseNow();
    });
    connect(&m_controller, &VaultController::unlocked, m_refresher, &RefreshWhenShown::request);
    connect(&m_controller, &VaultController::vaultChanged, m_refresher, &RefreshWhenShown::request);
    connect(&m_controller, &VaultController::locked, this, &TokenInspectorPage::clear);
    analyseNow();
}

TokenInspectorPage::~TokenInspectorPage() = default;

void TokenInspectorPage::setToken(const QString& token)
{
    m_tokenEdit->setPlainText(token);
    m_debounce.stop();
    analyseNow();
}

QString TokenInspectorPage::token() const
{
    return m_tokenEdit->toPlainText();
}

void TokenInspectorPage::pasteFromClipboard()
{
    setToken(QString::fromUtf8(TokenAnalysis::extractToken(QApplication::clipboard()->text().toUtf8())));
}

void TokenInspectorPage::refresh()
{
    m_refresher->markFresh();
    if (!m_controller.isUnlocked()) {
        return;
    }
    m_controller.run(
        this, [](Vault& vault) { return keys::KeyRing(vault).verificationKeys(); },
        [this](Result<keys::KeySet> loaded) {
            m_vaultKeys = loaded ? std::move(*loaded) : keys::KeySet();
            analyseNow();
        });
    m_controller.runDirectory(
        this, [](Directory& directory) { return tokens::TokenIssuer(directory).revokedJtis(); },
        [this](Result<QSet<QString>> revoked) {
            if (revoked) {
                m_revokedJtis = std::move(*revoked);
                analyseNow();
            }
        });
}

void TokenInspectorPage::clear()
{
    // The vault's keys go with the lock; so does a token that may be a live credential.
    m_vaultKeys.reset();
    m_revokedJtis.reset();
    m_tokenEdit->clear();
    m_verifyKeyEdit->clear();
    m_debounce.stop();
    analyseNow();
}

void TokenInspectorPage::analyseNow()
{
    m_debounce.stop();
    TokenAnalysis::Inputs inputs;
    inputs.now = QDateTime::currentSecsSinceEpoch();
    inputs.vaultKeys = m_vaultKeys ? &*m_vaultKeys : nullptr;
    inputs.revokedJtis = m_revokedJtis ? &*m_revokedJtis : nullptr;

    std::optional<keys::KeySet> pasted;
    QString pastedProblem;
    const QString keyText = m_verifyKeyEdit->toPlainText();
    if (m_verifyToggle->isChecked() && !keyText.isEmpty()) {
        if (m_verifyKindCombo->currentIndex() == 1) {
            auto secret = keys::KeyMaterial::fromSecret(SecretBuffer::fromString(keyText));
            if (secret) {
                pasted = keys::KeySet::single(std::move(*secret));
            } else {
                pastedProblem = secret.error().message;
            }
        } else {
            auto set = keys::KeySet::fromData(keyText.toUtf8());
            if (set) {
                pasted = std::move(*set);
            } else {
                pastedProblem = set.error().message;
            }
        }
        inputs.pastedKeys = pasted ? &*pasted : nullptr;
    }
    m_verifyKeyStatus->setText(pastedProblem.isEmpty()
                                   ? (pasted ? tr("Read %1; the signature is checked with it instead of the vault's keys.")
                                                   .arg(pasted->size() == 1 ? tr("1 key")
                                                                            : tr("%1 keys").arg(pasted->size()))
                                             : tr("Paste a key to check the signature with it instead of the "
                                                  "vault's keys."))
                                   : tr("Cannot read the key: %1").arg(pastedProblem));
    m_analysis = TokenAnalysis::analyse(m_tokenEdit->toPlainText().toUtf8(), inputs);
    if (!pastedProblem.isEmpty() && m_analysis.state == TokenAnalysis::State::Jws &&
        m_analysis.signature != TokenAnalysis::Signature::Unsigned) {
        m_analysis.signature = TokenAnalysis::Signature::NotChecked;
        m_analysis.signatureText = tr("Not checked: the pasted key cannot be read.");
    }
    display(m_analysis);
}

void TokenInspectorPage::setSignatureText(TokenAnalysis::Signature kind, const QString& text, bool revoked)
{
    QColor color = palette().color(QPalette::WindowText);
    switch (kind) {
    case TokenAnalysis::Signature::Verified:
        color = revoked ? DialogStyle::warningColor(palette()) : DialogStyle::successColor(palette());
        break;
    case TokenAnalysis::Signature::Invalid:
    case TokenAnalysis::Signature::Unsigned:
    case TokenAnalysis::Signature::NoMatch:
        color = DialogStyle::failureColor(palette());
        break;
    case TokenAnalysis::Signature::NotChecked:
        break;
    }
    m_signatureLabel->setText(text);
    m_signatureLabel->setStyleSheet(QStringLiteral("QLabel { color: %1; font-weight: 600; padding: 6px 8px; "
                                                   "border: 1px solid %1; border-radius: 4px; }")
                                        .arg(color.name()));
}

void TokenInspectorPage::display(const TokenAnalysis& analysis)
{
    switch (analysis.state) {
    case TokenAnalysis::State::Empty:
        m_resultStack->setCurrentIndex(0);
        break;
    case TokenAnalysis::State::Malformed:
        m_problemLabel->setText(analysis.problem);
        m_resultStack->setCurrentIndex(1);
        break;
    case TokenAnalysis::State::Jwe:
    case TokenAnalysis::State::Jws:
        m_resultStack->setCurrentIndex(2);
        break;
    }
    m_findingsPane->setVisible(analysis.state == TokenAnalysis::State::Jws);
    m_findings->setFindings(analysis.findings);
    m_claims->setRowCount(0);
    for (const TokenAnalysis::Claim& claim : analysis.claims) {
        auto* name = new QStandardItem(claim.name);
        auto* value = new QStandardItem(claim.value);
        auto* meaning = new QStandardItem(claim.meaning);
        value->setToolTip(claim.value);
        meaning->setToolTip(claim.meaning);
        m_claims->appendRow({name, value, meaning});
    }
    m_headerView->setPlainText(analysis.headerJson);
    m_payloadView->setPlainText(analysis.payloadJson);
    const bool jwe = analysis.state == TokenAnalysis::State::Jwe;
    m_detailTabs->setTabEnabled(0, !jwe);
    m_detailTabs->setTabEnabled(2, !jwe);
    if (jwe) {
        m_detailTabs->setCurrentIndex(1);
    }
    setSignatureText(analysis.signature, analysis.signatureText, analysis.revoked);
    if (jwe) {
        m_summaryLabel->setText(tr("Not linted: the claims of an encrypted token cannot be read."));
    } else if (analysis.findings.isEmpty()) {
        m_summaryLabel->setText(tr("No problems found."));
    } else {
        const auto count = analysis.findings.size();
        m_summaryLabel->setText(count == 1 ? tr("1 finding.")
                                           : tr("%1 findings, most severe first.").arg(count));
    }
}

} // namespace tessera::ui
