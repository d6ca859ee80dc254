#include "access/NameIndex.h"

#include <QTest>

using namespace tessera;
using namespace Qt::StringLiterals;

class TestAccessNameIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsWhatWasInsertedByExactSpelling()
    {
        NameIndex index;
        QCOMPARE(index.find(u"alice"_s), -1); // empty index
        QCOMPARE(index.insert(u"alice"_s), 0);
        QCOMPARE(index.insert(u"bob"_s), 1);
        QCOMPARE(index.insert(u"alice"_s), 0); // already present
        QCOMPARE(index.size(), 2);
        QCOMPARE(index.find(u"alice"_s), 0);
        QCOMPARE(index.find(u"bob"_s), 1);
        QCOMPARE(index.find(u"Alice"_s), -1);
        QCOMPARE(index.find(u"alic"_s), -1);
        QCOMPARE(index.find(u"alicee"_s), -1);
        QCOMPARE(index.keyAt(1), u"bob"_s);
    }

    void handlesEmptyAndUnicodeKeys()
    {
        NameIndex index;
        QCOMPARE(index.insert(QString()), 0);
        QCOMPARE(index.insert(u"zoë"_s), 1);
        QCOMPARE(index.insert(u"zoe"_s), 2);
        QCOMPARE(index.find(QString()), 0);
        QCOMPARE(index.find(u"zoë"_s), 1);
        QCOMPARE(index.find(u"zoe"_s), 2);
    }

    void comparesLongKeysInFull()
    {
        NameIndex index;
        const QString longKey = u"a-username-longer-than-a-slot-holds"_s;
        QCOMPARE(index.insert(longKey), 0);
        QCOMPARE(index.insert(u"a-username-longer-than-a-slot-holdz"_s), 1);
        QCOMPARE(index.insert(u"a-username-l"_s), 2); // one past the inline limit
        QCOMPARE(index.insert(u"a-username-"_s), 3);  // exactly the inline limit
        QCOMPARE(index.find(longKey), 0);
        QCOMPARE(index.find(u"a-username-longer-than-a-slot-holdz"_s), 1);
        QCOMPARE(index.find(u"a-username-l"_s), 2);
        QCOMPARE(index.find(u"a-username-"_s), 3);
        QCOMPARE(index.find(u"a-username-longer-than-a-slot-hold"_s), -1);
        const QString huge(70000, u'x');
        QCOMPARE(index.insert(huge), 4);
        QCOMPARE(index.find(huge), 4);
        QCOMPARE(index.find(QString(70001, u'x')), -1); // same capped length, different key
    }

    void growsAndKeepsEveryKey()
    {
        NameIndex index;
        constexpr int count = 50000;
        for (int i = 0; i < count; ++i)
            QCOMPARE(index.insert(QStringLiteral("user%1").arg(i)), i);
        for (int i = 0; i < count; ++i)
            QCOMPARE(index.find(QStringLiteral("user%1").arg(i)), i);
        QCOMPARE(index.find(QStringLiteral("user%1").arg(count)), -1);

        NameIndex reserved;
        reserved.reserve(1000);
        for (int i = 0; i < 1000; ++i)
            reserved.insert(QString::number(i));
        QCOMPARE(reserved.find(u"999"_s), 999);
        reserved.clear();
        QCOMPARE(reserved.size(), 0);
        QCOMPARE(reserved.find(u"999"_s), -1);
        QCOMPARE(reserved.insert(u"again"_s), 0);
    }
};

QTEST_GUILESS_MAIN(TestAccessNameIndex)
#include "TestAccessNameIndex.moc"
