#pragma once

#include "keyring/VaultKey.h"

#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class QSpinBox;
class QToolButton;

namespace tessera::ui {

class RefreshWhenShown;

class KeysTableModel;
class VaultController;

// The vault's signing and verification keys (KeyRing): generate, import, rotate, change state,
// delete, export the public JWKS or, after a confirmation, a private key.
class KeysPage : public QWidget
{
    Q_OBJECT

public:
    explicit KeysPage(VaultController& controller, QWidget* parent = nullptr);

    void refresh();
    void clear();
    void generateKey(); // opens GenerateKeyDialog; the key is made when it is accepted
    void importKeys();
    void rotateSelected();
    void setSelectedState(keys::KeyState state);
    void deleteSelected();
    void exportPublicJwks();
    void exportPrivate();

    KeysTableModel* model() const { return m_model; }
    QTableView* view() const { return m_table; }
    QString selectedKid() const;
    void selectKid(const QString& kid);

private:
    void updateButtons();
    void setStatus(const QString& text, bool error = false);
    void changed(const QString& message, const QString& selectKid = {});

    VaultController& m_controller;
    RefreshWhenShown* m_refresher = nullptr; // reads the vault when the page is shown
    KeysTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QLineEdit* m_filterEdit;
    QPushButton* m_generateButton;
    QPushButton* m_importButton;
    QPushButton* m_rotateButton;
    QToolButton* m_stateButton;
    QPushButton* m_deleteButton;
    QToolButton* m_exportButton;
    QAction* m_activeAction;
    QAction* m_passiveAction;
    QAction* m_retiredAction;
    QAction* m_exportPublicAction;
    QAction* m_exportPrivateAction;
    QLabel* m_countLabel;
    QSpinBox* m_rotationSpin; // days before the reminder; a per-user preference
    QLabel* m_statusLabel;
    QStackedWidget* m_viewStack;
    QTableView* m_table;
    QLabel* m_emptyLabel;
    QString m_pendingSelection;
};

} // namespace tessera::ui
