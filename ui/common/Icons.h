#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

namespace tessera::ui {

// The SVG icons from resources/ (":/icons/<name>.svg"). Monochrome icons are re-inked with a colour
// taken from the palette, so they read on light and dark themes alike; the app icon keeps its colours.
class Icons
{
public:
    static QIcon get(const QString& name);
    // The same icon in a given ink, for status marks (a green check, a red cross) that must keep
    // their meaning; disabled and selected states still follow the palette.
    static QIcon get(const QString& name, const QColor& ink);
    static QIcon application();
    static QPixmap pixmap(const QString& name, int size); // for labels (device pixels handled)
};

} // namespace tessera::ui
