#pragma once

#include "common/Error.h"
#include "crypto/SecretBuffer.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

namespace tessera {

class CommonPasswords;

// One rule a password fails: a stable id for code and tests, and a sentence for people.
struct PolicyViolation
{
    QString ruleId; // "min-length", "max-length", "lowercase", "uppercase", "digit", "contains-username",
                    // "contains-email", "common", "reused"
    QString message;

    friend bool operator==(const PolicyViolation&, const PolicyViolation&) = default;
};

// What the rules need to know about the account the password is for.
struct PasswordContext
{
    QString username;
    QString email;
    // Earlier password hashes (PHC or bcrypt strings), newest first; the policy checks the newest
    // historySize of them. Each check costs a full hash verification, so live-as-you-type feedback
    // should leave this empty and check reuse when the password is saved.
    QStringList previousHashes;
    // Alternative to previousHashes: answers whether the password was one of the last `count` ones.
    std::function<bool(const SecretBuffer& password, int count)> isReused;
    // Null means CommonPasswords::bundled().
    const CommonPasswords* commonPasswords = nullptr;
};

// A vault's password rules, as plain data that round-trips through JSON (stored as a vault setting).
// The defaults are the practice guide's (8-128 characters, a lower-case letter, an upper-case letter, a
// digit) plus the users issue's (no username or email, not common, not one of the last 3).
struct PasswordPolicy
{
    static constexpr int kAbsoluteMaxLength = 1024;
    static constexpr int kMaxHistorySize = 24;
    // Usernames and email local parts shorter than this are not searched for: every password "contains"
    // a one-letter name.
    static constexpr int kMinIdentityLength = 3;

    int minLength = 8;
    int maxLength = 128;
    bool requireLowercase = true;
    bool requireUppercase = true;
    bool requireDigit = true;
    bool forbidUsername = true;
    bool forbidEmail = true;
    bool forbidCommon = true;
    int historySize = 3; // 0 turns the reuse rule off

    static QStringList ruleIds(); // every id, in the order evaluate() reports them

    // Input error when the limits contradict each other or are out of range.
    Status validate() const;
    // Failed rules in ruleIds() order; empty means the password is acceptable. Lengths count Unicode
    // code points; letter and digit classes follow Unicode (so "é" is lower case).
    QList<PolicyViolation> evaluate(const QString& password, const PasswordContext& context = {}) const;
    // One line per rule in force, for help texts ("At least 8 characters", ...).
    QStringList describe() const;

    QJsonObject toJson() const;
    // Missing keys keep their defaults; unknown keys and wrong types are Input errors naming the key.
    static Result<PasswordPolicy> fromJson(const QJsonObject& json);

    friend bool operator==(const PasswordPolicy&, const PasswordPolicy&) = default;
};

} // namespace tessera
