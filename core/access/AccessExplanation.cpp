#include "access/AccessExplanation.h"

#include <QJsonArray>

namespace tessera {

QString AccessExplanation::pathText() const
{
    QStringList parts;
    parts.reserve(path.size());
    for (const AccessStep& step : path) {
        if (step.kind == AccessStep::Kind::ObjectGrant)
            parts.append(QStringLiteral("%1 on object %2").arg(step.name, step.objectId));
        else
            parts.append(step.name);
    }
    return parts.join(QStringLiteral(" -> "));
}

QString AccessExplanation::toText() const
{
    return (allowed ? QStringLiteral("allowed: ") : QStringLiteral("denied: ")) + reason;
}

QString AccessExplanation::basisName(Basis basis)
{
    switch (basis) {
    case Basis::None:
        return QStringLiteral("none");
    case Basis::Role:
        return QStringLiteral("role");
    case Basis::Wildcard:
        return QStringLiteral("wildcard");
    case Basis::ObjectGrant:
        return QStringLiteral("object-grant");
    }
    return QStringLiteral("none");
}

QString AccessExplanation::stepKindName(AccessStep::Kind kind)
{
    switch (kind) {
    case AccessStep::Kind::User:
        return QStringLiteral("user");
    case AccessStep::Kind::Role:
        return QStringLiteral("role");
    case AccessStep::Kind::Permission:
        return QStringLiteral("permission");
    case AccessStep::Kind::Wildcard:
        return QStringLiteral("wildcard");
    case AccessStep::Kind::ObjectGrant:
        return QStringLiteral("object-grant");
    }
    return QStringLiteral("user");
}

QJsonObject AccessExplanation::toJson() const
{
    QJsonArray steps;
    for (const AccessStep& step : path) {
        QJsonObject object{{QStringLiteral("kind"), stepKindName(step.kind)},
                           {QStringLiteral("name"), step.name}};
        if (step.kind == AccessStep::Kind::ObjectGrant)
            object.insert(QStringLiteral("object"), step.objectId);
        steps.append(object);
    }
    QJsonArray nearest;
    for (const ClosestGrant& grant : closest)
        nearest.append(
            QJsonObject{{QStringLiteral("role"), grant.role},
                        {QStringLiteral("permissions"), QJsonArray::fromStringList(grant.permissions)}});
    QJsonObject json{
        {QStringLiteral("allowed"), allowed},
        {QStringLiteral("basis"), basisName(basis)},
        {QStringLiteral("user"), username},
        {QStringLiteral("userKnown"), userKnown},
        {QStringLiteral("permission"), permission},
        {QStringLiteral("object"), objectId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(objectId)},
        {QStringLiteral("path"), steps},
        {QStringLiteral("reason"), reason},
    };
    if (!allowed)
        json.insert(QStringLiteral("closest"), nearest);
    return json;
}

} // namespace tessera
