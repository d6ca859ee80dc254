#include "common/Icons.h"

#include <QApplication>
#include <QFile>
#include <QHash>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QSvgRenderer>

// Resources are compiled into the static tessera_ui library, so they must be registered explicitly;
// Q_INIT_RESOURCE declares a function and therefore has to be used outside any namespace.
static void initialiseTesseraResources()
{
    Q_INIT_RESOURCE(tessera);
}

namespace tessera::ui {

namespace {

QByteArray loadSvg(const QString& name)
{
    static const bool registered = (initialiseTesseraResources(), true);
    Q_UNUSED(registered);
    QFile file(QStringLiteral(":/icons/%1.svg").arg(name));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

// The monochrome icons are drawn in one ink colour (or `currentColor`); it is swapped for a colour
// derived from the palette so the icons keep their contrast on dark themes too.
constexpr char kInk[] = "#4a5568";

QColor blend(const QColor& a, const QColor& b, qreal towardsB)
{
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * towardsB,
                            a.greenF() + (b.greenF() - a.greenF()) * towardsB,
                            a.blueF() + (b.blueF() - a.blueF()) * towardsB);
}

QPixmap render(const QByteArray& svg, const QColor& colour, int size, qreal ratio)
{
    QByteArray tinted = svg;
    const QByteArray ink = colour.name(QColor::HexRgb).toLatin1();
    tinted.replace("currentColor", ink);
    tinted.replace(kInk, ink);
    QSvgRenderer renderer(tinted);
    const int device = qRound(size * ratio);
    QPixmap pixmap(device, device);
    pixmap.fill(Qt::transparent);
    if (renderer.isValid()) {
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        renderer.render(&painter);
    }
    pixmap.setDevicePixelRatio(ratio);
    return pixmap;
}

qreal deviceRatio()
{
    return qApp ? qApp->devicePixelRatio() : 1.0;
}

} // namespace

QIcon Icons::get(const QString& name)
{
    static QHash<QString, QIcon> cache;
    if (const auto it = cache.constFind(name); it != cache.constEnd()) {
        return *it;
    }
    const QByteArray svg = loadSvg(name);
    if (svg.isEmpty()) {
        return {};
    }
    const QPalette palette = QApplication::palette();
    const qreal ratio = deviceRatio();
    QIcon icon;
    // Slightly softer than the text itself, as icon ink usually is.
    const QColor normal = blend(palette.color(QPalette::Active, QPalette::WindowText),
                                palette.color(QPalette::Active, QPalette::Window), 0.2);
    const QColor disabled = palette.color(QPalette::Disabled, QPalette::WindowText);
    const QColor selected = palette.color(QPalette::Active, QPalette::HighlightedText);
    for (const int size : {16, 20, 22, 24, 32, 48, 64}) {
        icon.addPixmap(render(svg, normal, size, ratio), QIcon::Normal);
        icon.addPixmap(render(svg, disabled, size, ratio), QIcon::Disabled);
        icon.addPixmap(render(svg, selected, size, ratio), QIcon::Selected);
    }
    cache.insert(name, icon);
    return icon;
}

QIcon Icons::application()
{
    return get(QStringLiteral("tessera"));
}

QPixmap Icons::pixmap(const QString& name, int size)
{
    return get(name).pixmap(QSize(size, size), deviceRatio());
}

} // namespace tessera::ui
