#include "users/PasswordRulesWidget.h"

#include "common/DialogStyle.h"
#include "common/Icons.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QVBoxLayout>
#include <algorithm>

namespace tessera::ui {

namespace {

const QString kReusedId = QStringLiteral("reused");

// The rules in force, one list of ids per line of describe(), in the same order: the length limits
// share the first line and every other rule has its own, present when the policy switches it on.
QList<QStringList> rulesInForce(const PasswordPolicy& policy)
{
    QList<QStringList> rules{{QStringLiteral("min-length"), QStringLiteral("max-length")}};
    const auto add = [&](bool inForce, const QString& id) {
        if (inForce) {
            rules.append({id});
        }
    };
    add(policy.requireLowercase, QStringLiteral("lowercase"));
    add(policy.requireUppercase, QStringLiteral("uppercase"));
    add(policy.requireDigit, QStringLiteral("digit"));
    add(policy.forbidUsername, QStringLiteral("contains-username"));
    add(policy.forbidEmail, QStringLiteral("contains-email"));
    add(policy.forbidCommon, QStringLiteral("common"));
    add(policy.historySize > 0, kReusedId);
    return rules;
}

QString stateName(PasswordRulesWidget::RuleState state)
{
    switch (state) {
    case PasswordRulesWidget::RuleState::Pending:
        return QStringLiteral("pending");
    case PasswordRulesWidget::RuleState::Passed:
        return QStringLiteral("passed");
    case PasswordRulesWidget::RuleState::Failed:
        return QStringLiteral("failed");
    case PasswordRulesWidget::RuleState::Deferred:
        return QStringLiteral("deferred");
    }
    return {};
}

} // namespace

PasswordRulesWidget::PasswordRulesWidget(QWidget* parent)
    : PasswordRulesWidget(PasswordPolicy{}, PasswordContext{}, parent)
{}

PasswordRulesWidget::PasswordRulesWidget(const PasswordPolicy& policy, const PasswordContext& context,
                                         QWidget* parent)
    : QWidget(parent), m_policy(policy), m_layout(new QVBoxLayout(this))
{
    setObjectName(QStringLiteral("passwordRulesWidget"));
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(6);
    setContext(context);
    rebuild();
}

void PasswordRulesWidget::setPolicy(const PasswordPolicy& policy)
{
    m_policy = policy;
    rebuild();
}

void PasswordRulesWidget::setContext(const PasswordContext& context)
{
    m_context = context;
    // Reuse is checked on save; holding the hashes here would only invite checking them per keystroke.
    m_context.previousHashes.clear();
    m_context.isReused = nullptr;
    evaluate();
}

void PasswordRulesWidget::setPasswordEdit(QLineEdit* edit)
{
    disconnect(m_editConnection);
    m_edit = edit;
    if (edit) {
        m_editConnection = connect(edit, &QLineEdit::textChanged, this, &PasswordRulesWidget::evaluate);
    }
    evaluate();
}

QStringList PasswordRulesWidget::shownRuleIds() const
{
    QStringList ids;
    for (const Row& row : m_rows) {
        ids.append(row.ruleIds.first());
    }
    return ids;
}

PasswordRulesWidget::RuleState PasswordRulesWidget::ruleState(const QString& ruleId) const
{
    for (const Row& row : m_rows) {
        if (row.ruleIds.contains(ruleId)) {
            return row.state;
        }
    }
    return RuleState::Pending;
}

void PasswordRulesWidget::rebuild()
{
    for (Row& row : m_rows) {
        delete row.widget;
    }
    m_rows.clear();
    const QStringList lines = m_policy.describe();
    const QList<QStringList> rules = rulesInForce(m_policy);
    Q_ASSERT(lines.size() == rules.size());
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    for (qsizetype i = 0; i < std::min(lines.size(), rules.size()); ++i) {
        Row row;
        row.ruleIds = rules.at(i);
        const QString name = QStringLiteral("rule-%1").arg(row.ruleIds.first());
        row.widget = new QWidget(this);
        row.widget->setObjectName(name);
        row.icon = new QLabel(row.widget);
        row.icon->setObjectName(name + QStringLiteral("-icon"));
        row.icon->setFixedSize(iconSize, iconSize);
        row.text = new QLabel(lines.at(i), row.widget);
        row.text->setObjectName(name + QStringLiteral("-text"));
        row.text->setTextFormat(Qt::PlainText);
        auto* layout = new QHBoxLayout(row.widget);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(8);
        layout->addWidget(row.icon, 0, Qt::AlignVCenter);
        layout->addWidget(row.text);
        if (row.ruleIds.contains(kReusedId)) {
            auto* note = new QLabel(tr("checked when saved"), row.widget);
            note->setObjectName(name + QStringLiteral("-note"));
            DialogStyle::makeHint(note);
            note->setWordWrap(false);
            layout->addWidget(note);
        }
        layout->addStretch(1);
        m_layout->addWidget(row.widget);
        m_rows.append(row);
    }
    evaluate();
}

void PasswordRulesWidget::evaluate()
{
    // Shares the field's data (implicit sharing), so no second copy of the password is made.
    const QString password = m_edit ? m_edit->text() : QString();
    const QList<PolicyViolation> violations = m_policy.evaluate(password, m_context);
    for (Row& row : m_rows) {
        row.problem.clear();
        if (row.ruleIds.contains(kReusedId)) {
            row.state = RuleState::Deferred;
        } else if (password.isEmpty()) {
            row.state = RuleState::Pending;
        } else {
            row.state = RuleState::Passed;
            for (const PolicyViolation& violation : violations) {
                if (row.ruleIds.contains(violation.ruleId)) {
                    row.state = RuleState::Failed;
                    row.problem = violation.message;
                    break;
                }
            }
        }
        paintRow(row);
    }
    const bool satisfied = violations.isEmpty();
    if (satisfied != m_satisfied) {
        m_satisfied = satisfied;
        Q_EMIT satisfiedChanged(satisfied);
    }
}

void PasswordRulesWidget::paintRow(Row& row)
{
    const QPalette& colours = palette();
    QString iconName;
    QColor ink;
    QColor textColour = colours.color(QPalette::WindowText);
    QString status;
    switch (row.state) {
    case RuleState::Pending:
        iconName = QStringLiteral("remove");
        ink = colours.color(QPalette::PlaceholderText);
        status = tr("not checked yet");
        break;
    case RuleState::Passed:
        iconName = QStringLiteral("check");
        ink = DialogStyle::successColor(colours);
        textColour = ink;
        status = tr("met");
        break;
    case RuleState::Failed:
        iconName = QStringLiteral("cross");
        ink = DialogStyle::failureColor(colours);
        status = tr("not met");
        break;
    case RuleState::Deferred:
        iconName = QStringLiteral("clock");
        ink = colours.color(QPalette::PlaceholderText);
        status = tr("checked when the password is saved");
        break;
    }
    row.icon->setPixmap(Icons::get(iconName, ink).pixmap(row.icon->size(), devicePixelRatioF()));
    QPalette textPalette = row.text->palette();
    textPalette.setColor(QPalette::WindowText, textColour);
    row.text->setPalette(textPalette);
    row.widget->setProperty("ruleState", stateName(row.state));
    row.widget->setToolTip(row.state == RuleState::Failed ? row.problem
                           : row.state == RuleState::Deferred
                               ? tr("Comparing with earlier passwords takes a hash check for each one, "
                                    "so it is done once, when the password is saved.")
                               : QString());
    row.text->setAccessibleName(QStringLiteral("%1: %2").arg(row.text->text(), status));
}

void PasswordRulesWidget::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        for (Row& row : m_rows) {
            paintRow(row);
        }
    }
}

} // namespace tessera::ui
