#pragma once

#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace tessera {

// QJsonDocument says nothing about where a value stood in the text, but an import problem must name a
// line. This scans the raw bytes of a document that QJsonDocument has already accepted (so the syntax
// is known to be sound) and finds where the top-level object starts and where each element of chosen
// top-level arrays ("users", "roles") starts. It tracks only strings (with their escapes) and nesting
// depth: nothing is decoded, nothing is copied.
class JsonLineScanner
{
public:
    struct Lines
    {
        int objectLine = 1;                      // line of the top-level '{'
        QHash<QString, QList<int>> elementLines; // key -> start line of element 0, 1, ...
        QStringList repeatedKeys;                // top-level keys that appear more than once
    };

    static Lines scan(QByteArrayView json, const QStringList& arrayKeys);

    // 1-based line of a byte offset; LF, CRLF and a lone CR each end a line.
    static int lineAt(QByteArrayView text, qsizetype offset);
};

} // namespace tessera
