#pragma once

#include <QString>
#include <QStringView>
#include <optional>

namespace tessera {

// The HMAC hash behind an HOTP/TOTP code (RFC 6238 section 1.2 allows SHA-1, SHA-256 and SHA-512).
enum class OtpAlgorithm
{
    Sha1,
    Sha256,
    Sha512,
};

// Upper-case spelling used by the Key URI Format, the JSON policy and the CLI: "SHA1", "SHA256", "SHA512".
inline QString otpAlgorithmName(OtpAlgorithm algorithm)
{
    switch (algorithm) {
    case OtpAlgorithm::Sha1:
        return QStringLiteral("SHA1");
    case OtpAlgorithm::Sha256:
        return QStringLiteral("SHA256");
    case OtpAlgorithm::Sha512:
        return QStringLiteral("SHA512");
    }
    return {};
}

// Case-insensitive; authenticator apps and other generators write "sha1" as often as "SHA1".
inline std::optional<OtpAlgorithm> parseOtpAlgorithm(QStringView name)
{
    for (const OtpAlgorithm algorithm : {OtpAlgorithm::Sha1, OtpAlgorithm::Sha256, OtpAlgorithm::Sha512}) {
        if (name.compare(otpAlgorithmName(algorithm), Qt::CaseInsensitive) == 0) {
            return algorithm;
        }
    }
    return std::nullopt;
}

} // namespace tessera
