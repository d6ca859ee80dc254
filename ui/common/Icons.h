#pragma once

#include <QIcon>
#include <QString>

namespace tessera::ui {

// The SVG icons from resources/ (":/icons/<name>.svg"). Monochrome icons are re-inked with a colour
// taken from the palette, so they read on light and dark themes alike; the app icon keeps its colours.
class Icons
{
public:
    static QIcon get(const QString& name);
    static QIcon application();
    static QPixmap pixmap(const QString& name, int size); // for labels (device pixels handled)
};

} // namespace tessera::ui
