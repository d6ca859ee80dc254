#include "common/Clock.h"
#include "session/UnlockBackoff.h"

#include <QTest>

using namespace tessera;

class TestUnlockBackoff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void delayGrowsAfterTheFreeAttempts_data()
    {
        QTest::addColumn<int>("failures");
        QTest::addColumn<qint64>("delayMs");
        QTest::newRow("none") << 0 << qint64{0};
        QTest::newRow("first") << 1 << qint64{0};
        QTest::newRow("second") << 2 << qint64{0};
        QTest::newRow("third") << 3 << qint64{1000};
        QTest::newRow("fourth") << 4 << qint64{2000};
        QTest::newRow("fifth") << 5 << qint64{4000};
        QTest::newRow("seventh") << 7 << qint64{16000};
        QTest::newRow("capped") << 8 << qint64{30000};
        QTest::newRow("far beyond") << 500 << qint64{30000};
    }

    void delayGrowsAfterTheFreeAttempts()
    {
        QFETCH(int, failures);
        QFETCH(qint64, delayMs);
        QCOMPARE(UnlockBackoff::delayMsAfter(failures), delayMs);
    }

    void waitsOnTheClockAndResets()
    {
        ManualClock clock(1'000'000);
        UnlockBackoff backoff(clock);
        backoff.recordFailure();
        backoff.recordFailure();
        QVERIFY(!backoff.isWaiting());
        backoff.recordFailure();
        QCOMPARE(backoff.failures(), 3);
        QCOMPARE(backoff.msRemaining(), qint64{1000});
        clock.advanceMs(400);
        QCOMPARE(backoff.msRemaining(), qint64{600});
        clock.advanceMs(600);
        QVERIFY(!backoff.isWaiting());
        backoff.recordFailure();
        QCOMPARE(backoff.msRemaining(), qint64{2000});
        backoff.reset();
        QCOMPARE(backoff.failures(), 0);
        QVERIFY(!backoff.isWaiting());
    }

    void clockSetBackwardsNeverExceedsTheCap()
    {
        ManualClock clock(10'000'000);
        UnlockBackoff backoff(clock);
        for (int i = 0; i < 3; ++i) {
            backoff.recordFailure();
        }
        clock.setMs(0);
        QCOMPARE(backoff.msRemaining(), UnlockBackoff::kMaxDelayMs);
    }
};

QTEST_GUILESS_MAIN(TestUnlockBackoff)
#include "TestUnlockBackoff.moc"
