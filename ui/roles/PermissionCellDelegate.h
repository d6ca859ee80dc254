#pragma once

#include <QStyledItemDelegate>

namespace tessera::ui {

// Draws a matrix cell as one centred check box: full for a direct grant, partial and dimmed for a
// permission held through an included role or admin:all, with an amber corner on unsaved edits.
// A click on the box (or Space on the current cell) toggles the direct grant.
class PermissionCellDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit PermissionCellDelegate(QObject* parent = nullptr);

    // Where the check box of a cell with this rectangle is drawn (tests click its centre).
    static QRect checkRect(const QStyleOptionViewItem& option);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    bool editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
                     const QModelIndex& index) override;
};

} // namespace tessera::ui
