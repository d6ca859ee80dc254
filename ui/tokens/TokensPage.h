#pragma once

#include <QWidget>

class QTabWidget;

namespace tessera::ui {

class SessionsPage;
class TokenInspectorPage;
class TokenSignerPage;
class VaultController;

// The Tokens section: Inspector, Signer and Sessions as tabs, and the hand-over between them
// (the signer's "Open in Inspector").
class TokensPage : public QWidget
{
    Q_OBJECT

public:
    explicit TokensPage(VaultController& controller, QWidget* parent = nullptr);

    TokenInspectorPage* inspector() const { return m_inspector; }
    TokenSignerPage* signer() const { return m_signer; }
    SessionsPage* sessions() const { return m_sessions; }
    void showInspector();
    void showSigner();
    void refresh();

private:
    QTabWidget* m_tabs;
    TokenInspectorPage* m_inspector;
    TokenSignerPage* m_signer;
    SessionsPage* m_sessions;
};

} // namespace tessera::ui
