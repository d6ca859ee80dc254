#include "TokenReport.h"

#include "JsonOutput.h"
#include "TextLayout.h"
#include "jose/TokenLinter.h"

#include <QDateTime>
#include <QJsonDocument>
#include <cmath>

namespace tessera::cli {

namespace {

// Year 9999: QDateTime and ISO 8601 both end there.
constexpr qint64 kLastSecond = 253402300799;

struct ClaimName
{
    const char* claim;
    const char* meaning;
};

constexpr ClaimName kExplained[] = {
    {"iss", "issuer"},     {"sub", "subject"},   {"aud", "audience"}, {"exp", "expires"},
    {"nbf", "not before"}, {"iat", "issued at"}, {"jti", "token id"}, {"type", "token type"},
};

bool isTimeClaim(const QString& claim)
{
    return claim == QLatin1String("exp") || claim == QLatin1String("nbf") || claim == QLatin1String("iat");
}

QString compactJson(const QJsonValue& value)
{
    if (value.isString()) {
        return value.toString();
    }
    if (value.isArray()) {
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    }
    if (value.isObject()) {
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (number == std::floor(number) && std::fabs(number) < 9e15) {
            return QString::number(static_cast<qint64>(number));
        }
        return QString::number(number, 'g', 17);
    }
    if (value.isBool()) {
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    }
    return QStringLiteral("null");
}

QString indentedJson(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

QJsonValue nullable(const std::optional<QString>& text)
{
    return text ? QJsonValue(*text) : QJsonValue(QJsonValue::Null);
}

QJsonObject signatureJson(const TokenReport::Inspection& inspection)
{
    const jose::CompactJws& jws = inspection.jws;
    QJsonObject out{{QStringLiteral("alg"), jws.alg()},
                    {QStringLiteral("bytes"), static_cast<qint64>(jws.signature().size())},
                    {QStringLiteral("checked"), inspection.signature.has_value()}};
    if (inspection.signature) {
        out.insert(QStringLiteral("valid"), inspection.signature->valid());
        out.insert(QStringLiteral("keyId"), nullable(inspection.signature->keyId));
        out.insert(QStringLiteral("error"), inspection.signature->valid()
                                                ? QJsonValue(QJsonValue::Null)
                                                : QJsonValue(inspection.signature->error));
    } else {
        out.insert(QStringLiteral("valid"), QJsonValue(QJsonValue::Null));
        out.insert(QStringLiteral("keyId"), QJsonValue(QJsonValue::Null));
        out.insert(QStringLiteral("error"), QJsonValue(QJsonValue::Null));
    }
    return out;
}

QString payloadText(const jose::CompactJws& jws)
{
    if (jws.payloadIsJson()) {
        return indentedJson(jws.claims());
    }
    return TextLayout::oneLine(QString::fromUtf8(jws.payloadBytes())) +
           QStringLiteral("\n(%1 bytes, not a JSON object)\n").arg(jws.payloadBytes().size());
}

} // namespace

QString TokenReport::utcText(qint64 seconds)
{
    if (seconds < -kLastSecond || seconds > kLastSecond) {
        return QStringLiteral("beyond the year 9999");
    }
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) +
           QStringLiteral(" UTC");
}

QString TokenReport::relativeTime(const QString& claim, qint64 time, qint64 now)
{
    const qint64 ahead = time - now;
    const QString span = jose::TokenLinter::describeDuration(ahead >= 0 ? ahead : -ahead);
    if (claim == QLatin1String("exp")) {
        return ahead > 0 ? QStringLiteral("expires in %1").arg(span)
                         : QStringLiteral("expired %1 ago").arg(span);
    }
    if (claim == QLatin1String("nbf")) {
        return ahead > 0 ? QStringLiteral("not valid for another %1").arg(span)
                         : QStringLiteral("valid since %1 ago").arg(span);
    }
    return ahead > 0 ? QStringLiteral("issued %1 in the future").arg(span)
                     : QStringLiteral("issued %1 ago").arg(span);
}

QJsonArray TokenReport::explainedClaims(const QJsonObject& claims, qint64 now)
{
    QJsonArray out;
    for (const ClaimName& name : kExplained) {
        const QString claim = QLatin1String(name.claim);
        if (!claims.contains(claim)) {
            continue;
        }
        const QJsonValue value = claims.value(claim);
        QJsonObject row{{QStringLiteral("claim"), claim},
                        {QStringLiteral("meaning"), QLatin1String(name.meaning)},
                        {QStringLiteral("value"), value}};
        if (isTimeClaim(claim)) {
            if (value.isDouble() && std::isfinite(value.toDouble())) {
                const double seconds = std::floor(value.toDouble());
                const qint64 time = seconds > double(kLastSecond)    ? kLastSecond + 1
                                    : seconds < -double(kLastSecond) ? -kLastSecond - 1
                                                                     : static_cast<qint64>(seconds);
                const bool representable = time >= -kLastSecond && time <= kLastSecond;
                row.insert(QStringLiteral("time"), representable ? QJsonValue(JsonOutput::isoUtc(time * 1000))
                                                                 : QJsonValue(QJsonValue::Null));
                row.insert(QStringLiteral("relative"), representable
                                                           ? relativeTime(claim, time, now)
                                                           : QStringLiteral("beyond the year 9999"));
            } else {
                row.insert(QStringLiteral("time"), QJsonValue(QJsonValue::Null));
                row.insert(QStringLiteral("relative"),
                           QStringLiteral("not a number of seconds: verifiers refuse this token"));
            }
        }
        out.append(row);
    }
    return out;
}

QJsonObject TokenReport::json(const Inspection& inspection, qint64 now)
{
    const jose::CompactJws& jws = inspection.jws;
    QJsonArray findings;
    for (const jose::LintFinding& finding : inspection.findings) {
        findings.append(finding.toJson());
    }
    QJsonObject out{{QStringLiteral("type"), jws.isJwe() ? QStringLiteral("JWE") : QStringLiteral("JWS")},
                    {QStringLiteral("header"), jws.header()},
                    {QStringLiteral("findings"), findings}};
    if (jws.isJwe()) {
        out.insert(QStringLiteral("payload"), QJsonValue(QJsonValue::Null));
        out.insert(QStringLiteral("claims"), QJsonArray());
        out.insert(QStringLiteral("signature"), QJsonValue(QJsonValue::Null));
        return out;
    }
    out.insert(QStringLiteral("payload"), jws.payloadIsJson()
                                              ? QJsonValue(jws.claims())
                                              : QJsonValue(QString::fromUtf8(jws.payloadBytes())));
    out.insert(QStringLiteral("claims"), explainedClaims(jws.claims(), now));
    out.insert(QStringLiteral("signature"), signatureJson(inspection));
    return out;
}

QString TokenReport::text(const Inspection& inspection, qint64 now)
{
    const jose::CompactJws& jws = inspection.jws;
    QString out;
    if (jws.isJwe()) {
        out += QStringLiteral("JWE (encrypted, 5 segments), alg %1; only the header can be read without the "
                              "key.\n")
                   .arg(TextLayout::oneLine(jws.alg()));
    } else {
        out += QStringLiteral("JWS (3 segments), alg %1\n").arg(TextLayout::oneLine(jws.alg()));
    }
    out += QStringLiteral("Header:\n") + indentedJson(jws.header());
    if (!jws.isJwe()) {
        out += QStringLiteral("Payload:\n") + payloadText(jws);
        const QJsonArray claims = explainedClaims(jws.claims(), now);
        if (!claims.isEmpty()) {
            QList<std::pair<QString, QString>> rows;
            for (const QJsonValue& entry : claims) {
                const QJsonObject row = entry.toObject();
                const QString claim = row.value(QStringLiteral("claim")).toString();
                QString value = compactJson(row.value(QStringLiteral("value")));
                if (isTimeClaim(claim)) {
                    const QString relative = row.value(QStringLiteral("relative")).toString();
                    if (row.value(QStringLiteral("time")).isString()) {
                        const double seconds = std::floor(row.value(QStringLiteral("value")).toDouble());
                        value = QStringLiteral("%1 (%2, %3)")
                                    .arg(value, utcText(static_cast<qint64>(seconds)), relative);
                    } else {
                        value = QStringLiteral("%1 (%2)").arg(value, relative);
                    }
                }
                rows.append(
                    {QStringLiteral("  %1 (%2)").arg(claim, row.value(QStringLiteral("meaning")).toString()),
                     value});
            }
            out += QStringLiteral("Claims:\n") + TextLayout::labelled(rows);
        }
        QString signature = QStringLiteral("Signature: %1 bytes; ").arg(jws.signature().size());
        if (!inspection.signature) {
            signature += QStringLiteral("not checked (give --key, --jwks, --secret-file, --kid or --vault)");
        } else if (inspection.signature->valid() && !inspection.signature->keyId) {
            signature += QStringLiteral("valid");
        } else if (inspection.signature->valid()) {
            signature += QStringLiteral("valid, verified with key %1")
                             .arg(TextLayout::oneLine(*inspection.signature->keyId));
        } else {
            signature +=
                QStringLiteral("NOT valid: %1").arg(TextLayout::oneLine(inspection.signature->error));
        }
        out += signature + QLatin1Char('\n');
    }
    if (inspection.findings.isEmpty()) {
        out += QStringLiteral("Findings: none\n");
        return out;
    }
    out += QStringLiteral("Findings:\n");
    for (const jose::LintFinding& finding : inspection.findings) {
        out += QStringLiteral("  [%1] %2: %3\n      Fix: %4\n")
                   .arg(jose::LintFinding::severityName(finding.severity), finding.id,
                        TextLayout::oneLine(finding.message), TextLayout::oneLine(finding.fix));
    }
    return out;
}

} // namespace tessera::cli
