#pragma once

#include <QString>

namespace tessera::ui {

// Durations as people read them in a status bar.
class TimeText
{
public:
    // "4:59", or "7:59:59" from an hour up; partial seconds round up so 0:00 means "now".
    static QString countdown(qint64 ms);
};

} // namespace tessera::ui
