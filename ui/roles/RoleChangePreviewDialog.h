#pragma once

#include "roles/PendingRoleChanges.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace tessera::ui {

class VaultController;

// "Before a role change is saved, show which users gain and which lose which permissions."
// Lists each pending role change, the core's summary, and per user the permissions gained (+) and
// lost (−). Apply saves exactly the previewed plan (refused if the roles changed meanwhile); Discard
// throws the pending edits away; Keep Editing closes and keeps them.
class RoleChangePreviewDialog : public QDialog
{
    Q_OBJECT

public:
    // Users listed per role change; the summary still counts every user.
    static constexpr int kMaxUsersShown = 2000;

    RoleChangePreviewDialog(VaultController& controller, RoleChangePlan plan, QWidget* parent = nullptr);

    const RoleChangePlan& plan() const { return m_plan; }
    void apply();

Q_SIGNALS:
    void applied();                           // the plan was saved
    void discardRequested();                  // the admin chose to throw the pending edits away
    void applyFailed(const QString& message); // some steps may have been saved before the failure

private:
    void fillTree();
    void setBusy(bool busy);

    VaultController& m_controller;
    RoleChangePlan m_plan;
    QLabel* m_summaryLabel;
    QTreeWidget* m_tree;
    QLabel* m_emptyLabel;
    QLabel* m_errorLabel;
    QDialogButtonBox* m_buttons;
    QPushButton* m_applyButton;
    QPushButton* m_discardButton;
    QPushButton* m_keepButton;
    bool m_busy = false;
};

} // namespace tessera::ui
