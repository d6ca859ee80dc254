#pragma once

#include "common/Error.h"
#include "crypto/SecretBuffer.h"
#include "totp/OtpAlgorithm.h"
#include "totp/OtpPolicy.h"

#include <QString>
#include <cstddef>

namespace tessera {

// RFC 6238 TOTP: HOTP over the number of whole periods since the Unix epoch (T0 = 0).
class Totp
{
public:
    static constexpr std::size_t kSecretBytes = 20; // 160 bits, the length RFC 4226 recommends

    // A fresh secret from libsodium's CSPRNG (randombytes), in guarded memory.
    static SecretBuffer generateSecret();

    // The time step containing `unixSecs`; Input error for negative times or a period below 1 s.
    static Result<qint64> stepAt(qint64 unixSecs, int period);
    // Seconds until the code shown at `unixSecs` changes (1..period), for countdowns.
    static int secondsRemaining(qint64 unixSecs, int period);

    // The code at `unixSecs`. The generic form serves `totp code` (any period >= 1 s, 6-8 digits);
    // the policy form is what enrolment and sign-in use.
    static Result<QString> code(const SecretBuffer& secret, qint64 unixSecs, int digits, int period,
                                OtpAlgorithm algorithm);
    static Result<QString> code(const SecretBuffer& secret, qint64 unixSecs, const OtpPolicy& policy);
};

} // namespace tessera
