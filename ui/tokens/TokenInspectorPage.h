#pragma once

#include "common/RefreshWhenShown.h"
#include "keys/KeySet.h"
#include "tokens/TokenAnalysis.h"

#include <QSet>
#include <QTimer>
#include <QWidget>
#include <optional>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QStandardItemModel;
class QTabWidget;
class QTableView;
class QToolButton;

namespace tessera::ui {

class FindingsTableModel;
class TokenEdit;
class VaultController;

// Token inspector: paste, drop or read a token from the clipboard and see its parts, its claims
// explained, the linter's findings and whether its signature verifies with a vault key or with a key
// pasted under "Verify with…". Analysis is TokenAnalysis's; this page only shows it.
class TokenInspectorPage : public QWidget
{
    Q_OBJECT

public:
    explicit TokenInspectorPage(VaultController& controller, QWidget* parent = nullptr);
    ~TokenInspectorPage() override;

    // Shows a token at once (e.g. from the signer's "Open in Inspector").
    void setToken(const QString& token);
    QString token() const;
    void pasteFromClipboard();
    // Reloads the vault's verification keys and revoked jtis, then analyses again.
    void refresh();
    // Refreshes now when shown, else on the next show.
    void requestRefresh() { m_refresher->request(); }
    void clear();

    const TokenAnalysis& analysis() const { return m_analysis; }
    FindingsTableModel* findingsModel() const { return m_findings; }

private:
    void analyseNow();
    void display(const TokenAnalysis& analysis);
    void setSignatureText(TokenAnalysis::Signature kind, const QString& text, bool revoked);

    VaultController& m_controller;
    RefreshWhenShown* m_refresher = nullptr; // reads the vault when the page is shown
    TokenAnalysis m_analysis;
    QString m_tokenAtRejection; // the token when a dropped file was refused
    std::optional<keys::KeySet> m_vaultKeys;
    std::optional<QSet<QString>> m_revokedJtis;
    QTimer m_debounce;

    TokenEdit* m_tokenEdit;
    QLabel* m_fileProblemLabel; // why a dropped file did not become the token
    QPushButton* m_pasteButton;
    QPushButton* m_clearButton;
    QToolButton* m_verifyToggle;
    QWidget* m_verifyBox;
    QComboBox* m_verifyKindCombo;
    QPlainTextEdit* m_verifyKeyEdit;
    QLabel* m_verifyKeyStatus;
    QStackedWidget* m_resultStack;
    QLabel* m_placeholderLabel;
    QLabel* m_problemLabel;
    QLabel* m_signatureLabel;
    QLabel* m_summaryLabel;
    QWidget* m_findingsPane = nullptr;
    QTableView* m_findingsView;
    FindingsTableModel* m_findings;
    QTabWidget* m_detailTabs;
    QTableView* m_claimsView;
    QStandardItemModel* m_claims;
    QPlainTextEdit* m_headerView;
    QPlainTextEdit* m_payloadView;
};

} // namespace tessera::ui
