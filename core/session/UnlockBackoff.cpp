#include "session/UnlockBackoff.h"

#include <algorithm>

namespace tessera {

qint64 UnlockBackoff::delayMsAfter(int failures)
{
    if (failures <= kFreeAttempts) {
        return 0;
    }
    // Doubling from the first delay; the shift is bounded so it cannot overflow.
    const int doublings = std::min(failures - kFreeAttempts - 1, 16);
    return std::min(kFirstDelayMs << doublings, kMaxDelayMs);
}

void UnlockBackoff::recordFailure()
{
    ++m_failures;
    m_allowedAtMs = m_clock.nowMs() + delayMsAfter(m_failures);
}

void UnlockBackoff::reset()
{
    m_failures = 0;
    m_allowedAtMs = 0;
}

qint64 UnlockBackoff::msRemaining() const
{
    const qint64 remaining = m_allowedAtMs - m_clock.nowMs();
    // A clock set backwards must not lock the user out for longer than the cap.
    return std::clamp<qint64>(remaining, 0, kMaxDelayMs);
}

} // namespace tessera
