#include "common/TintedSvgIconEngine.h"

#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>

#include <utility>

namespace tessera::ui {

namespace {

// The monochrome icons are drawn in one ink colour (or `currentColor`), which is swapped for the
// palette-derived one.
constexpr char kInk[] = "#4a5568";

quint64 cacheKey(QIcon::Mode mode, const QSize& size)
{
    return (quint64(mode) << 48) | (quint64(size.width() & 0xffffff) << 24) | quint64(size.height() & 0xffffff);
}

} // namespace

TintedSvgIconEngine::TintedSvgIconEngine(QByteArray svg, Inks inks)
    : m_svg(std::move(svg))
    , m_inks(std::move(inks))
{
}

QColor TintedSvgIconEngine::inkFor(QIcon::Mode mode) const
{
    switch (mode) {
    case QIcon::Disabled:
        return m_inks.disabled;
    case QIcon::Selected:
        return m_inks.selected;
    case QIcon::Normal:
    case QIcon::Active:
        break;
    }
    return m_inks.normal;
}

QPixmap TintedSvgIconEngine::render(const QSize& deviceSize, QIcon::Mode mode)
{
    const quint64 key = cacheKey(mode, deviceSize);
    if (const auto it = m_cache.constFind(key); it != m_cache.constEnd()) {
        return *it;
    }
    QByteArray tinted = m_svg;
    const QByteArray ink = inkFor(mode).name(QColor::HexRgb).toLatin1();
    tinted.replace("currentColor", ink);
    tinted.replace(kInk, ink);
    QSvgRenderer renderer(tinted);
    QPixmap pixmap(deviceSize);
    pixmap.fill(Qt::transparent);
    if (renderer.isValid()) {
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        renderer.render(&painter);
    }
    m_cache.insert(key, pixmap);
    return pixmap;
}

void TintedSvgIconEngine::paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State state)
{
    const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    QPixmap pm = scaledPixmap(rect.size(), mode, state, ratio);
    painter->drawPixmap(rect, pm);
}

QPixmap TintedSvgIconEngine::pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state)
{
    return scaledPixmap(size, mode, state, 1.0);
}

QPixmap TintedSvgIconEngine::scaledPixmap(const QSize& size, QIcon::Mode mode, QIcon::State, qreal scale)
{
    if (size.isEmpty()) {
        return {};
    }
    QPixmap pixmap = render(size * scale, mode);
    pixmap.setDevicePixelRatio(scale);
    return pixmap;
}

QSize TintedSvgIconEngine::actualSize(const QSize& size, QIcon::Mode, QIcon::State)
{
    return size; // vector art: any size is exact
}

QIconEngine* TintedSvgIconEngine::clone() const
{
    return new TintedSvgIconEngine(*this);
}

QString TintedSvgIconEngine::key() const
{
    return QStringLiteral("TintedSvgIconEngine");
}

} // namespace tessera::ui
