// Users, roles and sign-in against a real vault: the rules of the users issue, each with a bad case,
// the lockout timeline on an injected clock, rehash on sign-in, and all-or-nothing import.
#include "DirectoryFixture.h"
#include "TestVault.h"
#include "access/DefaultRoles.h"
#include "audit/AuditLog.h"
#include "common/Clock.h"
#include "crypto/CryptoRuntime.h"
#include "identity/Directory.h"
#include "identity/IdentityStore.h"
#include "identity/SignInService.h"
#include "identity/UserImporter.h"
#include "password/PasswordHasher.h"
#include "vault/Vault.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <crypt.h>

using namespace tessera;
using namespace tessera::test;

namespace {

constexpr qint64 kMinute = 60 * 1000;
const char* kUserPassword = "Sunflower-Orbit-42";

Permission perm(const char* text)
{
    return *Permission::parse(QString::fromLatin1(text));
}

QStringList auditActions(Vault& vault)
{
    QStringList actions;
    const auto entries = vault.audit().list();
    for (const AuditEntry& entry : *entries) {
        actions << entry.action;
    }
    return actions;
}

} // namespace

class TestDirectory : public QObject, public DirectoryFixture
{
    Q_OBJECT

public:
    TestDirectory() : DirectoryFixture(1'800'000'000'000) {}

private:
    void addWithPassword(const QString& name, const char* pw = kUserPassword)
    {
        NewUser user;
        user.username = name;
        user.mustChangePassword = false;
        const SecretBuffer secret = SecretBuffer::fromBytes(pw);
        auto added = m_directory->addUser(user, &secret);
        QVERIFY2(added.has_value(), qPrintable(added ? QString() : added.error().message));
    }

    SignInResult signIn(const QString& name, const char* pw)
    {
        SignInService service(*m_directory);
        auto result = service.signIn(name, SecretBuffer::fromBytes(pw));
        if (!result) {
            qWarning("%s", qPrintable(result.error().message));
            return {};
        }
        return *result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(CryptoRuntime::initialise());
    }

    void init() { openFresh(); }

    void newVaultOffersTheGuidesRolesAndViewerAsDefault()
    {
        QStringList names;
        for (const RoleDefinition& role : m_directory->roles()) {
            names << role.name;
        }
        QCOMPARE(names, (QStringList{QStringLiteral("admin"), QStringLiteral("editor"), QStringLiteral("superadmin"), QStringLiteral("viewer")}));
        QCOMPARE(m_directory->defaultRole(), QStringLiteral("viewer"));
        NewUser user;
        user.username = QStringLiteral("Alice");
        QVERIFY(m_directory->addUser(user).has_value());
        QCOMPARE(m_directory->user(QStringLiteral("alice"))->roles, QStringList{QStringLiteral("viewer")});
        QVERIFY(m_directory->check(QStringLiteral("alice"), perm("read:posts")));
        QVERIFY(!m_directory->check(QStringLiteral("alice"), perm("write:posts")));
        // Seeding happens once: a reopened vault keeps what the admin changed.
        QVERIFY(m_directory->removeRole(QStringLiteral("editor")).has_value());
        reopen();
        QVERIFY(!m_directory->model().roles().hasRole(QStringLiteral("editor")));
    }

    void usernameDifferingOnlyInCaseIsRefused()
    {
        NewUser user;
        user.username = QStringLiteral("Alice");
        QVERIFY(m_directory->addUser(user).has_value());
        user.username = QStringLiteral("aLICE");
        auto again = m_directory->addUser(user);
        QVERIFY(!again.has_value());
        QCOMPARE(again.error().kind, ErrorKind::Conflict);
        QVERIFY(again.error().message.contains(QStringLiteral("Alice")));
        QCOMPARE(m_directory->userCount(), 1);
        // Shown as typed.
        QCOMPARE(m_directory->user(QStringLiteral("ALICE"))->username, QStringLiteral("Alice"));
    }

    void badFieldsAreRefusedWithTheirNames()
    {
        NewUser user;
        user.username = QStringLiteral("bad name!");
        auto added = m_directory->addUser(user);
        QVERIFY(!added.has_value());
        QCOMPARE(added.error().kind, ErrorKind::Input);
        user.username = QStringLiteral("bob");
        user.email = QStringLiteral("bob@");
        added = m_directory->addUser(user);
        QVERIFY(!added.has_value());
        QVERIFY(added.error().message.contains(QStringLiteral("email"), Qt::CaseInsensitive));
        user.email.clear();
        user.roles = QStringList{QStringLiteral("nosuchrole")};
        added = m_directory->addUser(user);
        QVERIFY(!added.has_value());
        QCOMPARE(added.error().kind, ErrorKind::NotFound);
        QCOMPARE(m_directory->userCount(), 0);
    }

    void invalidPermissionsAndRoleCyclesAreRefused()
    {
        QVERIFY(!Permission::parse(QStringLiteral("Read:Posts")).has_value());
        QVERIFY(!Permission::parse(QStringLiteral("read posts")).has_value());
        QVERIFY(m_directory->addRole(QStringLiteral("a")).has_value());
        QVERIFY(m_directory->addRole(QStringLiteral("b")).has_value());
        QVERIFY(m_directory->include(QStringLiteral("a"), QStringLiteral("b")).has_value());
        auto cycle = m_directory->include(QStringLiteral("b"), QStringLiteral("a"));
        QVERIFY(!cycle.has_value());
        QVERIFY2(cycle.error().message.contains(QStringLiteral("b -> a -> b")), qPrintable(cycle.error().message));
        reopen();
        QCOMPARE(m_directory->model().roles().role(QStringLiteral("a"))->includes, QStringList{QStringLiteral("b")});
        QVERIFY(m_directory->model().roles().role(QStringLiteral("b"))->includes.isEmpty());
    }

    void roleEditsPersistAndExplainThePath()
    {
        NewUser user;
        user.username = QStringLiteral("carol");
        user.roles = QStringList{QStringLiteral("editor")};
        QVERIFY(m_directory->addUser(user).has_value());
        QVERIFY(m_directory->addRole(QStringLiteral("publisher"), QStringLiteral("publishes")).has_value());
        QVERIFY(m_directory->grant(QStringLiteral("publisher"), perm("publish:posts")).has_value());
        QVERIFY(m_directory->include(QStringLiteral("editor"), QStringLiteral("publisher")).has_value());
        QVERIFY(m_directory->renameRole(QStringLiteral("editor"), QStringLiteral("writer")).has_value());
        QVERIFY(m_directory->grantObject(QStringLiteral("carol"), perm("delete:posts"), QStringLiteral("42")).has_value());
        reopen();
        QCOMPARE(m_directory->user(QStringLiteral("carol"))->roles, QStringList{QStringLiteral("writer")});
        const AccessExplanation why = m_directory->explain(QStringLiteral("carol"), perm("publish:posts"));
        QVERIFY(why.allowed);
        QCOMPARE(why.pathText(), QStringLiteral("carol -> writer -> publisher -> publish:posts"));
        QVERIFY(m_directory->check(QStringLiteral("carol"), perm("delete:posts"), QStringLiteral("42")));
        QVERIFY(!m_directory->check(QStringLiteral("carol"), perm("delete:posts"), QStringLiteral("43")));
        QVERIFY(auditActions(*m_vault).contains(QStringLiteral("role.rename")));
    }

    void roleChangePreviewIsWhatGetsSaved()
    {
        NewUser user;
        user.username = QStringLiteral("dave");
        QVERIFY(m_directory->addUser(user).has_value()); // viewer
        RoleChange change;
        change.role = QStringLiteral("viewer");
        change.grant = {perm("read:comments")};
        change.revoke = {perm("read:posts")};
        auto preview = m_directory->previewRoleChange(change);
        QVERIFY(preview.has_value());
        QCOMPARE(preview->users().size(), 1);
        QCOMPARE(preview->users().front().gained, QStringList{QStringLiteral("read:comments")});
        QCOMPARE(preview->users().front().lost, QStringList{QStringLiteral("read:posts")});
        QVERIFY(m_directory->applyRoleChange(change).has_value());
        reopen();
        QVERIFY(m_directory->check(QStringLiteral("dave"), perm("read:comments")));
        QVERIFY(!m_directory->check(QStringLiteral("dave"), perm("read:posts")));
    }

    void deletingARoleRemovesItsAssignmentsButNotTheDefault()
    {
        NewUser user;
        user.username = QStringLiteral("erin");
        user.roles = QStringList{QStringLiteral("editor"), QStringLiteral("viewer")};
        QVERIFY(m_directory->addUser(user).has_value());
        auto refused = m_directory->removeRole(QStringLiteral("viewer"));
        QVERIFY(!refused.has_value());
        QCOMPARE(refused.error().kind, ErrorKind::Conflict);
        QVERIFY(m_directory->removeRole(QStringLiteral("editor")).has_value());
        reopen();
        QCOMPARE(m_directory->user(QStringLiteral("erin"))->roles, QStringList{QStringLiteral("viewer")});
    }

    void theFirstScreenOfSummariesCarriesEachUsersRoles()
    {
        // Added out of name order, so the roles are matched by user and not by row position.
        const QList<QPair<QString, QStringList>> users{
            {QStringLiteral("zoe"), {QStringLiteral("editor")}},
            {QStringLiteral("amy"), {QStringLiteral("viewer"), QStringLiteral("editor")}},
            {QStringLiteral("ben"), {QStringLiteral("admin")}},
        };
        for (const auto& [name, roles] : users) {
            NewUser user;
            user.username = name;
            user.roles = roles;
            QVERIFY(m_directory->addUser(user).has_value());
        }
        const IdentityStore store(m_vault->database());
        auto first = store.loadFirstSummaries(2);
        QVERIFY2(first.has_value(), qPrintable(first ? QString() : first.error().message));
        QCOMPARE(first->size(), 2);
        QCOMPARE(first->at(0).username, QStringLiteral("amy"));
        QCOMPARE(first->at(0).roles, QStringLiteral("editor, viewer"));
        QCOMPARE(first->at(1).username, QStringLiteral("ben"));
        QCOMPARE(first->at(1).roles, QStringLiteral("admin"));
        // The same rows as the full load and the one-user load give.
        auto all = store.loadSummaries();
        QVERIFY(all.has_value());
        QCOMPARE(all->size(), 3);
        for (const UserSummary& summary : *all) {
            QCOMPARE(store.loadSummary(summary.username)->value().roles, summary.roles);
        }
        QCOMPARE(store.loadFirstSummaries(10)->size(), 3);
        QCOMPARE(store.loadFirstSummaries(10)->at(2).roles, QStringLiteral("editor"));
    }

    void passwordPolicyAndHistoryAreEnforced()
    {
        addWithPassword(QStringLiteral("frank"));
        auto weak = m_directory->setPassword(QStringLiteral("frank"), SecretBuffer::fromBytes("short"));
        QVERIFY(!weak.has_value());
        QCOMPARE(weak.error().kind, ErrorKind::Input);
        QVERIFY(weak.error().message.contains(QStringLiteral("8")));
        auto same = m_directory->setPassword(QStringLiteral("frank"), SecretBuffer::fromBytes(kUserPassword));
        QVERIFY(!same.has_value());
        QVERIFY2(same.error().message.contains(QStringLiteral("last"), Qt::CaseInsensitive), qPrintable(same.error().message));
        QVERIFY(m_directory->setPassword(QStringLiteral("frank"), SecretBuffer::fromBytes("Nebula-Quartz-77")).has_value());
        QVERIFY(m_directory->setPassword(QStringLiteral("frank"), SecretBuffer::fromBytes("Copper-Lantern-19")).has_value());
        // The first password is now two changes back: still within the last 3.
        QVERIFY(!m_directory->setPassword(QStringLiteral("frank"), SecretBuffer::fromBytes(kUserPassword)).has_value());
        auto withName = m_directory->setPassword(QStringLiteral("frank"), SecretBuffer::fromBytes("Frank-Orbit-2024"));
        QVERIFY(!withName.has_value());
        QVERIFY(m_directory->user(QStringLiteral("frank"))->mustChangePassword);
    }

    void signInGivesOneMessageForEveryFailure()
    {
        addWithPassword(QStringLiteral("gina"));
        addWithPassword(QStringLiteral("hank"));
        QVERIFY(m_directory->setDisabled({QStringLiteral("hank")}, true).has_value());
        const SignInResult ok = signIn(QStringLiteral("GINA"), kUserPassword);
        QVERIFY(ok.authenticated);
        QCOMPARE(ok.username, QStringLiteral("gina"));
        const SignInResult unknown = signIn(QStringLiteral("nobody"), kUserPassword);
        const SignInResult wrong = signIn(QStringLiteral("gina"), "Wrong-Password-1");
        const SignInResult disabled = signIn(QStringLiteral("hank"), kUserPassword);
        QCOMPARE(unknown.reason, SignInResult::Reason::UnknownUser);
        QCOMPARE(wrong.reason, SignInResult::Reason::WrongPassword);
        QCOMPARE(disabled.reason, SignInResult::Reason::Disabled);
        for (const SignInResult& r : {unknown, wrong, disabled}) {
            QVERIFY(!r.authenticated);
            QCOMPARE(r.message(), QStringLiteral("invalid credentials"));
        }
        QVERIFY(m_directory->user(QStringLiteral("gina"))->lastLoginMs == m_clock.nowMs());
        const QStringList actions = auditActions(*m_vault);
        QCOMPARE(actions.count(QStringLiteral("auth.success")), 1);
        QCOMPARE(actions.count(QStringLiteral("auth.failure")), 3);
    }

    void lockoutTimelineFollowsThePolicy()
    {
        addWithPassword(QStringLiteral("ivan"));
        // Four failures spread over 14 minutes: still open.
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(signIn(QStringLiteral("ivan"), "nope").reason, SignInResult::Reason::WrongPassword);
            m_clock.advanceMs(3 * kMinute);
        }
        m_clock.advanceMs(2 * kMinute - 1); // 14:59 after the first failure
        SignInResult fifth = signIn(QStringLiteral("ivan"), "nope");
        QVERIFY(fifth.lockedUntilMs == m_clock.nowMs() + kMinute);
        // Even the right password is refused while locked, with the same message.
        SignInResult locked = signIn(QStringLiteral("ivan"), kUserPassword);
        QVERIFY(!locked.authenticated);
        QCOMPARE(locked.reason, SignInResult::Reason::Locked);
        QCOMPARE(locked.message(), QStringLiteral("invalid credentials"));
        m_clock.advanceMs(kMinute);
        // Second lock: 2 min, then 4, 8, and capped at 15.
        const qint64 expected[] = {2, 4, 8, 15, 15};
        for (const qint64 minutes : expected) {
            SignInResult last;
            for (int i = 0; i < 5; ++i) {
                last = signIn(QStringLiteral("ivan"), "nope");
            }
            QCOMPARE(last.lockedUntilMs, m_clock.nowMs() + minutes * kMinute);
            m_clock.advanceMs(minutes * kMinute);
        }
        QVERIFY(signIn(QStringLiteral("ivan"), kUserPassword).authenticated);
        // A success resets the doubling.
        SignInResult last;
        for (int i = 0; i < 5; ++i) {
            last = signIn(QStringLiteral("ivan"), "nope");
        }
        QCOMPARE(last.lockedUntilMs, m_clock.nowMs() + kMinute);
        // Failures outside the window do not add up.
        m_clock.advanceMs(kMinute);
        for (int i = 0; i < 4; ++i) {
            signIn(QStringLiteral("ivan"), "nope");
        }
        m_clock.advanceMs(16 * kMinute);
        QCOMPARE(signIn(QStringLiteral("ivan"), "nope").lockedUntilMs, 0);
        // An admin can unlock.
        for (int i = 0; i < 4; ++i) {
            signIn(QStringLiteral("ivan"), "nope");
        }
        QVERIFY(m_directory->user(QStringLiteral("ivan"))->isLockedAt(m_clock.nowMs()));
        QVERIFY(m_directory->unlockUser(QStringLiteral("ivan")).has_value());
        QVERIFY(signIn(QStringLiteral("ivan"), kUserPassword).authenticated);
    }

    void lockoutStateSurvivesReopening()
    {
        addWithPassword(QStringLiteral("judy"));
        for (int i = 0; i < 5; ++i) {
            signIn(QStringLiteral("judy"), "nope");
        }
        reopen();
        QCOMPARE(signIn(QStringLiteral("judy"), kUserPassword).reason, SignInResult::Reason::Locked);
    }

    void importedHashesAreRehashedAtSignIn_data()
    {
        QTest::addColumn<QString>("hash");
        QTest::newRow("bcrypt $2b$") << QString::fromLatin1(
            crypt("Legacy-Secret-9", "$2b$04$abcdefghijklmnopqrstuu"));
        QTest::newRow("argon2id with other parameters")
            << *PasswordHasher::hash(SecretBuffer::fromBytes("Legacy-Secret-9"), HashParams{2, 16 * 1024});
    }

    void importedHashesAreRehashedAtSignIn()
    {
        QFETCH(QString, hash);
        QVERIFY(hash.startsWith(QLatin1Char('$')));
        ImportBatch batch;
        ImportedUser user;
        user.line = 2;
        user.record.username = QStringLiteral("legacy");
        user.record.passwordHash = hash;
        batch.users.push_back(std::move(user));
        UserImporter importer(*m_directory);
        auto summary = importer.run(batch);
        QVERIFY2(summary.has_value(), qPrintable(summary ? QString() : summary.error().message));
        QVERIFY(!signIn(QStringLiteral("legacy"), "legacy-secret-9").authenticated);
        const SignInResult first = signIn(QStringLiteral("legacy"), "Legacy-Secret-9");
        QVERIFY(first.authenticated);
        QVERIFY(first.rehashed);
        const SignInResult second = signIn(QStringLiteral("legacy"), "Legacy-Secret-9");
        QVERIFY(second.authenticated);
        QVERIFY(!second.rehashed);
    }

    void importIsAllOrNothingWithLineNumbers()
    {
        NewUser existing;
        existing.username = QStringLiteral("Zed");
        QVERIFY(m_directory->addUser(existing).has_value());
        ImportBatch batch;
        for (int i = 0; i < 8; ++i) {
            ImportedUser user;
            user.line = i + 2;
            user.record.username = QStringLiteral("user%1").arg(i);
            user.record.roles = {QStringLiteral("viewer")};
            batch.users.push_back(std::move(user));
        }
        batch.users[5].record.username = QStringLiteral("zed"); // line 7 clashes with the vault
        batch.users[3].record.roles = {QStringLiteral("ghost")};  // line 5 names an unknown role
        UserImporter importer(*m_directory);
        const ImportPreview preview = importer.preview(batch);
        QCOMPARE(preview.problems.size(), 2);
        QCOMPARE(preview.problems[0].line, 5);
        QCOMPARE(preview.problems[1].line, 7);
        QVERIFY(preview.problems[1].toText().contains(QStringLiteral("line 7")));
        auto run = importer.run(batch);
        QVERIFY(!run.has_value());
        QCOMPARE(run.error().kind, ErrorKind::Input);
        QVERIFY(run.error().message.contains(QStringLiteral("line 7")));
        QCOMPARE(m_directory->userCount(), 1);
        reopen();
        QCOMPARE(m_directory->userCount(), 1);
    }

    void importHashesPlaintextInParallelAndCanBeCancelled()
    {
        auto makeBatch = [] {
            ImportBatch batch;
            batch.roles.append(RoleDefinition{QStringLiteral("auditor"), QStringLiteral("reads the trail"),
                                              {perm("read:audit")}, {QStringLiteral("viewer")}});
            batch.roleLines.append(2);
            for (int i = 0; i < 12; ++i) {
                ImportedUser user;
                user.line = i + 2;
                user.record.username = QStringLiteral("p%1").arg(i);
                user.record.roles = {QStringLiteral("auditor")};
                user.plaintextPassword = batch.secrets.append(QByteArray("Plain-Text-Pass-") + QByteArray::number(i));
                batch.users.push_back(std::move(user));
            }
            return batch;
        };
        UserImporter importer(*m_directory);
        ImportBatch cancelled = makeBatch();
        auto stopped = importer.run(cancelled, ImportOptions{2, true, {}}, [](qint64, qint64) { return false; });
        QVERIFY(!stopped.has_value());
        QCOMPARE(stopped.error().kind, ErrorKind::Cancelled);
        QCOMPARE(m_directory->userCount(), 0);
        QCOMPARE(cancelled.secrets.size(), 0); // wiped either way

        ImportBatch batch = makeBatch();
        QCOMPARE(importer.preview(batch).plaintextPasswords, 12);
        QCOMPARE(importer.preview(batch).newRoles, QStringList{QStringLiteral("auditor")});
        qint64 lastDone = -1;
        auto summary = importer.run(batch, ImportOptions{2, true, QStringLiteral("users.csv")},
                                    [&](qint64 done, qint64 total) {
                                        lastDone = done;
                                        return total == 12;
                                    });
        QVERIFY2(summary.has_value(), qPrintable(summary ? QString() : summary.error().message));
        QCOMPARE(summary->usersAdded, 12);
        QCOMPARE(summary->passwordsHashed, 12);
        QCOMPARE(lastDone, 12);
        QVERIFY(m_directory->check(QStringLiteral("p3"), perm("read:audit")));
        QVERIFY(m_directory->check(QStringLiteral("p3"), perm("read:posts"))); // through viewer
        const SignInResult r = signIn(QStringLiteral("p7"), "Plain-Text-Pass-7");
        QVERIFY(r.authenticated);
        QVERIFY(r.mustChangePassword);
        QVERIFY(auditActions(*m_vault).contains(QStringLiteral("user.import")));
    }

    void everyChangeIsAuditedAndTheChainVerifies()
    {
        addWithPassword(QStringLiteral("kim"));
        QVERIFY(m_directory->assignRole({QStringLiteral("kim")}, QStringLiteral("editor")).has_value());
        QVERIFY(m_directory->unassignRole({QStringLiteral("kim")}, QStringLiteral("viewer")).has_value());
        QVERIFY(m_directory->updateProfile(QStringLiteral("kim"), UserProfile{QStringLiteral("Kim K"), QStringLiteral("kim@example.org"), {}, {{QStringLiteral("team"), QStringLiteral("blue")}}}).has_value());
        QVERIFY(m_directory->renameUser(QStringLiteral("kim"), QStringLiteral("kimberly")).has_value());
        QVERIFY(m_directory->addPermission(perm("export:reports")).has_value());
        QVERIFY(m_directory->grant(QStringLiteral("editor"), perm("export:reports")).has_value());
        QVERIFY(m_directory->deleteUsers({QStringLiteral("kimberly")}).has_value());
        const QStringList actions = auditActions(*m_vault);
        for (const char* action : {"user.add", "user.roles", "user.update", "user.rename", "permission.add",
                                   "role.grant", "user.delete"}) {
            QVERIFY2(actions.contains(QString::fromLatin1(action)), action);
        }
        const auto entries = m_vault->audit().list();
        for (const AuditEntry& entry : *entries) {
            QVERIFY2(!entry.summary.contains(QStringLiteral("argon2")), qPrintable(entry.summary));
            QVERIFY(!entry.summary.contains(QString::fromLatin1(kUserPassword)));
        }
        auto report = m_vault->audit().verify();
        QVERIFY(report.has_value());
        QVERIFY(report->ok);
        reopen();
        QCOMPARE(m_directory->userCount(), 0);
    }

    void lockoutSettingsFromJsonNameWhatIsWrong()
    {
        const auto parse = [](const char* json) {
            return LockoutPolicy::fromJson(QJsonDocument::fromJson(QByteArray(json)).object());
        };
        auto unknown = parse(R"({"maxFailure": 3})");
        QVERIFY(!unknown.has_value());
        QVERIFY(unknown.error().message.contains(QStringLiteral("maxFailure")));
        auto text = parse(R"({"windowSeconds": "900"})");
        QVERIFY(!text.has_value());
        QVERIFY(text.error().message.contains(QStringLiteral("windowSeconds")));
        QVERIFY(!parse(R"({"firstLockSeconds": 600, "maxLockSeconds": 60})").has_value());
        QVERIFY(!parse(R"({"maxFailures": 0})").has_value());
        auto partial = parse(R"({"maxFailures": 3})");
        QVERIFY(partial.has_value());
        QCOMPARE(partial->maxFailures, 3);
        QCOMPARE(partial->windowMs, LockoutPolicy{}.windowMs);
        QCOMPARE(*LockoutPolicy::fromJson(partial->toJson()), *partial);
    }

    void settingsRoundTrip()
    {
        PasswordPolicy policy;
        policy.minLength = 12;
        policy.historySize = 5;
        QVERIFY(m_directory->setPasswordPolicy(policy).has_value());
        LockoutPolicy lockout;
        lockout.maxFailures = 3;
        QVERIFY(m_directory->setLockoutPolicy(lockout).has_value());
        QVERIFY(m_directory->setDefaultRole(QStringLiteral("editor")).has_value());
        QVERIFY(!m_directory->setDefaultRole(QStringLiteral("ghost")).has_value());
        LockoutPolicy bad;
        bad.maxLockMs = 1;
        QVERIFY(!m_directory->setLockoutPolicy(bad).has_value());
        QVERIFY(!m_directory->setHashParams(HashParams{0, HashParams::kDefaultMemLimitBytes}).has_value());
        QCOMPARE(m_directory->hashParams(), HashParams::insecureTestParams()); // unchanged by the refusal
        reopen();
        QCOMPARE(m_directory->passwordPolicy().minLength, 12);
        QCOMPARE(m_directory->lockoutPolicy().maxFailures, 3);
        QCOMPARE(m_directory->defaultRole(), QStringLiteral("editor"));
    }
};

QTEST_GUILESS_MAIN(TestDirectory)
#include "TestDirectory.moc"
