// tessera-cli key ... and token ... with the vault: the key store (generate, list, show, import, export,
// rotate, state, delete), signing and verifying with vault keys, and the token issuer (issue, revoke,
// revoked, sessions) with the inspector's revoked finding.
#include "IdentityFixture.h"
#include "audit/AuditActor.h"
#include "common/Clock.h"
#include "crypto/CryptoRuntime.h"
#include "keyring/KeyRing.h"
#include "vault/Vault.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

using namespace tessera;
using namespace tessera::test;

namespace {

QString s(const char* text)
{
    return QString::fromUtf8(text);
}

QStringList kidsOf(const QJsonArray& keys)
{
    QStringList kids;
    for (const QJsonValue& key : keys) {
        kids.append(key.toObject().value(s("kid")).toString());
    }
    return kids;
}

QStringList findingIds(const QJsonObject& inspection)
{
    QStringList ids;
    for (const QJsonValue& finding : inspection.value(s("findings")).toArray()) {
        ids.append(finding.toObject().value(s("id")).toString());
    }
    return ids;
}

} // namespace

class TestCliVaultKeys : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    IdentityCli m_cli;

    QString path(const char* name) const { return m_dir.filePath(s(name)); }

    QJsonObject generate(const char* type, const char* kid) const
    {
        const CliRun run = m_cli.json({s("key"), s("generate"), s("--type"), s(type), s("--kid"), s(kid)});
        if (run.exitCode != 0) {
            qWarning("%s", run.describe().constData());
        }
        return run.json();
    }
    QString sign(const QString& kid, const QString& claims = s("{\"sub\":\"alice\"}")) const
    {
        const CliRun run = m_cli.run({s("token"), s("sign"), s("--kid"), kid, s("--claims"), claims});
        return run.exitCode == 0 ? run.outText().trimmed() : QString();
    }
    CliRun verify(const QString& token, const QString& kid, const QStringList& more = {}) const
    {
        return m_cli.run(QStringList{s("token"), s("verify"), token, s("--kid"), kid} + more);
    }
    QString thumbprint(const QString& file, const QByteArray& input = {}) const
    {
        QStringList arguments{s("key"), s("thumbprint"), file};
        if (!input.isEmpty()) {
            arguments.append(s("--passphrase-stdin"));
        }
        const CliRun run = m_cli.runner().run(arguments, input);
        return run.exitCode == 0 ? run.outText().trimmed() : run.errText();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(CryptoRuntime::initialise());
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo(CliRunner::program()).isExecutable(), "TESSERA_CLI must point at tessera-cli");
        m_cli = IdentityCli(m_dir.path(), m_dir.filePath(s("keys.tessera")));
        QVERIFY(m_cli.create());
        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("add"), s("alice")}), 0);
        CLI_EXPECT_EXIT(m_cli.run({s("user"), s("add"), s("bob")}), 0);
    }

    void generateListShow()
    {
        QJsonObject ec = generate("ec-p256", "ec1");
        QCOMPARE(ec.value(s("kid")).toString(), s("ec1"));
        QCOMPARE(ec.value(s("kty")).toString(), s("EC"));
        QCOMPARE(stringsOf(ec.value(s("algorithms"))), QStringList{s("ES256")});
        QCOMPARE(ec.value(s("state")).toString(), s("active"));
        QCOMPARE(ec.value(s("private")).toBool(), true);
        QCOMPARE(generate("ed25519", "ed1").value(s("algorithms")).toArray().first().toString(), s("EdDSA"));
        const QJsonObject hs = generate("oct-256", "hs1");
        QCOMPARE(hs.value(s("kty")).toString(), s("oct"));
        QVERIFY(stringsOf(hs.value(s("algorithms"))).contains(s("HS256")));

        // The text form names the key; the kid must be new.
        const CliRun again =
            m_cli.run({s("key"), s("generate"), s("--type"), s("ec-p256"), s("--kid"), s("ec1")});
        QCOMPARE(again.exitCode, 2);

        CliRun run = m_cli.json({s("key"), s("list")});
        CLI_EXPECT_EXIT(run, 0);
        const QJsonArray keys = run.json().value(s("keys")).toArray();
        QVERIFY(kidsOf(keys).contains(s("ec1")) && kidsOf(keys).contains(s("ed1")) &&
                kidsOf(keys).contains(s("hs1")));
        QCOMPARE(run.json().value(s("olderThanDays")).toInt(), 90);
        QVERIFY(run.json().value(s("old")).toArray().isEmpty()); // all made just now
        for (const QJsonValue& key : keys) {
            QCOMPARE(keysOf(key.toObject()),
                     (QStringList{s("algorithms"), s("createdAt"), s("description"), s("kid"), s("kty"),
                                  s("notAfter"), s("old"), s("private"), s("state"), s("stateChangedAt")}));
        }
        run = m_cli.run({s("key"), s("list")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY2(run.outText().startsWith(s("KID")) && run.outText().contains(s("ed1")), run.out.constData());
        QVERIFY(!run.outText().contains(s("Reminder")));

        run = m_cli.json({s("key"), s("show"), s("ec1")});
        CLI_EXPECT_EXIT(run, 0);
        const QJsonObject jwk = run.json().value(s("publicJwk")).toObject();
        QCOMPARE(jwk.value(s("kty")).toString(), s("EC"));
        QCOMPARE(jwk.value(s("kid")).toString(), s("ec1"));
        QVERIFY(!jwk.contains(s("d"))); // public only
        run = m_cli.json({s("key"), s("show"), s("hs1")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(run.json().value(s("publicJwk")).isNull()); // an HMAC secret has no public form
    }

    // A key made 100 days ago (through the core, with a clock set back) is old by the default 90 days.
    void oldKeysGetAReminder()
    {
        ManualClock past(QDateTime::currentMSecsSinceEpoch() - 100LL * 24 * 60 * 60 * 1000);
        {
            auto vault = Vault::open(m_cli.vault(), password(), AuditActor::current(s("test")),
                                     Vault::Access::ReadWrite, past);
            QVERIFY(vault.has_value());
            keys::KeyOptions options;
            options.kid = s("aged");
            QVERIFY(keys::KeyRing(**vault).generate(s("ed25519"), options).has_value());
        }
        CliRun run = m_cli.json({s("key"), s("list")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(stringsOf(run.json().value(s("old"))), QStringList{s("aged")});
        run = m_cli.run({s("key"), s("list")});
        QVERIFY2(run.outText().contains(s("Reminder: 1 key in use older than 90 days (aged)")),
                 run.out.constData());
        run = m_cli.json({s("key"), s("list"), s("--older-than"), s("101")});
        QVERIFY(run.json().value(s("old")).toArray().isEmpty());
        // Retired keys are no longer in use: no reminder.
        CLI_EXPECT_EXIT(m_cli.run({s("key"), s("state"), s("aged"), s("retired")}), 0);
        run = m_cli.json({s("key"), s("list")});
        QVERIFY(run.json().value(s("old")).toArray().isEmpty());
    }

    void generateWithOptionsAndNotAfter()
    {
        const CliRun run = m_cli.json({s("key"), s("generate"), s("--type"), s("rsa-2048"), s("--kid"),
                                       s("rsa1"), s("--alg"), s("PS256"), s("--not-after"), s("2099-01-01")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(stringsOf(run.json().value(s("algorithms"))), QStringList{s("PS256")});
        QCOMPARE(run.json().value(s("notAfter")).toString(), s("2099-01-01T00:00:00Z"));
        // The key signs with its one algorithm, not the type's default RS256.
        const QString token = sign(s("rsa1"));
        QVERIFY(!token.isEmpty());
        CLI_EXPECT_EXIT(verify(token, s("rsa1")), 0);
        CLI_EXPECT_EXIT(m_cli.run({s("token"), s("sign"), s("--kid"), s("rsa1"), s("--alg"), s("RS256"),
                                   s("--claims"), s("{}")}),
                        2);
        // --format belongs to --out; an algorithm the key cannot use is refused.
        CLI_EXPECT_EXIT(
            m_cli.run({s("key"), s("generate"), s("--type"), s("ec-p256"), s("--format"), s("pem")}), 2);
        CLI_EXPECT_EXIT(
            m_cli.run({s("key"), s("generate"), s("--type"), s("ec-p256"), s("--alg"), s("RS256")}), 2);
    }

    void signVerifyRotateRetire()
    {
        QVERIFY(!generate("ec-p256", "rot1").isEmpty());
        const QString old = sign(s("rot1"));
        QVERIFY(!old.isEmpty());
        CliRun run = m_cli.json({s("token"), s("verify"), old, s("--kid"), s("rot1")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(s("kid")).toString(), s("rot1"));
        QCOMPARE(run.json().value(s("alg")).toString(), s("ES256"));
        // Another vault key does not verify it.
        CLI_EXPECT_EXIT(verify(old, s("ec1")), 1);

        run = m_cli.json({s("key"), s("rotate"), s("rot1"), s("--new-kid"), s("rot2")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(s("new")).toObject().value(s("kid")).toString(), s("rot2"));
        QCOMPARE(run.json().value(s("new")).toObject().value(s("state")).toString(), s("active"));
        QCOMPARE(run.json().value(s("old")).toObject().value(s("state")).toString(), s("passive"));

        // Passive: still verifies, no longer signs.
        CLI_EXPECT_EXIT(verify(old, s("rot1")), 0);
        CLI_EXPECT_EXIT(m_cli.run({s("token"), s("sign"), s("--kid"), s("rot1"), s("--claims"), s("{}")}), 2);
        const QString fresh = sign(s("rot2"));
        QVERIFY(!fresh.isEmpty());
        CLI_EXPECT_EXIT(verify(fresh, s("rot2")), 0);
        // --vault and no key option: every active and passive key is tried.
        CLI_EXPECT_EXIT(m_cli.run({s("token"), s("verify"), old}), 0);

        CLI_EXPECT_EXIT(m_cli.run({s("key"), s("state"), s("rot1"), s("retired")}), 0);
        run = verify(old, s("rot1"));
        CLI_EXPECT_EXIT(run, 1);
        QVERIFY2(run.errText().contains(s("retired")), run.err.constData());
        CLI_EXPECT_EXIT(m_cli.run({s("token"), s("verify"), old}), 1);
        // A JWKS export holds the active and passive public keys only.
        run = m_cli.json({s("key"), s("jwks")});
        CLI_EXPECT_EXIT(run, 0);
        const QStringList published =
            kidsOf(run.json().value(s("output")).toObject().value(s("keys")).toArray());
        QVERIFY(published.contains(s("rot2")) && published.contains(s("ec1")));
        QVERIFY(!published.contains(s("rot1")) && !published.contains(s("hs1")));
    }

    void importPemPublicKeyIsPassive()
    {
        const QString keyFile = path("file-key.jwk");
        CLI_EXPECT_EXIT(
            m_cli.runner().run({s("key"), s("generate"), s("--type"), s("ec-p384"), s("--out"), keyFile}), 0);
        const CliRun pem =
            m_cli.runner().run({s("key"), s("convert"), keyFile, s("--to"), s("pem"), s("--public")});
        CLI_EXPECT_EXIT(pem, 0);
        QFile pemFile(path("public.pem"));
        QVERIFY(pemFile.open(QIODevice::WriteOnly));
        pemFile.write(pem.out);
        pemFile.close();

        const CliRun run = m_cli.json({s("key"), s("import"), pemFile.fileName(), s("--kid"), s("imp1")});
        CLI_EXPECT_EXIT(run, 0);
        const QJsonObject imported = run.json().value(s("imported")).toArray().first().toObject();
        QCOMPARE(imported.value(s("kid")).toString(), s("imp1"));
        QCOMPARE(imported.value(s("state")).toString(), s("passive"));
        QCOMPARE(imported.value(s("private")).toBool(), false);

        // A token signed with the file's private key verifies with the imported public key.
        const CliRun signedRun = m_cli.runner().run(
            {s("token"), s("sign"), s("--key"), keyFile, s("--claims"), s("{\"sub\":\"x\"}")});
        CLI_EXPECT_EXIT(signedRun, 0);
        CLI_EXPECT_EXIT(verify(signedRun.outText().trimmed(), s("imp1")), 0);
        // A public key cannot sign; a file that is not a key imports nothing.
        CLI_EXPECT_EXIT(m_cli.run({s("token"), s("sign"), s("--kid"), s("imp1"), s("--claims"), s("{}")}), 2);
        CLI_EXPECT_EXIT(m_cli.run({s("key"), s("import"), path("keys.tessera")}), 2);
    }

    void privateExportNeedsConfirmation()
    {
        const QString out = path("ec1-private.jwk");
        CliRun run = m_cli.run({s("key"), s("export"), s("ec1"), s("--private"), s("--out"), out});
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY2(run.errText().contains(s("--yes")), run.err.constData());
        QVERIFY(!QFileInfo::exists(out));

        run = m_cli.json({s("key"), s("export"), s("ec1"), s("--private"), s("--yes"), s("--out"), out});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(!(QFileInfo(out).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
        QVERIFY(!run.out.contains("\"d\"")); // the key went to the file, not the document

        const QString publicOut = path("ec1-public.jwk");
        CLI_EXPECT_EXIT(m_cli.run({s("key"), s("export"), s("ec1"), s("--out"), publicOut}), 0);
        const QString expected = thumbprint(publicOut);
        QCOMPARE(expected.size(), 43);
        QCOMPARE(thumbprint(out), expected); // the private JWK round-trips to the same key

        // Encrypted PKCS#8 with a passphrase from stdin, opened again by the stateless commands.
        const QString pkcs8 = path("ec1.p8.pem");
        run = m_cli.run({s("key"), s("export"), s("ec1"), s("--private"), s("--format"), s("pkcs8"),
                         s("--yes"), s("--passphrase-stdin"), s("--out"), pkcs8},
                        "correct horse battery\n");
        CLI_EXPECT_EXIT(run, 0);
        QFile file(pkcs8);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        QCOMPARE(thumbprint(pkcs8, "correct horse battery\n"), expected);

        // A public export of an HMAC secret has nothing to give; pkcs8 of one is refused.
        CLI_EXPECT_EXIT(m_cli.run({s("key"), s("export"), s("hs1")}), 2);
        CLI_EXPECT_EXIT(m_cli.run({s("key"), s("export"), s("hs1"), s("--private"), s("--format"), s("pkcs8"),
                                   s("--yes"), s("--passphrase-stdin")},
                                  "x-passphrase\n"),
                        2);
    }

    void issueVerifyRevoke()
    {
        CliRun run = m_cli.json({s("token"), s("issue"), s("alice"), s("--kid"), s("ec1")});
        CLI_EXPECT_EXIT(run, 0);
        const QJsonObject issued = run.json();
        QCOMPARE(issued.value(s("kid")).toString(), s("ec1"));
        QCOMPARE(issued.value(s("alg")).toString(), s("ES256"));
        const QString access = issued.value(s("accessToken")).toString();
        const QString refresh = issued.value(s("refreshToken")).toString();
        const QString jti = issued.value(s("jti")).toString();
        QVERIFY(!access.isEmpty() && !refresh.isEmpty() && !jti.isEmpty());
        QVERIFY(issued.value(s("expiresAt")).isString());

        CLI_EXPECT_EXIT(verify(access, s("ec1"), {s("--type"), s("access")}), 0);
        CLI_EXPECT_EXIT(verify(access, s("ec1"), {s("--type"), s("refresh")}), 1);
        CLI_EXPECT_EXIT(verify(refresh, s("ec1"), {s("--type"), s("refresh")}), 0);

        // Several active keys: one must be named. The text form labels each token.
        CLI_EXPECT_EXIT(m_cli.run({s("token"), s("issue"), s("alice")}), 2);
        run = m_cli.run({s("token"), s("issue"), s("alice"), s("--kid"), s("ed1"), s("--access")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY2(run.outText().startsWith(s("access: ey")) && !run.outText().contains(s("refresh:")),
                 run.out.constData());

        // Before revocation the inspector has no revoked finding; after it, it does.
        run = m_cli.json({s("token"), s("inspect"), refresh});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(!findingIds(run.json()).contains(s("revoked")));
        QCOMPARE(run.json().value(s("signature")).toObject().value(s("valid")).toBool(), true);
        CLI_EXPECT_EXIT(m_cli.run({s("token"), s("revoke"), jti, s("--reason"), s("laptop stolen")}), 0);
        run = m_cli.json({s("token"), s("inspect"), refresh});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY2(findingIds(run.json()).contains(s("revoked")), run.out.constData());
        // Verification with the vault open refuses it, with a vault key or a key file plus --vault.
        run = verify(refresh, s("ec1"), {s("--type"), s("refresh")});
        CLI_EXPECT_EXIT(run, 1);
        QVERIFY2(run.errText().contains(s("has been revoked")), run.err.constData());
        const QString publicJwk = path("ec1-for-revocation.jwk");
        CLI_EXPECT_EXIT(m_cli.run({s("key"), s("export"), s("ec1"), s("--out"), publicJwk}), 0);
        CLI_EXPECT_EXIT(m_cli.run({s("token"), s("verify"), refresh, s("--key"), publicJwk}), 1);
        CLI_EXPECT_EXIT(m_cli.runner().run({s("token"), s("verify"), refresh, s("--key"), publicJwk}), 0);
        // The access token of the same pair has no jti on the list.
        CLI_EXPECT_EXIT(verify(access, s("ec1"), {s("--type"), s("access")}), 0);
        // Without --vault the inspector opens no vault, so it cannot know.
        run = m_cli.runner().run({s("token"), s("inspect"), refresh, s("--json")});
        CLI_EXPECT_EXIT(run, 0);
        QVERIFY(!findingIds(run.json()).contains(s("revoked")));

        run = m_cli.json({s("token"), s("revoked")});
        CLI_EXPECT_EXIT(run, 0);
        const QJsonObject entry = run.json().value(s("revoked")).toArray().first().toObject();
        QCOMPARE(entry.value(s("jti")).toString(), jti);
        QCOMPARE(entry.value(s("reason")).toString(), s("laptop stolen"));
        const QString listFile = path("revoked.json");
        CLI_EXPECT_EXIT(m_cli.run({s("token"), s("revoked"), s("--out"), listFile}), 0);
        QVERIFY(QFileInfo(listFile).size() > 0);

        run = m_cli.json({s("token"), s("sessions"), s("alice")});
        CLI_EXPECT_EXIT(run, 0);
        const QJsonArray sessions = run.json().value(s("sessions")).toArray();
        QCOMPARE(sessions.size(), 1);
        QCOMPARE(sessions.first().toObject().value(s("state")).toString(), s("revoked"));
        QCOMPARE(sessions.first().toObject().value(s("user")).toString(), s("alice"));
    }

    void revokeEveryTokenOfAUser()
    {
        for (int i = 0; i < 2; ++i) {
            CLI_EXPECT_EXIT(
                m_cli.run({s("token"), s("issue"), s("bob"), s("--kid"), s("ed1"), s("--refresh")}), 0);
        }
        CliRun run = m_cli.run({s("token"), s("revoke"), s("--user"), s("bob")});
        CLI_EXPECT_EXIT(run, 2); // no terminal to confirm on
        run = m_cli.json({s("token"), s("sessions"), s("bob")});
        QCOMPARE(run.json().value(s("sessions")).toArray().size(), 2);
        for (const QJsonValue& session : run.json().value(s("sessions")).toArray()) {
            QCOMPARE(session.toObject().value(s("state")).toString(), s("live"));
        }
        run = m_cli.json({s("token"), s("revoke"), s("--user"), s("bob"), s("--yes")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(s("count")).toInt(), 2);
        run = m_cli.json({s("token"), s("revoke"), s("--user"), s("bob"), s("--yes")});
        CLI_EXPECT_EXIT(run, 0);
        QCOMPARE(run.json().value(s("count")).toInt(-1), 0); // nothing live is left
    }

    void deleteNeedsConfirmation()
    {
        QVERIFY(!generate("ed25519", "gone").isEmpty());
        CLI_EXPECT_EXIT(m_cli.run({s("key"), s("delete"), s("gone")}), 2);
        CLI_EXPECT_EXIT(m_cli.run({s("key"), s("show"), s("gone")}), 0);
        CLI_EXPECT_EXIT(m_cli.run({s("key"), s("delete"), s("gone"), s("--yes")}), 0);
        CLI_EXPECT_EXIT(m_cli.run({s("key"), s("show"), s("gone")}), 2);
    }

    void badInput()
    {
        const QString token = sign(s("ec1"));
        QVERIFY(!token.isEmpty());
        CliRun run = verify(token, s("nope"));
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY2(run.errText().contains(s("nope")), run.err.constData());
        run = m_cli.run({s("key"), s("state"), s("ec1"), s("bogus")});
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY2(run.errText().contains(s("bogus")), run.err.constData());
        CLI_EXPECT_EXIT(m_cli.run({s("token"), s("sign"), s("--kid"), s("nope"), s("--claims"), s("{}")}), 2);
        CLI_EXPECT_EXIT(m_cli.run({s("token"), s("revoke"), s("no-such-jti")}), 2);
        CLI_EXPECT_EXIT(m_cli.run({s("token"), s("issue"), s("nobody"), s("--kid"), s("ec1")}), 2);
        CLI_EXPECT_EXIT(m_cli.run({s("key"), s("list"), s("--older-than"), s("0")}), 2);
        CLI_EXPECT_EXIT(m_cli.run({s("key"), s("list"), s("--older-than"), s("many")}), 2);
        // token revoke takes a JTI or --user, exactly one of them.
        run = m_cli.run({s("token"), s("revoke")});
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY2(run.errText().contains(s("JTI or --user")), run.err.constData());
        CLI_EXPECT_EXIT(
            m_cli.run({s("token"), s("revoke"), s("some-jti"), s("--user"), s("bob"), s("--yes")}), 2);
        // An empty key file imports nothing.
        auto keyCount = [this] {
            return m_cli.json({s("key"), s("list")}).json().value(s("keys")).toArray().size();
        };
        const qsizetype keysBefore = keyCount();
        QVERIFY(keysBefore > 0);
        QFile empty(path("empty.jwk"));
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        run = m_cli.run({s("key"), s("import"), path("empty.jwk")});
        CLI_EXPECT_EXIT(run, 2);
        QVERIFY2(run.errText().contains(path("empty.jwk")), run.err.constData());
        QCOMPARE(keyCount(), keysBefore);
        // --kid and a key file together are ambiguous.
        CLI_EXPECT_EXIT(m_cli.run({s("token"), s("verify"), token, s("--kid"), s("ec1"), s("--key"),
                                   path("ec1-public.jwk")}),
                        2);
    }
};

QTEST_GUILESS_MAIN(TestCliVaultKeys)
#include "TestCliVaultKeys.moc"
