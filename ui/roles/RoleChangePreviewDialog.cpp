#include "roles/RoleChangePreviewDialog.h"

#include "app/VaultController.h"
#include "common/DialogStyle.h"
#include "common/ErrorText.h"
#include "common/Icons.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tessera::ui {

namespace {

QColor gainColor()
{
    return QColor(0x2e, 0x9b, 0x5f);
}

QColor lossColor()
{
    return QColor(0xd6, 0x45, 0x45);
}

QString countText(const UserPermissionChange& user)
{
    QStringList parts;
    if (!user.gained.isEmpty()) {
        parts.append(QCoreApplication::translate("RoleChangePreviewDialog", "gains %n permission(s)", nullptr,
                                                 static_cast<int>(user.gained.size())));
    }
    if (!user.lost.isEmpty()) {
        parts.append(QCoreApplication::translate("RoleChangePreviewDialog", "loses %n permission(s)", nullptr,
                                                 static_cast<int>(user.lost.size())));
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

RoleChangePreviewDialog::RoleChangePreviewDialog(VaultController& controller, RoleChangePlan plan,
                                                 QWidget* parent)
    : QDialog(parent), m_controller(controller), m_plan(std::move(plan)), m_summaryLabel(new QLabel(this)),
      m_tree(new QTreeWidget(this)), m_emptyLabel(new QLabel(this)), m_errorLabel(new QLabel(this)),
      m_buttons(new QDialogButtonBox(this)),
      m_applyButton(m_buttons->addButton(tr("&Apply Changes"), QDialogButtonBox::AcceptRole)),
      m_discardButton(m_buttons->addButton(tr("&Discard Changes"), QDialogButtonBox::DestructiveRole)),
      m_keepButton(m_buttons->addButton(tr("&Keep Editing"), QDialogButtonBox::RejectRole))
{
    setObjectName(QStringLiteral("roleChangePreviewDialog"));
    setWindowTitle(tr("Review Role Changes"));
    m_summaryLabel->setObjectName(QStringLiteral("previewSummaryLabel"));
    m_tree->setObjectName(QStringLiteral("previewTreeWidget"));
    m_emptyLabel->setObjectName(QStringLiteral("previewEmptyLabel"));
    m_errorLabel->setObjectName(QStringLiteral("previewErrorLabel"));
    m_applyButton->setObjectName(QStringLiteral("applyChangesButton"));
    m_discardButton->setObjectName(QStringLiteral("discardChangesButton"));
    m_keepButton->setObjectName(QStringLiteral("keepEditingButton"));
    m_applyButton->setIcon(Icons::get(QStringLiteral("check")));
    m_applyButton->setDefault(true);

    int roles = static_cast<int>(m_plan.steps.size());
    auto* header = DialogStyle::header(
        Icons::get(QStringLiteral("roles")),
        roles == 1 ? tr("Review the change to %1").arg(m_plan.steps.first().change.role)
                   : tr("Review changes to %1 roles").arg(roles),
        tr("Nothing is saved until you apply. Users are compared on their effective permissions, so "
           "someone who keeps a permission through another role is not listed."),
        this);

    QStringList lines;
    for (const RoleChangeStep& step : m_plan.steps) {
        lines.append(tr("<b>%1</b>: %2 — %3")
                         .arg(step.change.role.toHtmlEscaped(),
                              describeRoleChange(step.change).toHtmlEscaped(),
                              ErrorText::sentence(step.preview.summary()).toHtmlEscaped()));
    }
    m_summaryLabel->setTextFormat(Qt::RichText);
    m_summaryLabel->setWordWrap(true);
    m_summaryLabel->setText(lines.join(QStringLiteral("<br>")));
    m_summaryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("User and permission"), tr("Effect")});
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setSelectionMode(QAbstractItemView::NoSelection);
    m_tree->setFocusPolicy(Qt::NoFocus);
    m_emptyLabel->setText(tr("No user's permissions change: nobody holds the changed roles, or what they "
                             "gain they already hold another way."));
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    DialogStyle::makeError(m_errorLabel);
    fillTree();

    auto* layout = new QVBoxLayout(this);
    DialogStyle::configure(layout);
    layout->addWidget(header);
    layout->addWidget(m_summaryLabel);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_emptyLabel);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_buttons);
    resize(620, 520);

    connect(m_applyButton, &QPushButton::clicked, this, &RoleChangePreviewDialog::apply);
    connect(m_discardButton, &QPushButton::clicked, this, [this] {
        Q_EMIT discardRequested();
        reject();
    });
    connect(m_keepButton, &QPushButton::clicked, this, &RoleChangePreviewDialog::reject);
    connect(&m_controller, &VaultController::locked, this, [this] { QDialog::done(QDialog::Rejected); });
}

void RoleChangePreviewDialog::fillTree()
{
    const bool grouped = m_plan.steps.size() > 1;
    int shownUsers = 0;
    for (const RoleChangeStep& step : m_plan.steps) {
        QTreeWidgetItem* parent = nullptr;
        if (grouped) {
            parent = new QTreeWidgetItem(m_tree, {step.change.role, describeRoleChange(step.change)});
            QFont bold = parent->font(0);
            bold.setWeight(QFont::DemiBold);
            parent->setFont(0, bold);
            parent->setIcon(0, Icons::get(QStringLiteral("roles")));
        }
        const QList<UserPermissionChange>& users = step.preview.users();
        qsizetype index = 0;
        for (; index < users.size() && index < kMaxUsersShown; ++index) {
            const UserPermissionChange& user = users.at(index);
            auto* userItem = parent != nullptr
                                 ? new QTreeWidgetItem(parent, {user.username, countText(user)})
                                 : new QTreeWidgetItem(m_tree, {user.username, countText(user)});
            userItem->setIcon(0, Icons::get(QStringLiteral("users")));
            for (const QString& permission : user.gained) {
                auto* item = new QTreeWidgetItem(userItem, {QStringLiteral("+ %1").arg(permission)});
                item->setForeground(0, gainColor());
                item->setToolTip(0, tr("%1 gains %2").arg(user.username, permission));
            }
            for (const QString& permission : user.lost) {
                auto* item = new QTreeWidgetItem(userItem, {QStringLiteral("− %1").arg(permission)});
                item->setForeground(0, lossColor());
                item->setToolTip(0, tr("%1 loses %2").arg(user.username, permission));
            }
            ++shownUsers;
        }
        if (index < users.size()) {
            const QString more = tr("… and %1 more users").arg(QLocale().toString(users.size() - index));
            auto* item =
                parent != nullptr ? new QTreeWidgetItem(parent, {more}) : new QTreeWidgetItem(m_tree, {more});
            item->setForeground(0, palette().color(QPalette::PlaceholderText));
        }
    }
    // Small previews open fully; large ones keep users collapsed.
    if (shownUsers <= 50) {
        m_tree->expandAll();
    } else {
        m_tree->expandToDepth(0);
    }
    m_tree->resizeColumnToContents(0);
    m_tree->setColumnWidth(0, std::max(m_tree->columnWidth(0) + 24, 260));
    const bool empty = shownUsers == 0;
    m_tree->setVisible(!empty);
    m_emptyLabel->setVisible(empty);
}

void RoleChangePreviewDialog::apply()
{
    if (m_busy) {
        return;
    }
    setBusy(true);
    const bool queued = m_controller.runDirectory(
        this, [plan = m_plan](Directory& directory) { return applyRoleChangePlan(directory, plan); },
        [this](Status status) {
            setBusy(false);
            if (!status) {
                const QString message = ErrorText::forUser(status.error());
                m_errorLabel->setText(message);
                m_errorLabel->show();
                Q_EMIT applyFailed(message);
                return;
            }
            Q_EMIT applied();
            accept();
        });
    if (!queued) {
        setBusy(false);
    }
}

void RoleChangePreviewDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_applyButton->setEnabled(!busy);
    m_discardButton->setEnabled(!busy);
    m_keepButton->setEnabled(!busy);
    if (busy) {
        m_errorLabel->hide();
    }
}

} // namespace tessera::ui
