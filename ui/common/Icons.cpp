#include "common/Icons.h"

#include "common/TintedSvgIconEngine.h"

#include <QApplication>
#include <QFile>
#include <QHash>
#include <QPalette>

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

QColor blend(const QColor& a, const QColor& b, qreal towardsB)
{
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * towardsB,
                            a.greenF() + (b.greenF() - a.greenF()) * towardsB,
                            a.blueF() + (b.blueF() - a.blueF()) * towardsB);
}

qreal deviceRatio()
{
    return qApp ? qApp->devicePixelRatio() : 1.0;
}

} // namespace

QIcon Icons::get(const QString& name)
{
    return get(name, QColor());
}

QIcon Icons::get(const QString& name, const QColor& ink)
{
    static QHash<QString, QIcon> cache;
    const QString key = ink.isValid() ? name + u'@' + ink.name(QColor::HexArgb) : name;
    if (const auto it = cache.constFind(key); it != cache.constEnd()) {
        return *it;
    }
    const QByteArray svg = loadSvg(name);
    if (svg.isEmpty()) {
        return {};
    }
    const QPalette palette = QApplication::palette();
    TintedSvgIconEngine::Inks inks;
    // Slightly softer than the text itself, as icon ink usually is.
    inks.normal = ink.isValid() ? ink
                                : blend(palette.color(QPalette::Active, QPalette::WindowText),
                                        palette.color(QPalette::Active, QPalette::Window), 0.2);
    inks.disabled = palette.color(QPalette::Disabled, QPalette::WindowText);
    inks.selected = palette.color(QPalette::Active, QPalette::HighlightedText);
    const QIcon icon(new TintedSvgIconEngine(svg, inks));
    cache.insert(key, icon);
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
