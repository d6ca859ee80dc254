#pragma once

#include <QJsonObject>
#include <QString>

namespace tessera::jose {

// One problem the token inspector reports. ids are stable: they appear in `--json` output.
struct LintFinding
{
    enum class Severity
    {
        Info,
        Low,
        Medium,
        High,
        Critical
    };

    QString id; // "alg-none", "expired", ...
    Severity severity = Severity::Info;
    QString message; // what is wrong with this token
    QString fix;     // what to do about it

    static QString severityName(Severity severity); // "info", "low", "medium", "high", "critical"
    // {"id", "severity", "message", "fix"}
    QJsonObject toJson() const;
};

} // namespace tessera::jose
