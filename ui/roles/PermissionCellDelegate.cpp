#include "roles/PermissionCellDelegate.h"

#include "roles/PermissionMatrixModel.h"

#include <QApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

namespace tessera::ui {

namespace {

const QStyle* styleOf(const QStyleOptionViewItem& option)
{
    return option.widget != nullptr ? option.widget->style() : QApplication::style();
}

} // namespace

PermissionCellDelegate::PermissionCellDelegate(QObject* parent) : QStyledItemDelegate(parent) {}

QRect PermissionCellDelegate::checkRect(const QStyleOptionViewItem& option)
{
    const QStyle* style = styleOf(option);
    const int width = style->pixelMetric(QStyle::PM_IndicatorWidth, &option, option.widget);
    const int height = style->pixelMetric(QStyle::PM_IndicatorHeight, &option, option.widget);
    QRect rect(0, 0, width, height);
    rect.moveCenter(option.rect.center());
    return rect;
}

void PermissionCellDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                   const QModelIndex& index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const QStyle* style = styleOf(opt);
    const auto state = static_cast<Qt::CheckState>(index.data(Qt::CheckStateRole).toInt());
    const bool pending = index.data(PermissionMatrixModel::PendingRole).toBool();

    // Background, selection and focus as any cell, without the default left-aligned check box.
    opt.features &= ~QStyleOptionViewItem::HasCheckIndicator;
    opt.text.clear();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, opt.widget);

    QStyleOptionViewItem check(opt);
    check.rect = checkRect(opt);
    check.state &= ~(QStyle::State_On | QStyle::State_Off | QStyle::State_NoChange | QStyle::State_HasFocus);
    check.state |= state == Qt::Checked            ? QStyle::State_On
                   : state == Qt::PartiallyChecked ? QStyle::State_NoChange
                                                   : QStyle::State_Off;
    painter->save();
    if (state == Qt::PartiallyChecked) {
        painter->setOpacity(0.5); // held, but not granted here: a quieter mark
    }
    style->drawPrimitive(QStyle::PE_IndicatorItemViewItemCheck, &check, painter, opt.widget);
    painter->restore();

    if (pending) {
        // An amber corner, visible even on a selected cell.
        const QRect r = opt.rect;
        const int size = std::min(10, r.height() / 2);
        QPainterPath corner;
        corner.moveTo(r.right() + 1 - size, r.top());
        corner.lineTo(r.right() + 1, r.top());
        corner.lineTo(r.right() + 1, r.top() + size);
        corner.closeSubpath();
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->fillPath(corner, PermissionMatrixModel::pendingColor());
        painter->restore();
    }
}

QSize PermissionCellDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    Q_UNUSED(index);
    const QRect check = checkRect(option);
    return QSize(check.width() + 24, check.height() + 12);
}

bool PermissionCellDelegate::editorEvent(QEvent* event, QAbstractItemModel* model,
                                         const QStyleOptionViewItem& option, const QModelIndex& index)
{
    if (!(model->flags(index) & Qt::ItemIsUserCheckable) || !(model->flags(index) & Qt::ItemIsEnabled)) {
        return false;
    }
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonDblClick:
    case QEvent::MouseButtonRelease: {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->button() != Qt::LeftButton || !checkRect(option).contains(mouse->position().toPoint())) {
            return false;
        }
        if (event->type() != QEvent::MouseButtonRelease) {
            return event->type() == QEvent::MouseButtonDblClick; // a double click toggles once, not twice
        }
        break;
    }
    case QEvent::KeyPress: {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key != Qt::Key_Space && key != Qt::Key_Select) {
            return false;
        }
        break;
    }
    default:
        return false;
    }
    const auto state = static_cast<Qt::CheckState>(index.data(Qt::CheckStateRole).toInt());
    // A partial check (held indirectly) becomes a direct grant; a direct grant is revoked.
    return model->setData(index, state == Qt::Checked ? Qt::Unchecked : Qt::Checked, Qt::CheckStateRole);
}

} // namespace tessera::ui
