#include "access/AccessCheckDialog.h"

#include "access/AccessModel.h"
#include "access/AccessToolSupport.h"
#include "access/Permission.h"
#include "app/VaultController.h"
#include "common/DialogStyle.h"
#include "common/ErrorText.h"
#include "common/Icons.h"

#include <QCompleter>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStringListModel>
#include <QVBoxLayout>

namespace tessera::ui {

namespace {

QColor allowColor()
{
    return QColor(0x2e, 0x9b, 0x5f);
}

QColor denyColor()
{
    return QColor(0xd6, 0x45, 0x45);
}

QString stepName(const AccessStep& step)
{
    if (step.kind == AccessStep::Kind::ObjectGrant) {
        return QCoreApplication::translate("AccessCheckDialog", "%1 on object %2")
            .arg(step.name, step.objectId);
    }
    return step.name;
}

} // namespace

AccessCheckDialog::AccessCheckDialog(VaultController& controller, QWidget* parent)
    : QDialog(parent), m_controller(controller), m_userEdit(new QLineEdit(this)),
      m_permissionEdit(new QLineEdit(this)), m_objectEdit(new QLineEdit(this)),
      m_inputError(new QLabel(this)),
      m_checkButton(new QPushButton(Icons::get(QStringLiteral("shield")), tr("&Check"), this)),
      m_resultFrame(new QFrame(this)), m_verdictIcon(new QLabel(m_resultFrame)),
      m_verdictLabel(new QLabel(m_resultFrame)), m_reasonLabel(new QLabel(m_resultFrame)),
      m_pathLabel(new QLabel(m_resultFrame)), m_stepsLabel(new QLabel(m_resultFrame)),
      m_closestLabel(new QLabel(m_resultFrame))
{
    setObjectName(QStringLiteral("accessCheckDialog"));
    setWindowTitle(tr("Check Access"));
    m_userEdit->setObjectName(QStringLiteral("accessUserLineEdit"));
    m_permissionEdit->setObjectName(QStringLiteral("accessPermissionLineEdit"));
    m_objectEdit->setObjectName(QStringLiteral("accessObjectLineEdit"));
    m_inputError->setObjectName(QStringLiteral("accessInputErrorLabel"));
    m_checkButton->setObjectName(QStringLiteral("checkAccessButton"));
    m_resultFrame->setObjectName(QStringLiteral("accessResultFrame"));
    m_verdictLabel->setObjectName(QStringLiteral("accessVerdictLabel"));
    m_reasonLabel->setObjectName(QStringLiteral("accessReasonLabel"));
    m_pathLabel->setObjectName(QStringLiteral("accessPathLabel"));
    m_stepsLabel->setObjectName(QStringLiteral("accessStepsLabel"));
    m_closestLabel->setObjectName(QStringLiteral("accessClosestLabel"));

    m_userEdit->setPlaceholderText(tr("username"));
    m_permissionEdit->setPlaceholderText(tr("action:resource, e.g. read:posts"));
    m_objectEdit->setPlaceholderText(tr("optional: one object's id, e.g. 42"));
    m_checkButton->setDefault(true);
    m_checkButton->setAutoDefault(true);
    DialogStyle::makeError(m_inputError);
    attachUsernameCompleter(m_controller, m_userEdit);
    auto* permissions = new QStringListModel(this);
    auto* permissionCompleter = new QCompleter(permissions, m_permissionEdit);
    permissionCompleter->setFilterMode(Qt::MatchContains);
    m_permissionEdit->setCompleter(permissionCompleter);
    m_controller.runDirectory(
        permissions,
        [](Directory& directory) -> Result<QStringList> {
            QStringList names;
            for (const Permission& permission : directory.permissions()) {
                names.append(permission.toString());
            }
            return names;
        },
        [permissions](Result<QStringList> names) {
            if (names) {
                permissions->setStringList(*names);
            }
        });

    auto* form = new QFormLayout;
    DialogStyle::configure(form);
    form->addRow(tr("&User:"), m_userEdit);
    form->addRow(tr("&Permission:"), m_permissionEdit);
    form->addRow(tr("&Object:"), m_objectEdit);
    form->addRow(QString(), m_inputError);
    auto* checkRow = new QHBoxLayout;
    checkRow->addStretch();
    checkRow->addWidget(m_checkButton);

    // The answer: a verdict that reads at a glance, then the why.
    DialogStyle::makeHeading(m_verdictLabel, 1.5);
    m_verdictIcon->setFixedSize(32, 32);
    for (QLabel* label : {m_reasonLabel, m_pathLabel, m_stepsLabel, m_closestLabel}) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_reasonLabel->setTextFormat(Qt::PlainText);
    QFont chainFont = m_pathLabel->font();
    chainFont.setPointSizeF(chainFont.pointSizeF() * 1.1);
    chainFont.setWeight(QFont::DemiBold);
    m_pathLabel->setFont(chainFont);
    m_pathLabel->setTextFormat(Qt::PlainText);
    m_stepsLabel->setTextFormat(Qt::RichText);
    m_closestLabel->setTextFormat(Qt::RichText);
    auto* verdictRow = new QHBoxLayout;
    verdictRow->setSpacing(10);
    verdictRow->addWidget(m_verdictIcon);
    verdictRow->addWidget(m_verdictLabel, 1);
    auto* resultLayout = new QVBoxLayout(m_resultFrame);
    resultLayout->setContentsMargins(16, 12, 16, 14);
    resultLayout->setSpacing(8);
    resultLayout->addLayout(verdictRow);
    resultLayout->addWidget(m_reasonLabel);
    resultLayout->addWidget(m_pathLabel);
    resultLayout->addWidget(m_stepsLabel);
    resultLayout->addWidget(m_closestLabel);
    m_resultFrame->hide();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setAutoDefault(false);
    auto* layout = new QVBoxLayout(this);
    DialogStyle::configure(layout);
    layout->addWidget(DialogStyle::header(
        Icons::get(QStringLiteral("shield")), tr("Check access"),
        tr("Ask whether a user may do something, and see which role, wildcard or object grant decides it. "
           "Checks are read-only."),
        this));
    layout->addLayout(form);
    layout->addLayout(checkRow);
    layout->addWidget(m_resultFrame);
    layout->addStretch();
    layout->addWidget(buttons);
    setMinimumWidth(560);

    connect(m_checkButton, &QPushButton::clicked, this, &AccessCheckDialog::check);
    connect(buttons, &QDialogButtonBox::rejected, this, &AccessCheckDialog::reject);
    for (QLineEdit* edit : {m_userEdit, m_permissionEdit, m_objectEdit}) {
        connect(edit, &QLineEdit::textChanged, this, &AccessCheckDialog::validate);
    }
    connect(&m_controller, &VaultController::locked, this, [this] { QDialog::done(QDialog::Rejected); });
    validate();
    m_userEdit->setFocus();
}

void AccessCheckDialog::setUsername(const QString& username)
{
    m_userEdit->setText(username);
}

void AccessCheckDialog::setPermission(const QString& permission)
{
    m_permissionEdit->setText(permission);
}

void AccessCheckDialog::validate()
{
    QString problem;
    const QString permission = m_permissionEdit->text().trimmed();
    const QString object = m_objectEdit->text().trimmed();
    if (!permission.isEmpty()) {
        if (auto parsed = Permission::parse(permission); !parsed) {
            problem = ErrorText::forUser(parsed.error());
        }
    }
    if (problem.isEmpty() && !object.isEmpty()) {
        if (Status valid = AccessModel::validateObjectId(object); !valid) {
            problem = ErrorText::forUser(valid.error());
        }
    }
    m_inputError->setText(problem);
    m_inputError->setVisible(!problem.isEmpty());
    m_checkButton->setEnabled(!m_busy && problem.isEmpty() && !m_userEdit->text().trimmed().isEmpty() &&
                              !permission.isEmpty());
}

void AccessCheckDialog::check()
{
    validate();
    if (!m_checkButton->isEnabled()) {
        return;
    }
    const Result<Permission> permission = Permission::parse(m_permissionEdit->text().trimmed());
    if (!permission) {
        return;
    }
    const QString username = m_userEdit->text().trimmed();
    const QString object = m_objectEdit->text().trimmed();
    m_busy = true;
    m_checkButton->setEnabled(false);
    const bool queued = m_controller.runDirectory(
        this,
        [username, object, p = *permission](Directory& directory) -> Result<AccessExplanation> {
            return directory.explain(username, p, object);
        },
        [this](Result<AccessExplanation> explanation) {
            m_busy = false;
            validate();
            if (!explanation) {
                m_inputError->setText(ErrorText::forUser(explanation.error()));
                m_inputError->show();
                return;
            }
            showExplanation(*explanation);
        });
    if (!queued) {
        m_busy = false;
        validate();
    }
}

QString AccessCheckDialog::chainText(const AccessExplanation& explanation)
{
    QStringList parts;
    for (const AccessStep& step : explanation.path) {
        parts.append(stepName(step));
    }
    return parts.join(QStringLiteral(" → "));
}

void AccessCheckDialog::showExplanation(const AccessExplanation& explanation)
{
    m_explanation = explanation;
    const QColor accent = explanation.allowed ? allowColor() : denyColor();
    m_resultFrame->setStyleSheet(
        QStringLiteral("QFrame#accessResultFrame { border: 1px solid rgba(%1, %2, %3, 150); "
                       "border-radius: 6px; background: rgba(%1, %2, %3, 22); }")
            .arg(accent.red())
            .arg(accent.green())
            .arg(accent.blue()));
    m_verdictIcon->setPixmap(
        Icons::pixmap(explanation.allowed ? QStringLiteral("check") : QStringLiteral("error"), 32));
    m_verdictLabel->setText(explanation.allowed ? tr("Allowed") : tr("Denied"));
    m_verdictLabel->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(accent.name()));
    const QString what = explanation.objectId.isEmpty()
                             ? tr("%1 may %2").arg(explanation.username, explanation.permission)
                             : tr("%1 may %2 on object %3")
                                   .arg(explanation.username, explanation.permission, explanation.objectId);
    if (explanation.allowed) {
        QString text = what + QLatin1Char('.');
        if (explanation.basis == AccessExplanation::Basis::Wildcard) {
            text += QLatin1Char(' ') + tr("The admin:all wildcard grants every permission.");
        } else if (explanation.basis == AccessExplanation::Basis::ObjectGrant) {
            text += QLatin1Char(' ') +
                    tr("The grant is on object %1 only, not type-wide.").arg(explanation.objectId);
        }
        m_reasonLabel->setText(text);
    } else {
        // The closest grants are listed on their own below, so the reason stops before them.
        QString reason = explanation.reason;
        if (!explanation.closest.isEmpty()) {
            reason = reason.section(QStringLiteral("; closest: "), 0, 0);
        }
        m_reasonLabel->setText(ErrorText::sentence(reason));
    }

    m_pathLabel->setVisible(explanation.allowed && !explanation.path.isEmpty());
    m_pathLabel->setText(chainText(explanation));
    // Step by step: what each hop is and why it leads to the next.
    QStringList rows;
    QString previous;
    bool firstRole = true;
    for (const AccessStep& step : explanation.path) {
        QString kind;
        QString note;
        switch (step.kind) {
        case AccessStep::Kind::User:
            kind = tr("User");
            break;
        case AccessStep::Kind::Role:
            kind = firstRole ? tr("Role") : tr("Included role");
            note = firstRole ? tr("held by %1").arg(previous) : tr("included by %1").arg(previous);
            firstRole = false;
            break;
        case AccessStep::Kind::Permission:
            kind = tr("Permission");
            note = tr("granted by %1").arg(previous);
            break;
        case AccessStep::Kind::Wildcard:
            kind = tr("Wildcard");
            note = tr("granted by %1; grants every permission").arg(previous);
            break;
        case AccessStep::Kind::ObjectGrant:
            kind = tr("Object grant");
            note = tr("granted to %1 on this object only").arg(previous);
            break;
        }
        rows.append(
            QStringLiteral("<tr><td style=\"padding-right:12px; color:palette(placeholder-text)\">%1</td>"
                           "<td><b>%2</b>%3</td></tr>")
                .arg(kind.toHtmlEscaped(), stepName(step).toHtmlEscaped(),
                     note.isEmpty() ? QString() : QStringLiteral(" — ") + note.toHtmlEscaped()));
        previous = step.name;
    }
    m_stepsLabel->setText(
        QStringLiteral("<table cellspacing=\"0\" cellpadding=\"1\">%1</table>").arg(rows.join(QString())));
    m_stepsLabel->setVisible(explanation.allowed && !rows.isEmpty());

    QStringList closest;
    for (const ClosestGrant& grant : explanation.closest) {
        closest.append(tr("<b>%1</b> grants %2")
                           .arg(grant.role.toHtmlEscaped(),
                                grant.permissions.join(QStringLiteral(", ")).toHtmlEscaped()));
    }
    m_closestLabel->setText(tr("Closest grants:") + QStringLiteral("<br>") +
                            closest.join(QStringLiteral("<br>")));
    m_closestLabel->setVisible(!explanation.allowed && !closest.isEmpty());
    m_resultFrame->show();
    growToFit(this);
    Q_EMIT checked();
}

} // namespace tessera::ui
