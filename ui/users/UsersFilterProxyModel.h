#pragma once

#include "users/UsersTableModel.h"

#include <QSortFilterProxyModel>
#include <optional>
#include <vector>

namespace tessera::ui {

// The users table as the admin narrows it: words typed in the filter (each must appear, ignoring case,
// in the username, name, email or roles) and a status (all, active, disabled, locked). Sorting works on
// every column: text ignoring case, status by severity, last sign-in by time.
//
// For 100,000 rows each filter change is one pass over the model's pre-folded haystacks into an accept
// list, and the view is told only when that list actually changed: a keystroke that keeps the same rows
// (typing on after "user" when every username starts with it) costs the pass alone. Sorting compares
// cached integer ranks instead of strings.
class UsersFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit UsersFilterProxyModel(QObject* parent = nullptr);

    void setUsersModel(UsersTableModel* model);
    UsersTableModel* usersModel() const { return m_model; }

    void setText(const QString& text);
    QString text() const { return m_text; }
    void setStatus(std::optional<UsersTableModel::Status> status); // nullopt = all
    std::optional<UsersTableModel::Status> status() const { return m_status; }

    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // Source row -> whether it is shown, for tests and for callers that need the whole set.
    bool acceptsSourceRow(int sourceRow) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    void refilter();
    bool evaluate(int sourceRow, qint64 nowMs) const;

    UsersTableModel* m_model = nullptr;
    QString m_text;
    QList<QByteArray> m_words; // folded, UTF-8
    std::optional<UsersTableModel::Status> m_status;
    std::vector<char> m_accepted; // per source row, as of the last refilter()
    bool m_acceptedValid = false; // false once the source changed after that refilter()
    bool m_useAccepted = false;   // true while refilter() lets the proxy read m_accepted
};

} // namespace tessera::ui
