#pragma once

#include "session/SessionTimer.h"

#include <QString>

namespace tessera {

// The vault-level session policy (stored with Vault::setSetting so it travels with the file):
// idle minutes before auto-lock and the absolute session length in hours.
struct SessionSettings
{
    static constexpr const char* kIdleMinutesKey = "session.idle_minutes";
    static constexpr const char* kMaxHoursKey = "session.max_hours";
    static constexpr int kDefaultIdleMinutes = 5;
    static constexpr int kMinIdleMinutes = 1;
    static constexpr int kMaxIdleMinutes = 24 * 60;
    static constexpr int kDefaultMaxHours = 8;
    static constexpr int kMinMaxHours = 1;
    static constexpr int kMaxMaxHours = 7 * 24;

    int idleMinutes = kDefaultIdleMinutes;
    int maxHours = kDefaultMaxHours;

    // Stored text to settings; missing, malformed or out-of-range values fall back to the defaults
    // rather than disabling a lock.
    static SessionSettings fromStored(const QString& idleMinutes, const QString& maxHours);
    static bool isValidIdleMinutes(int minutes)
    {
        return minutes >= kMinIdleMinutes && minutes <= kMaxIdleMinutes;
    }
    static bool isValidMaxHours(int hours) { return hours >= kMinMaxHours && hours <= kMaxMaxHours; }

    SessionLimits limits() const;

    friend bool operator==(const SessionSettings&, const SessionSettings&) = default;
};

} // namespace tessera
