#include "identity/JsonLineScanner.h"

#include <QSet>
#include <algorithm>

namespace tessera {

namespace {

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

} // namespace

int JsonLineScanner::lineAt(QByteArrayView text, qsizetype offset)
{
    int line = 1;
    const qsizetype end = std::min(offset, text.size());
    for (qsizetype i = 0; i < end; ++i) {
        const char c = text[i];
        if (c == '\n' || (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
            ++line;
        }
    }
    return line;
}

JsonLineScanner::Lines JsonLineScanner::scan(QByteArrayView json, const QStringList& arrayKeys)
{
    Lines lines;
    QSet<QString> seenKeys;
    int line = 1;
    int depth = 0;          // 1 = inside the top-level object
    bool expectKey = false; // at depth 1: the next string is a key, not a value
    QString lastKey;        // the depth-1 key whose value comes next
    QString activeKey;      // the watched array we are inside (its elements are at depth 2), or empty
    bool expectElement = false;

    const qsizetype n = json.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char c = json[i];
        if (c == '\n' || (c == '\r' && (i + 1 >= n || json[i + 1] != '\n'))) {
            ++line;
        }
        if (isJsonSpace(c)) {
            continue;
        }
        if (!activeKey.isEmpty() && depth == 2 && expectElement && c != ']') {
            lines.elementLines[activeKey].append(
                line); // the first byte of the element, whatever kind of value it is
            expectElement = false;
        }
        switch (c) {
        case '"': {
            const qsizetype start = i + 1;
            ++i;
            while (i < n && json[i] != '"') {
                if (json[i] == '\\') {
                    ++i; // the escaped character, which may be a quote
                }
                ++i;
            }
            if (depth == 1 && expectKey) {
                // Keys are compared raw; a key spelt with \u escapes simply is not found here, and its
                // lines fall back to the object's line.
                lastKey = QString::fromUtf8(json.sliced(start, std::min(i, n) - start));
                if (seenKeys.contains(lastKey) && !lines.repeatedKeys.contains(lastKey)) {
                    lines.repeatedKeys.append(lastKey);
                }
                seenKeys.insert(lastKey);
                expectKey = false;
            }
            break;
        }
        case '{':
        case '[':
            ++depth;
            if (depth == 1 && c == '{') {
                lines.objectLine = line;
                expectKey = true;
            } else if (depth == 2 && c == '[' && arrayKeys.contains(lastKey)) {
                activeKey = lastKey;
                lines.elementLines[activeKey].clear(); // a repeated key is a problem anyway; keep the last
                expectElement = true;
            }
            break;
        case '}':
        case ']':
            if (depth == 2) {
                activeKey.clear();
                expectElement = false;
            }
            --depth;
            break;
        case ',':
            if (depth == 1) {
                expectKey = true;
            } else if (depth == 2 && !activeKey.isEmpty()) {
                expectElement = true;
            }
            break;
        default:
            break; // ':' and the letters and digits of literals
        }
    }
    return lines;
}

} // namespace tessera
