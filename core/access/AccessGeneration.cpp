#include "access/AccessGeneration.h"

#include <atomic>

namespace tessera {

quint64 nextAccessGeneration()
{
    static std::atomic<quint64> counter{0};
    return counter.fetch_add(1, std::memory_order_relaxed) + 1;
}

} // namespace tessera
