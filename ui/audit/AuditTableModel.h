#pragma once

#include "audit/AuditEntry.h"

#include <QAbstractTableModel>
#include <vector>

namespace tessera::ui {

// Read-only table over audit entries: Time (local), User, Via, Action, Target, Summary.
class AuditTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TimeColumn,
        UserColumn,
        ViaColumn,
        ActionColumn,
        TargetColumn,
        SummaryColumn,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1; // Time sorts by milliseconds, the rest by text

    explicit AuditTableModel(QObject* parent = nullptr);

    void setEntries(std::vector<AuditEntry> entries);
    void clear();
    const AuditEntry& entry(int row) const { return m_entries.at(static_cast<std::size_t>(row)); }
    QStringList actions() const; // distinct, sorted

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<AuditEntry> m_entries;
};

} // namespace tessera::ui
