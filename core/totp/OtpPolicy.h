#pragma once

#include "common/Error.h"
#include "totp/OtpAlgorithm.h"

#include <QJsonObject>

namespace tessera {

// The per-vault TOTP settings. The defaults (SHA1, 6 digits, 30 s) are the only ones Google and
// Microsoft Authenticator honour; they silently use them even when a URI says otherwise.
struct OtpPolicy
{
    static constexpr int kMaxWindow = 5; // beyond +/-5 steps a guess gets too many chances per attempt

    OtpAlgorithm algorithm = OtpAlgorithm::Sha1;
    int digits = 6;  // 6 or 8
    int period = 30; // seconds: 30 or 60
    int window = 1;  // steps accepted either side of the current one

    Status validate() const;
    // True when every authenticator app will produce matching codes (the GUI warns otherwise).
    bool usesAppDefaults() const;

    // {"algorithm":"SHA1","digits":6,"period":30,"window":1}
    QJsonObject toJson() const;
    // Missing keys take the defaults (older vaults, hand-written settings); present keys must have the
    // right type and an allowed value, otherwise an Input error names the key.
    static Result<OtpPolicy> fromJson(const QJsonObject& json);

    friend bool operator==(const OtpPolicy&, const OtpPolicy&) = default;
};

} // namespace tessera
