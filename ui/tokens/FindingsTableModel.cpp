#include "tokens/FindingsTableModel.h"

#include "common/DialogStyle.h"
#include "common/ErrorText.h"
#include "common/Icons.h"

#include <QApplication>
#include <QPalette>
#include <algorithm>

namespace tessera::ui {

namespace {

using Severity = jose::LintFinding::Severity;

QColor severityColor(Severity severity)
{
    const QPalette palette = QApplication::palette();
    switch (severity) {
    case Severity::Critical:
    case Severity::High:
        return DialogStyle::failureColor(palette);
    case Severity::Medium:
        return palette.color(QPalette::Window).lightness() < 128 ? QColor(0xf0, 0xb0, 0x4a) : QColor(0xb0, 0x6a, 0x00);
    default:
        return palette.color(QPalette::WindowText);
    }
}

QString severityIcon(Severity severity)
{
    switch (severity) {
    case Severity::Critical:
    case Severity::High:
        return QStringLiteral("error");
    case Severity::Medium:
    case Severity::Low:
        return QStringLiteral("warning");
    default:
        return QStringLiteral("info");
    }
}

} // namespace

FindingsTableModel::FindingsTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void FindingsTableModel::setFindings(QList<jose::LintFinding> findings)
{
    std::stable_sort(findings.begin(), findings.end(),
                     [](const jose::LintFinding& a, const jose::LintFinding& b) { return a.severity > b.severity; });
    beginResetModel();
    m_findings = std::move(findings);
    endResetModel();
}

QStringList FindingsTableModel::ids() const
{
    QStringList ids;
    for (const jose::LintFinding& finding : m_findings) {
        ids.append(finding.id);
    }
    return ids;
}

int FindingsTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_findings.size());
}

int FindingsTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FindingsTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_findings.size()) {
        return {};
    }
    const jose::LintFinding& finding = m_findings.at(index.row());
    if (role == SeverityRole) {
        return static_cast<int>(finding.severity);
    }
    switch (index.column()) {
    case SeverityColumn:
        if (role == Qt::DisplayRole) {
            QString name = jose::LintFinding::severityName(finding.severity);
            name[0] = name[0].toUpper();
            return name;
        }
        if (role == Qt::DecorationRole) {
            return Icons::get(severityIcon(finding.severity), severityColor(finding.severity));
        }
        if (role == Qt::ForegroundRole && finding.severity >= Severity::Medium) {
            return severityColor(finding.severity);
        }
        break;
    case IdColumn:
        if (role == Qt::DisplayRole) {
            return finding.id;
        }
        break;
    case MessageColumn:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
            return ErrorText::sentence(finding.message);
        }
        break;
    case FixColumn:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
            return ErrorText::sentence(finding.fix);
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant FindingsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case IdColumn:
        return tr("ID");
    case MessageColumn:
        return tr("Problem");
    case FixColumn:
        return tr("Fix");
    default:
        return {};
    }
}

} // namespace tessera::ui
