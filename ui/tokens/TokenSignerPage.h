#pragma once

#include "common/Error.h"
#include "common/RefreshWhenShown.h"
#include "identity/User.h"
#include "keyring/VaultKey.h"
#include "keys/KeyMaterial.h"

#include <QJsonObject>
#include <QList>
#include <QWidget>
#include <optional>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace tessera::ui {

class ClipboardHelper;
class VaultController;

// Token signer: a vault key (or a pasted key or secret), a preset (access or refresh token, filled
// from a vault user), claims and extra header fields as JSON checked while typing, a lifetime; Sign
// shows the compact token with Copy and Open in Inspector.
class TokenSignerPage : public QWidget
{
    Q_OBJECT

public:
    enum class Preset
    {
        Custom,
        Access,
        Refresh
    };

    explicit TokenSignerPage(VaultController& controller, QWidget* parent = nullptr);
    ~TokenSignerPage() override;

    void refresh(); // the vault's signing keys and users
    // Refreshes now when shown, else on the next show.
    void requestRefresh() { m_refresher->request(); }
    void clear();
    void applyPreset(Preset preset);
    void fillFromUser(const QString& username);
    void sign();
    QString signedToken() const;

    // The claims or header problem shown under the editor, empty when both are valid JSON objects.
    QString validationProblem() const;

Q_SIGNALS:
    void openInInspectorRequested(const QString& token);
    void generateKeyRequested();

private:
    void rebuildKeyChoices();
    void updateAlgorithms();
    void validate();
    std::optional<QJsonObject> parsedClaims() const;
    std::optional<QJsonObject> parsedHeader() const;
    // The key pasted under "A pasted key or secret…": one private key (PEM or JWK) or an HMAC secret.
    Result<keys::KeyMaterial> pastedKey() const;
    void setStatus(const QString& text, bool error);

    VaultController& m_controller;
    RefreshWhenShown* m_refresher = nullptr; // reads the vault when the page is shown
    QList<keys::VaultKey> m_keys;
    QList<UserSummary> m_users;
    ClipboardHelper* m_clipboard;

    QComboBox* m_keyCombo;
    QWidget* m_noKeyRow;
    QPushButton* m_generateButton;
    QWidget* m_pastedBox;
    QComboBox* m_pastedKindCombo;
    QPlainTextEdit* m_pastedKeyEdit;
    QComboBox* m_algCombo;
    QComboBox* m_presetCombo;
    QComboBox* m_userCombo;
    QSpinBox* m_ttlSpin;
    QPlainTextEdit* m_claimsEdit;
    QPlainTextEdit* m_headerEdit;
    QLabel* m_validationLabel;
    QPushButton* m_signButton;
    QPlainTextEdit* m_resultEdit;
    QPushButton* m_copyButton;
    QPushButton* m_openButton;
    QLabel* m_statusLabel;
};

} // namespace tessera::ui
