#include "jose/TokenPresets.h"

#include <QUuid>

namespace tessera::jose {

QJsonObject TokenPresets::access(const QString& subject, const QString& role, qint64 now)
{
    QJsonObject claims{{QStringLiteral("sub"), subject},
                       {QStringLiteral("iat"), now},
                       {QStringLiteral("exp"), now + AccessTtlSeconds},
                       {QStringLiteral("type"), QStringLiteral("access")}};
    if (!role.isEmpty()) {
        claims.insert(QStringLiteral("role"), role);
    }
    return claims;
}

QJsonObject TokenPresets::refresh(const QString& subject, qint64 now)
{
    return {{QStringLiteral("sub"), subject},
            {QStringLiteral("iat"), now},
            {QStringLiteral("exp"), now + RefreshTtlSeconds},
            {QStringLiteral("type"), QStringLiteral("refresh")},
            // A random (version 4) UUID, so the jti can be listed and revoked.
            {QStringLiteral("jti"), QUuid::createUuid().toString(QUuid::WithoutBraces)}};
}

} // namespace tessera::jose
