#pragma once

#include "common/RefreshWhenShown.h"
#include "tokens/RefreshTokenRecord.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QStandardItemModel;
class QTableView;

namespace tessera::ui {

class VaultController;

// The refresh tokens issued from the vault (TokenIssuer::sessions): filter by user, revoke one or all
// of a user's, export the revocation list.
class SessionsPage : public QWidget
{
    Q_OBJECT

public:
    enum Column
    {
        UserColumn,
        JtiColumn,
        KidColumn,
        IssuedColumn,
        ExpiresColumn,
        StateColumn,
        ColumnCount
    };

    explicit SessionsPage(VaultController& controller, QWidget* parent = nullptr);

    void refresh();
    // Refreshes now when shown, else on the next show.
    void requestRefresh() { m_refresher->request(); }
    void clear();
    void revokeSelected();
    void revokeAllForUser();
    void exportRevocationList();
    QStandardItemModel* model() const { return m_model; }

private:
    void rebuild();
    void updateButtons();
    QString selectedJti() const;
    QString selectedUser() const;

    VaultController& m_controller;
    RefreshWhenShown* m_refresher = nullptr; // reads the vault when the page is shown
    QList<tokens::RefreshTokenRecord> m_records;
    QStandardItemModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QComboBox* m_userCombo;
    QPushButton* m_refreshButton;
    QPushButton* m_revokeButton;
    QPushButton* m_revokeAllButton;
    QPushButton* m_exportButton;
    QLabel* m_statusLabel;
    QStackedWidget* m_viewStack;
    QTableView* m_table;
    QLabel* m_emptyLabel;
};

} // namespace tessera::ui
