// Tokens issued from the vault: the guide's access/refresh pair signed with the vault's key, refresh
// tokens recorded and revocable one by one or per user, the revocation list, and the linter's
// `revoked` finding fed from it.
#include "DirectoryFixture.h"
#include "TestVault.h"
#include "crypto/CryptoRuntime.h"
#include "jose/CompactJws.h"
#include "jose/JwsVerifier.h"
#include "jose/TokenLinter.h"
#include "keyring/KeyRing.h"
#include "tokens/TokenIssuer.h"
#include "vault/Vault.h"

#include <QJsonArray>
#include <QTest>

using namespace tessera;
using namespace tessera::test;

namespace {

constexpr qint64 kStartMs = 1'800'000'000'000;

} // namespace

class TestTokenIssuer : public QObject, public DirectoryFixture
{
    Q_OBJECT

public:
    TestTokenIssuer() : DirectoryFixture(kStartMs) {}

private:
    void addUser(const QString& name, const QStringList& roles)
    {
        NewUser user;
        user.username = name;
        user.roles = roles;
        QVERIFY(m_directory->addUser(user).has_value());
    }

    jose::VerifyResult verify(const QByteArray& token, const QString& type)
    {
        jose::VerifyOptions options;
        options.now = m_clock.nowSecs();
        options.tokenType = type;
        options.requiredClaims = {QStringLiteral("exp")};
        return jose::JwsVerifier(*keys::KeyRing(*m_vault).verificationKeys(), options).verify(token);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(CryptoRuntime::initialise());
    }

    void init()
    {
        openFresh();
        addUser(QStringLiteral("alice"), {QStringLiteral("editor")});
    }

    void needsAnActiveKey()
    {
        tokens::TokenIssuer issuer(*m_directory);
        auto refused = issuer.issue({QStringLiteral("alice")});
        QCOMPARE(refused.error().kind, ErrorKind::NotFound);
        QVERIFY(refused.error().message.contains(QStringLiteral("signing key")));
    }

    void issuesTheGuidesPairAndRecordsTheRefreshToken()
    {
        QVERIFY(keys::KeyRing(*m_vault).generate(QStringLiteral("ec-p256")).has_value());
        tokens::TokenIssuer issuer(*m_directory);
        auto issued = issuer.issue({QStringLiteral("alice")});
        QVERIFY2(issued.has_value(), qPrintable(issued ? QString() : issued.error().message));
        QCOMPARE(issued->alg, QStringLiteral("ES256"));

        const jose::VerifyResult access = verify(issued->accessToken, QStringLiteral("access"));
        QVERIFY2(access.valid(), qPrintable(access.error));
        QCOMPARE(access.claims().value(QStringLiteral("sub")).toString(), QStringLiteral("alice"));
        QCOMPARE(access.claims().value(QStringLiteral("role")).toString(), QStringLiteral("editor"));
        QCOMPARE(access.claims().value(QStringLiteral("exp")).toInteger() - access.claims().value(QStringLiteral("iat")).toInteger(),
                 qint64{15 * 60});
        QVERIFY(!verify(issued->accessToken, QStringLiteral("refresh")).valid()); // the type claim is checked

        const jose::VerifyResult refresh = verify(issued->refreshToken, QStringLiteral("refresh"));
        QVERIFY(refresh.valid());
        const QString jti = refresh.claims().value(QStringLiteral("jti")).toString();
        QCOMPARE(jti, issued->refresh->jti);
        auto sessions = issuer.sessions(QStringLiteral("ALICE"));
        QCOMPARE(sessions->size(), 1);
        QCOMPARE(sessions->first().jti, jti);
        QCOMPARE(sessions->first().expiresMs - sessions->first().issuedMs, qint64{7} * 24 * 3600 * 1000);
        QCOMPARE(m_vault->audit().list()->front().action, QStringLiteral("token.issue"));

        // Revoked: listed, on the revocation list, and flagged by the linter.
        QVERIFY(issuer.revoke(jti, QStringLiteral("laptop stolen")).has_value());
        QVERIFY(issuer.revokedJtis()->contains(jti));
        const QJsonArray list = issuer.revocationList()->value(QStringLiteral("revoked")).toArray();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().toObject().value(QStringLiteral("reason")).toString(), QStringLiteral("laptop stolen"));
        auto jws = jose::CompactJws::parse(issued->refreshToken);
        QVERIFY(jws.has_value());
        jose::LintContext context;
        context.now = m_clock.nowSecs();
        const QSet<QString> revoked = *issuer.revokedJtis();
        context.isRevoked = [&](const QString& id) { return revoked.contains(id); };
        bool flagged = false;
        for (const auto& finding : jose::TokenLinter::lint(*jws, context)) {
            flagged = flagged || finding.id == QStringLiteral("revoked");
        }
        QVERIFY(flagged);
        QVERIFY(issuer.revoke(jti).has_value()); // again: nothing changes
        QCOMPARE(issuer.revoke(QStringLiteral("no-such-jti")).error().kind, ErrorKind::NotFound);
    }

    void revokesEveryLiveTokenOfAUser()
    {
        QVERIFY(keys::KeyRing(*m_vault).generate(QStringLiteral("ed25519")).has_value());
        addUser(QStringLiteral("bob"), {});
        tokens::TokenIssuer issuer(*m_directory);
        for (int i = 0; i < 3; ++i) {
            QVERIFY(issuer.issue({QStringLiteral("alice"), false, true, std::nullopt}).has_value());
        }
        QVERIFY(issuer.issue({QStringLiteral("bob")}).has_value());
        QCOMPARE(*issuer.revokeAll(QStringLiteral("alice")), 3);
        QCOMPARE(*issuer.revokeAll(QStringLiteral("alice")), 0);
        QCOMPARE(issuer.revokedJtis()->size(), 3);
        QCOMPARE(issuer.sessions()->size(), 4);
        QCOMPARE(m_vault->audit().list()->front().action, QStringLiteral("token.revoke-all"));

        QVERIFY(m_directory->setDisabled({QStringLiteral("bob")}, true).has_value());
        auto disabled = issuer.issue({QStringLiteral("bob")});
        QCOMPARE(disabled.error().kind, ErrorKind::Usage);
        QCOMPARE(issuer.issue({QStringLiteral("nobody")}).error().kind, ErrorKind::NotFound);
        QCOMPARE(issuer.issue({QStringLiteral("alice"), false, false, std::nullopt}).error().kind, ErrorKind::Usage);

        const auto auditedBefore = m_vault->audit().list()->size();
        auto unknown = issuer.revokeAll(QStringLiteral("nobody"));
        QCOMPARE(unknown.error().kind, ErrorKind::NotFound);
        QCOMPARE(m_vault->audit().list()->size(), auditedBefore); // nothing revoked, nothing audited
    }

    void revokeAllLeavesExpiredTokensAsTheyWere()
    {
        QVERIFY(keys::KeyRing(*m_vault).generate(QStringLiteral("ec-p256")).has_value());
        tokens::TokenIssuer issuer(*m_directory);
        auto old = issuer.issue({QStringLiteral("alice"), false, true, std::nullopt});
        QVERIFY(old.has_value());
        m_clock.advanceMs(8LL * 24 * 3600 * 1000); // past the refresh token's 7 days
        auto fresh = issuer.issue({QStringLiteral("alice"), false, true, std::nullopt});
        QVERIFY(fresh.has_value());

        // Only the live token is counted and revoked: an expired one is no session to end.
        QCOMPARE(*issuer.revokeAll(QStringLiteral("alice")), 1);
        QCOMPARE(*issuer.revokedJtis(), QSet<QString>{fresh->refresh->jti});
        QVERIFY(m_vault->audit().list()->front().summary.startsWith(QStringLiteral("1 live refresh tokens")));
        // Revoking the expired one by its jti still works and is recorded.
        QVERIFY(issuer.revoke(old->refresh->jti).has_value());
        QCOMPARE(issuer.revokedJtis()->size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestTokenIssuer)
#include "TestTokenIssuer.moc"
