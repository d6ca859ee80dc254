#include "common/DialogStyle.h"

#include <QBoxLayout>
#include <QFormLayout>
#include <QLabel>
#include <QPalette>
#include <QStyle>
#include <algorithm>

namespace tessera::ui {

namespace {

int labelColumnHint(const QFormLayout* form)
{
    int width = 0;
    for (int row = 0; row < form->rowCount(); ++row) {
        if (QLayoutItem* item = form->itemAt(row, QFormLayout::LabelRole); item && item->widget()) {
            width = std::max(width, item->widget()->sizeHint().width());
        }
    }
    return width;
}

} // namespace

void DialogStyle::configure(QFormLayout* form)
{
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->setHorizontalSpacing(12);
    form->setVerticalSpacing(8);
}

void DialogStyle::configure(QBoxLayout* layout)
{
    layout->setSpacing(12);
    layout->setContentsMargins(20, 18, 20, 16);
}

void DialogStyle::alignLabelColumns(std::initializer_list<QFormLayout*> forms)
{
    int width = 0;
    for (QFormLayout* form : forms) {
        width = std::max(width, labelColumnHint(form));
    }
    for (QFormLayout* form : forms) {
        for (int row = 0; row < form->rowCount(); ++row) {
            QLayoutItem* item = form->itemAt(row, QFormLayout::LabelRole);
            auto* label = item ? qobject_cast<QLabel*>(item->widget()) : nullptr;
            if (label) {
                // A label's minimum width widens its form's label column; the label then fills the
                // column, so it must align its own text the way the form aligns labels.
                label->setMinimumWidth(width);
                label->setAlignment(form->labelAlignment());
            }
        }
    }
}

void DialogStyle::makeHint(QLabel* label)
{
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.92);
    label->setFont(font);
}

void DialogStyle::makeError(QLabel* label)
{
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    // A red accent that keeps its contrast on light and dark palettes.
    label->setStyleSheet(QStringLiteral("color: #d64545;"));
    label->hide();
}

void DialogStyle::makeHeading(QLabel* label, qreal scale)
{
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * scale);
    font.setWeight(QFont::DemiBold);
    label->setFont(font);
}

void DialogStyle::setStatus(QLabel* label, const QString& text, bool error)
{
    label->setStyleSheet(
        error ? QStringLiteral("QLabel { color: %1; }").arg(failureColor(label->palette()).name()) : QString());
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

QColor DialogStyle::successColor(const QPalette& palette)
{
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    return dark ? QColor(0x5c, 0xc0, 0x8a) : QColor(0x1e, 0x7b, 0x45);
}

QColor DialogStyle::failureColor(const QPalette& palette)
{
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    return dark ? QColor(0xf0, 0x6b, 0x6b) : QColor(0xc5, 0x30, 0x30);
}

QColor DialogStyle::warningColor(const QPalette& palette)
{
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    return dark ? QColor(0xe8, 0xb0, 0x4c) : QColor(0x9c, 0x5a, 0x00);
}

QWidget* DialogStyle::header(const QIcon& icon, const QString& title, const QString& text, QWidget* parent)
{
    auto* widget = new QWidget(parent);
    auto* iconLabel = new QLabel(widget);
    iconLabel->setPixmap(icon.pixmap(QSize(40, 40)));
    iconLabel->setAlignment(Qt::AlignTop);
    auto* titleLabel = new QLabel(title, widget);
    makeHeading(titleLabel);
    auto* textLabel = new QLabel(text, widget);
    textLabel->setWordWrap(true);
    textLabel->setForegroundRole(QPalette::PlaceholderText);
    auto* column = new QVBoxLayout;
    column->setSpacing(4);
    column->addWidget(titleLabel);
    column->addWidget(textLabel);
    auto* row = new QHBoxLayout(widget);
    row->setContentsMargins(0, 0, 0, 8);
    row->setSpacing(14);
    row->addWidget(iconLabel);
    row->addLayout(column, 1);
    return widget;
}

QVBoxLayout* DialogStyle::pageTitle(const QString& title, const QString& text, QWidget* parent)
{
    return pageTitle(new QLabel(title, parent), new QLabel(text, parent));
}

QVBoxLayout* DialogStyle::pageTitle(QLabel* title, QLabel* text)
{
    makeHeading(title, 1.6);
    makeHint(text);
    auto* column = new QVBoxLayout;
    column->setSpacing(4);
    column->addWidget(title);
    column->addWidget(text);
    return column;
}

} // namespace tessera::ui
