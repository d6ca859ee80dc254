#pragma once

#include "common/Error.h"

#include <QHashFunctions>
#include <QString>

namespace tessera {

// A permission string `action:resource`, e.g. `read:posts`. Both parts are lower-case ASCII letters,
// digits, `_` or `-`, non-empty, with exactly one colon between them. `admin:all` is the wildcard: it
// grants every permission. A Permission can only be made by parse(), so one that exists is valid
// (a default-constructed one is null and never granted).
class Permission
{
public:
    static constexpr qsizetype kMaxLength = 128;

    Permission() = default;

    // The message names what is wrong, e.g. "permission 'Read:Posts' must be lower-case".
    static Result<Permission> parse(const QString& text);
    static Permission wildcard(); // admin:all

    bool isNull() const { return m_text.isEmpty(); }
    bool isWildcard() const;
    // True when holding this permission grants `other`: the same permission, or the wildcard.
    bool covers(const Permission& other) const { return isWildcard() || *this == other; }

    const QString& toString() const { return m_text; }
    QString action() const { return m_text.left(m_colon); }
    QString resource() const { return m_text.mid(m_colon + 1); }

    friend bool operator==(const Permission& a, const Permission& b) { return a.m_text == b.m_text; }
    friend bool operator<(const Permission& a, const Permission& b) { return a.m_text < b.m_text; }

private:
    Permission(QString text, qsizetype colon) : m_text(std::move(text)), m_colon(colon) {}

    QString m_text;
    qsizetype m_colon = 0;
};

inline size_t qHash(const Permission& permission, size_t seed = 0) noexcept
{
    return qHash(permission.toString(), seed);
}

} // namespace tessera
