#include "jose/VerifyResult.h"

#include <QJsonValue>

namespace tessera::jose {

QJsonObject VerifyResult::toJson() const
{
    QJsonObject out;
    out.insert(QStringLiteral("valid"), valid());
    out.insert(QStringLiteral("alg"), alg().isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(alg()));
    out.insert(QStringLiteral("kid"), kid() ? QJsonValue(*kid()) : QJsonValue(QJsonValue::Null));
    out.insert(QStringLiteral("error"), error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(error));
    out.insert(QStringLiteral("claims"),
               outcome == Outcome::Malformed ? QJsonValue(QJsonValue::Null) : QJsonValue(claims()));
    return out;
}

} // namespace tessera::jose
