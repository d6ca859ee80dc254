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
    // two probes (the fixed part is mostly allocating and touching the memory). Each probe takes the
    // faster of two runs; the slope has a floor and the fitted choice is measured once and corrected,
    // so a noisy probe (another process stealing the core) cannot promise hundreds of cheap passes.
    const auto fastest = [&](std::uint8_t passes) {
        return static_cast<double>(std::min(measure(KdfParams{passes, memoryLog2}).count(),
                                            measure(KdfParams{passes, memoryLog2}).count()));
    };
    const double one = fastest(1);
    const double three = fastest(3);
    const double perPass = std::max({1.0, (three - one) / 2.0, one / 20.0});
    const double fixed = std::max(0.0, one - perPass);
    const double targetUs = static_cast<double>(target.count()) * 1000.0;
    const double passes = std::round((targetUs - fixed) / perPass);
    KdfParams params;
    params.memoryLog2 = memoryLog2;
    params.iterations = static_cast<std::uint8_t>(std::clamp(passes, 1.0, 255.0));
    if (params.iterations > 1) {
        const double measured = static_cast<double>(measure(params).count());
        const double corrected = std::round(fixed + (targetUs - fixed) * params.iterations / std::max(1.0, measured - fixed) - fixed);
        params.iterations = static_cast<std::uint8_t>(std::clamp(corrected, 1.0, 255.0));
    }
    return params;
}

} // namespace tessera
