#include "mfa/MfaService.h"

#include "access/Permission.h"
#include "crypto/SecretBox.h"
#include "crypto/SubkeyDeriver.h"
#include "identity/Directory.h"
#include "totp/OtpAuthUri.h"
#include "totp/Totp.h"
#include "totp/TotpVerifier.h"
#include "vault/Transaction.h"
#include "vault/Vault.h"

namespace tessera {

namespace {

constexpr QLatin1StringView kPolicyKey("mfa.policy");

QString describe(OtpAlgorithm algorithm, int digits, int period)
{
    return QStringLiteral("%1, %2 digits, %3 s").arg(otpAlgorithmName(algorithm)).arg(digits).arg(period);
}

// The TOTP settings of a stored enrolment with the vault's current look-around window: the algorithm,
// digits and period belong to the authenticator app, the window is the vault's policy.
OtpPolicy enrolmentPolicy(const TotpEnrolmentRecord& record, int window)
{
    OtpPolicy policy;
    policy.algorithm = record.algorithm;
    policy.digits = record.digits;
    policy.period = record.period;
    policy.window = window;
    return policy;
}

// A code an authenticator app shows: the policy's number of ASCII digits, spaces allowed.
bool looksLikeTotp(QStringView code, int digits)
{
    int count = 0;
    for (const QChar c : code) {
        if (c == QLatin1Char(' ')) {
            continue;
        }
        if (c < QLatin1Char('0') || c > QLatin1Char('9')) {
            return false;
        }
        ++count;
    }
    return count == digits;
}

} // namespace

MfaService::MfaService(Directory& directory) : m_directory(&directory), m_store(directory.vault().database()) {}

Result<MfaService> MfaService::open(Directory& directory)
{
    MfaService service(directory);
    TESSERA_TRY_ASSIGN(json, directory.jsonSetting(kPolicyKey));
    if (json) {
        auto policy = MfaPolicy::fromJson(*json);
        if (!policy) {
            return fail(ErrorKind::Corrupt,
                        QStringLiteral("the vault setting %1 is invalid: %2").arg(kPolicyKey, policy.error().message));
        }
        service.m_policy = *policy;
    }
    return service;
}

Status MfaService::setPolicy(const MfaPolicy& policy)
{
    TESSERA_TRY(policy.validate());
    MfaPolicy cleaned = policy;
    cleaned.issuer = cleaned.issuer.trimmed();
    std::sort(cleaned.requiredFor.begin(), cleaned.requiredFor.end());
    cleaned.requiredFor.removeDuplicates();
    const QList<Permission> catalog = m_directory->permissions();
    for (const QString& name : cleaned.requiredFor) {
        TESSERA_TRY_ASSIGN(permission, Permission::parse(name));
        if (!permission.isWildcard() && !catalog.contains(permission)) {
            return fail(ErrorKind::NotFound, QStringLiteral("no permission named '%1'").arg(name));
        }
    }
    TESSERA_TRY(m_directory->writeSetting(kPolicyKey, cleaned.toJson()));
    m_policy = cleaned;
    return {};
}

bool MfaService::isRequired(const QString& username) const
{
    for (const QString& name : m_policy.requiredFor) {
        const auto permission = Permission::parse(name);
        if (permission && m_directory->check(username, *permission)) {
            return true;
        }
    }
    return false;
}

Result<MfaStatus> MfaService::status(const QString& username)
{
    TESSERA_TRY_ASSIGN(userId, m_directory->requireUserId(username));
    MfaStatus status;
    TESSERA_TRY_ASSIGN(record, m_store.enrolment(userId));
    if (record) {
        status.state = record->confirmed ? MfaState::Active : MfaState::Pending;
        status.algorithm = record->algorithm;
        status.digits = record->digits;
        status.period = record->period;
        status.enrolledMs = record->createdMs;
        status.confirmedMs = record->confirmedMs;
    }
    TESSERA_TRY_ASSIGN(codes, m_store.backupCodes(userId));
    status.backupCodesTotal = static_cast<int>(codes.size());
    status.backupCodesRemaining = static_cast<int>(BackupCodes::remaining(codes));
    status.required = isRequired(username);
    return status;
}

Result<QHash<qint64, MfaStatus>> MfaService::statuses()
{
    TESSERA_TRY_ASSIGN(counts, m_store.counts());
    QHash<qint64, MfaStatus> statuses;
    statuses.reserve(counts.size());
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        MfaStatus& status = statuses[it.key()];
        status.state = !it->enrolled ? MfaState::Off : it->confirmed ? MfaState::Active : MfaState::Pending;
        status.backupCodesTotal = it->backupTotal;
        status.backupCodesRemaining = it->backupRemaining;
    }
    if (!m_policy.requiredFor.isEmpty()) {
        TESSERA_TRY_ASSIGN(users, m_store.users());
        for (const auto& [id, username] : users) {
            if (isRequired(username)) {
                statuses[id].required = true;
            }
        }
    }
    return statuses;
}

Result<SecretBuffer> MfaService::openSeed(const TotpEnrolmentRecord& record) const
{
    const SecretBuffer key = m_directory->vault().subkey(SubkeyPurpose::TotpSeeds);
    auto seed = SecretBox::open(key, record.sealedSecret);
    if (!seed) {
        return fail(ErrorKind::Corrupt, QStringLiteral("a stored authenticator seed does not decrypt"));
    }
    return std::move(*seed);
}

Result<TotpEnrolment> MfaService::enrol(const QString& username)
{
    TESSERA_TRY_ASSIGN(user, m_directory->user(username));
    TESSERA_TRY_ASSIGN(existing, m_store.enrolment(user.id));
    if (existing && existing->confirmed) {
        return fail(ErrorKind::Conflict,
                    QStringLiteral("%1 already has an active authenticator; reset it first").arg(user.username));
    }
    TotpEnrolment enrolment;
    enrolment.username = user.username;
    enrolment.issuer = m_policy.issuer;
    enrolment.policy = m_policy.totp;
    enrolment.secret = Totp::generateSecret();

    OtpAuthUri uri;
    uri.type = OtpType::Totp;
    uri.issuer = m_policy.issuer;
    uri.accountName = user.username;
    uri.secret = enrolment.secret.clone();
    uri.algorithm = m_policy.totp.algorithm;
    uri.digits = m_policy.totp.digits;
    uri.period = m_policy.totp.period;
    TESSERA_TRY_ASSIGN(text, uri.toUri());
    enrolment.uri = std::move(text);

    TotpEnrolmentRecord record;
    record.userId = user.id;
    record.sealedSecret = SecretBox::seal(m_directory->vault().subkey(SubkeyPurpose::TotpSeeds), enrolment.secret);
    record.algorithm = m_policy.totp.algorithm;
    record.digits = m_policy.totp.digits;
    record.period = m_policy.totp.period;
    record.createdMs = m_directory->vault().clock().nowMs();

    TESSERA_TRY_ASSIGN(tx, Transaction::begin(m_directory->vault().database()));
    TESSERA_TRY(m_store.saveEnrolment(record));
    QString summary = QStringLiteral("authenticator enrolment started (%1); waiting for a first code")
                          .arg(describe(record.algorithm, record.digits, record.period));
    if (existing) {
        summary += QStringLiteral("; replaces an unconfirmed enrolment");
    }
    TESSERA_TRY(m_directory->audit(QStringLiteral("mfa.enrol"), user.username, summary));
    TESSERA_TRY(tx.commit());
    return enrolment;
}

Status MfaService::confirm(const QString& username, QStringView code)
{
    TESSERA_TRY_ASSIGN(user, m_directory->user(username));
    TESSERA_TRY_ASSIGN(record, m_store.enrolment(user.id));
    if (!record) {
        return fail(ErrorKind::NotFound, QStringLiteral("%1 has no authenticator to confirm; enrol one first")
                                             .arg(user.username));
    }
    if (record->confirmed) {
        return fail(ErrorKind::Conflict, QStringLiteral("%1's authenticator is already active").arg(user.username));
    }
    TESSERA_TRY_ASSIGN(seed, openSeed(*record));
    const Clock& clock = m_directory->vault().clock();
    TESSERA_TRY_ASSIGN(verifier, TotpVerifier::create(seed, enrolmentPolicy(*record, m_policy.totp.window), clock));
    TESSERA_TRY_ASSIGN(check, verifier.verify(code, record->lastStep));
    if (!check.accepted()) {
        return fail(ErrorKind::Input, QStringLiteral("the code does not match; check the authenticator's time and "
                                                     "enter the code it shows now"));
    }
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(m_directory->vault().database()));
    TESSERA_TRY(m_store.confirmEnrolment(user.id, clock.nowMs(), check.step));
    TESSERA_TRY(m_directory->audit(QStringLiteral("mfa.confirm"), user.username,
                                   QStringLiteral("authenticator confirmed (%1); second factor active")
                                       .arg(describe(record->algorithm, record->digits, record->period))));
    return tx.commit();
}

Status MfaService::reset(const QString& username)
{
    TESSERA_TRY_ASSIGN(user, m_directory->user(username));
    TESSERA_TRY_ASSIGN(record, m_store.enrolment(user.id));
    TESSERA_TRY_ASSIGN(codes, m_store.backupCodes(user.id));
    if (!record && codes.isEmpty()) {
        return fail(ErrorKind::NotFound, QStringLiteral("%1 has no authenticator or backup codes").arg(user.username));
    }
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(m_directory->vault().database()));
    TESSERA_TRY(m_store.deleteEnrolment(user.id));
    TESSERA_TRY(m_store.deleteBackupCodes(user.id));
    const QString what = !record ? QStringLiteral("no authenticator")
                         : record->confirmed ? QStringLiteral("active authenticator")
                                             : QStringLiteral("pending authenticator");
    TESSERA_TRY(m_directory->audit(QStringLiteral("mfa.reset"), user.username,
                                   QStringLiteral("second factor reset: %1 and %2 backup codes removed")
                                       .arg(what)
                                       .arg(codes.size())));
    return tx.commit();
}

Result<QStringList> MfaService::generateBackupCodes(const QString& username, int count)
{
    TESSERA_TRY_ASSIGN(user, m_directory->user(username));
    TESSERA_TRY_ASSIGN(record, m_store.enrolment(user.id));
    if (!record || !record->confirmed) {
        return fail(ErrorKind::Conflict, QStringLiteral("%1 has no active authenticator; backup codes back one up, "
                                                        "so enrol and confirm an authenticator first")
                                             .arg(user.username));
    }
    if (count < 1 || count > BackupCodes::kMaxCount) {
        return fail(ErrorKind::Usage,
                    QStringLiteral("the number of backup codes must be 1 to %1, not %2").arg(BackupCodes::kMaxCount).arg(count));
    }
    TESSERA_TRY_ASSIGN(earlier, m_store.backupCodes(user.id));
    TESSERA_TRY_ASSIGN(set, BackupCodes::generate(m_directory->vault().subkey(SubkeyPurpose::BackupCodes), count));
    TESSERA_TRY_ASSIGN(tx, Transaction::begin(m_directory->vault().database()));
    TESSERA_TRY(m_store.replaceBackupCodes(user.id, set.stored, m_directory->vault().clock().nowMs()));
    QString summary = QStringLiteral("%1 backup codes generated").arg(count);
    if (!earlier.isEmpty()) {
        summary += QStringLiteral("; the earlier set (%1 unused) no longer works").arg(BackupCodes::remaining(earlier));
    }
    TESSERA_TRY(m_directory->audit(QStringLiteral("mfa.backup-codes"), user.username, summary));
    TESSERA_TRY(tx.commit());
    return set.codes;
}

Result<bool> MfaService::hasActiveAuthenticator(qint64 userId)
{
    TESSERA_TRY_ASSIGN(record, m_store.enrolment(userId));
    return record && record->confirmed;
}

Result<SecondFactorCheck> MfaService::check(qint64 userId, QStringView code)
{
    SecondFactorCheck result;
    TESSERA_TRY_ASSIGN(record, m_store.enrolment(userId));
    if (!record || !record->confirmed) {
        return result;
    }
    if (looksLikeTotp(code, record->digits)) {
        result.method = SecondFactorCheck::Method::Totp;
        TESSERA_TRY_ASSIGN(seed, openSeed(*record));
        TESSERA_TRY_ASSIGN(verifier, TotpVerifier::create(seed, enrolmentPolicy(*record, m_policy.totp.window),
                                                          m_directory->vault().clock()));
        TESSERA_TRY_ASSIGN(check, verifier.verify(code, record->lastStep));
        switch (check.outcome) {
        case TotpOutcome::Accepted:
            TESSERA_TRY(m_store.setLastStep(userId, check.step));
            result.outcome = SecondFactorCheck::Outcome::Accepted;
            break;
        case TotpOutcome::Replayed:
            result.outcome = SecondFactorCheck::Outcome::Replayed;
            break;
        case TotpOutcome::Rejected:
            result.outcome = SecondFactorCheck::Outcome::Rejected;
            break;
        }
        return result;
    }
    result.method = SecondFactorCheck::Method::BackupCode;
    // Only this path reads the codes: a TOTP sign-in, the common one, needs no count of them.
    TESSERA_TRY_ASSIGN(codes, m_store.backupCodes(userId));
    result.backupCodesRemaining = static_cast<int>(BackupCodes::remaining(codes));
    TESSERA_TRY_ASSIGN(index, BackupCodes::findUnused(m_directory->vault().subkey(SubkeyPurpose::BackupCodes), code, codes));
    if (index) {
        TESSERA_TRY(m_store.markBackupCodeUsed(userId, *index, m_directory->vault().clock().nowMs()));
        result.outcome = SecondFactorCheck::Outcome::Accepted;
        result.backupCodesRemaining -= 1;
    }
    return result;
}

Result<QString> MfaService::currentCodeForTesting(const QString& username)
{
    TESSERA_TRY_ASSIGN(userId, m_directory->requireUserId(username));
    TESSERA_TRY_ASSIGN(record, m_store.enrolment(userId));
    if (!record) {
        return fail(ErrorKind::NotFound, QStringLiteral("%1 has no authenticator").arg(username));
    }
    TESSERA_TRY_ASSIGN(seed, openSeed(*record));
    return Totp::code(seed, m_directory->vault().clock().nowSecs(), record->digits, record->period, record->algorithm);
}

} // namespace tessera
