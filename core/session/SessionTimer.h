#pragma once

#include "common/Clock.h"

namespace tessera {

struct SessionLimits
{
    qint64 idleMs = 5 * 60 * 1000;          // lock after this long without input
    qint64 absoluteMs = 8 * 60 * 60 * 1000; // lock this long after unlocking, whatever happens
};

// Decides when an unlocked vault must lock. Measured on the wall clock, not a monotonic timer, so
// time spent suspended counts toward both limits.
class SessionTimer
{
public:
    enum class Reason { None, Idle, Absolute };

    SessionTimer(const Clock& clock, SessionLimits limits);

    void start();        // at unlock
    void noteActivity(); // on user input
    void setLimits(SessionLimits limits) { m_limits = limits; }
    SessionLimits limits() const { return m_limits; }

    Reason expiredBecause() const;
    bool isExpired() const { return expiredBecause() != Reason::None; }
    qint64 msUntilLock() const; // 0 once expired

private:
    const Clock& m_clock;
    SessionLimits m_limits;
    qint64 m_startedMs = 0;
    qint64 m_lastActivityMs = 0;
};

} // namespace tessera
