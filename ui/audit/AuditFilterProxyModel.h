#pragma once

#include <QSortFilterProxyModel>

namespace tessera::ui {

// The audit table as the user filters it: free text across every column (case-insensitive) and,
// optionally, one exact action.
class AuditFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit AuditFilterProxyModel(QObject* parent = nullptr);

    void setText(const QString& text);
    void setAction(const QString& action); // empty = all actions
    QString action() const { return m_action; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_action;
};

} // namespace tessera::ui
