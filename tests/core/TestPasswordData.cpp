#include "password/CommonPasswords.h"
#include "password/DataFile.h"
#include "password/WordList.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSet>
#include <QTest>
#include <cmath>

using namespace tessera;

namespace {

QString latin1(const char* text)
{
    return QString::fromLatin1(text);
}

QByteArray sourceFile(const char* relative)
{
    QFile file(qEnvironmentVariable("TESSERA_SOURCE_DIR") + u'/' + latin1(relative));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

// The bundled data files: what ships in resources/data/ is what the library compiled in, and both lists
// behave as the password rules and the generator expect.
class TestPasswordData : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void compiledInCopiesMatchTheSourceFiles()
    {
        const QByteArray common = sourceFile("resources/data/common-passwords.txt");
        const QByteArray words = sourceFile("resources/data/wordlist.txt");
        QVERIFY2(!common.isEmpty() && !words.isEmpty(), "TESSERA_SOURCE_DIR must point at the source tree");
        QCOMPARE(DataFile::read(latin1(DataFile::kCommonPasswordsPath)).value(), common);
        QCOMPARE(DataFile::read(latin1(DataFile::kWordListPath)).value(), words);
    }

    void filesNameTheirSourceAndLicence()
    {
        const QByteArray common = sourceFile("resources/data/common-passwords.txt");
        const QByteArray firstCommon = common.left(common.indexOf('\n'));
        QVERIFY(firstCommon.startsWith("# "));
        QVERIFY(firstCommon.contains("zxcvbn"));
        QVERIFY(firstCommon.contains("MIT"));
        const QByteArray words = sourceFile("resources/data/wordlist.txt");
        const QByteArray firstWords = words.left(words.indexOf('\n'));
        QVERIFY(firstWords.startsWith("# "));
        QVERIFY(firstWords.contains("Electronic Frontier Foundation"));
        QVERIFY(firstWords.contains("CC BY 3.0"));
        QVERIFY(!common.contains('\r') && !words.contains('\r'));
    }

    void bundledCommonPasswordsHaveAtLeastTenThousandUniqueEntries()
    {
        const QByteArray text = sourceFile("resources/data/common-passwords.txt");
        const QList<QByteArrayView> lines = DataFile::entries(text);
        QCOMPARE(lines.size(), qsizetype{30000});
        QSet<QByteArray> unique;
        for (const QByteArrayView line : lines) {
            QVERIFY2(line.trimmed() == line, "no entry has surrounding spaces");
            unique.insert(line.toByteArray().toLower());
        }
        QCOMPARE(unique.size(), lines.size());
        QCOMPARE(CommonPasswords::bundled().size(), qsizetype{30000});
        QVERIFY(CommonPasswords::bundled().size() >= 10000);
    }

    void commonPasswordLookupIgnoresCase_data()
    {
        QTest::addColumn<QString>("candidate");
        QTest::addColumn<bool>("common");
        QTest::newRow("123456") << latin1("123456") << true;
        QTest::newRow("password") << latin1("password") << true;
        QTest::newRow("Password") << latin1("Password") << true;
        QTest::newRow("PASSWORD") << latin1("PASSWORD") << true;
        QTest::newRow("qwerty") << latin1("qwerty") << true;
        QTest::newRow("iloveyou") << latin1("ILoveYou") << true;
        QTest::newRow("dragon") << latin1("dRaGoN") << true;
        QTest::newRow("last entry of the list") << QString::fromUtf8(lastCommonEntry()) << true;
        QTest::newRow("random") << latin1("Xk9#vL2q!zT") << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("password with space") << latin1("password ") << false;
        QTest::newRow("not an entry, though it starts with one") << latin1("baseballz") << false;
    }
    void commonPasswordLookupIgnoresCase()
    {
        QFETCH(QString, candidate);
        QFETCH(bool, common);
        QCOMPARE(CommonPasswords::bundled().contains(candidate), common);
    }

    void bundledListsAreLoadedOnce()
    {
        QCOMPARE(&CommonPasswords::bundled(), &CommonPasswords::bundled());
        QCOMPARE(&WordList::bundled(), &WordList::bundled());
    }

    void commonPasswordLookupIsConstantTime()
    {
        const CommonPasswords& list = CommonPasswords::bundled();
        QElapsedTimer timer;
        timer.start();
        int found = 0;
        for (int i = 0; i < 200000; ++i) {
            found += list.contains(QStringLiteral("candidate%1").arg(i)) ? 1 : 0;
        }
        // A linear scan of 30,000 entries per call would take minutes; hashing takes well under a second.
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(found < 200000);
    }

    void textFormatSkipsCommentsBlanksAndCarriageReturns()
    {
        const QByteArray text("# header line\r\nAlpha\r\n\r\nbeta\n#comment\n  \ngamma");
        const QList<QByteArrayView> entries = DataFile::entries(text);
        QCOMPARE(entries.size(), 4); // "  " is kept as an entry: only empty lines are skipped
        QCOMPARE(entries.at(0), QByteArrayView("Alpha"));
        QCOMPARE(entries.at(1), QByteArrayView("beta"));
        QCOMPARE(entries.at(3), QByteArrayView("gamma"));
        const CommonPasswords list = CommonPasswords::fromText("# h\nAlpha\nBETA\n");
        QCOMPARE(list.size(), 2);
        QVERIFY(list.contains(latin1("alpha")));
        QVERIFY(list.contains(latin1("Beta")));
        QVERIFY(!list.contains(latin1("# h")));
        QVERIFY(CommonPasswords::fromText("").isEmpty());
    }

    void missingDataFilesAreIoErrors()
    {
        const auto common = CommonPasswords::load(latin1(":/data/no-such-file.txt"));
        QVERIFY(!common);
        QCOMPARE(common.error().kind, ErrorKind::Io);
        const auto words = WordList::load(latin1("/nonexistent/wordlist.txt"));
        QVERIFY(!words);
        QCOMPARE(words.error().kind, ErrorKind::Io);
    }

    void bundledWordListIsTheEffLargeList()
    {
        const WordList& words = WordList::bundled();
        QCOMPARE(words.size(), qsizetype{7776});
        QCOMPARE(words.word(0), QByteArrayView("abacus"));
        QCOMPARE(words.word(7775), QByteArrayView("zoom"));
        QCOMPARE(words.capitalised(0), QByteArrayView("Abacus"));
        QVERIFY(words.words().contains(latin1("t-shirt")));
        QVERIFY(std::abs(words.bitsPerWord() - 12.925) < 0.001);
        QSet<QString> unique;
        for (const QString& word : words.words()) {
            QVERIFY(!word.isEmpty() && !word.contains(u' '));
            unique.insert(word);
        }
        QCOMPARE(unique.size(), words.size());
    }

    void wordListRefusesBadText_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("duplicate") << QByteArray("one\ntwo\none\n") << latin1("more than once");
        QTest::newRow("space") << QByteArray("one\ntwo words\n") << latin1("entry 2 contains a space");
        QTest::newRow("tab") << QByteArray("one\ttwo\nthree\n") << latin1("entry 1 contains a space");
        QTest::newRow("one word") << QByteArray("# header\nlonely\n") << latin1("at least 2 words");
        QTest::newRow("empty") << QByteArray() << latin1("at least 2 words");
    }
    void wordListRefusesBadText()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        const auto list = WordList::fromText(text);
        QVERIFY(!list);
        QCOMPARE(list.error().kind, ErrorKind::Input);
        QVERIFY2(list.error().message.contains(expected), qPrintable(list.error().message));
    }

    void wordListCapitalisesUnicode()
    {
        const auto list = WordList::fromText("\xc3\xa9t\xc3\xa9\nzebra\n");
        QVERIFY(list);
        QCOMPARE(list->capitalised(0), QByteArrayView("\xc3\x89t\xc3\xa9"));
        QCOMPARE(list->capitalised(1), QByteArrayView("Zebra"));
        QCOMPARE(list->bitsPerWord(), 1.0);
    }

private:
    static QByteArray lastCommonEntry()
    {
        const QByteArray text = sourceFile("resources/data/common-passwords.txt");
        const QList<QByteArrayView> lines = DataFile::entries(text);
        return lines.isEmpty() ? QByteArray("missing") : lines.last().toByteArray();
    }
};

QTEST_GUILESS_MAIN(TestPasswordData)
#include "TestPasswordData.moc"
