#include "crypto/CryptoRuntime.h"
#include "crypto/KdfTuner.h"
#include "crypto/PasswordKdf.h"
#include "crypto/PasswordStrength.h"
#include "crypto/SecretBox.h"
#include "crypto/SecretBuffer.h"
#include "crypto/SubkeyDeriver.h"
#include "vault/VaultHeader.h"

#include <QTest>

#include <cstring>

using namespace tessera;

class TestCrypto : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(CryptoRuntime::initialise()); }

    void secretBufferMovesAndCompares()
    {
        SecretBuffer a = SecretBuffer::fromBytes("secret");
        QCOMPARE(a.size(), std::size_t{6});
        SecretBuffer b = std::move(a);
        QVERIFY(a.isEmpty()); // NOLINT(bugprone-use-after-move): moved-from must be empty
        QCOMPARE(b.view(), QByteArrayView("secret"));
        SecretBuffer c = b.clone();
        QVERIFY(b.equals(c));
        c.data()[0] = 'S';
        QVERIFY(!b.equals(c));
        QVERIFY(!b.equals(SecretBuffer::fromBytes("secre")));
        b.wipe();
        QVERIFY(b.isEmpty());
        QVERIFY(b.data() == nullptr);
    }

    void wipeStringLeavesSharedCopiesAlone()
    {
        QString original = QStringLiteral("hunter2-password");
        QString shared = original; // implicitly shared
        wipeString(original);
        QVERIFY(original.isEmpty());
        QCOMPARE(shared, QStringLiteral("hunter2-password"));
        QByteArray bytes("abc");
        wipeBytes(bytes);
        QVERIFY(bytes.isEmpty());
    }

    // Vector produced with Debian's reference `argon2` tool:
    //   echo -n "correct horse" | argon2 TSV0123456789abc -id -t 2 -k 64 -p 1 -l 32 -r
    void argon2idMatchesReferenceImplementation()
    {
        PasswordKdf::Salt salt{};
        std::memcpy(salt.data(), "TSV0123456789abc", 16);
        auto key = PasswordKdf::derive(SecretBuffer::fromBytes("correct horse"), salt, KdfParams{2, 16});
        QVERIFY(key);
        QCOMPARE(QByteArray(key->chars(), 32).toHex(),
                 QByteArray("950838c986f19773798b010eeb4f9136fae5860bcd2802c90ecdaf0ed41f9f17"));
    }

    void kdfDependsOnEveryInput()
    {
        PasswordKdf::Salt salt{};
        const auto base = PasswordKdf::derive(SecretBuffer::fromBytes("pw"), salt, KdfParams{1, 13});
        salt[15] = 1;
        const auto otherSalt = PasswordKdf::derive(SecretBuffer::fromBytes("pw"), salt, KdfParams{1, 13});
        const auto otherCost = PasswordKdf::derive(SecretBuffer::fromBytes("pw"), salt, KdfParams{2, 13});
        QVERIFY(base && otherSalt && otherCost);
        QVERIFY(!base->equals(*otherSalt));
        QVERIFY(!otherSalt->equals(*otherCost));
        auto invalid = PasswordKdf::derive(SecretBuffer::fromBytes("pw"), salt, KdfParams{0, 13});
        QVERIFY(!invalid);
        QCOMPARE(invalid.error().kind, ErrorKind::Input);
    }

    void tunerNeverGoesBelowTheFloor()
    {
        // One pass over 32 MiB takes far longer than 1 ms anywhere, so the floor of one pass applies.
        const KdfParams tiny = KdfTuner::tune(std::chrono::milliseconds(1), 25);
        QCOMPARE(tiny.iterations, std::uint8_t{1});
        QCOMPARE(tiny.memoryLog2, std::uint8_t{25});
        QVERIFY(tiny.isValid());
    }

    void subkeysAreDistinctPerPurpose()
    {
        const SecretBuffer master = SecretBuffer::random(32);
        const SecretBuffer audit = SubkeyDeriver::derive(master, SubkeyPurpose::AuditMac);
        const SecretBuffer totp = SubkeyDeriver::derive(master, SubkeyPurpose::TotpSeeds);
        QCOMPARE(audit.size(), std::size_t{32});
        QVERIFY(!audit.equals(totp));
        QVERIFY(audit.equals(SubkeyDeriver::derive(master, SubkeyPurpose::AuditMac)));
    }

    void secretBoxRoundTripsAndRejectsTampering()
    {
        const SecretBuffer key = SecretBuffer::random(32);
        QByteArray sealed = SecretBox::seal(key, SecretBuffer::fromBytes("seed bytes"));
        auto opened = SecretBox::open(key, sealed);
        QVERIFY(opened);
        QCOMPARE(opened->view(), QByteArrayView("seed bytes"));
        QVERIFY(!sealed.contains("seed bytes"));
        sealed[sealed.size() - 1] = char(sealed.at(sealed.size() - 1) ^ 1);
        QCOMPARE(SecretBox::open(key, sealed).error().kind, ErrorKind::Corrupt);
        QCOMPARE(SecretBox::open(key, QByteArray("short")).error().kind, ErrorKind::Corrupt);
        QVERIFY(!SecretBox::open(SecretBuffer::random(32), SecretBox::seal(key, SecretBuffer::fromBytes("x"))));
    }

    void headerRejectsDamage_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("kind");
        QTest::newRow("foreign magic") << QByteArray("XYZ\x01\x01\x0d" "0123456789", 16) << int(ErrorKind::NotAVault);
        QTest::newRow("version zero") << QByteArray("TSV\x00\x01\x0d" "0123456789", 16) << int(ErrorKind::Corrupt);
        QTest::newRow("newer version") << QByteArray("TSV\x02\x01\x0d" "0123456789", 16) << int(ErrorKind::NewerFormat);
        QTest::newRow("zero passes") << QByteArray("TSV\x01\x00\x0d" "0123456789", 16) << int(ErrorKind::Corrupt);
        QTest::newRow("memory too small") << QByteArray("TSV\x01\x01\x05" "0123456789", 16) << int(ErrorKind::Corrupt);
        QTest::newRow("memory too large") << QByteArray("TSV\x01\x01\x30" "0123456789", 16) << int(ErrorKind::Corrupt);
    }

    void headerRejectsDamage()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, kind);
        PasswordKdf::Salt salt{};
        std::memcpy(salt.data(), bytes.constData(), 16);
        auto header = VaultHeader::parse(salt);
        QVERIFY(!header);
        QCOMPARE(int(header.error().kind), kind);
    }

    void headerRoundTripsAndBuildsKeySpec()
    {
        const VaultHeader header = VaultHeader::generate(KdfParams{7, 26});
        auto parsed = VaultHeader::parse(header.bytes());
        QVERIFY(parsed);
        QCOMPARE(parsed->kdf(), (KdfParams{7, 26}));
        QVERIFY(header.bytes() != VaultHeader::generate(KdfParams{7, 26}).bytes()); // random tail
        SecretBuffer key(32);
        std::memset(key.data(), 0xab, 32);
        const SecretBuffer spec = header.sqlCipherKeySpec(key);
        const QByteArray text(spec.chars(), qsizetype(spec.size()));
        QCOMPARE(text.size(), 3 + 64 + 32);
        QVERIFY(text.startsWith("x'" + QByteArray(64, 'a').replace("aa", "ab")));
        QVERIFY(text.endsWith(QByteArray(reinterpret_cast<const char*>(header.bytes().data()), 16).toHex() + "'"));
    }

    void strengthRewardsLengthAndVariety()
    {
        QCOMPARE(PasswordStrength::estimate(QString()).level, PasswordStrength::Level::Empty);
        const auto weak = PasswordStrength::estimate(QStringLiteral("aaaaaaaaaaaa"));
        const auto run = PasswordStrength::estimate(QStringLiteral("abcdefgh"));
        const auto fair = PasswordStrength::estimate(QStringLiteral("Tr0ub4dor&3"));
        const auto strong = PasswordStrength::estimate(QStringLiteral("correct horse battery staple 42!"));
        QCOMPARE(weak.level, PasswordStrength::Level::VeryWeak);
        QVERIFY(run.bits < fair.bits);
        QVERIFY(fair.bits < strong.bits);
        QVERIFY(strong.level >= PasswordStrength::Level::Strong);
    }
};

QTEST_GUILESS_MAIN(TestCrypto)
#include "TestCrypto.moc"
