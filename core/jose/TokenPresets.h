#pragma once

#include <QJsonObject>
#include <QString>

namespace tessera::jose {

// The token shapes of the practice guide (auth-patterns section 1): a short-lived access token and
// a longer-lived, revocable refresh token. The time is injected.
class TokenPresets
{
public:
    static constexpr qint64 AccessTtlSeconds = 15 * 60;
    static constexpr qint64 RefreshTtlSeconds = 7 * 24 * 60 * 60;

    // {"sub", "role", "iat", "exp": iat + 15 min, "type": "access"}; role is left out when empty.
    static QJsonObject access(const QString& subject, const QString& role, qint64 now);
    // {"sub", "iat", "exp": iat + 7 days, "type": "refresh", "jti": a random UUID}
    static QJsonObject refresh(const QString& subject, qint64 now);
};

} // namespace tessera::jose
