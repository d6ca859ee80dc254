#include "TimeArgument.h"

#include <QDate>
#include <QDateTime>
#include <QRegularExpression>

namespace tessera::cli {

CliResult<qint64> TimeArgument::parseMs(const QString& option, const QString& text)
{
    static const QRegularExpression unixSeconds(QStringLiteral("^[0-9]{1,12}$"));
    if (unixSeconds.match(text).hasMatch()) {
        return text.toLongLong() * 1000;
    }
    if (text.size() == 10) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (date.isValid()) {
            return date.startOfDay(Qt::UTC).toMSecsSinceEpoch();
        }
    } else {
        QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (time.isValid()) {
            if (time.timeSpec() == Qt::LocalTime) {
                time = QDateTime(time.date(), time.time(), Qt::UTC);
            }
            return time.toMSecsSinceEpoch();
        }
    }
    return cliFail(CliError::usage(
        QStringLiteral(
            "%1: '%2' is not a time; give Unix seconds or ISO 8601 (2024-05-01 or 2024-05-01T12:00:00Z)")
            .arg(option, text)));
}

} // namespace tessera::cli
