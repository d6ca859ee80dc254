#pragma once

#include <QString>

namespace tessera {

// A rough guess at how hard a password is to guess, for the strength meter. It rewards length and
// variety and penalises repeats and runs; it is advice, not a policy (policies come with users).
struct PasswordStrength
{
    enum class Level { Empty, VeryWeak, Weak, Fair, Strong, VeryStrong };
    double bits = 0.0;
    Level level = Level::Empty;

    static PasswordStrength estimate(const QString& password);
    QString label() const;
};

} // namespace tessera
