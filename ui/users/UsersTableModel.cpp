#include "users/UsersTableModel.h"

#include "common/Clock.h"
#include "common/DialogStyle.h"
#include "common/Icons.h"
#include "mfa/MfaText.h"

#include <QDateTime>
#include <QGuiApplication>
#include <QPalette>
#include <algorithm>
#include <cstring>
#include <iterator>
#include <numeric>

namespace tessera::ui {

namespace {

constexpr QChar kFieldSeparator(0x1f);
constexpr char kFieldSeparatorByte = 0x1f;
constexpr qint64 kMinuteMs = 60 * 1000;
constexpr qint64 kHourMs = 60 * kMinuteMs;
constexpr qint64 kDayMs = 24 * kHourMs;

// Roles as the table shows them: sorted ignoring case, ", " between. Core already sorts them; this keeps
// the display right whatever order a summary arrives in, and costs one call per distinct role list.
QString normaliseRoles(const QString& roles)
{
    if (roles.isEmpty()) {
        return roles;
    }
    QStringList names = roles.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString& name : names) {
        name = name.trimmed();
    }
    std::sort(names.begin(), names.end(), [](const QString& a, const QString& b) {
        const int folded = a.compare(b, Qt::CaseInsensitive);
        return folded != 0 ? folded < 0 : a < b;
    });
    return names.join(QStringLiteral(", "));
}

UsersTableModel::SearchKey searchKey(const UserSummary& u)
{
    const std::array<QStringView, 4> fields{u.username, u.displayName, u.email, u.roles};
    UsersTableModel::SearchKey key;
    // The usual case, in one allocation: ASCII folds to its lower case, one byte per character.
    key.haystack.resize(fields[0].size() + fields[1].size() + fields[2].size() + fields[3].size() + 3);
    char* out = key.haystack.data();
    bool ascii = true;
    for (std::size_t i = 0; i < fields.size() && ascii; ++i) {
        for (const QChar c : fields[i]) {
            const char16_t unit = c.unicode();
            if (unit >= 0x80) {
                ascii = false;
                break;
            }
            *out++ = static_cast<char>(unit >= u'A' && unit <= u'Z' ? unit + (u'a' - u'A') : unit);
        }
        key.fieldEnd[i] = static_cast<int>(out - key.haystack.constData());
        if (i + 1 < fields.size()) {
            *out++ = kFieldSeparatorByte;
        }
    }
    if (ascii) {
        return key;
    }
    QString text;
    text.reserve(u.username.size() + u.displayName.size() + u.email.size() + u.roles.size() + 3);
    text.append(u.username).append(kFieldSeparator).append(u.displayName).append(kFieldSeparator);
    text.append(u.email).append(kFieldSeparator).append(u.roles);
    // Folded as a whole (in place, the string is not shared), then the separators found again, since
    // folding may change the length of some fields.
    key.haystack = std::move(text).toCaseFolded().toUtf8();
    qsizetype from = 0;
    for (std::size_t field = 0; field < 3; ++field) {
        const qsizetype at = key.haystack.indexOf(kFieldSeparatorByte, from);
        key.fieldEnd[field] = static_cast<int>(at);
        from = at + 1;
    }
    key.fieldEnd[3] = static_cast<int>(key.haystack.size());
    return key;
}

QByteArrayView usernameKey(const UsersTableModel::SearchKey& key)
{
    return QByteArrayView(key.haystack).first(key.fieldEnd[0]);
}

// Byte order of UTF-8, which is code point order.
int compareBytes(QByteArrayView a, QByteArrayView b)
{
    const qsizetype common = std::min(a.size(), b.size());
    if (common > 0) {
        if (const int c = std::memcmp(a.data(), b.data(), static_cast<std::size_t>(common)); c != 0) {
            return c;
        }
    }
    return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

// One searchable column of a key: username, name, email or roles.
QByteArrayView field(const UsersTableModel::SearchKey& key, int column)
{
    if (column < UsersTableModel::UsernameColumn || column > UsersTableModel::RolesColumn) {
        return {};
    }
    const auto at = static_cast<std::size_t>(column);
    const int begin = column == UsersTableModel::UsernameColumn ? 0 : key.fieldEnd[at - 1] + 1;
    return QByteArrayView(key.haystack).sliced(begin, key.fieldEnd[at] - begin);
}

int statusOrder(const UserSummary& user, qint64 nowMs)
{
    if (user.disabled) {
        return 2;
    }
    return user.lockedUntilMs > nowMs ? 1 : 0;
}

// Ascending: what needs attention first (required but missing, then few backup codes), then off,
// pending and active.
int mfaOrder(const MfaStatus& status)
{
    switch (MfaText::attention(status)) {
    case MfaText::Attention::Failure:
        return 0;
    case MfaText::Attention::Warning:
        return 1;
    case MfaText::Attention::None:
        break;
    }
    switch (status.state) {
    case MfaState::Off:
        return 2;
    case MfaState::Pending:
        return 3;
    case MfaState::Active:
        return 4;
    }
    return 2;
}

QString clockTime(qint64 ms, qint64 nowMs)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs).toLocalTime();
    return at.date() == now.date() ? at.toString(QStringLiteral("HH:mm"))
                                   : at.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

UsersTableModel::UsersTableModel(QObject* parent) : QAbstractTableModel(parent) {}

UsersTableModel::~UsersTableModel() = default;

UsersTableModel::Rows UsersTableModel::prepare(QList<UserSummary> users)
{
    Rows rows;
    rows.users = std::move(users);
    const std::size_t count = static_cast<std::size_t>(rows.users.size());
    rows.keys.resize(count);
    QHash<QString, QString> roleLists;
    for (std::size_t i = 0; i < count; ++i) {
        UserSummary& user = rows.users[static_cast<qsizetype>(i)];
        auto known = roleLists.constFind(user.roles);
        if (known == roleLists.constEnd()) {
            known = roleLists.insert(user.roles, normaliseRoles(user.roles));
        }
        user.roles = *known;
        rows.keys[i] = searchKey(user);
    }
    // In username order, the view's initial one, so its first sort is a cheap pass. Permuted in place:
    // a second copy of 100,000 rows costs more (in fresh memory) than the sort itself.
    // Sorted by the first eight bytes as an integer, next to the index, so most comparisons stay in
    // one contiguous array instead of visiting two strings elsewhere on the heap.
    struct Entry
    {
        quint64 prefix;
        int index;
    };
    std::vector<Entry> entries(count);
    for (std::size_t i = 0; i < count; ++i) {
        const QByteArrayView name = usernameKey(rows.keys[i]);
        quint64 prefix = 0;
        for (qsizetype b = 0; b < 8; ++b) {
            prefix = (prefix << 8) | (b < name.size() ? static_cast<quint8>(name[b]) : 0U);
        }
        entries[i] = Entry{prefix, static_cast<int>(i)};
    }
    std::sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
        if (a.prefix != b.prefix) {
            return a.prefix < b.prefix;
        }
        const int c = compareBytes(usernameKey(rows.keys[static_cast<std::size_t>(a.index)]),
                                   usernameKey(rows.keys[static_cast<std::size_t>(b.index)]));
        return c != 0 ? c < 0 : a.index < b.index;
    });
    std::vector<int> order(count);
    for (std::size_t i = 0; i < count; ++i) {
        order[i] = entries[i].index;
    }
    entries = {};
    std::vector<bool> placed(count);
    for (std::size_t start = 0; start < count; ++start) {
        if (placed[start]) {
            continue;
        }
        // Follow the cycle through `start`: position p receives the row that was at order[p].
        UserSummary user = std::move(rows.users[static_cast<qsizetype>(start)]);
        SearchKey key = std::move(rows.keys[start]);
        std::size_t position = start;
        for (;;) {
            placed[position] = true;
            const auto from = static_cast<std::size_t>(order[position]);
            if (from == start) {
                rows.users[static_cast<qsizetype>(position)] = std::move(user);
                rows.keys[position] = std::move(key);
                break;
            }
            rows.users[static_cast<qsizetype>(position)] =
                std::move(rows.users[static_cast<qsizetype>(from)]);
            rows.keys[position] = std::move(rows.keys[from]);
            position = from;
        }
    }
    return rows;
}

void UsersTableModel::setRows(Rows rows)
{
    beginResetModel();
    if (rows.keys.size() != static_cast<std::size_t>(rows.users.size())) {
        rows = prepare(std::move(rows.users));
    }
    m_users = std::move(rows.users);
    m_keys = std::move(rows.keys);
    for (auto& rank : m_rank) {
        rank.clear();
    }
    dropIndexes();
    // prepare() leaves rows in username order; the rank is then the row itself. Rows built in another
    // order get a correct rank computed lazily instead.
    const bool byUsername =
        std::is_sorted(m_keys.begin(), m_keys.end(), [](const SearchKey& l, const SearchKey& r) {
            return compareBytes(usernameKey(l), usernameKey(r)) < 0;
        });
    if (byUsername) {
        m_rank[UsernameColumn].resize(m_keys.size());
        std::iota(m_rank[UsernameColumn].begin(), m_rank[UsernameColumn].end(), 0);
    }
    ensureSortRank(m_sortColumnHint);
    endResetModel();
}

void UsersTableModel::clear()
{
    m_mfa.clear();
    m_mfaLoaded = false;
    setRows({});
}

namespace {

// What the column shows of a status (statuses() leaves the enrolment's settings at their defaults).
bool sameCell(const MfaStatus& a, const MfaStatus& b)
{
    return a.state == b.state && a.required == b.required && a.backupCodesTotal == b.backupCodesTotal &&
           a.backupCodesRemaining == b.backupCodesRemaining;
}

} // namespace

void UsersTableModel::setMfaStatuses(QHash<qint64, MfaStatus> statuses)
{
    // A reload after an edit usually changes nothing: then neither the view nor a sorting proxy over
    // 100,000 rows needs to hear of it.
    if (m_mfaLoaded && statuses.size() == m_mfa.size()) {
        bool same = true;
        for (auto it = statuses.cbegin(); it != statuses.cend() && same; ++it) {
            const auto old = m_mfa.constFind(it.key());
            same = old != m_mfa.cend() && sameCell(*old, *it);
        }
        if (same) {
            return;
        }
    }
    m_mfa = std::move(statuses);
    m_mfaLoaded = true;
    m_rank[MfaColumn].clear();
    ensureSortRank(m_sortColumnHint); // before the proxy re-sorts on dataChanged
    if (!m_users.isEmpty()) {
        Q_EMIT dataChanged(index(0, MfaColumn), index(rowCount() - 1, MfaColumn));
    }
}

void UsersTableModel::setMfaStatus(qint64 userId, const MfaStatus& status)
{
    // The user editor reports the status it reads on opening, usually the one the cell shows already:
    // then the rank and the view stay as they are.
    const auto old = m_mfa.constFind(userId);
    const bool same = old != m_mfa.cend() && sameCell(*old, status);
    m_mfa.insert(userId, status);
    if (same) {
        return;
    }
    m_rank[MfaColumn].clear();
    ensureSortRank(m_sortColumnHint);
    if (const int row = rowOfId(userId); row >= 0) {
        Q_EMIT dataChanged(index(row, MfaColumn), index(row, MfaColumn));
    }
}

void UsersTableModel::setClock(const Clock* clock)
{
    m_clock = clock;
}

qint64 UsersTableModel::nowMs() const
{
    return m_clock != nullptr ? m_clock->nowMs() : QDateTime::currentMSecsSinceEpoch();
}

void UsersTableModel::dropIndexes()
{
    m_idIndex.clear();
    m_nameIndex.clear();
}

const QHash<qint64, int>& UsersTableModel::idIndex() const
{
    if (m_idIndex.isEmpty() && !m_users.isEmpty()) {
        m_idIndex.reserve(m_users.size());
        for (qsizetype i = 0; i < m_users.size(); ++i) {
            m_idIndex.insert(m_users.at(i).id, static_cast<int>(i));
        }
    }
    return m_idIndex;
}

const QHash<QByteArray, int>& UsersTableModel::nameIndex() const
{
    if (m_nameIndex.isEmpty() && !m_keys.empty()) {
        m_nameIndex.reserve(static_cast<qsizetype>(m_keys.size()));
        for (std::size_t i = 0; i < m_keys.size(); ++i) {
            m_nameIndex.insert(usernameKey(m_keys[i]).toByteArray(), static_cast<int>(i));
        }
    }
    return m_nameIndex;
}

int UsersTableModel::rowOfId(qint64 id) const
{
    return idIndex().value(id, -1);
}

int UsersTableModel::rowOfUsername(const QString& username) const
{
    return nameIndex().value(username.toCaseFolded().toUtf8(), -1);
}

void UsersTableModel::updateRow(const UserSummary& user)
{
    updateRows({user});
}

void UsersTableModel::updateRows(const QList<UserSummary>& users)
{
    if (users.isEmpty()) {
        return;
    }
    Rows added;
    std::vector<int> changed;
    std::array<bool, ColumnCount> keyChanged{};
    for (UserSummary user : users) {
        user.roles = normaliseRoles(user.roles);
        SearchKey key = searchKey(user);
        const int at = rowOfId(user.id);
        if (at < 0) {
            added.users.append(std::move(user));
            added.keys.push_back(std::move(key));
            continue;
        }
        for (int column = UsernameColumn; column <= RolesColumn; ++column) {
            keyChanged[static_cast<std::size_t>(column)] |=
                compareBytes(field(key, column), foldedField(at, column)) != 0;
        }
        keyChanged[LastSignInColumn] |= m_users.at(at).lastLoginMs != user.lastLoginMs;
        m_users[at] = std::move(user);
        m_keys[static_cast<std::size_t>(at)] = std::move(key);
        changed.push_back(at);
    }
    // A rank stays valid while its column's keys are unchanged (e.g. disabling users keeps every order
    // but Status, which is never cached); the username breaks every tie, so it invalidates them all.
    for (int column = 0; column < ColumnCount; ++column) {
        if (keyChanged[static_cast<std::size_t>(column)] || keyChanged[UsernameColumn]) {
            m_rank[static_cast<std::size_t>(column)].clear();
        }
    }
    if (keyChanged[UsernameColumn]) {
        m_nameIndex.clear();
    }
    if (!changed.empty()) {
        std::sort(changed.begin(), changed.end());
        changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
        // One signal per run of neighbouring rows; many scattered rows get one signal over their span
        // instead, which a sorting proxy handles in one pass rather than one pass per row.
        std::vector<std::pair<int, int>> runs;
        for (int row : changed) {
            if (!runs.empty() && runs.back().second + 1 == row) {
                runs.back().second = row;
            } else {
                runs.emplace_back(row, row);
            }
        }
        constexpr std::size_t kMaxRuns = 32;
        if (runs.size() > kMaxRuns) {
            runs = {{changed.front(), changed.back()}};
        }
        for (const auto& [first, last] : runs) {
            Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
        }
    }
    if (!added.users.isEmpty()) {
        const int start = rowCount();
        beginInsertRows({}, start, start + static_cast<int>(added.users.size()) - 1);
        m_users.append(std::move(added.users));
        std::move(added.keys.begin(), added.keys.end(), std::back_inserter(m_keys));
        for (auto& rank : m_rank) {
            rank.clear();
        }
        dropIndexes();
        endInsertRows();
    }
}

void UsersTableModel::removeUsers(const QStringList& usernames)
{
    std::vector<int> rows;
    for (const QString& name : usernames) {
        if (const int row = rowOfUsername(name); row >= 0) {
            rows.push_back(row);
        }
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    // Contiguous runs from the end, so earlier row numbers stay valid while removing.
    auto end = rows.end();
    while (end != rows.begin()) {
        auto begin = end - 1;
        while (begin != rows.begin() && *(begin - 1) == *begin - 1) {
            --begin;
        }
        const int from = *begin;
        const int to = *(end - 1);
        beginRemoveRows({}, from, to);
        m_users.remove(from, to - from + 1);
        m_keys.erase(m_keys.begin() + from, m_keys.begin() + to + 1);
        // Removing rows keeps the relative order of the rest, so cached ranks stay valid.
        for (auto& rank : m_rank) {
            if (!rank.empty()) {
                rank.erase(rank.begin() + from, rank.begin() + to + 1);
            }
        }
        dropIndexes();
        endRemoveRows();
        end = begin;
    }
}

bool UsersTableModel::matches(int row, Status status, qint64 nowMs) const
{
    const UserSummary& u = user(row);
    switch (status) {
    case Status::Active:
        return !u.disabled && u.lockedUntilMs <= nowMs;
    case Status::Disabled:
        return u.disabled;
    case Status::Locked:
        return u.lockedUntilMs > nowMs;
    case Status::MfaMissing:
        return m_mfa.value(u.id).isMissing();
    case Status::MfaActive:
        return m_mfa.value(u.id).isActive();
    }
    return true;
}

QByteArrayView UsersTableModel::foldedField(int row, int column) const
{
    return field(m_keys[static_cast<std::size_t>(row)], column);
}

bool UsersTableModel::compareKeys(int leftRow, int rightRow, int column) const
{
    int c = 0;
    switch (column) {
    case NameColumn:
    case EmailColumn:
    case RolesColumn: {
        const QByteArrayView l = foldedField(leftRow, column);
        const QByteArrayView r = foldedField(rightRow, column);
        if (l.isEmpty() != r.isEmpty()) {
            return r.isEmpty(); // blanks after values, so the first screen shows data
        }
        c = compareBytes(l, r);
        break;
    }
    case StatusColumn: {
        const qint64 now = nowMs();
        c = statusOrder(user(leftRow), now) - statusOrder(user(rightRow), now);
        break;
    }
    case MfaColumn:
        c = mfaOrder(mfaStatus(leftRow)) - mfaOrder(mfaStatus(rightRow));
        break;
    case LastSignInColumn: {
        const qint64 l = user(leftRow).lastLoginMs;
        const qint64 r = user(rightRow).lastLoginMs;
        c = l < r ? -1 : (l > r ? 1 : 0);
        break;
    }
    default:
        break;
    }
    if (c == 0) {
        c = compareBytes(foldedField(leftRow, UsernameColumn), foldedField(rightRow, UsernameColumn));
    }
    return c != 0 ? c < 0 : leftRow < rightRow;
}

bool UsersTableModel::lessThan(int leftRow, int rightRow, int column) const
{
    if (column >= 0 && column < ColumnCount) {
        const std::vector<int>& rank = m_rank[static_cast<std::size_t>(column)];
        if (rank.size() == m_keys.size() && !rank.empty()) {
            return rank[static_cast<std::size_t>(leftRow)] < rank[static_cast<std::size_t>(rightRow)];
        }
    }
    return compareKeys(leftRow, rightRow, column);
}

void UsersTableModel::ensureSortRank(int column)
{
    // Status depends on the time (locks expire), so it is always compared live.
    if (column < 0 || column >= ColumnCount || column == StatusColumn) {
        return;
    }
    std::vector<int>& rank = m_rank[static_cast<std::size_t>(column)];
    if (rank.size() == m_keys.size()) {
        return;
    }
    std::vector<int> order(m_keys.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int l, int r) { return compareKeys(l, r, column); });
    rank.assign(m_keys.size(), 0);
    for (std::size_t position = 0; position < order.size(); ++position) {
        rank[static_cast<std::size_t>(order[position])] = static_cast<int>(position);
    }
}

int UsersTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_users.size());
}

int UsersTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UsersTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const UserSummary& u = user(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case UsernameColumn:
            return u.username;
        case NameColumn:
            return u.displayName;
        case EmailColumn:
            return u.email;
        case RolesColumn:
            return u.roles;
        case StatusColumn:
            return statusText(u, nowMs());
        case MfaColumn:
            return m_mfaLoaded ? MfaText::cell(m_mfa.value(u.id)) : QString();
        case LastSignInColumn:
            return relativeTime(u.lastLoginMs, nowMs());
        default:
            return {};
        }
    case Qt::DecorationRole:
        if (index.column() == MfaColumn && m_mfaLoaded) {
            switch (MfaText::attention(m_mfa.value(u.id))) {
            case MfaText::Attention::Failure:
                return Icons::get(QStringLiteral("warning"),
                                  DialogStyle::failureColor(QGuiApplication::palette()));
            case MfaText::Attention::Warning:
                return Icons::get(QStringLiteral("warning"),
                                  DialogStyle::warningColor(QGuiApplication::palette()));
            case MfaText::Attention::None:
                break;
            }
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case UsernameColumn:
            return u.hasPassword ? u.username : tr("%1 — no password set").arg(u.username);
        case RolesColumn:
            return u.roles.isEmpty() ? tr("No roles") : u.roles;
        case StatusColumn:
            if (u.lockedUntilMs > nowMs()) {
                return tr("Locked after failed sign-ins until %1").arg(absoluteTime(u.lockedUntilMs));
            }
            return u.disabled ? tr("Disabled: cannot sign in") : tr("Active: can sign in");
        case MfaColumn:
            return m_mfaLoaded ? MfaText::cellToolTip(m_mfa.value(u.id)) : QString();
        case LastSignInColumn:
            return u.lastLoginMs > 0 ? absoluteTime(u.lastLoginMs) : tr("Never signed in");
        default:
            return {};
        }
    case Qt::ForegroundRole:
        if (index.column() == MfaColumn && m_mfaLoaded) {
            switch (MfaText::attention(m_mfa.value(u.id))) {
            case MfaText::Attention::Failure:
                return DialogStyle::failureColor(QGuiApplication::palette());
            case MfaText::Attention::Warning:
                return DialogStyle::warningColor(QGuiApplication::palette());
            case MfaText::Attention::None:
                break;
            }
        }
        if (index.column() == StatusColumn && u.lockedUntilMs > nowMs()) {
            return QColor(0xd6, 0x45, 0x45);
        }
        if (u.disabled || (index.column() == LastSignInColumn && u.lastLoginMs <= 0)) {
            return QGuiApplication::palette().color(QPalette::PlaceholderText);
        }
        return {};
    case UsernameRole:
        return u.username;
    default:
        return {};
    }
}

QVariant UsersTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case UsernameColumn:
        return tr("Username");
    case NameColumn:
        return tr("Name");
    case EmailColumn:
        return tr("Email");
    case RolesColumn:
        return tr("Roles");
    case StatusColumn:
        return tr("Status");
    case MfaColumn:
        return tr("MFA");
    case LastSignInColumn:
        return tr("Last sign-in");
    default:
        return {};
    }
}

QString UsersTableModel::statusText(const UserSummary& user, qint64 nowMs)
{
    const bool locked = user.lockedUntilMs > nowMs;
    if (user.disabled) {
        return locked ? tr("Disabled, locked until %1").arg(clockTime(user.lockedUntilMs, nowMs))
                      : tr("Disabled");
    }
    return locked ? tr("Locked until %1").arg(clockTime(user.lockedUntilMs, nowMs)) : tr("Active");
}

QString UsersTableModel::relativeTime(qint64 thenMs, qint64 nowMs)
{
    if (thenMs <= 0) {
        return tr("Never");
    }
    const qint64 ago = nowMs - thenMs;
    if (ago < kMinuteMs) {
        return tr("Just now");
    }
    auto count = [](qint64 n, const QString& one, const QString& many) {
        return n == 1 ? one : many.arg(n);
    };
    if (ago < kHourMs) {
        return count(ago / kMinuteMs, tr("1 minute ago"), tr("%1 minutes ago"));
    }
    if (ago < kDayMs) {
        return count(ago / kHourMs, tr("1 hour ago"), tr("%1 hours ago"));
    }
    const qint64 days = ago / kDayMs;
    if (days < 2) {
        return tr("Yesterday");
    }
    if (days < 31) {
        return tr("%1 days ago").arg(days);
    }
    if (days < 365) {
        return count(days / 30, tr("1 month ago"), tr("%1 months ago"));
    }
    return count(days / 365, tr("1 year ago"), tr("%1 years ago"));
}

QString UsersTableModel::shortTime(qint64 ms, qint64 nowMs)
{
    return clockTime(ms, nowMs);
}

QString UsersTableModel::absoluteTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

} // namespace tessera::ui
