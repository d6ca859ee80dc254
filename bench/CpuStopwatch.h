#pragma once

#include <ctime>

namespace tessera::bench {

// CPU time (user + system) this process spends, all threads. Printed beside wall times: on a busy
// machine wall time grows with the load while CPU time stays close to what an idle machine shows,
// and wall minus CPU is time spent waiting (fsync, or for a core).
class CpuStopwatch
{
public:
    CpuStopwatch() : m_startMs(nowMs()) {}

    double elapsedMs() const { return nowMs() - m_startMs; }

private:
    static double nowMs()
    {
        timespec t{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
        return static_cast<double>(t.tv_sec) * 1000.0 + static_cast<double>(t.tv_nsec) / 1.0e6;
    }

    double m_startMs;
};

} // namespace tessera::bench
