#include "session/SessionTimer.h"

#include <algorithm>

namespace tessera {

SessionTimer::SessionTimer(const Clock& clock, SessionLimits limits) : m_clock(clock), m_limits(limits)
{
    start();
}

void SessionTimer::start()
{
    m_startedMs = m_lastActivityMs = m_clock.nowMs();
}

void SessionTimer::noteActivity()
{
    m_lastActivityMs = std::max(m_lastActivityMs, m_clock.nowMs());
}

SessionTimer::Reason SessionTimer::expiredBecause() const
{
    const qint64 now = m_clock.nowMs();
    if (m_limits.absoluteMs > 0 && now - m_startedMs >= m_limits.absoluteMs) {
        return Reason::Absolute;
    }
    if (m_limits.idleMs > 0 && now - m_lastActivityMs >= m_limits.idleMs) {
        return Reason::Idle;
    }
    return Reason::None;
}

qint64 SessionTimer::msUntilLock() const
{
    const qint64 now = m_clock.nowMs();
    qint64 remaining = INT64_MAX;
    if (m_limits.absoluteMs > 0) {
        remaining = std::min(remaining, m_startedMs + m_limits.absoluteMs - now);
    }
    if (m_limits.idleMs > 0) {
        remaining = std::min(remaining, m_lastActivityMs + m_limits.idleMs - now);
    }
    return std::max<qint64>(0, remaining);
}

} // namespace tessera
