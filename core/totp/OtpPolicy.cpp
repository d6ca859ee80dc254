#include "totp/OtpPolicy.h"

#include <QJsonValue>
#include <optional>
#include <utility>

namespace tessera {

namespace {

constexpr QLatin1StringView kAlgorithmKey("algorithm");
constexpr QLatin1StringView kDigitsKey("digits");
constexpr QLatin1StringView kPeriodKey("period");
constexpr QLatin1StringView kWindowKey("window");

// A JSON number that is a whole int, else nullopt (so 6.5 or "6" are refused rather than rounded).
std::optional<int> wholeNumber(const QJsonValue& value)
{
    if (!value.isDouble()) {
        return std::nullopt;
    }
    const double number = value.toDouble();
    if (number < -1e9 || number > 1e9 || number != static_cast<double>(static_cast<int>(number))) {
        return std::nullopt;
    }
    return static_cast<int>(number);
}

} // namespace

Status OtpPolicy::validate() const
{
    if (digits != 6 && digits != 8) {
        return fail(ErrorKind::Input,
                    QStringLiteral("OTP policy: digits must be 6 or 8, not %1").arg(digits));
    }
    if (period != 30 && period != 60) {
        return fail(ErrorKind::Input,
                    QStringLiteral("OTP policy: the period must be 30 or 60 seconds, not %1").arg(period));
    }
    if (window < 0 || window > kMaxWindow) {
        return fail(ErrorKind::Input, QStringLiteral("OTP policy: the window must be 0 to %1 steps, not %2")
                                          .arg(kMaxWindow)
                                          .arg(window));
    }
    return {};
}

bool OtpPolicy::usesAppDefaults() const
{
    return algorithm == OtpAlgorithm::Sha1 && digits == 6 && period == 30;
}

QJsonObject OtpPolicy::toJson() const
{
    return QJsonObject{{QString(kAlgorithmKey), otpAlgorithmName(algorithm)},
                       {QString(kDigitsKey), digits},
                       {QString(kPeriodKey), period},
                       {QString(kWindowKey), window}};
}

Result<OtpPolicy> OtpPolicy::fromJson(const QJsonObject& json)
{
    OtpPolicy policy;
    if (json.contains(kAlgorithmKey)) {
        const QJsonValue value = json.value(kAlgorithmKey);
        const std::optional<OtpAlgorithm> algorithm =
            value.isString() ? parseOtpAlgorithm(value.toString()) : std::nullopt;
        if (!algorithm) {
            return fail(
                ErrorKind::Input,
                QStringLiteral("OTP policy: \"algorithm\" must be \"SHA1\", \"SHA256\" or \"SHA512\""));
        }
        policy.algorithm = *algorithm;
    }
    const std::pair<QLatin1StringView, int*> numbers[] = {
        {kDigitsKey, &policy.digits}, {kPeriodKey, &policy.period}, {kWindowKey, &policy.window}};
    for (const auto& [key, field] : numbers) {
        if (!json.contains(key)) {
            continue;
        }
        const std::optional<int> number = wholeNumber(json.value(key));
        if (!number) {
            return fail(ErrorKind::Input,
                        QStringLiteral("OTP policy: \"%1\" must be a whole number").arg(key));
        }
        *field = *number;
    }
    if (auto ok = policy.validate(); !ok) {
        return std::unexpected(ok.error());
    }
    return policy;
}

} // namespace tessera
