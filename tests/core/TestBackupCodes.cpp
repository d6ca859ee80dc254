// Backup codes: format and entropy, forgiving input, keyed hashes only, single use in any order.
#include "crypto/CryptoRuntime.h"
#include "totp/BackupCodes.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <cmath>

using namespace tessera;

namespace {

SecretBuffer testKey(char fill = 'k')
{
    return SecretBuffer::fromBytes(QByteArray(static_cast<qsizetype>(BackupCodes::kKeyBytes), fill));
}

} // namespace

class TestBackupCodes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(CryptoRuntime::initialise()); }

    void alphabetHas32SymbolsWithoutLookAlikes()
    {
        const QLatin1StringView alphabet = BackupCodes::alphabet();
        QCOMPARE(alphabet.size(), 32);
        const QString symbols(alphabet);
        QCOMPARE(QSet<QChar>(symbols.begin(), symbols.end()).size(), 32);
        for (const char absent : {'I', 'L', 'O', 'U'}) {
            QVERIFY(!alphabet.contains(QLatin1Char(absent)));
        }
        // 32 symbols = 5 bits each; 10 symbols reach the 50 bits asked for.
        QCOMPARE(BackupCodes::kSymbols * static_cast<int>(std::log2(alphabet.size())),
                 BackupCodes::kBitsPerCode);
        QVERIFY(BackupCodes::kBitsPerCode >= 50);
    }

    void generatesTenDistinctFormattedCodes()
    {
        auto set = BackupCodes::generate(testKey());
        QVERIFY(set);
        QCOMPARE(set->codes.size(), BackupCodes::kDefaultCount);
        QCOMPARE(set->stored.size(), BackupCodes::kDefaultCount);
        static const QRegularExpression shape(
            QStringLiteral("^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$"));
        QSet<QString> seen;
        QSet<QByteArray> hashes;
        for (qsizetype i = 0; i < set->codes.size(); ++i) {
            const QString& code = set->codes[i];
            QVERIFY2(shape.match(code).hasMatch(), qPrintable(code));
            seen.insert(code);
            const StoredBackupCode& stored = set->stored[i];
            QCOMPARE(stored.hash.size(), static_cast<qsizetype>(BackupCodes::kHashBytes));
            QVERIFY(!stored.used);
            QCOMPARE(stored.hash, BackupCodes::hash(testKey(), code).value());
            // The hash is not the code in any form.
            QVERIFY(!stored.hash.contains(code.toLatin1().left(5)));
            hashes.insert(stored.hash);
        }
        QCOMPARE(seen.size(), BackupCodes::kDefaultCount);
        QCOMPARE(hashes.size(), BackupCodes::kDefaultCount);
        QCOMPARE(BackupCodes::generate(testKey(), 3)->codes.size(), 3);
        QVERIFY(!BackupCodes::generate(testKey(), 0));
        QVERIFY(!BackupCodes::generate(testKey(), BackupCodes::kMaxCount + 1));
    }

    // A smoke test of the random source: over 2000 codes (20,000 symbols) every symbol turns up at
    // about 1/32 of the time, and every position varies.
    void symbolsAreUniform()
    {
        QHash<QChar, int> counts;
        QList<QSet<QChar>> perPosition(BackupCodes::kSymbols);
        for (int round = 0; round < 20; ++round) {
            auto set = BackupCodes::generate(testKey(), 100);
            QVERIFY(set);
            for (const QString& code : set->codes) {
                const QString canonical = BackupCodes::normalise(code).value();
                for (int i = 0; i < canonical.size(); ++i) {
                    ++counts[canonical[i]];
                    perPosition[i].insert(canonical[i]);
                }
            }
        }
        QCOMPARE(counts.size(), 32);
        // Expected 625 per symbol; sd ~24.6. Bounds at about 8 sd: never flaky, still catches a bias.
        for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
            QVERIFY2(it.value() > 425 && it.value() < 825,
                     qPrintable(QStringLiteral("%1: %2").arg(it.key()).arg(it.value())));
        }
        for (const QSet<QChar>& position : perPosition) {
            QVERIFY(position.size() > 28);
        }
    }

    void normalisesWhatPeopleType_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("as shown") << QStringLiteral("7KD2M-XW9QH") << QStringLiteral("7KD2MXW9QH");
        QTest::newRow("lower case") << QStringLiteral("7kd2m-xw9qh") << QStringLiteral("7KD2MXW9QH");
        QTest::newRow("no dash") << QStringLiteral("7KD2MXW9QH") << QStringLiteral("7KD2MXW9QH");
        QTest::newRow("spaces") << QStringLiteral(" 7KD2M XW9QH ") << QStringLiteral("7KD2MXW9QH");
        QTest::newRow("odd grouping") << QStringLiteral("7k-d2mx w9--qh") << QStringLiteral("7KD2MXW9QH");
        QTest::newRow("tab and newline") << QStringLiteral("7KD2M\tXW9QH\n") << QStringLiteral("7KD2MXW9QH");
        QTest::newRow("O for zero") << QStringLiteral("OOOOO-ooooo") << QStringLiteral("0000000000");
        QTest::newRow("I and L for one") << QStringLiteral("IiLl1-00000") << QStringLiteral("1111100000");
    }

    void normalisesWhatPeopleType()
    {
        QFETCH(QString, typed);
        QFETCH(QString, canonical);
        QCOMPARE(BackupCodes::normalise(typed).value_or(QStringLiteral("<none>")), canonical);
        QCOMPARE(BackupCodes::format(canonical), canonical.left(5) + QLatin1Char('-') + canonical.mid(5));
    }

    void refusesWhatCannotBeACode_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::newRow("empty") << QString();
        QTest::newRow("too short") << QStringLiteral("7KD2M-XW9Q");
        QTest::newRow("too long") << QStringLiteral("7KD2M-XW9QH-A");
        QTest::newRow("U is not a symbol") << QStringLiteral("7KD2M-XW9QU");
        QTest::newRow("punctuation") << QStringLiteral("7KD2M.XW9QH");
        QTest::newRow("non-ASCII letter") << QStringLiteral("7KD2M-XW9QÄ");
        QTest::newRow("fullwidth digit") << QStringLiteral("７KD2M-XW9QH");
        QTest::newRow("a TOTP code") << QStringLiteral("123456");
    }

    void refusesWhatCannotBeACode()
    {
        QFETCH(QString, typed);
        QVERIFY(!BackupCodes::normalise(typed));
        auto hash = BackupCodes::hash(testKey(), typed);
        QVERIFY(!hash);
        QCOMPARE(hash.error().kind, ErrorKind::Input);
        QList<StoredBackupCode> stored = BackupCodes::generate(testKey())->stored;
        auto found = BackupCodes::findUnused(testKey(), typed, stored);
        QVERIFY(found);   // not an error...
        QVERIFY(!*found); // ...just no match: it counts as a wrong code
    }

    void eachCodeWorksOnceInAnyOrder()
    {
        const SecretBuffer key = testKey();
        auto set = BackupCodes::generate(key);
        QVERIFY(set);
        QList<StoredBackupCode> stored = set->stored;
        // Use them back to front, typed carelessly.
        for (qsizetype i = set->codes.size() - 1; i >= 0; --i) {
            const QString typed = set->codes[i].toLower().replace(QLatin1Char('-'), QLatin1Char(' '));
            auto found = BackupCodes::findUnused(key, typed, stored);
            QVERIFY(found);
            QVERIFY(found->has_value());
            QCOMPARE(**found, i);
            stored[**found].used = true; // what the caller persists
            QCOMPARE(BackupCodes::remaining(stored), i);

            auto again = BackupCodes::findUnused(key, set->codes[i], stored);
            QVERIFY(again);
            QVERIFY2(!again->has_value(), "a used code must not work twice");
        }
        QCOMPARE(BackupCodes::remaining(stored), 0);
    }

    void hashesDependOnTheVaultKey()
    {
        auto set = BackupCodes::generate(testKey('a'));
        QVERIFY(set);
        // The same code under another vault's key matches nothing: a copied table is useless elsewhere.
        auto found = BackupCodes::findUnused(testKey('b'), set->codes.first(), set->stored);
        QVERIFY(found);
        QVERIFY(!found->has_value());
        QVERIFY(BackupCodes::hash(testKey('a'), u"7KD2MXW9QH").value() !=
                BackupCodes::hash(testKey('b'), u"7KD2MXW9QH").value());
        // Known answer: keyed BLAKE2b-256 of the canonical ASCII code, from Python's hashlib:
        //   hashlib.blake2b(b'7KD2MXW9QH', key=b'a' * 32, digest_size=32).hexdigest()
        QCOMPARE(BackupCodes::hash(testKey('a'), u"7kd2m-xw9qh").value().toHex(),
                 QByteArray("46358fec122e4b1f0e41a4d6c089ab26dd9c711446cefdece2c709079cc8d2bf"));
    }

    void regeneratingReplacesTheWholeSet()
    {
        const SecretBuffer key = testKey();
        auto first = BackupCodes::generate(key);
        auto second = BackupCodes::generate(key);
        QVERIFY(first && second);
        // The caller stores the second set in place of the first: old codes no longer match.
        for (const QString& old : first->codes) {
            auto found = BackupCodes::findUnused(key, old, second->stored);
            QVERIFY(found && !found->has_value());
        }
    }

    void refusesAWrongSizedKey()
    {
        const SecretBuffer shortKey = SecretBuffer::fromBytes("short");
        QVERIFY(!BackupCodes::generate(shortKey));
        QCOMPARE(BackupCodes::generate(shortKey).error().kind, ErrorKind::Internal);
        QVERIFY(!BackupCodes::hash(shortKey, u"7KD2MXW9QH"));
        QVERIFY(!BackupCodes::findUnused(shortKey, u"7KD2MXW9QH", {}));
    }

    void malformedStoredHashesNeverMatch()
    {
        const SecretBuffer key = testKey();
        const QByteArray good = BackupCodes::hash(key, u"7KD2MXW9QH").value();
        const QList<StoredBackupCode> stored{{good.left(16), false}, {QByteArray(), false}, {good, false}};
        auto found = BackupCodes::findUnused(key, u"7KD2M-XW9QH", stored);
        QVERIFY(found && found->has_value());
        QCOMPARE(**found, 2);
    }
};

QTEST_GUILESS_MAIN(TestBackupCodes)
#include "TestBackupCodes.moc"
