#include "crypto/PasswordStrength.h"

#include <QSet>

#include <cmath>

namespace tessera {

PasswordStrength PasswordStrength::estimate(const QString& password)
{
    PasswordStrength result;
    if (password.isEmpty()) {
        return result;
    }
    bool lower = false, upper = false, digit = false, symbol = false, other = false;
    for (const QChar c : password) {
        if (c.unicode() > 127) {
            other = true;
        } else if (c.isLower()) {
            lower = true;
        } else if (c.isUpper()) {
            upper = true;
        } else if (c.isDigit()) {
            digit = true;
        } else {
            symbol = true;
        }
    }
    const int pool = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (symbol ? 33 : 0) + (other ? 100 : 0);
    // Each character adds full entropy only if it is neither a repeat nor the next step of a run.
    double effective = 0.0;
    for (qsizetype i = 0; i < password.size(); ++i) {
        if (i > 0) {
            const int delta = password.at(i).unicode() - password.at(i - 1).unicode();
            if (delta == 0 || delta == 1 || delta == -1) {
                effective += 0.25;
                continue;
            }
        }
        effective += 1.0;
    }
    const QSet<QChar> distinct(password.begin(), password.end());
    if (distinct.size() <= 2) {
        effective = std::min(effective, 2.0);
    }
    result.bits = effective * std::log2(static_cast<double>(std::max(pool, 2)));
    if (result.bits < 28) {
        result.level = Level::VeryWeak;
    } else if (result.bits < 40) {
        result.level = Level::Weak;
    } else if (result.bits < 60) {
        result.level = Level::Fair;
    } else if (result.bits < 90) {
        result.level = Level::Strong;
    } else {
        result.level = Level::VeryStrong;
    }
    return result;
}

QString PasswordStrength::label() const
{
    switch (level) {
    case Level::Empty: return QStringLiteral("Empty");
    case Level::VeryWeak: return QStringLiteral("Very weak");
    case Level::Weak: return QStringLiteral("Weak");
    case Level::Fair: return QStringLiteral("Fair");
    case Level::Strong: return QStringLiteral("Strong");
    case Level::VeryStrong: return QStringLiteral("Very strong");
    }
    return {};
}

} // namespace tessera
