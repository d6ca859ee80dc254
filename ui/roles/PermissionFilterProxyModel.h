#pragma once

#include <QSortFilterProxyModel>

namespace tessera::ui {

// Narrows the matrix to the permission columns whose name contains the filter text (ignoring case);
// every role row stays.
class PermissionFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit PermissionFilterProxyModel(QObject* parent = nullptr);

    void setText(const QString& text);
    QString text() const { return m_text; }

protected:
    bool filterAcceptsColumn(int sourceColumn, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
};

} // namespace tessera::ui
