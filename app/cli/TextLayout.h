#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <utility>

namespace tessera::cli {

// Plain-text output for people: aligned label/value blocks and tables.
class TextLayout
{
public:
    // "Label:   value" lines with the values aligned; an empty value leaves just the label.
    static QString labelled(const QList<std::pair<QString, QString>>& rows);
    // Aligned columns with a header row; control characters become spaces so a row stays one line.
    static QString table(const QStringList& headers, const QList<QStringList>& rows);
    // Control characters (a newline in a user's notes, say) replaced by spaces.
    static QString oneLine(QString text);
};

} // namespace tessera::cli
