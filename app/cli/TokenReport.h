#pragma once

#include "jose/CompactJws.h"
#include "jose/LintFinding.h"
#include "jose/VerifyResult.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace tessera::cli {

// What `token inspect` shows of one token, as text for people and as the JSON document
// {"type", "header", "payload", "claims", "signature", "findings"}.
class TokenReport
{
public:
    struct Inspection
    {
        jose::CompactJws jws;
        QList<jose::LintFinding> findings;
        std::optional<jose::VerifyResult> signature; // JwsVerifier::verifySignature, when keys were given
    };

    static QJsonObject json(const Inspection& inspection, qint64 now);
    static QString text(const Inspection& inspection, qint64 now);

    // The registered claims present (and "type"), each {"claim", "meaning", "value"} and, for exp,
    // nbf and iat, "time" (ISO 8601 UTC) and "relative" ("expires in 12 min").
    static QJsonArray explainedClaims(const QJsonObject& claims, qint64 now);
    // "expires in 12 min", "expired 3 days ago", "issued 5 min ago", ...
    static QString relativeTime(const QString& claim, qint64 time, qint64 now);
    // "2024-05-01 12:00:00 UTC"
    static QString utcText(qint64 seconds);
};

} // namespace tessera::cli
