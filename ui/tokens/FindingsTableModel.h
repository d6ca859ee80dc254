#pragma once

#include "jose/LintFinding.h"

#include <QAbstractTableModel>
#include <QList>

namespace tessera::ui {

// The inspector's findings, most severe first: Severity (icon and colour), ID, Problem, Fix.
class FindingsTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        SeverityColumn,
        IdColumn,
        MessageColumn,
        FixColumn,
        ColumnCount
    };
    static constexpr int SeverityRole = Qt::UserRole + 1; // int(LintFinding::Severity)

    explicit FindingsTableModel(QObject* parent = nullptr);

    void setFindings(QList<jose::LintFinding> findings);
    const QList<jose::LintFinding>& findings() const { return m_findings; }
    QStringList ids() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<jose::LintFinding> m_findings;
};

} // namespace tessera::ui
