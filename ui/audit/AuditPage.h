#pragma once

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace tessera {
struct AuditEntry;
struct AuditVerifyReport;
} // namespace tessera

namespace tessera::ui {

class AuditFilterProxyModel;
class AuditTableModel;
class VaultController;

// The audit trail: filter by text and action, verify the chain, export what is shown.
class AuditPage : public QWidget
{
    Q_OBJECT

public:
    AuditPage(VaultController& controller, QWidget* parent = nullptr);

    void refresh();
    void clear();
    void verifyChain();
    void exportCsv();
    void exportJson();

    AuditTableModel* model() const { return m_model; }
    AuditFilterProxyModel* proxy() const { return m_proxy; }

private:
    void rebuildActionChoices();
    void updateCount();
    void showVerifyReport(const AuditVerifyReport& report);
    void exportVisible(bool json);
    std::vector<AuditEntry> visibleEntries() const;

    VaultController& m_controller;
    AuditTableModel* m_model;
    AuditFilterProxyModel* m_proxy;
    QLineEdit* m_filterEdit;
    QComboBox* m_actionCombo;
    QLabel* m_countLabel;
    QPushButton* m_refreshButton;
    QPushButton* m_verifyButton;
    QToolButton* m_exportButton;
    QAction* m_exportCsvAction;
    QAction* m_exportJsonAction;
    QLabel* m_statusLabel;
    QStackedWidget* m_viewStack;
    QTableView* m_table;
    QLabel* m_emptyLabel;
};

} // namespace tessera::ui
