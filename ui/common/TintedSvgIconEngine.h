#pragma once

#include <QColor>
#include <QHash>
#include <QIconEngine>

namespace tessera::ui {

// Draws a monochrome SVG in a palette-derived ink per icon mode, only at the sizes actually asked for.
// Rendering every size up front cost a third of the GUI's start-up time.
class TintedSvgIconEngine final : public QIconEngine
{
public:
    struct Inks
    {
        QColor normal;
        QColor disabled;
        QColor selected;
    };

    TintedSvgIconEngine(QByteArray svg, Inks inks);

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State state) override;
    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override;
    QPixmap scaledPixmap(const QSize& size, QIcon::Mode mode, QIcon::State state, qreal scale) override;
    QSize actualSize(const QSize& size, QIcon::Mode mode, QIcon::State state) override;
    QIconEngine* clone() const override;
    QString key() const override;

private:
    QColor inkFor(QIcon::Mode mode) const;
    QPixmap render(const QSize& deviceSize, QIcon::Mode mode);

    QByteArray m_svg;
    Inks m_inks;
    QHash<quint64, QPixmap> m_cache; // (mode, width, height) -> pixmap in device pixels
};

} // namespace tessera::ui
