#include "users/UsersFilterProxyModel.h"

namespace tessera::ui {

UsersFilterProxyModel::UsersFilterProxyModel(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void UsersFilterProxyModel::setUsersModel(UsersTableModel* model)
{
    if (m_model != nullptr) {
        disconnect(m_model, nullptr, this, nullptr);
    }
    m_model = model;
    setSourceModel(model);
    if (model == nullptr) {
        return;
    }
    // Any change in the source makes the last accept list stale; the next filter change then relays out
    // the view rather than trusting it.
    auto stale = [this] {
        m_acceptedValid = false;
    };
    connect(model, &QAbstractItemModel::modelReset, this, stale);
    connect(model, &QAbstractItemModel::dataChanged, this, stale);
    connect(model, &QAbstractItemModel::rowsInserted, this, stale);
    connect(model, &QAbstractItemModel::rowsRemoved, this, stale);
    connect(model, &QAbstractItemModel::layoutChanged, this, stale);
}

void UsersFilterProxyModel::setText(const QString& text)
{
    if (text == m_text) {
        return;
    }
    m_text = text;
    QList<QByteArray> words;
    // The haystack's field separator splits words too, so no word can match across two fields.
    QString spaced = text;
    spaced.replace(QChar(0x1f), QLatin1Char(' '));
    for (const QString& word : spaced.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        words.append(word.toCaseFolded().toUtf8()); // as the haystacks are stored
    }
    if (words == m_words) {
        return; // only spacing changed
    }
    m_words = std::move(words);
    refilter();
}

void UsersFilterProxyModel::setStatus(std::optional<UsersTableModel::Status> status)
{
    if (status == m_status) {
        return;
    }
    m_status = status;
    refilter();
}

void UsersFilterProxyModel::sort(int column, Qt::SortOrder order)
{
    if (m_model != nullptr) {
        m_model->setSortColumnHint(column);
        m_model->ensureSortRank(column);
    }
    QSortFilterProxyModel::sort(column, order);
}

bool UsersFilterProxyModel::evaluate(int sourceRow, qint64 nowMs) const
{
    if (m_status && !m_model->matches(sourceRow, *m_status, nowMs)) {
        return false;
    }
    if (m_words.isEmpty()) {
        return true;
    }
    const QByteArray& haystack = m_model->haystack(sourceRow);
    for (const QByteArray& word : m_words) {
        if (!haystack.contains(word)) {
            return false;
        }
    }
    return true;
}

bool UsersFilterProxyModel::acceptsSourceRow(int sourceRow) const
{
    return m_model != nullptr && evaluate(sourceRow, m_model->nowMs());
}

void UsersFilterProxyModel::refilter()
{
    if (m_model == nullptr) {
        return;
    }
    const int rows = m_model->rowCount();
    const qint64 now = m_model->nowMs();
    std::vector<char> accepted(static_cast<std::size_t>(rows));
    for (int row = 0; row < rows; ++row) {
        accepted[static_cast<std::size_t>(row)] = evaluate(row, now) ? 1 : 0;
    }
    if (m_acceptedValid && accepted == m_accepted) {
        return; // the same rows stay: nothing for the view to do
    }
    m_accepted = std::move(accepted);
    m_acceptedValid = true;
    // One relayout: the proxy rebuilds its mapping from the accept list and sorts what passed by rank.
    // (invalidateFilter() would remove rows interval by interval, which is quadratic when the rows that
    // go are scattered through the sorted order.)
    m_model->ensureSortRank(sortColumn());
    m_useAccepted = true;
    invalidate();
    (void)rowCount(); // builds the mapping now, from the list just computed
    m_useAccepted = false;
}

bool UsersFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_model == nullptr || sourceParent.isValid()) {
        return false;
    }
    // The list is read only inside refilter(): at any other time a source row may have changed since.
    if (m_useAccepted && sourceRow < static_cast<int>(m_accepted.size())) {
        return m_accepted[static_cast<std::size_t>(sourceRow)] != 0;
    }
    return evaluate(sourceRow, m_model->nowMs());
}

bool UsersFilterProxyModel::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    if (m_model == nullptr) {
        return QSortFilterProxyModel::lessThan(left, right);
    }
    return m_model->lessThan(left.row(), right.row(), left.column());
}

} // namespace tessera::ui
