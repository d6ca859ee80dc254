#include "identity/ImportFieldRules.h"

#include "access/RoleGraph.h"
#include "password/PasswordHasher.h"

#include <QDateTime>
#include <QTimeZone>

namespace tessera {

QStringList ImportFieldRules::splitList(const QString& text)
{
    QStringList items;
    for (const QStringView part : QStringView(text).split(u';')) {
        const QStringView trimmed = part.trimmed();
        if (!trimmed.isEmpty()) {
            items.append(trimmed.toString());
        }
    }
    return items;
}

Result<bool> ImportFieldRules::disabledFromStatus(const QString& status)
{
    const QString folded = status.trimmed().toCaseFolded();
    if (folded.isEmpty() || folded == u"active") {
        return false;
    }
    if (folded == u"disabled") {
        return true;
    }
    return fail(ErrorKind::Input, QStringLiteral("'%1' is not a status; use active or disabled").arg(status));
}

QString ImportFieldRules::statusText(bool disabled)
{
    return disabled ? QStringLiteral("disabled") : QStringLiteral("active");
}

Result<bool> ImportFieldRules::flag(const QString& text)
{
    const QString folded = text.trimmed().toCaseFolded();
    if (folded.isEmpty() || folded == u"false" || folded == u"0" || folded == u"no") {
        return false;
    }
    if (folded == u"true" || folded == u"1" || folded == u"yes") {
        return true;
    }
    return fail(ErrorKind::Input,
                QStringLiteral("'%1' is not a yes/no value; use true, false, 1, 0, yes or no").arg(text));
}

Result<qint64> ImportFieldRules::createdMs(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        return 0;
    }
    const auto refused = [&text] {
        return fail(ErrorKind::Input, QStringLiteral("'%1' is not an ISO 8601 date or date-time (e.g. "
                                                     "2024-05-01 or 2024-05-01T09:12:44Z)")
                                          .arg(text));
    };
    if (trimmed.size() == 10) {
        const QDate date = QDate::fromString(trimmed, Qt::ISODate);
        if (!date.isValid()) {
            return refused();
        }
        return QDateTime(date, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    }
    QDateTime time = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!time.isValid() || !trimmed.contains(u'T')) {
        return refused();
    }
    // Without an offset Qt reads local time; a file must mean the same on every machine, so UTC.
    if (time.timeSpec() == Qt::LocalTime) {
        time = QDateTime(time.date(), time.time(), QTimeZone::utc());
    }
    return time.toMSecsSinceEpoch();
}

QString ImportFieldRules::createdText(qint64 ms)
{
    if (ms == 0) {
        return {};
    }
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODateWithMs);
}

Status ImportFieldRules::passwordHash(const QString& encoded)
{
    if (auto format = PasswordHasher::detectFormat(encoded); !format) {
        return std::unexpected(format.error());
    }
    // needsRehash parses the PHC string or checks the bcrypt layout, and never hashes.
    if (auto parsed = PasswordHasher::needsRehash(encoded); !parsed) {
        return std::unexpected(parsed.error());
    }
    return {};
}

Result<QStringList> ImportFieldRules::roleNames(const QStringList& names)
{
    QStringList unique;
    for (const QString& name : names) {
        if (auto valid = RoleGraph::validateRoleName(name); !valid) {
            return std::unexpected(valid.error());
        }
        if (!unique.contains(name)) {
            unique.append(name);
        }
    }
    return unique;
}

Result<QList<Permission>> ImportFieldRules::permissions(const QStringList& texts)
{
    QList<Permission> parsed;
    for (const QString& text : texts) {
        auto permission = Permission::parse(text);
        if (!permission) {
            return std::unexpected(permission.error());
        }
        if (!parsed.contains(*permission)) {
            parsed.append(*permission);
        }
    }
    return parsed;
}

bool ImportFieldRules::isValidUtf8(QByteArrayView bytes)
{
    // Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        unsigned char low = 0x80;
        unsigned char high = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            if (c == 0xE0) {
                low = 0xA0;
            } else if (c == 0xED) {
                high = 0x9F;
            }
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            if (c == 0xF0) {
                low = 0x90;
            } else if (c == 0xF4) {
                high = 0x8F;
            }
        } else {
            return false;
        }
        if (i + extra >= n) { // truncated sequence
            return false;
        }
        if (p[i + 1] < low || p[i + 1] > high) {
            return false;
        }
        for (int k = 2; k <= extra; ++k) {
            if (p[i + k] < 0x80 || p[i + k] > 0xBF) {
                return false;
            }
        }
        i += extra + 1;
    }
    return true;
}

} // namespace tessera
