#include "AuditTable.h"

#include <QDateTime>
#include <QStringList>
#include <algorithm>
#include <array>

namespace tessera::cli {

namespace {

constexpr std::size_t kColumns = 7;
using Row = std::array<QString, kColumns>;

QString oneLine(QString text)
{
    for (QChar& c : text) {
        if (c.category() == QChar::Other_Control) {
            c = QLatin1Char(' ');
        }
    }
    return text;
}

Row rowFor(const AuditEntry& entry)
{
    return Row{
        QString::number(entry.id),
        QDateTime::fromMSecsSinceEpoch(entry.atMs, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
        oneLine(entry.osUser),
        oneLine(entry.via),
        oneLine(entry.action),
        oneLine(entry.target),
        oneLine(entry.summary)};
}

} // namespace

QString AuditTable::render(const std::vector<AuditEntry>& entries)
{
    std::vector<Row> rows;
    rows.reserve(entries.size() + 1);
    rows.push_back(Row{QStringLiteral("ID"), QStringLiteral("TIME (UTC)"), QStringLiteral("USER"),
                       QStringLiteral("VIA"), QStringLiteral("ACTION"), QStringLiteral("TARGET"),
                       QStringLiteral("SUMMARY")});
    for (const AuditEntry& entry : entries) {
        rows.push_back(rowFor(entry));
    }
    std::array<qsizetype, kColumns> widths{};
    for (const Row& row : rows) {
        for (std::size_t c = 0; c < kColumns; ++c) {
            widths[c] = std::max(widths[c], row[c].size());
        }
    }
    QString out;
    for (const Row& row : rows) {
        QString line;
        for (std::size_t c = 0; c < kColumns; ++c) {
            const bool last = c + 1 == kColumns;
            // Numbers read best right-aligned; the last column is not padded (no trailing blanks).
            if (c == 0) {
                line += row[c].rightJustified(widths[c]);
            } else {
                line += last ? row[c] : row[c].leftJustified(widths[c]);
            }
            if (!last) {
                line += QStringLiteral("  ");
            }
        }
        out += line + QLatin1Char('\n');
    }
    return out;
}

} // namespace tessera::cli
