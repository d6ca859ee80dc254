#include "TextLayout.h"

#include <algorithm>

namespace tessera::cli {

QString TextLayout::oneLine(QString text)
{
    for (QChar& c : text) {
        if (c.category() == QChar::Other_Control) {
            c = QLatin1Char(' ');
        }
    }
    return text;
}

QString TextLayout::labelled(const QList<std::pair<QString, QString>>& rows)
{
    qsizetype width = 0;
    for (const auto& row : rows) {
        width = std::max(width, row.first.size() + 1);
    }
    QString text;
    for (const auto& [label, value] : rows) {
        const QString shown = oneLine(value);
        text += shown.isEmpty() ? label + QLatin1Char(':')
                                : (label + QLatin1Char(':')).leftJustified(width + 2) + shown;
        text += QLatin1Char('\n');
    }
    return text;
}

QString TextLayout::table(const QStringList& headers, const QList<QStringList>& rows)
{
    QList<qsizetype> widths;
    for (const QString& header : headers) {
        widths.append(header.size());
    }
    QList<QStringList> cleaned;
    cleaned.reserve(rows.size());
    for (const QStringList& row : rows) {
        QStringList cells;
        for (qsizetype i = 0; i < headers.size(); ++i) {
            cells.append(oneLine(row.value(i)));
            widths[i] = std::max(widths[i], cells.back().size());
        }
        cleaned.append(cells);
    }
    auto render = [&widths](const QStringList& cells) {
        QString line;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            line += i + 1 < cells.size() ? cells.at(i).leftJustified(widths.at(i) + 2) : cells.at(i);
        }
        while (line.endsWith(QLatin1Char(' '))) {
            line.chop(1);
        }
        return line + QLatin1Char('\n');
    };
    QString text = render(headers);
    for (const QStringList& cells : std::as_const(cleaned)) {
        text += render(cells);
    }
    return text;
}

} // namespace tessera::cli
