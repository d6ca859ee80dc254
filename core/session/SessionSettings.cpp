#include "session/SessionSettings.h"

namespace tessera {

SessionSettings SessionSettings::fromStored(const QString& idleMinutes, const QString& maxHours)
{
    SessionSettings settings;
    bool ok = false;
    const int idle = idleMinutes.trimmed().toInt(&ok);
    if (ok && isValidIdleMinutes(idle)) {
        settings.idleMinutes = idle;
    }
    const int hours = maxHours.trimmed().toInt(&ok);
    if (ok && isValidMaxHours(hours)) {
        settings.maxHours = hours;
    }
    return settings;
}

SessionLimits SessionSettings::limits() const
{
    return SessionLimits{qint64{idleMinutes} * 60 * 1000, qint64{maxHours} * 60 * 60 * 1000};
}

} // namespace tessera
