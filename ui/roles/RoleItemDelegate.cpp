#include "roles/RoleItemDelegate.h"

#include "roles/PermissionMatrixModel.h"
#include "roles/RoleListModel.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>
#include <algorithm>

namespace tessera::ui {

namespace {

constexpr int kPadX = 10;
constexpr int kPadY = 7;
constexpr int kLineGap = 2;

QFont smaller(QFont font)
{
    font.setPointSizeF(font.pointSizeF() * 0.9);
    return font;
}

} // namespace

RoleItemDelegate::RoleItemDelegate(QObject* parent) : QStyledItemDelegate(parent) {}

QSize RoleItemDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const QFontMetrics regular(option.font);
    const QFontMetrics small(smaller(option.font));
    int height = kPadY * 2 + regular.height() + kLineGap + small.height();
    if (!index.data(RoleListModel::IncludesRole).toStringList().isEmpty()) {
        height += kLineGap + small.height();
    }
    return QSize(220, height);
}

void RoleItemDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                             const QModelIndex& index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const QStyle* style = opt.widget != nullptr ? opt.widget->style() : QApplication::style();
    opt.text.clear();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, opt.widget);

    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette::ColorGroup group =
        opt.state & QStyle::State_Active ? QPalette::Active : QPalette::Inactive;
    const QColor text = opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    QColor muted = text;
    muted.setAlphaF(selected ? 0.8 : 0.62);

    const QString name = index.data(RoleListModel::NameRole).toString();
    const QString description = index.data(RoleListModel::DescriptionRole).toString();
    const QStringList includes = index.data(RoleListModel::IncludesRole).toStringList();
    const int users = index.data(RoleListModel::UserCountRole).toInt();
    const bool pending = index.data(RoleListModel::PendingRole).toBool();
    const bool isDefault = index.data(RoleListModel::DefaultRole).toBool();

    QFont bold = opt.font;
    bold.setWeight(QFont::DemiBold);
    const QFont small = smaller(opt.font);
    const QFontMetrics boldMetrics(bold);
    const QFontMetrics smallMetrics(small);
    QRect area = opt.rect.adjusted(kPadX, kPadY, -kPadX, -kPadY);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    // First line: [dot] name [default] ........ N users
    const QString count = users == 1 ? tr("1 user") : tr("%1 users").arg(QLocale().toString(users));
    const int countWidth = smallMetrics.horizontalAdvance(count);
    int x = area.left();
    const int lineHeight = boldMetrics.height();
    if (pending) {
        const int dot = 7;
        painter->setPen(Qt::NoPen);
        painter->setBrush(PermissionMatrixModel::pendingColor());
        painter->drawEllipse(QRect(x, area.top() + (lineHeight - dot) / 2, dot, dot));
        x += dot + 6;
    }
    QString tag = isDefault ? tr("default") : QString();
    const int tagWidth = tag.isEmpty() ? 0 : smallMetrics.horizontalAdvance(tag) + 12;
    const int nameRoom = area.right() - x - countWidth - 12 - (tagWidth > 0 ? tagWidth + 6 : 0);
    const QString shownName = boldMetrics.elidedText(name, Qt::ElideRight, std::max(20, nameRoom));
    painter->setFont(bold);
    painter->setPen(text);
    painter->drawText(QRect(x, area.top(), nameRoom, lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                      shownName);
    x += boldMetrics.horizontalAdvance(shownName) + 6;
    if (tagWidth > 0) {
        const QRect pill(x, area.top() + (lineHeight - smallMetrics.height() - 2) / 2, tagWidth,
                         smallMetrics.height() + 2);
        QColor pillColor = text;
        pillColor.setAlphaF(0.12);
        painter->setPen(Qt::NoPen);
        painter->setBrush(pillColor);
        painter->drawRoundedRect(pill, pill.height() / 2.0, pill.height() / 2.0);
        painter->setFont(small);
        painter->setPen(muted);
        painter->drawText(pill, Qt::AlignCenter, tag);
    }
    painter->setFont(small);
    painter->setPen(muted);
    painter->drawText(QRect(area.right() - countWidth, area.top(), countWidth, lineHeight),
                      Qt::AlignRight | Qt::AlignVCenter, count);

    // Second line: the description; third: what the role includes.
    int y = area.top() + lineHeight + kLineGap;
    const QString shownDescription = description.isEmpty()
                                         ? tr("No description")
                                         : smallMetrics.elidedText(description, Qt::ElideRight, area.width());
    painter->drawText(QRect(area.left(), y, area.width(), smallMetrics.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, shownDescription);
    if (!includes.isEmpty()) {
        y += smallMetrics.height() + kLineGap;
        const QString line = smallMetrics.elidedText(
            tr("Includes %1").arg(includes.join(QStringLiteral(", "))), Qt::ElideRight, area.width());
        painter->drawText(QRect(area.left(), y, area.width(), smallMetrics.height()),
                          Qt::AlignLeft | Qt::AlignVCenter, line);
    }
    painter->restore();
}

} // namespace tessera::ui
