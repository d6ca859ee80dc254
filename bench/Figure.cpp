#include "Figure.h"

#include <cmath>

namespace tessera::bench {

bool Goal::isMet(double value) const
{
    switch (kind) {
    case Kind::AtMost:
        return value <= bound;
    case Kind::AtLeast:
        return value >= bound;
    case Kind::MagnitudeAtMost:
        return std::abs(value) <= bound;
    }
    return false;
}

QString Goal::describe(const QString& unit) const
{
    const QString number = formatNumber(bound);
    switch (kind) {
    case Kind::AtMost:
        return QStringLiteral("<= %1 %2").arg(number, unit);
    case Kind::AtLeast:
        return QStringLiteral(">= %1 %2").arg(number, unit);
    case Kind::MagnitudeAtMost:
        return QStringLiteral("within +-%1 %2").arg(number, unit);
    }
    return {};
}

QString formatNumber(double value)
{
    const double magnitude = std::abs(value);
    if (magnitude >= 1000.0 || magnitude == std::floor(magnitude)) {
        return QString::number(value, 'f', 0);
    }
    return QString::number(value, 'f', magnitude >= 10.0 ? 1 : 2);
}

QString Figure::formattedValue() const
{
    return QStringLiteral("%1 %2").arg(formatNumber(value), unit);
}

QJsonObject Figure::toJson() const
{
    QJsonObject goalJson{{QStringLiteral("bound"), goal.bound},
                         {QStringLiteral("text"), goal.describe(unit)}};
    switch (goal.kind) {
    case Goal::Kind::AtMost:
        goalJson.insert(QStringLiteral("kind"), QStringLiteral("at-most"));
        break;
    case Goal::Kind::AtLeast:
        goalJson.insert(QStringLiteral("kind"), QStringLiteral("at-least"));
        break;
    case Goal::Kind::MagnitudeAtMost:
        goalJson.insert(QStringLiteral("kind"), QStringLiteral("magnitude-at-most"));
        break;
    }
    return QJsonObject{{QStringLiteral("key"), key},
                       {QStringLiteral("label"), label},
                       {QStringLiteral("value"), value},
                       {QStringLiteral("unit"), unit},
                       {QStringLiteral("goal"), goalJson},
                       {QStringLiteral("result"), passed() ? QStringLiteral("PASS") : QStringLiteral("MISS")},
                       {QStringLiteral("detail"), detail}};
}

} // namespace tessera::bench
