#pragma once

#include <QStyledItemDelegate>

namespace tessera::ui {

// A role in the list as a small card: the name in bold with its user count on the right, the
// description below, then what it includes; an amber dot marks unsaved edits, a tag the default role.
class RoleItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit RoleItemDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace tessera::ui
