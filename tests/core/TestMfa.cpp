// The second factor against a real vault: enrolment pending until confirmed, seeds sealed at rest,
// the +/-1 step window and replay refusal on an injected clock, the two-step sign-in with its lockout
// counting, single-use backup codes, reset, and the vault's MFA policy.
#include "DirectoryFixture.h"
#include "TestVault.h"
#include "audit/AuditLog.h"
#include "common/Clock.h"
#include "crypto/CryptoRuntime.h"
#include "identity/Directory.h"
#include "identity/SignInService.h"
#include "mfa/MfaService.h"
#include "totp/Base32.h"
#include "totp/OtpAuthUri.h"
#include "totp/Totp.h"
#include "vault/Database.h"
#include "vault/Statement.h"
#include "vault/Vault.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace tessera;
using namespace tessera::test;

namespace {

const char* kUserPassword = "Sunflower-Orbit-42";
constexpr qint64 kStartMs = 1'800'000'010'000; // 10 s into a 30 s step

QString errorText(const Error& error)
{
    return error.message;
}

} // namespace

class TestMfa : public QObject, public DirectoryFixture
{
    Q_OBJECT

public:
    TestMfa() : DirectoryFixture(kStartMs) {}

private:
    void addUser(const QString& name, const QStringList& roles = {QStringLiteral("viewer")})
    {
        NewUser user;
        user.username = name;
        user.roles = roles;
        user.mustChangePassword = false;
        const SecretBuffer secret = SecretBuffer::fromBytes(kUserPassword);
        auto added = m_directory->addUser(user, &secret);
        QVERIFY2(added.has_value(), qPrintable(added ? QString() : added.error().message));
    }

    MfaService& mfa() { return m_directory->mfa(); }

    // Enrols and confirms `name`; returns the seed.
    SecretBuffer activate(const QString& name)
    {
        auto enrolment = mfa().enrol(name);
        if (!enrolment) {
            qWarning("enrol: %s", qPrintable(enrolment.error().message));
            return {};
        }
        const QString code = *Totp::code(enrolment->secret, m_clock.nowSecs(), enrolment->policy);
        if (auto ok = mfa().confirm(name, code); !ok) {
            qWarning("confirm: %s", qPrintable(ok.error().message));
            return {};
        }
        return std::move(enrolment->secret);
    }

    QString codeAt(const SecretBuffer& seed, int stepOffset)
    {
        return *Totp::code(seed, m_clock.nowSecs() + stepOffset * 30, 6, 30, OtpAlgorithm::Sha1);
    }

    // The codes the default policy's window (one step either side) accepts now.
    QStringList windowCodes(const SecretBuffer& seed)
    {
        return {codeAt(seed, -1), codeAt(seed, 0), codeAt(seed, 1)};
    }

    // A well-formed code that none of those is, so it is wrong whatever the random seed came out as.
    QString wrongCode(const SecretBuffer& seed)
    {
        const QStringList accepted = windowCodes(seed);
        QString code = QStringLiteral("000000");
        for (char digit = '1'; accepted.contains(code); ++digit) {
            code.fill(QLatin1Char(digit));
        }
        return code;
    }

    SignInResult signIn(const QString& name, std::optional<QString> code = std::nullopt,
                        const char* pw = kUserPassword)
    {
        SignInService service(*m_directory);
        auto result = service.signIn(name, SecretBuffer::fromBytes(pw), code);
        if (!result) {
            qWarning("%s", qPrintable(result.error().message));
            return {};
        }
        return *result;
    }

    int failedLogins(const QString& name) { return m_directory->user(name)->failedLogins; }

    QString lastAudit()
    {
        const auto entries = m_vault->audit().list();
        // Newest first.
        return entries->empty() ? QString() : entries->front().action + QLatin1Char(' ') + entries->front().summary;
    }

    // Every value of every row of every table, as bytes: what a dump of the decrypted database shows.
    QByteArray dumpTables()
    {
        Database& db = m_vault->database();
        QStringList tables;
        {
            auto stmt = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'");
            while (*stmt->step()) {
                tables << stmt->columnText(0);
            }
        }
        QByteArray dump;
        for (const QString& table : tables) {
            const QByteArray sql = "SELECT * FROM \"" + table.toUtf8() + "\"";
            auto stmt = db.prepare(sql.constData());
            while (*stmt->step()) {
                for (int c = 0; c < stmt->columnCount(); ++c) {
                    dump += stmt->columnBlob(c) + '\n';
                }
            }
        }
        return dump;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(CryptoRuntime::initialise());
    }

    void init() { openFresh(); }

    void enrolmentIsPendingUntilAFirstValidCode()
    {
        addUser(QStringLiteral("alice"));
        QCOMPARE(mfa().status(QStringLiteral("alice"))->state, MfaState::Off);
        auto enrolment = mfa().enrol(QStringLiteral("alice"));
        QVERIFY(enrolment.has_value());
        QCOMPARE(enrolment->secret.size(), std::size_t{20}); // 160 bits
        QCOMPARE(enrolment->secretBase32().size(), 32);      // no padding
        QVERIFY(enrolment->uri.startsWith(QStringLiteral("otpauth://totp/Tessera:alice?secret=")));
        QCOMPARE(mfa().status(QStringLiteral("alice"))->state, MfaState::Pending);
        QVERIFY(lastAudit().startsWith(QStringLiteral("mfa.enrol")));

        // A pending authenticator is not asked for at sign-in.
        QVERIFY(signIn(QStringLiteral("alice")).authenticated);

        auto wrong = mfa().confirm(QStringLiteral("alice"), wrongCode(enrolment->secret));
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().kind, ErrorKind::Input);
        QVERIFY(errorText(wrong.error()).contains(QStringLiteral("does not match")));
        auto malformed = mfa().confirm(QStringLiteral("alice"), QStringLiteral("12ab56"));
        QVERIFY(!malformed);

        const QString code = *Totp::code(enrolment->secret, m_clock.nowSecs(), enrolment->policy);
        QVERIFY(mfa().confirm(QStringLiteral("alice"), code).has_value());
        auto status = mfa().status(QStringLiteral("alice"));
        QCOMPARE(status->state, MfaState::Active);
        QCOMPARE(status->confirmedMs, kStartMs);
        QVERIFY(lastAudit().startsWith(QStringLiteral("mfa.confirm")));

        auto again = mfa().confirm(QStringLiteral("alice"), code);
        QCOMPARE(again.error().kind, ErrorKind::Conflict);
        auto reenrol = mfa().enrol(QStringLiteral("alice"));
        QCOMPARE(reenrol.error().kind, ErrorKind::Conflict);
        QVERIFY(reenrol.error().message.contains(QStringLiteral("reset it first")));

        // The code that confirmed the enrolment cannot also sign in.
        const SignInResult replay = signIn(QStringLiteral("alice"), code);
        QVERIFY(!replay.authenticated);
        QCOMPARE(replay.reason, SignInResult::Reason::ReplayedCode);
    }

    void anotherEnrolmentReplacesAPendingOne()
    {
        addUser(QStringLiteral("bob"));
        auto first = mfa().enrol(QStringLiteral("bob"));
        auto second = mfa().enrol(QStringLiteral("bob"));
        QVERIFY(first && second);
        QVERIFY(!first->secret.equals(second->secret));
        const QString oldCode = *Totp::code(first->secret, m_clock.nowSecs(), first->policy);
        const QString newCode = *Totp::code(second->secret, m_clock.nowSecs(), second->policy);
        // The seeds are random: the old code is only wrong when the new window happens not to hold it.
        if (!windowCodes(second->secret).contains(oldCode)) {
            QVERIFY(!mfa().confirm(QStringLiteral("bob"), oldCode));
        }
        QVERIFY(mfa().confirm(QStringLiteral("bob"), newCode).has_value());
    }

    void seedsAndBackupCodesNeverAppearInTheDecryptedTables()
    {
        addUser(QStringLiteral("carol"));
        const SecretBuffer seed = activate(QStringLiteral("carol"));
        QVERIFY(!seed.isEmpty());
        auto codes = mfa().generateBackupCodes(QStringLiteral("carol"));
        QVERIFY(codes.has_value());
        QCOMPARE(codes->size(), 10);

        const QByteArray dump = dumpTables();
        QVERIFY(!dump.contains(seed.view().toByteArray()));
        const QString base32 = Base32::encode(seed.view());
        QVERIFY(!dump.contains(base32.toLatin1()));
        QVERIFY(!dump.contains(base32.toLower().toLatin1()));
        for (const QString& code : *codes) {
            QVERIFY(!dump.contains(code.toLatin1()));
            QVERIFY(!dump.contains(QString(code).remove(QLatin1Char('-')).toLatin1()));
        }
        // The seed is sealed with its own key: the sealed bytes are longer than the seed (nonce + MAC).
        auto stmt = m_vault->database().prepare("SELECT length(sealed_secret) FROM totp_enrolments");
        QVERIFY(*stmt->step());
        QCOMPARE(stmt->columnInt(0), qint64{24 + 16 + 20});
    }

    void windowAcceptsOneStepEitherSideAndEachStepOnce()
    {
        addUser(QStringLiteral("dave"));
        // Confirm at an earlier step so it does not use up the steps under test.
        m_clock.advanceMs(-10 * 30 * 1000);
        const SecretBuffer seed = activate(QStringLiteral("dave"));
        m_clock.setMs(kStartMs);

        const QString minus2 = codeAt(seed, -2), minus1 = codeAt(seed, -1), now = codeAt(seed, 0),
                      plus1 = codeAt(seed, 1), plus2 = codeAt(seed, 2);
        QCOMPARE(signIn(QStringLiteral("dave"), minus2).reason, SignInResult::Reason::WrongCode);
        QCOMPARE(signIn(QStringLiteral("dave"), plus2).reason, SignInResult::Reason::WrongCode);
        QCOMPARE(failedLogins(QStringLiteral("dave")), 2);

        const SignInResult viaPrevious = signIn(QStringLiteral("dave"), minus1);
        QVERIFY(viaPrevious.authenticated);
        QCOMPARE(viaPrevious.secondFactorMethod, SecondFactorCheck::Method::Totp);
        QCOMPARE(failedLogins(QStringLiteral("dave")), 0);
        QCOMPARE(signIn(QStringLiteral("dave"), minus1).reason, SignInResult::Reason::ReplayedCode);
        QVERIFY(lastAudit().contains(QStringLiteral("already used")));
        QVERIFY(signIn(QStringLiteral("dave"), now).authenticated);
        QVERIFY(signIn(QStringLiteral("dave"), plus1).authenticated);
        // Every step up to the newest used one is spent, including the current one.
        QCOMPARE(signIn(QStringLiteral("dave"), now).reason, SignInResult::Reason::ReplayedCode);

        // The last used step survives closing the vault.
        reopen();
        QCOMPARE(signIn(QStringLiteral("dave"), plus1).reason, SignInResult::Reason::ReplayedCode);
        QCOMPARE(failedLogins(QStringLiteral("dave")), 2);
        // A step later, the next code works.
        m_clock.advanceMs(60 * 1000);
        QVERIFY(signIn(QStringLiteral("dave"), codeAt(seed, 0)).authenticated);
    }

    void twoStepSignInCountsWrongCodesTowardTheLockout()
    {
        addUser(QStringLiteral("erin"));
        const SecretBuffer seed = activate(QStringLiteral("erin"));
        m_clock.advanceMs(30 * 1000);

        const SignInResult first = signIn(QStringLiteral("erin"));
        QVERIFY(!first.authenticated);
        QVERIFY(first.secondFactorRequired);
        QCOMPARE(first.reason, SignInResult::Reason::SecondFactorRequired);
        QVERIFY(first.secondStep.has_value());
        QVERIFY(first.message().contains(QStringLiteral("authenticator")));
        QVERIFY(lastAudit().startsWith(QStringLiteral("auth.second-factor")));

        SignInService service(*m_directory);
        auto wrong = service.completeSignIn(*first.secondStep, QStringLiteral("not-a-code"));
        QVERIFY(wrong.has_value());
        QVERIFY(!wrong->authenticated);
        QCOMPARE(wrong->reason, SignInResult::Reason::WrongCode);
        QCOMPARE(wrong->message(), QStringLiteral("invalid credentials")); // as for a wrong password
        QCOMPARE(failedLogins(QStringLiteral("erin")), 1);

        // A right password does not clear the failures while the second step is open.
        const SignInResult again = signIn(QStringLiteral("erin"));
        QVERIFY(again.secondFactorRequired);
        QCOMPARE(failedLogins(QStringLiteral("erin")), 1);

        auto right = service.completeSignIn(*again.secondStep, codeAt(seed, 0));
        QVERIFY(right->authenticated);
        QCOMPARE(failedLogins(QStringLiteral("erin")), 0);
        QVERIFY(lastAudit().startsWith(QStringLiteral("auth.success")));

        // The second step expires.
        m_clock.advanceMs(60 * 1000);
        const SignInResult late = signIn(QStringLiteral("erin"));
        m_clock.advanceMs(SignInService::kSecondStepMs + 1000);
        auto expired = service.completeSignIn(*late.secondStep, codeAt(seed, 0));
        QCOMPARE(expired->reason, SignInResult::Reason::SecondStepExpired);
        QVERIFY(!expired->authenticated);

        // Five wrong codes lock the account; then even a right code is refused.
        m_clock.advanceMs(60 * 1000);
        for (int i = 0; i < 5; ++i) {
            const SignInResult attempt = signIn(QStringLiteral("erin"), wrongCode(seed));
            QCOMPARE(attempt.reason, SignInResult::Reason::WrongCode);
        }
        const SignInResult locked = signIn(QStringLiteral("erin"), codeAt(seed, 0));
        QCOMPARE(locked.reason, SignInResult::Reason::Locked);
        QVERIFY(locked.lockedUntilMs > m_clock.nowMs());
        QCOMPARE(locked.message(), QStringLiteral("invalid credentials"));

        // A wrong password never reaches the second step.
        m_clock.advanceMs(16 * 60 * 1000);
        const SignInResult badPassword = signIn(QStringLiteral("erin"), codeAt(seed, 0), "wrong");
        QCOMPARE(badPassword.reason, SignInResult::Reason::WrongPassword);
        QVERIFY(!badPassword.secondFactorRequired);
    }

    void backupCodesWorkOnceInAnyOrder()
    {
        addUser(QStringLiteral("frank"));
        auto early = mfa().generateBackupCodes(QStringLiteral("frank"));
        QCOMPARE(early.error().kind, ErrorKind::Conflict);
        activate(QStringLiteral("frank"));
        QCOMPARE(mfa().generateBackupCodes(QStringLiteral("frank"), 0).error().kind, ErrorKind::Usage);
        auto codes = mfa().generateBackupCodes(QStringLiteral("frank"));
        QVERIFY(codes.has_value());
        QCOMPARE(QSet<QString>(codes->cbegin(), codes->cend()).size(), 10);
        for (const QString& code : *codes) {
            QVERIFY2(QRegularExpression(QStringLiteral("^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$"))
                         .match(code)
                         .hasMatch(),
                     qPrintable(code));
        }
        QVERIFY(lastAudit().startsWith(QStringLiteral("mfa.backup-codes")));

        // Typed loosely: lower case, no dash.
        const QString typed = codes->at(7).toLower().remove(QLatin1Char('-'));
        const SignInResult used = signIn(QStringLiteral("frank"), typed);
        QVERIFY(used.authenticated);
        QCOMPARE(used.secondFactorMethod, SecondFactorCheck::Method::BackupCode);
        QCOMPARE(used.backupCodesRemaining, 9);
        QVERIFY(lastAudit().contains(QStringLiteral("9 left")));
        const SignInResult reused = signIn(QStringLiteral("frank"), codes->at(7));
        QCOMPARE(reused.reason, SignInResult::Reason::WrongCode);
        QVERIFY(signIn(QStringLiteral("frank"), codes->at(0)).authenticated);
        auto status = mfa().status(QStringLiteral("frank"));
        QCOMPARE(status->backupCodesTotal, 10);
        QCOMPARE(status->backupCodesRemaining, 8);

        // Regenerating invalidates every earlier code.
        auto fresh = mfa().generateBackupCodes(QStringLiteral("frank"), 4);
        QCOMPARE(fresh->size(), 4);
        QCOMPARE(signIn(QStringLiteral("frank"), codes->at(1)).reason, SignInResult::Reason::WrongCode);
        QVERIFY(lastAudit().contains(QStringLiteral("wrong second-factor code")));
        QVERIFY(signIn(QStringLiteral("frank"), fresh->at(3)).authenticated);
        QCOMPARE(mfa().status(QStringLiteral("frank"))->backupCodesRemaining, 3);
        QVERIFY(mfa().status(QStringLiteral("frank"))->backupCodesLow());
    }

    void resetRemovesTheAuthenticatorAndTheCodes()
    {
        addUser(QStringLiteral("gina"));
        QCOMPARE(mfa().reset(QStringLiteral("gina")).error().kind, ErrorKind::NotFound);
        activate(QStringLiteral("gina"));
        QVERIFY(mfa().generateBackupCodes(QStringLiteral("gina")).has_value());
        QVERIFY(mfa().reset(QStringLiteral("gina")).has_value());
        QVERIFY(lastAudit().startsWith(QStringLiteral("mfa.reset")));
        QVERIFY(lastAudit().contains(QStringLiteral("10 backup codes")));
        auto status = mfa().status(QStringLiteral("gina"));
        QCOMPARE(status->state, MfaState::Off);
        QCOMPARE(status->backupCodesTotal, 0);
        QVERIFY(signIn(QStringLiteral("gina")).authenticated);
        // And a new enrolment can start.
        QVERIFY(mfa().enrol(QStringLiteral("gina")).has_value());
    }

    void deletingAUserRemovesTheirSecondFactor()
    {
        addUser(QStringLiteral("hank"));
        activate(QStringLiteral("hank"));
        QVERIFY(mfa().generateBackupCodes(QStringLiteral("hank")).has_value());
        QCOMPARE(mfa().statuses()->size(), 1);
        QVERIFY(m_directory->deleteUsers({QStringLiteral("hank")}).has_value());
        QCOMPARE(mfa().statuses()->size(), 0);
        QCOMPARE(*m_vault->database().queryInt("SELECT count(*) FROM backup_codes"), qint64{0});
    }

    void unknownUsersAreNamed()
    {
        auto enrol = mfa().enrol(QStringLiteral("nobody"));
        QCOMPARE(enrol.error().kind, ErrorKind::NotFound);
        QCOMPARE(mfa().status(QStringLiteral("nobody")).error().kind, ErrorKind::NotFound);
        QCOMPARE(mfa().confirm(QStringLiteral("nobody"), u"123456").error().kind, ErrorKind::NotFound);
        addUser(QStringLiteral("ivy"));
        QCOMPARE(mfa().confirm(QStringLiteral("ivy"), u"123456").error().kind, ErrorKind::NotFound);
    }

    void policyChoosesTheAuthenticatorSettingsAndWhoMustUseOne()
    {
        addUser(QStringLiteral("root"), {QStringLiteral("superadmin")});
        addUser(QStringLiteral("reader"));
        MfaPolicy policy;
        policy.totp.algorithm = OtpAlgorithm::Sha256;
        policy.totp.digits = 8;
        policy.totp.period = 60;
        policy.issuer = QStringLiteral("Bücher GmbH");
        policy.requiredFor = {QStringLiteral("admin:all")};
        QVERIFY(mfa().setPolicy(policy).has_value());
        QVERIFY(lastAudit().startsWith(QStringLiteral("settings.change")));

        QVERIFY(mfa().isRequired(QStringLiteral("root")));
        QVERIFY(!mfa().isRequired(QStringLiteral("reader")));
        const SignInResult admin = signIn(QStringLiteral("root"));
        QVERIFY(admin.authenticated);
        QVERIFY(admin.mfaSetupRequired);
        QVERIFY(!signIn(QStringLiteral("reader")).mfaSetupRequired);
        auto statuses = mfa().statuses();
        const qint64 rootId = m_directory->user(QStringLiteral("root"))->id;
        QVERIFY(statuses->value(rootId).isMissing());
        QCOMPARE(statuses->size(), 1);

        auto enrolment = mfa().enrol(QStringLiteral("root"));
        QVERIFY(enrolment.has_value());
        auto parsed = OtpAuthUri::parse(enrolment->uri);
        QVERIFY(parsed.has_value());
        QCOMPARE(parsed->issuer, QStringLiteral("Bücher GmbH"));
        QCOMPARE(parsed->algorithm, OtpAlgorithm::Sha256);
        QCOMPARE(parsed->digits, 8);
        QCOMPARE(parsed->period, 60);
        QVERIFY(enrolment->uri.contains(QStringLiteral("B%C3%BCcher%20GmbH:root")));
        const QString code = *Totp::code(enrolment->secret, m_clock.nowSecs(), enrolment->policy);
        QCOMPARE(code.size(), 8);
        QVERIFY(mfa().confirm(QStringLiteral("root"), code).has_value());

        // Settings of an enrolment stay with it when the vault policy changes later.
        MfaPolicy defaults;
        QVERIFY(mfa().setPolicy(defaults).has_value());
        reopen();
        QCOMPARE(mfa().policy(), defaults);
        auto status = mfa().status(QStringLiteral("root"));
        QCOMPARE(status->digits, 8);
        QCOMPARE(status->algorithm, OtpAlgorithm::Sha256);
        m_clock.advanceMs(60 * 1000);
        QVERIFY(signIn(QStringLiteral("root"), *Totp::code(enrolment->secret, m_clock.nowSecs(), enrolment->policy))
                    .authenticated);
    }

    void badPoliciesAreRefusedWithTheirReason()
    {
        MfaPolicy policy;
        policy.requiredFor = {QStringLiteral("launch:rockets")};
        auto unknown = mfa().setPolicy(policy);
        QCOMPARE(unknown.error().kind, ErrorKind::NotFound);
        QVERIFY(unknown.error().message.contains(QStringLiteral("launch:rockets")));
        policy.requiredFor.clear();
        policy.totp.digits = 7;
        QCOMPARE(mfa().setPolicy(policy).error().kind, ErrorKind::Input);
        policy.totp.digits = 6;
        policy.issuer = QStringLiteral("   ");
        QCOMPARE(mfa().setPolicy(policy).error().kind, ErrorKind::Input);
        QCOMPARE(mfa().policy(), MfaPolicy{});

        auto wrongType = MfaPolicy::fromJson(QJsonObject{{QStringLiteral("requiredFor"), QStringLiteral("admin:all")}});
        QVERIFY(!wrongType);
        QVERIFY(wrongType.error().message.contains(QStringLiteral("requiredFor")));

        // A damaged stored policy names the setting instead of silently using defaults.
        QVERIFY(m_vault->storeSetting(QStringLiteral("mfa.policy"), QStringLiteral("{\"issuer\": 5}")).has_value());
        m_directory.reset();
        auto directory = Directory::open(*m_vault);
        QVERIFY(!directory);
        QVERIFY(directory.error().message.contains(QStringLiteral("mfa.policy")));
        QCOMPARE(directory.error().kind, ErrorKind::Corrupt);
        QVERIFY(directory.error().message.contains(QStringLiteral("issuer")));
    }

    void policyJsonWithWrongTypesOrValuesNamesTheKey_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("named");
        QTest::newRow("totp not an object")
            << QStringLiteral("{\"totp\": \"SHA1\"}") << QStringLiteral("\"totp\"");
        QTest::newRow("totp digits out of range")
            << QStringLiteral("{\"totp\": {\"digits\": 9}}") << QStringLiteral("digits");
        QTest::newRow("issuer a number") << QStringLiteral("{\"issuer\": 5}") << QStringLiteral("\"issuer\"");
        QTest::newRow("issuer blank") << QStringLiteral("{\"issuer\": \"  \"}") << QStringLiteral("issuer");
        QTest::newRow("issuer too long")
            << QStringLiteral("{\"issuer\": \"%1\"}").arg(QString(65, QLatin1Char('x')))
            << QStringLiteral("issuer");
        QTest::newRow("requiredFor holds a number")
            << QStringLiteral("{\"requiredFor\": [1]}") << QStringLiteral("requiredFor");
        QTest::newRow("requiredFor holds a non-permission")
            << QStringLiteral("{\"requiredFor\": [\"no colon\"]}") << QStringLiteral("MFA policy");
    }

    void policyJsonWithWrongTypesOrValuesNamesTheKey()
    {
        QFETCH(QString, json);
        QFETCH(QString, named);
        auto policy = MfaPolicy::fromJson(QJsonDocument::fromJson(json.toUtf8()).object());
        QVERIFY(!policy);
        QCOMPARE(policy.error().kind, ErrorKind::Input);
        QVERIFY2(policy.error().message.contains(named), qPrintable(policy.error().message));
    }

    void aDamagedSeedIsACorruptErrorNotACrash()
    {
        addUser(QStringLiteral("jack"));
        activate(QStringLiteral("jack"));
        auto backup = mfa().generateBackupCodes(QStringLiteral("jack"), 2);
        QVERIFY(backup.has_value());
        addUser(QStringLiteral("kate"));
        QVERIFY(mfa().enrol(QStringLiteral("kate")).has_value()); // pending

        // One bit of each sealed seed flipped, as a damaged file or a tampering hand would leave it.
        Database& db = m_vault->database();
        QByteArrayList sealed;
        {
            auto stmt = db.prepare("SELECT sealed_secret FROM totp_enrolments ORDER BY user_id");
            while (*stmt->step()) {
                sealed << stmt->columnBlob(0);
            }
        }
        QCOMPARE(sealed.size(), 2);
        for (QByteArray& bytes : sealed) {
            const QByteArray original = bytes;
            bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x01);
            auto update =
                db.prepare("UPDATE totp_enrolments SET sealed_secret = ?1 WHERE sealed_secret = ?2");
            update->bindBlob(1, bytes).bindBlob(2, original);
            QVERIFY(update->run().has_value());
        }

        const auto expectCorrupt = [](const auto& result) {
            QVERIFY(!result);
            QCOMPARE(result.error().kind, ErrorKind::Corrupt);
            QVERIFY2(result.error().message.contains(QStringLiteral("seed does not decrypt")),
                     qPrintable(result.error().message));
        };
        SignInService service(*m_directory);
        expectCorrupt(service.signIn(QStringLiteral("jack"), SecretBuffer::fromBytes(kUserPassword),
                                     QStringLiteral("123456")));
        expectCorrupt(mfa().confirm(QStringLiteral("kate"), u"123456"));
        expectCorrupt(mfa().currentCodeForTesting(QStringLiteral("jack")));

        // A backup code does not need the seed: it still signs in, which is what backup codes are for.
        QVERIFY(signIn(QStringLiteral("jack"), backup->first()).authenticated);
        // Status and reset never open the seed either, so an admin can see and clear the damage.
        QCOMPARE(mfa().status(QStringLiteral("jack"))->state, MfaState::Active);
        QVERIFY(mfa().reset(QStringLiteral("kate")).has_value());
    }

    void anUnknownStoredAlgorithmIsACorruptError()
    {
        addUser(QStringLiteral("liam"));
        activate(QStringLiteral("liam"));
        QVERIFY(m_vault->database().run("UPDATE totp_enrolments SET algorithm = 'MD5'").has_value());
        auto status = mfa().status(QStringLiteral("liam"));
        QVERIFY(!status);
        QCOMPARE(status.error().kind, ErrorKind::Corrupt);
        QVERIFY(status.error().message.contains(QStringLiteral("unknown algorithm")));
    }
};

QTEST_GUILESS_MAIN(TestMfa)
#include "TestMfa.moc"
