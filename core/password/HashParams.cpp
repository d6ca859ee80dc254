#include "password/HashParams.h"

#include <QJsonValue>
#include <cmath>

namespace tessera {

namespace {

const QString kOpsKey = QStringLiteral("opsLimit");
const QString kMemoryKey = QStringLiteral("memoryKiB");

// A JSON number that is a whole, non-negative integer small enough to be exact in a double.
bool toWholeNumber(const QJsonValue& value, std::uint64_t& out)
{
    if (!value.isDouble()) {
        return false;
    }
    const double d = value.toDouble();
    if (!std::isfinite(d) || d < 0 || d > 9007199254740991.0 || std::floor(d) != d) {
        return false;
    }
    out = static_cast<std::uint64_t>(d);
    return true;
}

} // namespace

Status HashParams::validate() const
{
    if (opsLimit < kMinOpsLimit || opsLimit > kMaxOpsLimit) {
        return fail(ErrorKind::Input, QStringLiteral("password hash passes must be between %1 and %2")
                                          .arg(kMinOpsLimit)
                                          .arg(kMaxOpsLimit));
    }
    if (memLimitBytes < kMinMemLimitBytes || memLimitBytes > kMaxMemLimitBytes) {
        return fail(ErrorKind::Input, QStringLiteral("password hash memory must be between 8 KiB and 4 GiB"));
    }
    if (memLimitBytes % 1024 != 0) {
        return fail(ErrorKind::Input, QStringLiteral("password hash memory must be a whole number of KiB"));
    }
    return {};
}

QString HashParams::describe() const
{
    const std::uint64_t kib = memoryKiB();
    const QString memory =
        kib % 1024 == 0 ? QStringLiteral("%1 MiB").arg(kib / 1024) : QStringLiteral("%1 KiB").arg(kib);
    return QStringLiteral("Argon2id, t=%1, %2").arg(opsLimit).arg(memory);
}

QJsonObject HashParams::toJson() const
{
    return QJsonObject{{kOpsKey, static_cast<double>(opsLimit)},
                       {kMemoryKey, static_cast<double>(memoryKiB())}};
}

Result<HashParams> HashParams::fromJson(const QJsonObject& json)
{
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (it.key() != kOpsKey && it.key() != kMemoryKey) {
            return fail(ErrorKind::Input,
                        QStringLiteral("unknown password hash setting \"%1\"").arg(it.key()));
        }
    }
    HashParams params;
    if (json.contains(kOpsKey) && !toWholeNumber(json.value(kOpsKey), params.opsLimit)) {
        return fail(ErrorKind::Input,
                    QStringLiteral("password hash setting \"opsLimit\" must be a whole number"));
    }
    std::uint64_t kib = params.memoryKiB();
    if (json.contains(kMemoryKey) && !toWholeNumber(json.value(kMemoryKey), kib)) {
        return fail(ErrorKind::Input,
                    QStringLiteral("password hash setting \"memoryKiB\" must be a whole number"));
    }
    if (kib > kMaxMemLimitBytes / 1024) {
        return fail(ErrorKind::Input, QStringLiteral("password hash memory must be between 8 KiB and 4 GiB"));
    }
    params.memLimitBytes = kib * 1024;
    if (auto valid = params.validate(); !valid) {
        return std::unexpected(valid.error());
    }
    return params;
}

} // namespace tessera
