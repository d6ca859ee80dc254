#include "totp/Totp.h"

#include "totp/Hotp.h"

namespace tessera {

SecretBuffer Totp::generateSecret()
{
    return SecretBuffer::random(kSecretBytes); // randombytes_buf into sodium_malloc'd memory
}

Result<qint64> Totp::stepAt(qint64 unixSecs, int period)
{
    if (period < 1) {
        return fail(ErrorKind::Input,
                    QStringLiteral("the TOTP period must be at least 1 second, not %1").arg(period));
    }
    if (unixSecs < 0) {
        return fail(ErrorKind::Input,
                    QStringLiteral("TOTP needs a time after 1970-01-01, not %1").arg(unixSecs));
    }
    return unixSecs / period;
}

int Totp::secondsRemaining(qint64 unixSecs, int period)
{
    if (period < 1 || unixSecs < 0) {
        return 0;
    }
    return period - static_cast<int>(unixSecs % period);
}

Result<QString> Totp::code(const SecretBuffer& secret, qint64 unixSecs, int digits, int period,
                           OtpAlgorithm algorithm)
{
    auto step = stepAt(unixSecs, period);
    if (!step) {
        return std::unexpected(step.error());
    }
    return Hotp::code(secret, static_cast<std::uint64_t>(*step), digits, algorithm);
}

Result<QString> Totp::code(const SecretBuffer& secret, qint64 unixSecs, const OtpPolicy& policy)
{
    if (auto ok = policy.validate(); !ok) {
        return std::unexpected(ok.error());
    }
    return code(secret, unixSecs, policy.digits, policy.period, policy.algorithm);
}

} // namespace tessera
