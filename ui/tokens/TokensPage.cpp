#include "tokens/TokensPage.h"

#include "common/Icons.h"
#include "tokens/SessionsPage.h"
#include "tokens/TokenInspectorPage.h"
#include "tokens/TokenSignerPage.h"

#include <QTabWidget>
#include <QVBoxLayout>

namespace tessera::ui {

TokensPage::TokensPage(VaultController& controller, QWidget* parent)
    : QWidget(parent), m_tabs(new QTabWidget(this)), m_inspector(new TokenInspectorPage(controller, this)),
      m_signer(new TokenSignerPage(controller, this)), m_sessions(new SessionsPage(controller, this))
{
    setObjectName(QStringLiteral("tokensPage"));
    m_tabs->setObjectName(QStringLiteral("tokensTabWidget"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_inspector, Icons::get(QStringLiteral("search")), tr("Inspector"));
    m_tabs->addTab(m_signer, Icons::get(QStringLiteral("token")), tr("Signer"));
    m_tabs->addTab(m_sessions, Icons::get(QStringLiteral("clock")), tr("Sessions"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addWidget(m_tabs);
    connect(m_signer, &TokenSignerPage::openInInspectorRequested, this, [this](const QString& token) {
        m_inspector->setToken(token);
        showInspector();
    });
}

void TokensPage::showInspector()
{
    m_tabs->setCurrentWidget(m_inspector);
}

void TokensPage::showSigner()
{
    m_tabs->setCurrentWidget(m_signer);
}

void TokensPage::refresh()
{
    m_inspector->requestRefresh();
    m_signer->requestRefresh();
    m_sessions->requestRefresh();
}

} // namespace tessera::ui
