#pragma once

#include "common/Clock.h"

namespace tessera {

// Slows down password guessing in the unlock dialog: after repeated failures the next attempt is
// allowed only after a growing delay (0, 0, 1 s, 2 s, 4 s ... capped at 30 s). Measured on the
// injected clock so tests need not wait.
class UnlockBackoff
{
public:
    static constexpr int kFreeAttempts = 2;
    static constexpr qint64 kFirstDelayMs = 1000;
    static constexpr qint64 kMaxDelayMs = 30 * 1000;

    explicit UnlockBackoff(const Clock& clock) : m_clock(clock) {}

    // Delay imposed after the given number of consecutive failures.
    static qint64 delayMsAfter(int failures);

    void recordFailure();
    void reset(); // after a successful unlock

    int failures() const { return m_failures; }
    qint64 msRemaining() const; // 0 when an attempt is allowed now
    bool isWaiting() const { return msRemaining() > 0; }

private:
    const Clock& m_clock;
    int m_failures = 0;
    qint64 m_allowedAtMs = 0;
};

} // namespace tessera
