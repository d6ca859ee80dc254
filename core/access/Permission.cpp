#include "access/Permission.h"

#include "access/AccessNames.h"

namespace tessera {

namespace {

constexpr QStringView kWildcardText = u"admin:all";

} // namespace

Result<Permission> Permission::parse(const QString& text)
{
    if (text.isEmpty())
        return fail(ErrorKind::Input,
                    QStringLiteral("permission must not be empty; expected action:resource, "
                                   "e.g. read:posts"));
    if (text.size() > kMaxLength)
        return fail(ErrorKind::Input,
                    QStringLiteral("permission is longer than %1 characters").arg(kMaxLength));
    const QString name = QStringLiteral("permission %1").arg(quoteForMessage(text));
    const qsizetype colons = text.count(u':');
    if (colons == 0)
        return fail(ErrorKind::Input,
                    QStringLiteral("%1 has no colon; expected action:resource, e.g. read:posts").arg(name));
    if (colons > 1)
        return fail(
            ErrorKind::Input,
            QStringLiteral("%1 must have exactly one colon (found %2)").arg(name, QString::number(colons)));
    const qsizetype colon = text.indexOf(u':');
    if (colon == 0)
        return fail(ErrorKind::Input, QStringLiteral("%1 has an empty action before the colon").arg(name));
    if (colon == text.size() - 1)
        return fail(ErrorKind::Input, QStringLiteral("%1 has an empty resource after the colon").arg(name));
    // Case is reported on its own: "Read:Posts" is the likeliest mistake and deserves the plainest message.
    for (const QChar c : text) {
        if (isAsciiUpper(c))
            return fail(ErrorKind::Input, QStringLiteral("%1 must be lower-case").arg(name));
    }
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c != u':' && !isAccessNameChar(c))
            return fail(ErrorKind::Input,
                        QStringLiteral("%1 contains %2 at position %3; only lower-case letters a-z, digits, "
                                       "'_' and '-' are allowed on either side of the colon")
                            .arg(name, describeAccessChar(c), QString::number(i + 1)));
    }
    return Permission(text, colon);
}

Permission Permission::wildcard()
{
    return Permission(kWildcardText.toString(), kWildcardText.indexOf(u':'));
}

bool Permission::isWildcard() const
{
    return QStringView(m_text) == kWildcardText;
}

} // namespace tessera
