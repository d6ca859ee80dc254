#pragma once

#include <chrono>

namespace tessera::bench {

// Monotonic wall-clock timer; every figure in bench/ is wall time, as a user would feel it.
class Stopwatch
{
public:
    Stopwatch() : m_start(std::chrono::steady_clock::now()) {}

    void restart() { m_start = std::chrono::steady_clock::now(); }
    double elapsedMs() const
    {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_start).count();
    }

private:
    std::chrono::steady_clock::time_point m_start;
};

} // namespace tessera::bench
