#pragma once

#include "identity/User.h"
#include "mfa/MfaStatus.h"

#include <QAbstractTableModel>
#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <array>
#include <vector>

namespace tessera {
class Clock;
}

namespace tessera::ui {

// The users table: Username, Name, Email, Roles, Status, MFA, Last sign-in, over plain UserSummary rows.
// The MFA column comes from a second load (MfaService::statuses(), by user id) and is blank until then.
//
// Built for 100,000 users: data() only formats the few cells a view paints, and each row has a
// case-folded haystack ("username␟name␟email␟roles") that the filter searches and the sort compares,
// so neither calls data() nor folds case per cell. Rows are prepared off the UI thread (prepare()) and
// handed over in one reset; sort ranks per column are computed once and reused until rows change.
class UsersTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        UsernameColumn,
        NameColumn,
        EmailColumn,
        RolesColumn,
        StatusColumn,
        MfaColumn,
        LastSignInColumn,
        ColumnCount
    };

    // Status filter choices; a disabled account that is also locked counts as both. The MFA ones:
    // required by the vault's policy but not active, and an active authenticator.
    enum class Status
    {
        Active,
        Disabled,
        Locked,
        MfaMissing,
        MfaActive
    };

    static constexpr int UsernameRole = Qt::UserRole + 1; // the stored username, for actions

    // The searchable text of one row: username, name, email and roles, case-folded, in UTF-8 (half
    // the memory of UTF-16 for the usual ASCII names; byte order is code point order), separated by
    // U+001F (which no filter word contains, so a match never spans two fields).
    struct SearchKey
    {
        QByteArray haystack;
        std::array<int, 4> fieldEnd{}; // end offsets of username, name, email, roles in haystack
    };
    // What the model shows, prepared off the UI thread: the summaries as loaded (not copied) and a
    // search key for each, both in username order.
    struct Rows
    {
        QList<UserSummary> users;
        std::vector<SearchKey> keys;
    };

    explicit UsersTableModel(QObject* parent = nullptr);
    ~UsersTableModel() override;

    // Pure and thread-safe: run it in the job that loaded the summaries. Equal role lists share one
    // string, which saves memory when most users hold the same roles.
    static Rows prepare(QList<UserSummary> users);

    void setUsers(QList<UserSummary> users) { setRows(prepare(std::move(users))); }
    void setRows(Rows rows);
    void clear();
    // Incremental updates after the page's own edits. updateRow matches by id (so a rename updates the
    // row in place) and appends a user it does not know; removeUsers matches usernames ignoring case.
    void updateRow(const UserSummary& user);
    void updateRows(const QList<UserSummary>& users);
    void removeUsers(const QStringList& usernames);

    // Second-factor states by user id (users without an entry count as Off, not required). Replaces
    // what was there and repaints the MFA column; setMfaStatus changes one user's.
    void setMfaStatuses(QHash<qint64, MfaStatus> statuses);
    void setMfaStatus(qint64 userId, const MfaStatus& status);
    bool hasMfaStatuses() const { return m_mfaLoaded; }
    MfaStatus mfaStatus(int row) const { return m_mfa.value(user(row).id); }

    // The time that decides "Locked until" and "5 minutes ago"; the system clock by default.
    void setClock(const Clock* clock);
    qint64 nowMs() const;

    const UserSummary& user(int row) const { return m_users.at(row); }
    const QByteArray& haystack(int row) const { return m_keys[static_cast<std::size_t>(row)].haystack; }
    int rowOfUsername(const QString& username) const; // -1 when absent; ignores case
    int rowOfId(qint64 id) const;                     // -1 when absent
    bool isLocked(int row, qint64 nowMs) const { return user(row).lockedUntilMs > nowMs; }
    bool matches(int row, Status status, qint64 nowMs) const;
    // The folded text of one searchable column (username, name, email or roles).
    QByteArrayView foldedField(int row, int column) const;
    // Strict weak order of two rows by a column (ties broken by username), without data().
    bool lessThan(int leftRow, int rightRow, int column) const;
    // Ranks each row by `column` once (cached until rows change) so sorting compares integers.
    void ensureSortRank(int column);
    // The column a view sorts by: setRows() ranks it before announcing the reset, so the re-sort that
    // follows compares integers too.
    void setSortColumnHint(int column) { m_sortColumnHint = column; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Display texts, public for the editor and tests.
    static QString statusText(const UserSummary& user, qint64 nowMs);
    static QString relativeTime(qint64 thenMs, qint64 nowMs); // "3 hours ago", "Never"
    static QString absoluteTime(qint64 ms);                   // "2024-05-01 14:03:12", local
    static QString shortTime(qint64 ms, qint64 nowMs);        // "14:03" today, else "2024-05-01 14:03"

private:
    bool compareKeys(int leftRow, int rightRow, int column) const;
    void dropIndexes();
    const QHash<qint64, int>& idIndex() const;
    const QHash<QByteArray, int>& nameIndex() const;

    QList<UserSummary> m_users;
    std::vector<SearchKey> m_keys;  // one per user
    QHash<qint64, MfaStatus> m_mfa; // by user id
    bool m_mfaLoaded = false;
    const Clock* m_clock = nullptr;
    int m_sortColumnHint = UsernameColumn;
    // Per column: rank of each row in ascending order; empty when stale.
    std::array<std::vector<int>, ColumnCount> m_rank;
    mutable QHash<qint64, int> m_idIndex;       // built on first use after a change
    mutable QHash<QByteArray, int> m_nameIndex; // case-folded username -> row
};

} // namespace tessera::ui
