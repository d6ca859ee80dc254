#include "ToolRun.h"
#include "crypto/CryptoRuntime.h"
#include "crypto/SecretBuffer.h"
#include "password/Argon2Phc.h"
#include "password/BcryptHash.h"
#include "password/HashParams.h"
#include "password/PasswordHasher.h"

#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using namespace tessera;
using namespace tessera::test;

namespace {

SecretBuffer secret(QByteArrayView bytes)
{
    return SecretBuffer::fromBytes(bytes);
}

QString latin1(const char* text)
{
    return QString::fromLatin1(text);
}

// Debian's python3 (not a pyenv or venv one) is where python3-argon2 and python3-bcrypt live.
QString debianPython()
{
    return QFileInfo::exists(latin1("/usr/bin/python3")) ? latin1("/usr/bin/python3") : QString();
}

bool pythonHasModule(const QString& module)
{
    const QString python = debianPython();
    if (python.isEmpty()) {
        return false;
    }
    const ToolRun run = runTool(python, {latin1("-c"), QStringLiteral("import %1").arg(module)}, {});
    return run.started && run.exitCode == 0;
}

// A bash $'...' literal for arbitrary bytes (except NUL), so a binary salt reaches argv unchanged.
QString bashBytes(const QByteArray& bytes)
{
    QString out = latin1("$'");
    for (const char c : bytes) {
        out += QStringLiteral("\\x%1").arg(static_cast<unsigned char>(c), 2, 16, QChar(u'0'));
    }
    return out + u'\'';
}

const HashParams kFast = HashParams::insecureTestParams();

} // namespace

class TestPasswordHasher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(CryptoRuntime::initialise()); }

    // ---- hashing ------------------------------------------------------------------------------------

    void hashWritesAnArgon2idPhcStringThatVerifies()
    {
        const auto hash = PasswordHasher::hash(secret("correct horse"), kFast);
        QVERIFY(hash);
        static const QRegularExpression shape(
            latin1("^\\$argon2id\\$v=19\\$m=8,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}$"));
        QVERIFY2(shape.match(*hash).hasMatch(), qPrintable(*hash));

        const auto good = PasswordHasher::verify(secret("correct horse"), *hash, kFast);
        QVERIFY(good);
        QVERIFY(good->matches);
        QCOMPARE(good->format, HashFormat::Argon2id);
        QVERIFY(!good->needsRehash);

        const auto bad = PasswordHasher::verify(secret("correct horsf"), *hash, kFast);
        QVERIFY(bad);
        QVERIFY(!bad->matches);
        QVERIFY(!bad->needsRehash);
    }

    void hashesAreSaltedFreshEveryTime()
    {
        const auto a = PasswordHasher::hash(secret("same"), kFast);
        const auto b = PasswordHasher::hash(secret("same"), kFast);
        QVERIFY(a && b);
        QVERIFY(*a != *b);
        QCOMPARE(Argon2Phc::parse(*a)->salt.size(), qsizetype{PasswordHasher::kSaltBytes});
        QVERIFY(Argon2Phc::parse(*a)->salt != Argon2Phc::parse(*b)->salt);
    }

    void emptyAndUnicodePasswordsRoundTrip()
    {
        for (const QByteArray& password : {QByteArray(), QByteArray("p\xc3\xa4ssw\xc3\xb6rd\xe2\x9c\x93"),
                                           QByteArray("with\0nul", 8), QByteArray(500, 'x')}) {
            const auto hash = PasswordHasher::hash(secret(password), kFast);
            QVERIFY(hash);
            QVERIFY(PasswordHasher::verify(secret(password), *hash, kFast)->matches);
            QByteArray other = password + 'x';
            QVERIFY(!PasswordHasher::verify(secret(other), *hash, kFast)->matches);
        }
    }

    void defaultParametersAreTheGuides()
    {
        const HashParams defaults;
        QCOMPARE(defaults.opsLimit, std::uint64_t{3});
        QCOMPARE(defaults.memLimitBytes, std::uint64_t{64} * 1024 * 1024);
        QCOMPARE(defaults.describe(), latin1("Argon2id, t=3, 64 MiB"));
        const auto hash = PasswordHasher::hash(secret("pw"));
        QVERIFY(hash);
        QVERIFY(hash->startsWith(latin1("$argon2id$v=19$m=65536,t=3,p=1$")));
        const auto outcome = PasswordHasher::verify(secret("pw"), *hash);
        QVERIFY(outcome && outcome->matches && !outcome->needsRehash);
    }

    void invalidParametersAreRefused_data()
    {
        QTest::addColumn<quint64>("ops");
        QTest::addColumn<quint64>("memory");
        QTest::newRow("no passes") << quint64{0} << quint64{8192};
        QTest::newRow("absurd passes") << quint64{1001} << quint64{8192};
        QTest::newRow("below 8 KiB") << quint64{1} << quint64{4096};
        QTest::newRow("not whole KiB") << quint64{1} << quint64{8193};
        QTest::newRow("above 4 GiB") << quint64{1} << (quint64{5} << 30);
    }
    void invalidParametersAreRefused()
    {
        QFETCH(quint64, ops);
        QFETCH(quint64, memory);
        const auto hash = PasswordHasher::hash(secret("pw"), HashParams{ops, memory});
        QVERIFY(!hash);
        QCOMPARE(hash.error().kind, ErrorKind::Input);
    }

    void hashParamsRoundTripThroughJson()
    {
        const HashParams params{4, 128 * 1024 * 1024};
        const QJsonObject json = params.toJson();
        QCOMPARE(json.value(latin1("opsLimit")).toInt(), 4);
        QCOMPARE(json.value(latin1("memoryKiB")).toInt(), 131072);
        QCOMPARE(HashParams::fromJson(json).value(), params);
        QCOMPARE(HashParams::fromJson(QJsonObject{}).value(), HashParams{});
        for (const QJsonObject& bad :
             {QJsonObject{{latin1("opsLimit"), 0}}, QJsonObject{{latin1("opsLimit"), 2.5}},
              QJsonObject{{latin1("memoryKiB"), latin1("64")}}, QJsonObject{{latin1("memoryKiB"), 4}},
              QJsonObject{{latin1("memoryKiB"), -1}}, QJsonObject{{latin1("parallelism"), 2}}}) {
            const auto parsed = HashParams::fromJson(bad);
            QVERIFY(!parsed);
            QCOMPARE(parsed.error().kind, ErrorKind::Input);
        }
    }

    // ---- argon2 reference vectors -------------------------------------------------------------------

    // Vector tables stay one row per line, as the tools printed them.
    // clang-format off
    void argon2ReferenceVectorsVerify_data()
    {
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<QString>("encoded");
        QTest::addColumn<int>("format");
        // The reference implementation's own test vectors (phc-winner-argon2, the RFC 9106 authors'
        // code), reproduced with Debian's `argon2` tool:
        //   echo -n password | argon2 somesalt -i -t 2 -k 65536 -p 1 -e
        QTest::newRow("argon2i reference") << QByteArray("password")
            << latin1("$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA")
            << int(HashFormat::Argon2i);
        //   echo -n password | argon2 somesalt -id -t 2 -k 65536 -p 1 -e
        QTest::newRow("argon2id reference") << QByteArray("password")
            << latin1("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")
            << int(HashFormat::Argon2id);
        //   echo -n 'correct horse battery staple' | argon2 saltsaltsalt -id -t 2 -k 256 -p 4 -e
        QTest::newRow("four lanes") << QByteArray("correct horse battery staple")
            << latin1("$argon2id$v=19$m=256,t=2,p=4$c2FsdHNhbHRzYWx0$zE/U2a+pOYeYDCW8qjKBAgflxJ/1XzrpNPWZc8avnHQ")
            << int(HashFormat::Argon2id);
        //   echo -n 'correct horse battery staple' | argon2 a-much-longer-salt-of-40-bytes-xxxxxxxxx -id -t 1 -k 64 -p 1 -l 64 -e
        QTest::newRow("long salt, 64-byte hash") << QByteArray("correct horse battery staple")
            << latin1("$argon2id$v=19$m=64,t=1,p=1$YS1tdWNoLWxvbmdlci1zYWx0LW9mLTQwLWJ5dGVzLXh4eHh4eHh4eA$"
                      "MFH/Yqbl1HE3nC9f+FfqzLY/Fevk2UJ6ktgw0Hxs3q2ei7+extKjH/1YuSSmACGykyGdQL486V9n0IHMB9yg3w")
            << int(HashFormat::Argon2id);
        //   printf 'p\xc3\xa4ssw\xc3\xb6rd\xe2\x9c\x93' | argon2 saltsaltsalt -id -t 3 -k 1024 -p 2 -e
        QTest::newRow("utf-8 password, two lanes") << QByteArray("p\xc3\xa4ssw\xc3\xb6rd\xe2\x9c\x93")
            << latin1("$argon2id$v=19$m=1024,t=3,p=2$c2FsdHNhbHRzYWx0$onix1FYdq/PrMd2NX1yNS8lfnJBJX6eGC5iBok1Igto")
            << int(HashFormat::Argon2id);
        //   echo -n 'Tr0ub4dor&3' | argon2 saltsaltsalt -i -t 3 -k 4096 -p 1 -e
        QTest::newRow("argon2i small") << QByteArray("Tr0ub4dor&3")
            << latin1("$argon2i$v=19$m=4096,t=3,p=1$c2FsdHNhbHRzYWx0$SjSbBSImDWymfWaRavccFc1zNPju5uOvgBKy6xjR3NY")
            << int(HashFormat::Argon2i);
    }
    // clang-format on
    void argon2ReferenceVectorsVerify()
    {
        QFETCH(QByteArray, password);
        QFETCH(QString, encoded);
        QFETCH(int, format);
        const auto good = PasswordHasher::verify(secret(password), encoded);
        QVERIFY2(good, good ? "" : qPrintable(good.error().message));
        QVERIFY(good->matches);
        QCOMPARE(int(good->format), format);
        QVERIFY(good->needsRehash); // none of them is argon2id with t=3, 64 MiB, one lane, 16/32 bytes

        QByteArray wrong = password;
        wrong[0] = static_cast<char>(wrong[0] ^ 1);
        const auto bad = PasswordHasher::verify(secret(wrong), encoded);
        QVERIFY(bad);
        QVERIFY(!bad->matches);
        QVERIFY(!bad->needsRehash);

        // A flipped bit in the stored hash value must not verify either.
        auto phc = Argon2Phc::parse(encoded);
        QVERIFY(phc);
        phc->hash[0] = static_cast<char>(phc->hash[0] ^ 0x01);
        QVERIFY(!PasswordHasher::verify(secret(password), QString::fromLatin1(phc->toEncoded()))->matches);
    }

    void parametersAreAcceptedInAnyOrder_data()
    {
        QTest::addColumn<QString>("parameters");
        QTest::newRow("m,t,p") << latin1("m=256,t=2,p=4");
        QTest::newRow("m,p,t") << latin1("m=256,p=4,t=2");
        QTest::newRow("t,m,p") << latin1("t=2,m=256,p=4");
        QTest::newRow("t,p,m") << latin1("t=2,p=4,m=256");
        QTest::newRow("p,m,t") << latin1("p=4,m=256,t=2");
        QTest::newRow("p,t,m") << latin1("p=4,t=2,m=256");
        QTest::newRow("leading zeros") << latin1("m=0256,t=02,p=004");
    }
    void parametersAreAcceptedInAnyOrder()
    {
        QFETCH(QString, parameters);
        const QString canonical = latin1(
            "$argon2id$v=19$m=256,t=2,p=4$c2FsdHNhbHRzYWx0$zE/U2a+pOYeYDCW8qjKBAgflxJ/1XzrpNPWZc8avnHQ");
        const QString encoded =
            latin1("$argon2id$v=19$%1$c2FsdHNhbHRzYWx0$zE/U2a+pOYeYDCW8qjKBAgflxJ/1XzrpNPWZc8avnHQ")
                .arg(parameters);
        const auto phc = Argon2Phc::parse(encoded);
        QVERIFY(phc);
        QCOMPARE(phc->memoryKiB, 256u);
        QCOMPARE(phc->iterations, 2u);
        QCOMPARE(phc->parallelism, 4u);
        QCOMPARE(QString::fromLatin1(phc->toEncoded()), canonical);
        const auto outcome = PasswordHasher::verify(secret("correct horse battery staple"), encoded);
        QVERIFY(outcome);
        QVERIFY(outcome->matches);
        QVERIFY(!PasswordHasher::verify(secret("correct horse battery stapler"), encoded)->matches);
    }

    // Vector tables stay one row per line, as the tools printed them.
    // clang-format off
    void malformedArgon2IsAClearInputError_data()
    {
        QTest::addColumn<QString>("encoded");
        QTest::addColumn<QString>("expected");
        const QString salt = latin1("c2FsdHNhbHRzYWx0");
        const QString hash = latin1("zE/U2a+pOYeYDCW8qjKBAgflxJ/1XzrpNPWZc8avnHQ");
        const auto with = [&](const char* params) {
            return latin1("$argon2id$v=19$%1$%2$%3").arg(latin1(params), salt, hash);
        };
        QTest::newRow("duplicate m") << with("m=256,t=2,p=4,m=256") << latin1("parameter m appears more than once");
        QTest::newRow("duplicate t") << with("t=2,m=256,t=3,p=4") << latin1("parameter t appears more than once");
        QTest::newRow("unknown x") << with("m=256,t=2,p=4,x=1") << latin1("unknown or unsupported argon2 parameter \"x\"");
        QTest::newRow("keyid") << with("m=256,t=2,p=4,keyid=abc") << latin1("unsupported argon2 parameter \"keyid\"");
        QTest::newRow("upper-case name") << with("M=256,t=2,p=4") << latin1("unknown or unsupported argon2 parameter (only m, t and p");
        QTest::newRow("missing p") << with("m=256,t=2") << latin1("missing the p parameter");
        QTest::newRow("missing m") << with("t=2,p=4") << latin1("missing the m parameter");
        QTest::newRow("no parameters") << with("") << latin1("has no parameters");
        QTest::newRow("empty item") << with("m=256,,t=2,p=4") << latin1("name=value pairs");
        QTest::newRow("no value sign") << with("m256,t=2,p=4") << latin1("name=value pairs");
        QTest::newRow("empty value") << with("m=,t=2,p=4") << latin1("parameter m is not a valid number");
        QTest::newRow("letters") << with("m=256,t=two,p=4") << latin1("parameter t is not a valid number");
        QTest::newRow("plus sign") << with("m=+256,t=2,p=4") << latin1("parameter m is not a valid number");
        QTest::newRow("negative") << with("m=256,t=-2,p=4") << latin1("parameter t is not a valid number");
        QTest::newRow("overflow") << with("m=4294967296,t=2,p=4") << latin1("parameter m is not a valid number");
        QTest::newRow("t zero") << with("m=256,t=0,p=4") << latin1("parameter t must be between 1");
        QTest::newRow("p zero") << with("m=256,t=2,p=0") << latin1("parameter p must be between 1");
        QTest::newRow("m below 8 per lane") << with("m=31,t=2,p=4") << latin1("at least 8 KiB per lane");
        QTest::newRow("m above 4 GiB") << with("m=4194305,t=2,p=1") << latin1("exceeds the 4 GiB limit");
        QTest::newRow("salt bad char")
            << latin1("$argon2id$v=19$m=256,t=2,p=4$c2Fsd*NhbHRzYWx0$%1").arg(hash) << latin1("salt is not valid");
        QTest::newRow("salt padded")
            << latin1("$argon2id$v=19$m=256,t=2,p=4$c29tZXNhbHQ=$%1").arg(hash) << latin1("salt is not valid");
        QTest::newRow("salt non-canonical bits")
            << latin1("$argon2id$v=19$m=256,t=2,p=4$c29tZXNhbHR$%1").arg(hash) << latin1("salt is not valid");
        QTest::newRow("salt url-safe alphabet")
            << latin1("$argon2id$v=19$m=256,t=2,p=4$c2Fsd_NhbHRzYWx0$%1").arg(hash) << latin1("salt is not valid");
        QTest::newRow("salt empty")
            << latin1("$argon2id$v=19$m=256,t=2,p=4$$%1").arg(hash) << latin1("salt is not valid");
        QTest::newRow("salt too short")
            << latin1("$argon2id$v=19$m=256,t=2,p=4$c2FsdHNhbA$%1").arg(hash) << latin1("salt is shorter than 8 bytes");
        QTest::newRow("hash bad base64")
            << latin1("$argon2id$v=19$m=256,t=2,p=4$%1$zE/U2a+pOYeYDCW8qjKBAgflxJ/1XzrpNPWZc8avnH=").arg(salt)
            << latin1("hash value is not valid");
        QTest::newRow("hash too short")
            << latin1("$argon2id$v=19$m=256,t=2,p=4$%1$zE/U2a+pOYeYDCW8qjKB").arg(salt)
            << latin1("hash value is shorter than 16 bytes");
        QTest::newRow("version 16")
            << latin1("$argon2id$v=16$m=64,t=2,p=1$c29tZXNhbHQ$4nDCgqqi/MYvPUrUq8ZfVUrFto43iXYW7ryycatUzoI")
            << latin1("version 16 is not supported");
        QTest::newRow("no version")
            << latin1("$argon2id$m=256,t=2,p=4$%1$%2").arg(salt, hash) << latin1("version 16 is not supported");
        QTest::newRow("version not a number")
            << latin1("$argon2id$v=x19$m=256,t=2,p=4$%1$%2").arg(salt, hash) << latin1("version is not a valid number");
        QTest::newRow("missing hash") << latin1("$argon2id$v=19$m=256,t=2,p=4$%1").arg(salt) << latin1("incomplete");
        QTest::newRow("extra field") << with("m=256,t=2,p=4") + latin1("$AAAA") << latin1("too many");
        QTest::newRow("trailing newline") << with("m=256,t=2,p=4") + u'\n' << latin1("control or non-ASCII");
        QTest::newRow("inner space") << with("m=256, t=2,p=4") << latin1("control or non-ASCII");
        QTest::newRow("non-ascii") << with("m=256,t=2,p=4") + QChar(0xe9) << latin1("control or non-ASCII");
        QTest::newRow("too long") << with("m=256,t=2,p=4") + QString(1100, u'A') << latin1("longer than 1024");
        QTest::newRow("argon2d")
            << latin1("$argon2d$v=19$m=64,t=2,p=1$c29tZXNhbHQ$+SDZVThkhGWr7rpq4G6lMu0m3zFK/2AVAjfY/hFvYs0")
            << latin1("argon2d hashes are not supported");
    }
    // clang-format on
    void malformedArgon2IsAClearInputError()
    {
        QFETCH(QString, encoded);
        QFETCH(QString, expected);
        const auto outcome = PasswordHasher::verify(secret("correct horse battery staple"), encoded);
        QVERIFY2(!outcome, "a malformed hash must not verify");
        QCOMPARE(outcome.error().kind, ErrorKind::Input);
        QVERIFY2(outcome.error().message.contains(expected), qPrintable(outcome.error().message));
        // Never echo the stored hash back: it may be a pasted password.
        QVERIFY(!outcome.error().message.contains(latin1("c2FsdHNhbHRzYWx0")));
        QVERIFY(!outcome.error().message.contains(latin1("zE/U2a")));
        const auto rehash = PasswordHasher::needsRehash(encoded);
        QVERIFY(!rehash);
        QCOMPARE(rehash.error().kind, ErrorKind::Input);
    }

    // Vector tables stay one row per line, as the tools printed them.
    // clang-format off
    void unknownFormatsAreRefused_data()
    {
        QTest::addColumn<QString>("encoded");
        QTest::newRow("empty") << QString();
        QTest::newRow("plain text") << latin1("hunter2");
        QTest::newRow("md5crypt") << latin1("$1$saltsalt$qjXMvbEw8oaL.CzflDugX/");
        QTest::newRow("sha512crypt") << latin1("$6$saltsalt$qFmFH.bQmmtXzyBY0s9v7Oicd2z4XSIecDzlB5KiA2/jctKu9YterLp8wwnSq.qc.eoxqOmSuNp2xS0ktL3nh/");
        QTest::newRow("yescrypt") << latin1("$y$j9T$F5Jx5fExrKuPp53xLKQ..1$X3DX6M94c7o.9agCG9G317fhZg9SqC.5i5rd.RhAtQ7");
        QTest::newRow("bcrypt 2x") << latin1("$2x$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW");
        QTest::newRow("bare argon2") << latin1("$argon2$v=19$m=8,t=1,p=1$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAA");
        QTest::newRow("ldap ssha") << latin1("{SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=");
        QTest::newRow("no leading dollar") << latin1("argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAA");
    }
    // clang-format on
    void unknownFormatsAreRefused()
    {
        QFETCH(QString, encoded);
        const auto outcome = PasswordHasher::verify(secret("hunter2"), encoded);
        QVERIFY(!outcome);
        QCOMPARE(outcome.error().kind, ErrorKind::Input);
        QVERIFY2(outcome.error().message.startsWith(latin1("unknown password hash format")),
                 qPrintable(outcome.error().message));
        QVERIFY(encoded.isEmpty() || !outcome.error().message.contains(encoded));
        QVERIFY(!PasswordHasher::detectFormat(encoded));
        QVERIFY(!PasswordHasher::needsRehash(encoded));
    }

    // ---- bcrypt -------------------------------------------------------------------------------------

    // Vector tables stay one row per line, as the tools printed them.
    // clang-format off
    void bcryptVectorsVerify_data()
    {
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<QString>("encoded");
        // Made with Debian's python3-bcrypt (OpenBSD's implementation, independent of libcrypt):
        //   /usr/bin/python3 -c 'import bcrypt; print(bcrypt.hashpw(b"password", bcrypt.gensalt(4, prefix=b"2a")))'
        QTest::newRow("2a") << QByteArray("password")
                            << latin1("$2a$04$ym8aSSO40TIaipzmslDR3O/QwADBZCY7VKeZ1PZCksGE9Mjs1OZee");
        //   ... bcrypt.hashpw(b"password", bcrypt.gensalt(4, prefix=b"2b"))
        QTest::newRow("2b") << QByteArray("password")
                            << latin1("$2b$04$4iLjBf6bjjM7pmLBj5z5lO5ffkPZ4yLRMxwFooHstV7oJJqQSjP6O");
        // $2y$ (PHP's spelling) is the same algorithm: the 2b vector with its prefix changed, which
        // python3-bcrypt's checkpw also accepts.
        QTest::newRow("2y") << QByteArray("password")
                            << latin1("$2y$04$4iLjBf6bjjM7pmLBj5z5lO5ffkPZ4yLRMxwFooHstV7oJJqQSjP6O");
        //   ... bcrypt.hashpw("pässwörd✓".encode(), bcrypt.gensalt(5, prefix=b"2b"))
        QTest::newRow("utf-8") << QByteArray("p\xc3\xa4ssw\xc3\xb6rd\xe2\x9c\x93")
                               << latin1("$2b$05$mIr9uMuY8EbMIcwUNCwTNujtRHYSpgOhjElv3U6johFU2CRc4WaJC");
        //   ... bcrypt.hashpw(b"", bcrypt.gensalt(4, prefix=b"2b"))
        QTest::newRow("empty") << QByteArray()
                               << latin1("$2b$04$oZguN2jpWmTU84m4B1uOeuC.RX2Gn1W4RK/ytSw7gpwCv5hACk/gK");
        //   echo -n password | mkpasswd -m bcrypt -R 5 --stdin   (Debian whois)
        QTest::newRow("mkpasswd") << QByteArray("password")
                                  << latin1("$2b$05$mSCI7JU2Bva8Ah7Bcqd3He6itPfz.Tpf0z213Z4aXhela1RhajDhu");
        // Published test vectors of Openwall's crypt_blowfish, confirmed with python3-bcrypt's checkpw.
        QTest::newRow("openwall U*U") << QByteArray("U*U")
                                      << latin1("$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW");
        QTest::newRow("openwall 2y high bytes") << QByteArray("\xff\xff\xa3")
                                                << latin1("$2y$05$/OK.fbVrR/bpIqNJ5ianF.CE5elHaaO4EbggVDjb8P19RukzXSM3e");
    }
    // clang-format on
    void bcryptVectorsVerify()
    {
        QFETCH(QByteArray, password);
        QFETCH(QString, encoded);
        const auto good = PasswordHasher::verify(secret(password), encoded);
        QVERIFY2(good, good ? "" : qPrintable(good.error().message));
        QCOMPARE(good->format, HashFormat::Bcrypt);
        QVERIFY(good->matches);
        QVERIFY(good->needsRehash);
        QCOMPARE(PasswordHasher::needsRehash(encoded).value(), true);

        const auto bad = PasswordHasher::verify(secret(password + "!"), encoded);
        QVERIFY(bad);
        QVERIFY(!bad->matches);
        QVERIFY(!bad->needsRehash);

        QString tampered = encoded;
        tampered[50] = tampered[50] == u'A' ? u'B' : u'A';
        QVERIFY(!PasswordHasher::verify(secret(password), tampered)->matches);
    }

    void bcryptUsesOnlyTheFirst72Bytes()
    {
        // Openwall crypt_blowfish's vector for exactly this rule.
        const QString openwall = latin1("$2a$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui");
        const QByteArray first72 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        QCOMPARE(first72.size(), 72);
        QVERIFY(PasswordHasher::verify(secret(first72 + "chars after 72 are ignored"), openwall)->matches);
        QVERIFY(PasswordHasher::verify(secret(first72), openwall)->matches);
        QVERIFY(!PasswordHasher::verify(secret(first72.left(71)), openwall)->matches);

        //   ... bcrypt.hashpw(b"0123456789"*7 + b"xy", bcrypt.gensalt(4, prefix=b"2b"))   (72 bytes)
        const QString ours = latin1("$2b$04$egG0qhiX31PjSG39UWdu6OLshJAL3AGsfl/rWM7TcsyPukC40a876");
        const QByteArray password = QByteArray("0123456789").repeated(7) + "xy";
        QVERIFY(PasswordHasher::verify(secret(password), ours)->matches);
        QVERIFY(PasswordHasher::verify(secret(password + QByteArray(1000, 'z')), ours)->matches);
        // A NUL past byte 72 is cut off with the rest, so it is no obstacle.
        QVERIFY(PasswordHasher::verify(secret(password + QByteArray("\0tail", 5)), ours)->matches);
        QByteArray changedLast = password;
        changedLast[71] = 'Y';
        QVERIFY(!PasswordHasher::verify(secret(changedLast), ours)->matches);
    }

    void bcryptRefusesAnEmbeddedNul()
    {
        const QString encoded = latin1("$2b$04$4iLjBf6bjjM7pmLBj5z5lO5ffkPZ4yLRMxwFooHstV7oJJqQSjP6O");
        const auto outcome = PasswordHasher::verify(secret(QByteArray("password\0evil", 13)), encoded);
        QVERIFY(!outcome);
        QCOMPARE(outcome.error().kind, ErrorKind::Input);
        QVERIFY(outcome.error().message.contains(latin1("NUL")));
    }

    // Vector tables stay one row per line, as the tools printed them.
    // clang-format off
    void malformedBcryptIsAClearInputError_data()
    {
        QTest::addColumn<QString>("encoded");
        QTest::addColumn<QString>("expected");
        const QString good = latin1("$2b$04$4iLjBf6bjjM7pmLBj5z5lO5ffkPZ4yLRMxwFooHstV7oJJqQSjP6O");
        QTest::newRow("short") << good.left(59) << latin1("exactly 60 characters");
        QTest::newRow("long") << good + u'A' << latin1("exactly 60 characters");
        QTest::newRow("cost 03") << latin1("$2b$03$4iLjBf6bjjM7pmLBj5z5lO5ffkPZ4yLRMxwFooHstV7oJJqQSjP6O")
                                 << latin1("cost must be between 04 and 31");
        QTest::newRow("cost 32") << latin1("$2b$32$4iLjBf6bjjM7pmLBj5z5lO5ffkPZ4yLRMxwFooHstV7oJJqQSjP6O")
                                 << latin1("cost must be between 04 and 31");
        QTest::newRow("cost letters") << latin1("$2b$x4$4iLjBf6bjjM7pmLBj5z5lO5ffkPZ4yLRMxwFooHstV7oJJqQSjP6O")
                                      << latin1("two-digit cost");
        QTest::newRow("no dollar after cost")
            << latin1("$2b$04x4iLjBf6bjjM7pmLBj5z5lO5ffkPZ4yLRMxwFooHstV7oJJqQSjP6O") << latin1("two-digit cost");
        QTest::newRow("bad character") << latin1("$2b$04$4iLjBf6bjjM7pmLBj5z5lO5ffkPZ4yLRMxwFooHstV7oJJqQSjP6+")
                                       << latin1("./A-Za-z0-9");
        QTest::newRow("space") << latin1("$2b$04$4iLjBf6bjjM7pmLBj5z5lO5ffkPZ4yLRMxwFooHstV7oJJqQSjP6 ")
                               << latin1("./A-Za-z0-9");
    }
    // clang-format on
    void malformedBcryptIsAClearInputError()
    {
        QFETCH(QString, encoded);
        QFETCH(QString, expected);
        const auto outcome = PasswordHasher::verify(secret("password"), encoded);
        QVERIFY(!outcome);
        QCOMPARE(outcome.error().kind, ErrorKind::Input);
        QVERIFY2(outcome.error().message.contains(expected), qPrintable(outcome.error().message));
        QVERIFY(!outcome.error().message.contains(latin1("4iLjBf6bj")));
        QVERIFY(!PasswordHasher::needsRehash(encoded));
        QVERIFY(!BcryptHash::cost(encoded));
    }

    void bcryptCostIsRead()
    {
        QCOMPARE(
            BcryptHash::cost(latin1("$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")).value(),
            5);
    }

    // ---- rehash -------------------------------------------------------------------------------------

    void needsRehashFollowsTheCurrentParameters()
    {
        const auto fast = PasswordHasher::hash(secret("pw"), kFast);
        QVERIFY(fast);
        QCOMPARE(PasswordHasher::needsRehash(*fast, kFast).value(), false);
        QCOMPARE(PasswordHasher::needsRehash(*fast, HashParams{}).value(), true);
        QCOMPARE(PasswordHasher::needsRehash(*fast, HashParams{2, kFast.memLimitBytes}).value(), true);
        QCOMPARE(PasswordHasher::needsRehash(*fast, HashParams{1, 16 * 1024}).value(), true);

        // The same parameters written in another order by someone else are still current...
        auto phc = Argon2Phc::parse(*fast);
        QVERIFY(phc);
        QString reordered =
            QString::fromLatin1(phc->toEncoded()).replace(latin1("m=8,t=1,p=1"), latin1("p=1,t=1,m=8"));
        QCOMPARE(PasswordHasher::needsRehash(reordered, kFast).value(), false);
        QVERIFY(PasswordHasher::verify(secret("pw"), reordered, kFast)->matches);
        // ...but argon2i, more lanes or other salt/hash lengths are not.
        phc->variant = Argon2Phc::Variant::Argon2i;
        QCOMPARE(PasswordHasher::needsRehash(QString::fromLatin1(phc->toEncoded()), kFast).value(), true);
        phc->variant = Argon2Phc::Variant::Argon2id;
        phc->parallelism = 2;
        phc->memoryKiB = 16;
        QCOMPARE(PasswordHasher::needsRehash(QString::fromLatin1(phc->toEncoded()), HashParams{1, 16 * 1024})
                     .value(),
                 true);
        //   echo -n pw | argon2 saltsaltsalt -id -t 1 -k 8 -p 1 -e     (12-byte salt)
        const QString shortSalt =
            latin1("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHRzYWx0$F8bBQbTgL5fO3QK0XHaH8G3TAO/bdx5JpDaweDAe4I0");
        QVERIFY(PasswordHasher::verify(secret("pw"), shortSalt, kFast)->matches);
        QCOMPARE(PasswordHasher::needsRehash(shortSalt, kFast).value(), true);
        //   echo -n pw | argon2 saltsaltsaltsalt -id -t 1 -k 8 -p 1 -e (16-byte salt, 32-byte hash)
        const QString current = latin1(
            "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$4fYLox2QlPew4kg1ik3+x6cVrmgv7pKr07neIZLZRU0");
        const auto cli = PasswordHasher::verify(secret("pw"), current, kFast);
        QVERIFY2(cli, cli ? "" : qPrintable(cli.error().message));
        QVERIFY(cli->matches);
        QVERIFY(!cli->needsRehash);
    }

    void rehashIsReportedOnlyAfterAMatch()
    {
        const QString argon2i = latin1(
            "$argon2i$v=19$m=4096,t=3,p=1$c2FsdHNhbHRzYWx0$SjSbBSImDWymfWaRavccFc1zNPju5uOvgBKy6xjR3NY");
        QCOMPARE(PasswordHasher::needsRehash(argon2i).value(), true);
        const auto wrong = PasswordHasher::verify(secret("Tr0ub4dor&4"), argon2i);
        QVERIFY(wrong && !wrong->matches && !wrong->needsRehash);
        const auto right = PasswordHasher::verify(secret("Tr0ub4dor&3"), argon2i);
        QVERIFY(right && right->matches && right->needsRehash);
        // The rehash a sign-in would do: a current argon2id hash of the same password.
        const auto fresh = PasswordHasher::hash(secret("Tr0ub4dor&3"), kFast);
        QVERIFY(fresh);
        const auto again = PasswordHasher::verify(secret("Tr0ub4dor&3"), *fresh, kFast);
        QVERIFY(again && again->matches && !again->needsRehash);
    }

    void formatNamesAreStable()
    {
        QCOMPARE(PasswordHasher::formatName(HashFormat::Argon2id), latin1("argon2id"));
        QCOMPARE(PasswordHasher::formatName(HashFormat::Argon2i), latin1("argon2i"));
        QCOMPARE(PasswordHasher::formatName(HashFormat::Bcrypt), latin1("bcrypt"));
    }

    // ---- live interop with independent implementations ----------------------------------------------

    // Vector tables stay one row per line, as the tools printed them.
    // clang-format off
    void argon2ToolHashesVerifyInTessera_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("password");
        QTest::newRow("argon2id t2 64MiB") << QStringList{latin1("saltsaltsalt"), latin1("-id"), latin1("-t"), latin1("2"),
                                                          latin1("-k"), latin1("65536"), latin1("-p"), latin1("1"), latin1("-e")}
                                           << QByteArray("live password 1");
        QTest::newRow("argon2id p3") << QStringList{latin1("another-salt-123"), latin1("-id"), latin1("-t"), latin1("1"),
                                                    latin1("-k"), latin1("96"), latin1("-p"), latin1("3"), latin1("-e")}
                                     << QByteArray("p\xc3\xa4ss");
        QTest::newRow("argon2i l24") << QStringList{latin1("saltsaltsalt"), latin1("-i"), latin1("-t"), latin1("3"),
                                                    latin1("-k"), latin1("64"), latin1("-l"), latin1("24"), latin1("-e")}
                                     << QByteArray("Tr0ub4dor&3");
    }
    // clang-format on
    void argon2ToolHashesVerifyInTessera()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, password);
        const QString tool = QStandardPaths::findExecutable(latin1("argon2"));
        if (tool.isEmpty()) {
            QSKIP("Debian's argon2 tool is not installed");
        }
        const ToolRun run = runTool(tool, arguments, password);
        QVERIFY(run.started);
        QCOMPARE(run.exitCode, 0);
        const QString encoded = QString::fromLatin1(run.out.trimmed());
        const auto good = PasswordHasher::verify(secret(password), encoded);
        QVERIFY2(good, good ? "" : qPrintable(good.error().message));
        QVERIFY(good->matches);
        QVERIFY(!PasswordHasher::verify(secret(password + "x"), encoded)->matches);
    }

    // The argon2 tool cannot verify, so re-derive: Tessera's salt and parameters in, the raw hash out.
    void tesseraHashesRederiveWithTheArgon2Tool()
    {
        const QString tool = QStandardPaths::findExecutable(latin1("argon2"));
        const QString bash = QStandardPaths::findExecutable(latin1("bash"));
        if (tool.isEmpty() || bash.isEmpty()) {
            QSKIP("Debian's argon2 tool (or bash) is not installed");
        }
        const HashParams params{2, 64 * 1024};
        const QByteArray password("interop \xe2\x9c\x93 password");
        int checked = 0;
        for (int attempt = 0; attempt < 40 && checked < 3; ++attempt) {
            const auto hash = PasswordHasher::hash(secret(password), params);
            QVERIFY(hash);
            const auto phc = Argon2Phc::parse(*hash);
            QVERIFY(phc);
            if (phc->salt.contains('\0')) {
                continue; // argv cannot carry a NUL byte; take another salt
            }
            const QString command = QStringLiteral("exec %1 %2 -id -t %3 -k %4 -p %5 -l %6 -r")
                                        .arg(tool, bashBytes(phc->salt))
                                        .arg(phc->iterations)
                                        .arg(phc->memoryKiB)
                                        .arg(phc->parallelism)
                                        .arg(phc->hash.size());
            const ToolRun run = runTool(bash, {latin1("-c"), command}, password);
            QVERIFY(run.started);
            QCOMPARE(run.exitCode, 0);
            QCOMPARE(run.out.trimmed(), phc->hash.toHex());
            ++checked;
        }
        QCOMPARE(checked, 3);
    }

    void tesseraHashesVerifyWithPythonArgon2()
    {
        if (!pythonHasModule(latin1("argon2"))) {
            QSKIP("python3-argon2 is not installed");
        }
        const QByteArray password("py \xc3\xa4rgon2 check");
        const auto hash = PasswordHasher::hash(secret(password), HashParams{2, 32 * 1024});
        QVERIFY(hash);
        const QString script = latin1("import sys, argon2\n"
                                      "ph = argon2.PasswordHasher()\n"
                                      "pw = sys.stdin.buffer.read()\n"
                                      "try:\n"
                                      "    ph.verify(sys.argv[1], pw)\n"
                                      "    print('match')\n"
                                      "except argon2.exceptions.VerifyMismatchError:\n"
                                      "    print('mismatch')\n");
        ToolRun run = runTool(debianPython(), {latin1("-c"), script, *hash}, password);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out.trimmed(), QByteArray("match"));
        run = runTool(debianPython(), {latin1("-c"), script, *hash}, password + "!");
        QCOMPARE(run.out.trimmed(), QByteArray("mismatch"));
    }

    void pythonBcryptHashesVerifyInTessera()
    {
        if (!pythonHasModule(latin1("bcrypt"))) {
            QSKIP("python3-bcrypt is not installed");
        }
        const QByteArray longPassword = QByteArray("long ").repeated(20); // 100 bytes: bcrypt reads 72
        for (const QByteArray& password : {QByteArray("py bcrypt \xe2\x9c\x93"), longPassword}) {
            for (const char* prefix : {"2a", "2b"}) {
                const QString script = QStringLiteral("import sys, bcrypt\n"
                                                      "print(bcrypt.hashpw(sys.stdin.buffer.read(), "
                                                      "bcrypt.gensalt(4, prefix=b'%1')).decode())\n")
                                           .arg(latin1(prefix));
                const ToolRun run = runTool(debianPython(), {latin1("-c"), script}, password);
                QCOMPARE(run.exitCode, 0);
                const QString encoded = QString::fromLatin1(run.out.trimmed());
                QVERIFY(encoded.startsWith(QStringLiteral("$%1$04$").arg(latin1(prefix))));
                const auto good = PasswordHasher::verify(secret(password), encoded);
                QVERIFY2(good, good ? "" : qPrintable(good.error().message));
                QVERIFY(good->matches);
                QVERIFY(!PasswordHasher::verify(secret("x" + password), encoded)->matches);
            }
        }
    }

    void mkpasswdBcryptHashesVerifyInTessera()
    {
        const QString tool = QStandardPaths::findExecutable(latin1("mkpasswd"));
        if (tool.isEmpty()) {
            QSKIP("mkpasswd (Debian whois) is not installed");
        }
        const QByteArray password("mkpasswd \xc3\xa9t\xc3\xa9");
        const ToolRun run = runTool(
            tool, {latin1("-m"), latin1("bcrypt"), latin1("-R"), latin1("4"), latin1("--stdin")}, password);
        QCOMPARE(run.exitCode, 0);
        const QString encoded = QString::fromLatin1(run.out.trimmed());
        const auto good = PasswordHasher::verify(secret(password), encoded);
        QVERIFY2(good, good ? "" : qPrintable(good.error().message));
        QVERIFY(good->matches);
        QVERIFY(!PasswordHasher::verify(secret(password + "x"), encoded)->matches);
    }
};

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "TestPasswordHasher.moc"
