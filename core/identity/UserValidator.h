#pragma once

#include "common/Error.h"

#include <QString>

namespace tessera {

// Field rules for accounts: usernames of 1-64 letters, digits and . _ - @ (unique ignoring case),
// plausible email addresses, attribute names.
class UserValidator
{
public:
    static constexpr qsizetype kMaxUsername = 64;
    static Status username(const QString& username);
    static Status email(const QString& email); // empty is allowed (no email)
    static Status attributeName(const QString& name);
    // The key under which uniqueness is enforced.
    static QString usernameKey(const QString& username) { return username.toCaseFolded(); }
};

} // namespace tessera
