#pragma once

#include "common/Clock.h"
#include "common/Error.h"
#include "crypto/SecretBuffer.h"
#include "totp/HmacContext.h"
#include "totp/OtpPolicy.h"

#include <QStringView>
#include <optional>

namespace tessera {

enum class TotpOutcome
{
    Accepted, // matched a step inside the window that is newer than the last one used
    Rejected, // no match (wrong, malformed or expired code): counts toward the lockout
    Replayed, // matched only steps already used: refused, and also counts toward the lockout
};

struct TotpCheck
{
    TotpOutcome outcome = TotpOutcome::Rejected;
    qint64 step = -1; // the matched time step; persist it as the new "last used step" when Accepted
    int offset = 0;   // matched step minus the current step (-window..+window)

    bool accepted() const { return outcome == TotpOutcome::Accepted; }
};

// Checks codes for one secret. The keyed HMAC is prepared once, so checking a +/-window costs
// 2*window+1 HMACs and nothing else. The verifier holds no state between calls: the caller keeps the
// last used step (in the vault) and passes it in, which is how a step is accepted at most once.
class TotpVerifier
{
public:
    // `clock` must outlive the verifier.
    static Result<TotpVerifier> create(const SecretBuffer& secret, const OtpPolicy& policy,
                                       const Clock& clock);

    // Spaces in `code` are ignored ("123 456"); anything but exactly policy.digits ASCII digits is
    // Rejected. Steps are tried nearest first (0, -1, +1, ...) until one is accepted; each candidate
    // is compared with the code in constant time. A step <= lastUsedStep is never accepted.
    // Not thread-safe (the HMAC context is reused): one verifier per thread.
    Result<TotpCheck> verify(QStringView code, std::optional<qint64> lastUsedStep)
    {
        return verifyAt(code, m_clock->nowSecs(), lastUsedStep);
    }
    Result<TotpCheck> verifyAt(QStringView code, qint64 unixSecs, std::optional<qint64> lastUsedStep);

    const OtpPolicy& policy() const { return m_policy; }

private:
    TotpVerifier(HmacContext hmac, const OtpPolicy& policy, const Clock& clock)
        : m_hmac(std::move(hmac)), m_policy(policy), m_clock(&clock)
    {}

    HmacContext m_hmac;
    OtpPolicy m_policy;
    const Clock* m_clock;
};

} // namespace tessera
