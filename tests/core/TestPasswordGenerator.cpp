#include "crypto/CryptoRuntime.h"
#include "password/PasswordGenerator.h"
#include "password/PasswordPolicy.h"
#include "password/WordList.h"

#include <QSet>
#include <QTest>
#include <array>
#include <cmath>

using namespace tessera;

namespace {

QString latin1(const char* text)
{
    return QString::fromLatin1(text);
}

QByteArray bytesOf(const SecretBuffer& buffer)
{
    return buffer.view().toByteArray();
}

bool anyOf(const QByteArray& text, const char* set)
{
    for (const char c : text) {
        if (std::strchr(set, c) != nullptr) {
            return true;
        }
    }
    return false;
}

// Pearson's chi-squared statistic of observed counts against a uniform expectation.
double chiSquared(const QList<qint64>& counts)
{
    qint64 total = 0;
    for (const qint64 c : counts) {
        total += c;
    }
    const double expected = static_cast<double>(total) / static_cast<double>(counts.size());
    double chi = 0;
    for (const qint64 c : counts) {
        chi += (static_cast<double>(c) - expected) * (static_cast<double>(c) - expected) / expected;
    }
    return chi;
}

} // namespace

class TestPasswordGenerator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(CryptoRuntime::initialise()); }

    void defaultPasswordUsesEveryClass()
    {
        const PasswordGenerator generator;
        const PasswordOptions options;
        QCOMPARE(options.length, 20);
        const QString alphabet = PasswordGenerator::alphabet(options);
        QCOMPARE(alphabet.size(), 26 + 26 + 10 + 32);
        QSet<QByteArray> seen;
        for (int i = 0; i < 200; ++i) {
            const auto password = generator.password(options);
            QVERIFY(password);
            const QByteArray text = bytesOf(*password);
            QCOMPARE(text.size(), 20);
            for (const char c : text) {
                QVERIFY(alphabet.contains(QChar::fromLatin1(c)));
            }
            QVERIFY(anyOf(text, PasswordGenerator::kLowercase));
            QVERIFY(anyOf(text, PasswordGenerator::kUppercase));
            QVERIFY(anyOf(text, PasswordGenerator::kDigits));
            QVERIFY(anyOf(text, PasswordGenerator::kSymbols));
            // ...and so it satisfies the default policy.
            QVERIFY(PasswordPolicy{}.evaluate(QString::fromLatin1(text)).isEmpty());
            seen.insert(text);
        }
        QCOMPARE(seen.size(), 200);
    }

    // The shortest password with all four classes must hold exactly one of each, every time.
    void everyChosenClassIsGuaranteed()
    {
        const PasswordGenerator generator;
        PasswordOptions options;
        options.length = 4;
        std::array<std::array<int, 4>, 4> classAtPosition{};
        const std::array<const char*, 4> classes{PasswordGenerator::kLowercase, PasswordGenerator::kUppercase,
                                                 PasswordGenerator::kDigits, PasswordGenerator::kSymbols};
        const int samples = 4000;
        for (int i = 0; i < samples; ++i) {
            const QByteArray text = bytesOf(generator.password(options).value());
            for (std::size_t c = 0; c < classes.size(); ++c) {
                QVERIFY(anyOf(text, classes[c]));
                for (std::size_t position = 0; position < 4; ++position) {
                    if (std::strchr(classes[c], text.at(static_cast<qsizetype>(position))) != nullptr) {
                        ++classAtPosition[c][position];
                    }
                }
            }
        }
        // The shuffle spreads the guaranteed characters evenly: ~1000 per class and position.
        for (const auto& positions : classAtPosition) {
            for (const int count : positions) {
                QVERIFY2(count > 800 && count < 1200, qPrintable(QString::number(count)));
            }
        }
    }

    void singleClassesWork_data()
    {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("alphabet");
        QTest::newRow("lower") << 0 << latin1(PasswordGenerator::kLowercase);
        QTest::newRow("upper") << 1 << latin1(PasswordGenerator::kUppercase);
        QTest::newRow("digits") << 2 << latin1(PasswordGenerator::kDigits);
        QTest::newRow("symbols") << 3 << latin1(PasswordGenerator::kSymbols);
    }
    void singleClassesWork()
    {
        QFETCH(int, which);
        QFETCH(QString, alphabet);
        PasswordOptions options;
        options.lowercase = which == 0;
        options.uppercase = which == 1;
        options.digits = which == 2;
        options.symbols = which == 3;
        options.length = 64;
        QCOMPARE(PasswordGenerator::alphabet(options), alphabet);
        const QByteArray text = bytesOf(PasswordGenerator().password(options).value());
        QCOMPARE(text.size(), 64);
        for (const char c : text) {
            QVERIFY(alphabet.contains(QChar::fromLatin1(c)));
        }
    }

    void lookAlikesCanBeExcluded()
    {
        PasswordOptions options;
        options.excludeLookAlikes = true;
        options.length = 256;
        const QString alphabet = PasswordGenerator::alphabet(options);
        QCOMPARE(alphabet.size(), 94 - 6);
        for (const char c : QByteArrayView(PasswordGenerator::kLookAlikes)) {
            QVERIFY(!alphabet.contains(QChar::fromLatin1(c)));
        }
        const PasswordGenerator generator;
        for (int i = 0; i < 50; ++i) {
            QVERIFY(!anyOf(bytesOf(generator.password(options).value()), PasswordGenerator::kLookAlikes));
        }
        options.excludeLookAlikes = false;
        int lookAlikes = 0;
        for (int i = 0; i < 50; ++i) {
            lookAlikes +=
                anyOf(bytesOf(generator.password(options).value()), PasswordGenerator::kLookAlikes) ? 1 : 0;
        }
        QVERIFY(lookAlikes > 0); // the check above can fail
    }

    // randombytes_uniform has no modulo bias; a `byte % 26` generator would put chi^2 in the hundreds.
    void charactersAreUniform()
    {
        PasswordOptions options;
        options.uppercase = options.digits = options.symbols = false;
        options.length = 256;
        QList<qint64> counts(26, 0);
        const PasswordGenerator generator;
        for (int i = 0; i < 800; ++i) {
            for (const char c : bytesOf(generator.password(options).value())) {
                ++counts[c - 'a'];
            }
        }
        const double chi = chiSquared(counts);
        QVERIFY2(chi < 90.0, qPrintable(QString::number(chi))); // df 25: p < 1e-9 for a fair source

        // The same statistic catches a biased source, so the bound is meaningful.
        QList<qint64> biased(26, 0);
        for (int i = 0; i < 204800; ++i) {
            ++biased[(i % 256) % 26];
        }
        QVERIFY(chiSquared(biased) > 90.0);
    }

    void injectedRandomnessMakesOutputPredictable()
    {
        const PasswordGenerator zeros([](std::uint32_t) { return 0u; });
        PasswordOptions options;
        options.length = 6;
        // One of each class (a A 0 !), the rest 'a', then Fisher-Yates always swapping with slot 0.
        QCOMPARE(bytesOf(zeros.password(options).value()), QByteArray("A0!aaa"));
        options.uppercase = options.digits = options.symbols = false;
        QCOMPARE(bytesOf(zeros.password(options).value()), QByteArray("aaaaaa"));

        // A broken source that returns out-of-range values must not read past the alphabet.
        const PasswordGenerator broken([](std::uint32_t) { return 0xFFFFFFFFu; });
        QCOMPARE(bytesOf(broken.password(options).value()), QByteArray("zzzzzz"));
    }

    void badPasswordOptionsAreInputErrors_data()
    {
        QTest::addColumn<int>("length");
        QTest::addColumn<bool>("anyClass");
        QTest::addColumn<QString>("expected");
        QTest::newRow("too short") << 3 << true << latin1("between 4 and 256");
        QTest::newRow("too long") << 257 << true << latin1("between 4 and 256");
        QTest::newRow("negative") << -1 << true << latin1("between 4 and 256");
        QTest::newRow("no class") << 12 << false << latin1("at least one character class");
    }
    void badPasswordOptionsAreInputErrors()
    {
        QFETCH(int, length);
        QFETCH(bool, anyClass);
        QFETCH(QString, expected);
        PasswordOptions options;
        options.length = length;
        options.lowercase = options.uppercase = options.digits = options.symbols = anyClass;
        const auto password = PasswordGenerator().password(options);
        QVERIFY(!password);
        QCOMPARE(password.error().kind, ErrorKind::Input);
        QVERIFY2(password.error().message.contains(expected), qPrintable(password.error().message));
        QVERIFY(!PasswordGenerator::passwordEntropyBits(options));
    }

    void passwordEntropyIsReported()
    {
        PasswordOptions options;
        QVERIFY(std::abs(PasswordGenerator::passwordEntropyBits(options).value() - 20 * std::log2(94.0)) <
                1e-9);
        options.excludeLookAlikes = true;
        options.symbols = false;
        options.length = 10;
        QVERIFY(std::abs(PasswordGenerator::passwordEntropyBits(options).value() - 10 * std::log2(56.0)) <
                1e-9);
    }

    // ---- passphrases --------------------------------------------------------------------------------

    void defaultPassphraseMeetsTheDefaultPolicy()
    {
        const PassphraseOptions options;
        QCOMPARE(options.words, 6);
        const PasswordGenerator generator;
        QSet<QByteArray> seen;
        for (int i = 0; i < 100; ++i) {
            const auto phrase = generator.passphrase(options);
            QVERIFY(phrase);
            const QString text = QString::fromUtf8(phrase->view());
            QVERIFY2(PasswordPolicy{}.evaluate(text).isEmpty(), qPrintable(text));
            int digits = 0;
            for (const QChar c : text) {
                digits += c.isDigit() ? 1 : 0;
            }
            QCOMPARE(digits, 1);
            seen.insert(bytesOf(*phrase));
        }
        QCOMPARE(seen.size(), 100);
    }

    void passphraseWordsComeFromTheList()
    {
        PassphraseOptions options;
        options.separator = latin1(" ");
        options.capitalise = false;
        options.includeNumber = false;
        options.words = 8;
        const QStringList known = WordList::bundled().words();
        const QSet<QString> words(known.begin(), known.end());
        const PasswordGenerator generator;
        for (int i = 0; i < 50; ++i) {
            const QStringList parts = QString::fromUtf8(generator.passphrase(options)->view()).split(u' ');
            QCOMPARE(parts.size(), 8);
            for (const QString& part : parts) {
                QVERIFY2(words.contains(part), qPrintable(part));
            }
        }
    }

    void passphraseOptionsShapeTheOutput()
    {
        const auto list = WordList::fromText("# two words\nalpha\nbeta\n");
        QVERIFY(list);
        // Picks in order: one per word, then the word that gets the digit, then the digit.
        const PasswordGenerator ones([](std::uint32_t) { return 1u; });
        PassphraseOptions options;
        options.words = 3;
        QCOMPARE(bytesOf(ones.passphrase(options, *list).value()), QByteArray("Beta-Beta1-Beta"));
        options.capitalise = false;
        options.includeNumber = false;
        options.separator = QString();
        QCOMPARE(bytesOf(ones.passphrase(options, *list).value()), QByteArray("betabetabeta"));
        options.separator = QString::fromUtf8("\xc2\xb7"); // a middle dot, two bytes in UTF-8
        QCOMPARE(bytesOf(ones.passphrase(options, *list).value()), QByteArray("beta\xc2\xb7"
                                                                              "beta\xc2\xb7"
                                                                              "beta"));
        const PasswordGenerator zeros([](std::uint32_t) { return 0u; });
        options.includeNumber = true;
        options.separator = latin1("_");
        QCOMPARE(bytesOf(zeros.passphrase(options, *list).value()), QByteArray("alpha0_alpha_alpha"));
    }

    void badPassphraseOptionsAreInputErrors_data()
    {
        QTest::addColumn<int>("words");
        QTest::addColumn<QString>("separator");
        QTest::addColumn<QString>("expected");
        QTest::newRow("two words") << 2 << latin1("-") << latin1("between 3 and 64 words");
        QTest::newRow("65 words") << 65 << latin1("-") << latin1("between 3 and 64 words");
        QTest::newRow("long separator") << 4 << latin1("123456789") << latin1("at most 8 characters");
        QTest::newRow("control separator") << 4 << latin1("\n") << latin1("control characters");
    }
    void badPassphraseOptionsAreInputErrors()
    {
        QFETCH(int, words);
        QFETCH(QString, separator);
        QFETCH(QString, expected);
        PassphraseOptions options;
        options.words = words;
        options.separator = separator;
        const auto phrase = PasswordGenerator().passphrase(options);
        QVERIFY(!phrase);
        QCOMPARE(phrase.error().kind, ErrorKind::Input);
        QVERIFY2(phrase.error().message.contains(expected), qPrintable(phrase.error().message));
    }

    void anEmptyWordListIsAnInputError()
    {
        const auto phrase = PasswordGenerator().passphrase(PassphraseOptions{}, WordList{});
        QVERIFY(!phrase);
        QCOMPARE(phrase.error().kind, ErrorKind::Input);
    }

    void passphraseEntropyIsReported()
    {
        PassphraseOptions options;
        options.includeNumber = false;
        const double perWord = std::log2(7776.0);
        QVERIFY(std::abs(PasswordGenerator::passphraseEntropyBits(options, WordList::bundled()) -
                         6 * perWord) < 1e-9);
        options.includeNumber = true;
        QVERIFY(std::abs(PasswordGenerator::passphraseEntropyBits(options, WordList::bundled()) -
                         (6 * perWord + std::log2(10.0) + std::log2(6.0))) < 1e-9);
        QCOMPARE(PasswordGenerator::passphraseEntropyBits(options, WordList{}), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestPasswordGenerator)
#include "TestPasswordGenerator.moc"
