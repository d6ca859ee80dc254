#include "totp/TotpVerifier.h"

#include "totp/Hotp.h"
#include "totp/Totp.h"

#include <sodium.h>

namespace tessera {

Result<TotpVerifier> TotpVerifier::create(const SecretBuffer& secret, const OtpPolicy& policy,
                                          const Clock& clock)
{
    if (auto ok = policy.validate(); !ok) {
        return std::unexpected(ok.error());
    }
    if (secret.isEmpty()) {
        return fail(ErrorKind::Input, QStringLiteral("the one-time password secret is empty"));
    }
    auto hmac = HmacContext::create(policy.algorithm, secret.view());
    if (!hmac) {
        return std::unexpected(hmac.error());
    }
    return TotpVerifier(std::move(*hmac), policy, clock);
}

Result<TotpCheck> TotpVerifier::verifyAt(QStringView code, qint64 unixSecs,
                                         std::optional<qint64> lastUsedStep)
{
    auto current = Totp::stepAt(unixSecs, m_policy.period);
    if (!current) {
        return std::unexpected(current.error());
    }

    // The typed code as fixed-size ASCII; the format is public, so refusing early leaks nothing.
    Hotp::CodeChars typed{};
    int length = 0;
    for (const QChar c : code) {
        if (c == QLatin1Char(' ')) {
            continue;
        }
        if (length == m_policy.digits || c < QLatin1Char('0') || c > QLatin1Char('9')) {
            return TotpCheck{};
        }
        typed[static_cast<std::size_t>(length++)] = static_cast<char>(c.unicode());
    }
    if (length != m_policy.digits) {
        return TotpCheck{};
    }

    TotpCheck result;
    HmacContext::Digest digest{};
    for (int distance = 0; distance <= m_policy.window; ++distance) {
        for (const int offset : {-distance, distance}) {
            if (distance == 0 && offset != 0) {
                continue; // a window of 0 is the current step alone, tried once
            }
            const qint64 step = *current + offset;
            if (step < 0) {
                continue;
            }
            auto digestLength = m_hmac.macCounter(static_cast<std::uint64_t>(step), digest);
            if (!digestLength) {
                return std::unexpected(digestLength.error());
            }
            const std::uint32_t value = Hotp::truncate(
                QByteArrayView(digest.data(), static_cast<qsizetype>(*digestLength)), m_policy.digits);
            const Hotp::CodeChars expected = Hotp::toChars(value, m_policy.digits);
            if (sodium_memcmp(expected.data(), typed.data(), static_cast<std::size_t>(m_policy.digits)) !=
                0) {
                continue;
            }
            if (lastUsedStep && step <= *lastUsedStep) {
                result = TotpCheck{TotpOutcome::Replayed, step, offset};
                continue; // another step in the window may still match and be unused
            }
            sodium_memzero(digest.data(), digest.size());
            return TotpCheck{TotpOutcome::Accepted, step, offset};
        }
    }
    sodium_memzero(digest.data(), digest.size());
    return result;
}

} // namespace tessera
