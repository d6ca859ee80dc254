#include "crypto/KdfTuner.h"

#include "crypto/PasswordKdf.h"

#include <algorithm>
#include <cmath>

namespace tessera {

std::chrono::microseconds KdfTuner::measure(KdfParams params)
{
    const SecretBuffer password = SecretBuffer::fromBytes("tessera-kdf-benchmark");
    PasswordKdf::Salt salt{};
    const auto start = std::chrono::steady_clock::now();
    (void)PasswordKdf::derive(password, salt, params);
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
}

KdfParams KdfTuner::tune(std::chrono::milliseconds target, std::uint8_t memoryLog2)
{
    // Time is close to linear in the number of passes: fit cost = fixed + passes * perPass from
    // two probes (the fixed part is mostly allocating and touching the memory).
    const double one = static_cast<double>(measure(KdfParams{1, memoryLog2}).count());
    const double three = static_cast<double>(measure(KdfParams{3, memoryLog2}).count());
    const double perPass = std::max(1.0, (three - one) / 2.0);
    const double fixed = std::max(0.0, one - perPass);
    const double targetUs = static_cast<double>(target.count()) * 1000.0;
    const double passes = std::round((targetUs - fixed) / perPass);
    KdfParams params;
    params.memoryLog2 = memoryLog2;
    params.iterations = static_cast<std::uint8_t>(std::clamp(passes, 1.0, 255.0));
    return params;
}

} // namespace tessera
