#pragma once

#include "jose/CompactJws.h"
#include "jose/LintFinding.h"
#include "jose/WeakSecretList.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

namespace tessera::jose {

struct LintContext
{
    qint64 now = 0;               // Unix seconds
    qint64 clockSkewSeconds = 60; // iat may be this far ahead before iat-future
    qint64 accessTokenMaxSeconds = 15 * 60;
    qint64 anyTokenMaxSeconds = 24 * 60 * 60;
    // The guide's refresh tokens live 7 days and its checklist allows up to 30, so a token whose
    // "type" is "refresh" is held to this limit instead of a day.
    qint64 refreshTokenMaxSeconds = 30 * 24 * 60 * 60;
    QStringList understoodCrit;
    const WeakSecretList* weakSecrets = nullptr;       // null: no weak-hmac-secret check
    std::function<bool(const QString& jti)> isRevoked; // empty: no revoked check
};

// The inspector's checks, independent of any key: alg-none, no-exp, expired, not-yet-valid,
// iat-future, long-lifetime, no-type, embedded-jwk, jku-header, x5u-header, kid-injection,
// crit-unknown, weak-hmac-secret, revoked. Findings come most severe first.
class TokenLinter
{
public:
    static QList<LintFinding> lint(const CompactJws& jws, const LintContext& context);

    // Why a kid looks like an injection attempt (path traversal, quotes, SQL or shell syntax), or
    // an empty string.
    static QString kidInjectionReason(const QString& kid);
    // "45 s", "12 min", "3 h", "3 days"
    static QString describeDuration(qint64 seconds);
};

} // namespace tessera::jose
