#include "TestVault.h"
#include "crypto/CryptoRuntime.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tessera;
using namespace tessera::test;

class TestVaultReauthentication : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(CryptoRuntime::initialise());
        QVERIFY(m_dir.isValid());
    }

    void verifyPasswordAcceptsOnlyTheMasterPassword()
    {
        auto vault = createVault(m_dir.filePath(QStringLiteral("reauth.tessera")));
        QVERIFY(vault);
        QCOMPARE(vault->verifyPassword(password()).value_or(false), true);
        QCOMPARE(vault->verifyPassword(password("not it")).value_or(true), false);
    }

    void verifyPasswordFollowsAPasswordChange()
    {
        auto vault = createVault(m_dir.filePath(QStringLiteral("rekeyed.tessera")));
        QVERIFY(vault);
        QVERIFY(vault->changePassword(password("new secret"), KdfParams::insecureTestParams()).has_value());
        QCOMPARE(vault->verifyPassword(password("new secret")).value_or(false), true);
        QCOMPARE(vault->verifyPassword(password()).value_or(true), false);
    }

    void verifyPasswordFailsOnAClosedVault()
    {
        auto vault = createVault(m_dir.filePath(QStringLiteral("closed.tessera")));
        QVERIFY(vault);
        vault->close();
        QVERIFY(!vault->verifyPassword(password()).has_value());
    }
};

QTEST_GUILESS_MAIN(TestVaultReauthentication)
#include "TestVaultReauthentication.moc"
