#include "access/AccessNames.h"

namespace tessera {

bool isAccessNameChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9') || u == u'_' || u == u'-';
}

bool isAsciiUpper(QChar c)
{
    return c.unicode() >= u'A' && c.unicode() <= u'Z';
}

QString describeAccessChar(QChar c)
{
    if (c == u' ')
        return QStringLiteral("a space");
    if (c.isPrint())
        return QStringLiteral("'%1'").arg(c);
    return QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QChar(u'0'));
}

QString quoteForMessage(const QString& text)
{
    QString shown;
    shown.reserve(text.size() + 2);
    shown += u'\'';
    for (const QChar c : text) {
        if (c.isPrint() || c == u' ')
            shown += c;
        else
            shown += describeAccessChar(c);
    }
    shown += u'\'';
    return shown;
}

} // namespace tessera
