#include "identity/UserValidator.h"

#include <QRegularExpression>

namespace tessera {

Status UserValidator::username(const QString& username)
{
    if (username.isEmpty()) {
        return fail(ErrorKind::Input, QStringLiteral("the username is empty"));
    }
    if (username.size() > kMaxUsername) {
        return fail(ErrorKind::Input, QStringLiteral("the username '%1…' is longer than %2 characters")
                                          .arg(username.left(16))
                                          .arg(kMaxUsername));
    }
    for (const QChar c : username) {
        const bool allowed = c.isLetterOrNumber() || c == u'.' || c == u'_' || c == u'-' || c == u'@';
        if (!allowed) {
            const QString shown = c.isPrint() && !c.isSpace() ? QString(c) : QStringLiteral("U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            return fail(ErrorKind::Input,
                        QStringLiteral("the username '%1' contains '%2'; use letters, digits and . _ - @ only")
                            .arg(username, shown));
        }
    }
    return {};
}

Status UserValidator::email(const QString& email)
{
    if (email.isEmpty()) {
        return {};
    }
    // Deliberately modest: one @, a non-empty local part, a dotted domain, no spaces or control characters.
    static const QRegularExpression pattern(
        QStringLiteral(R"(^[^@\s\x00-\x1f]{1,64}@[^@\s\x00-\x1f.]+(\.[^@\s\x00-\x1f.]+)+$)"));
    if (email.size() > 254 || !pattern.match(email).hasMatch()) {
        return fail(ErrorKind::Input, QStringLiteral("'%1' is not a valid email address").arg(email));
    }
    return {};
}

Status UserValidator::attributeName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^[A-Za-z0-9_.:-]{1,64}$)"));
    if (!pattern.match(name).hasMatch()) {
        return fail(ErrorKind::Input,
                    QStringLiteral("attribute name '%1' must be 1-64 letters, digits or _ . : -").arg(name));
    }
    return {};
}

} // namespace tessera
