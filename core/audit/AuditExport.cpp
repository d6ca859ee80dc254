#include "audit/AuditExport.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace tessera {

namespace {

QByteArray csvField(const QString& value)
{
    QString text = value;
    // Cells starting with these are run as formulas by spreadsheets; quote them inert.
    if (!text.isEmpty() && QStringLiteral("=+-@\t\r").contains(text.front())) {
        text.prepend(QLatin1Char('\''));
    }
    const bool quote = text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) ||
                       text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r'));
    if (!quote) {
        return text.toUtf8();
    }
    text.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return '"' + text.toUtf8() + '"';
}

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

QByteArray AuditExport::toCsv(const std::vector<AuditEntry>& entries)
{
    QByteArray out("id,time_utc,os_user,via,action,target,summary\r\n");
    for (const AuditEntry& e : entries) {
        out += QByteArray::number(e.id) + ',' + csvField(isoTime(e.atMs)) + ',' + csvField(e.osUser) + ',' +
               csvField(e.via) + ',' + csvField(e.action) + ',' + csvField(e.target) + ',' + csvField(e.summary) +
               "\r\n";
    }
    return out;
}

QJsonObject AuditExport::toJsonObject(const AuditEntry& e)
{
    return QJsonObject{{QStringLiteral("id"), e.id},
                       {QStringLiteral("time"), isoTime(e.atMs)},
                       {QStringLiteral("timeMs"), e.atMs},
                       {QStringLiteral("osUser"), e.osUser},
                       {QStringLiteral("via"), e.via},
                       {QStringLiteral("action"), e.action},
                       {QStringLiteral("target"), e.target},
                       {QStringLiteral("summary"), e.summary}};
}

QByteArray AuditExport::toJson(const std::vector<AuditEntry>& entries)
{
    QJsonArray array;
    for (const AuditEntry& e : entries) {
        array.append(toJsonObject(e));
    }
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

} // namespace tessera
