#include "password/PasswordPolicy.h"

#include "password/CommonPasswords.h"
#include "password/PasswordHasher.h"

#include <QJsonValue>
#include <cmath>

namespace tessera {

namespace {

const QString kMinLengthId = QStringLiteral("min-length");
const QString kMaxLengthId = QStringLiteral("max-length");
const QString kLowercaseId = QStringLiteral("lowercase");
const QString kUppercaseId = QStringLiteral("uppercase");
const QString kDigitId = QStringLiteral("digit");
const QString kUsernameId = QStringLiteral("contains-username");
const QString kEmailId = QStringLiteral("contains-email");
const QString kCommonId = QStringLiteral("common");
const QString kReusedId = QStringLiteral("reused");

// JSON keys.
const QString kMinLengthKey = QStringLiteral("minLength");
const QString kMaxLengthKey = QStringLiteral("maxLength");
const QString kLowercaseKey = QStringLiteral("requireLowercase");
const QString kUppercaseKey = QStringLiteral("requireUppercase");
const QString kDigitKey = QStringLiteral("requireDigit");
const QString kUsernameKey = QStringLiteral("forbidUsername");
const QString kEmailKey = QStringLiteral("forbidEmail");
const QString kCommonKey = QStringLiteral("forbidCommon");
const QString kHistoryKey = QStringLiteral("historySize");

qsizetype codePoints(const QString& text)
{
    qsizetype count = 0;
    for (const QChar c : text) {
        if (!c.isLowSurrogate()) {
            ++count;
        }
    }
    return count;
}

QString emailLocalPart(const QString& email)
{
    const qsizetype at = email.lastIndexOf(u'@');
    return at < 0 ? email : email.first(at);
}

bool containsIdentity(const QString& password, const QString& identity)
{
    return codePoints(identity) >= PasswordPolicy::kMinIdentityLength &&
           password.contains(identity, Qt::CaseInsensitive);
}

bool wasUsedBefore(const QString& password, const PasswordContext& context, int historySize)
{
    if (!context.isReused && context.previousHashes.isEmpty()) {
        return false;
    }
    const SecretBuffer secret = SecretBuffer::fromString(password);
    if (context.isReused) {
        return context.isReused(secret, historySize);
    }
    const qsizetype count = std::min<qsizetype>(historySize, context.previousHashes.size());
    for (qsizetype i = 0; i < count; ++i) {
        // A stored hash that cannot be checked cannot match either; it is not this rule's problem.
        const auto outcome = PasswordHasher::verify(secret, context.previousHashes.at(i));
        if (outcome && outcome->matches) {
            return true;
        }
    }
    return false;
}

Status readInt(const QJsonObject& json, const QString& key, int& out)
{
    if (!json.contains(key)) {
        return {};
    }
    const QJsonValue value = json.value(key);
    const double d = value.toDouble();
    if (!value.isDouble() || !std::isfinite(d) || std::floor(d) != d || d < 0 || d > 1e6) {
        return fail(ErrorKind::Input,
                    QStringLiteral("password policy \"%1\" must be a whole number").arg(key));
    }
    out = static_cast<int>(d);
    return {};
}

Status readBool(const QJsonObject& json, const QString& key, bool& out)
{
    if (!json.contains(key)) {
        return {};
    }
    if (!json.value(key).isBool()) {
        return fail(ErrorKind::Input,
                    QStringLiteral("password policy \"%1\" must be true or false").arg(key));
    }
    out = json.value(key).toBool();
    return {};
}

} // namespace

QStringList PasswordPolicy::ruleIds()
{
    return {kMinLengthId, kMaxLengthId, kLowercaseId, kUppercaseId, kDigitId,
            kUsernameId,  kEmailId,     kCommonId,    kReusedId};
}

Status PasswordPolicy::validate() const
{
    if (minLength < 1 || minLength > kAbsoluteMaxLength) {
        return fail(
            ErrorKind::Input,
            QStringLiteral("minimum password length must be between 1 and %1").arg(kAbsoluteMaxLength));
    }
    if (maxLength < minLength || maxLength > kAbsoluteMaxLength) {
        return fail(ErrorKind::Input,
                    QStringLiteral("maximum password length must be between the minimum (%1) and %2")
                        .arg(minLength)
                        .arg(kAbsoluteMaxLength));
    }
    if (historySize < 0 || historySize > kMaxHistorySize) {
        return fail(ErrorKind::Input,
                    QStringLiteral("password history size must be between 0 and %1").arg(kMaxHistorySize));
    }
    return {};
}

QList<PolicyViolation> PasswordPolicy::evaluate(const QString& password, const PasswordContext& context) const
{
    QList<PolicyViolation> failed;
    const qsizetype length = codePoints(password);
    if (length < minLength) {
        failed.append(
            {kMinLengthId, QStringLiteral("Password must be at least %1 characters").arg(minLength)});
    }
    if (length > maxLength) {
        failed.append(
            {kMaxLengthId, QStringLiteral("Password must not exceed %1 characters").arg(maxLength)});
    }
    bool lower = false;
    bool upper = false;
    bool digit = false;
    for (const QChar c : password) {
        lower = lower || c.isLower();
        upper = upper || c.isUpper();
        digit = digit || c.isDigit();
    }
    if (requireLowercase && !lower) {
        failed.append({kLowercaseId, QStringLiteral("Must contain at least one lowercase letter")});
    }
    if (requireUppercase && !upper) {
        failed.append({kUppercaseId, QStringLiteral("Must contain at least one uppercase letter")});
    }
    if (requireDigit && !digit) {
        failed.append({kDigitId, QStringLiteral("Must contain at least one digit")});
    }
    if (forbidUsername && containsIdentity(password, context.username)) {
        failed.append({kUsernameId, QStringLiteral("Must not contain the username")});
    }
    if (forbidEmail && containsIdentity(password, emailLocalPart(context.email))) {
        failed.append({kEmailId, QStringLiteral("Must not contain the email address")});
    }
    if (forbidCommon) {
        const CommonPasswords& common =
            context.commonPasswords ? *context.commonPasswords : CommonPasswords::bundled();
        if (common.contains(password)) {
            failed.append(
                {kCommonId, QStringLiteral("Is too common: it is on a list of frequently used passwords")});
        }
    }
    if (historySize > 0 && !password.isEmpty() && wasUsedBefore(password, context, historySize)) {
        failed.append(
            {kReusedId, historySize == 1
                            ? QStringLiteral("Must not be the previous password")
                            : QStringLiteral("Must not be one of the last %1 passwords").arg(historySize)});
    }
    return failed;
}

QStringList PasswordPolicy::describe() const
{
    QStringList lines{QStringLiteral("Between %1 and %2 characters").arg(minLength).arg(maxLength)};
    if (requireLowercase) {
        lines.append(QStringLiteral("At least one lowercase letter"));
    }
    if (requireUppercase) {
        lines.append(QStringLiteral("At least one uppercase letter"));
    }
    if (requireDigit) {
        lines.append(QStringLiteral("At least one digit"));
    }
    if (forbidUsername) {
        lines.append(QStringLiteral("Does not contain the username"));
    }
    if (forbidEmail) {
        lines.append(QStringLiteral("Does not contain the email address"));
    }
    if (forbidCommon) {
        lines.append(QStringLiteral("Not a commonly used password"));
    }
    if (historySize == 1) {
        lines.append(QStringLiteral("Not the previous password"));
    } else if (historySize > 1) {
        lines.append(QStringLiteral("Not one of the last %1 passwords").arg(historySize));
    }
    return lines;
}

QJsonObject PasswordPolicy::toJson() const
{
    return QJsonObject{
        {kMinLengthKey, minLength},        {kMaxLengthKey, maxLength}, {kLowercaseKey, requireLowercase},
        {kUppercaseKey, requireUppercase}, {kDigitKey, requireDigit},  {kUsernameKey, forbidUsername},
        {kEmailKey, forbidEmail},          {kCommonKey, forbidCommon}, {kHistoryKey, historySize}};
}

Result<PasswordPolicy> PasswordPolicy::fromJson(const QJsonObject& json)
{
    static const QStringList kKeys{kMinLengthKey, kMaxLengthKey, kLowercaseKey, kUppercaseKey, kDigitKey,
                                   kUsernameKey,  kEmailKey,     kCommonKey,    kHistoryKey};
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (!kKeys.contains(it.key())) {
            return fail(ErrorKind::Input,
                        QStringLiteral("unknown password policy setting \"%1\"").arg(it.key()));
        }
    }
    PasswordPolicy policy;
    for (const Status& status :
         {readInt(json, kMinLengthKey, policy.minLength), readInt(json, kMaxLengthKey, policy.maxLength),
          readBool(json, kLowercaseKey, policy.requireLowercase),
          readBool(json, kUppercaseKey, policy.requireUppercase),
          readBool(json, kDigitKey, policy.requireDigit), readBool(json, kUsernameKey, policy.forbidUsername),
          readBool(json, kEmailKey, policy.forbidEmail), readBool(json, kCommonKey, policy.forbidCommon),
          readInt(json, kHistoryKey, policy.historySize)}) {
        if (!status) {
            return std::unexpected(status.error());
        }
    }
    if (auto valid = policy.validate(); !valid) {
        return std::unexpected(valid.error());
    }
    return policy;
}

} // namespace tessera
