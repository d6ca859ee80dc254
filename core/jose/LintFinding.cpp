#include "jose/LintFinding.h"

namespace tessera::jose {

QString LintFinding::severityName(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return QStringLiteral("info");
    case Severity::Low:
        return QStringLiteral("low");
    case Severity::Medium:
        return QStringLiteral("medium");
    case Severity::High:
        return QStringLiteral("high");
    case Severity::Critical:
        break;
    }
    return QStringLiteral("critical");
}

QJsonObject LintFinding::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("severity"), severityName(severity)},
                       {QStringLiteral("message"), message},
                       {QStringLiteral("fix"), fix}};
}

} // namespace tessera::jose
