#include "session/SessionTimer.h"

#include <QTest>

using namespace tessera;

class TestSessionTimer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void idleLimitLocksWithoutInput()
    {
        ManualClock clock(1'000'000);
        SessionTimer timer(clock, SessionLimits{60'000, 3'600'000});
        QCOMPARE(timer.msUntilLock(), qint64{60'000});
        clock.advanceMs(59'999);
        QVERIFY(!timer.isExpired());
        clock.advanceMs(1);
        QCOMPARE(timer.expiredBecause(), SessionTimer::Reason::Idle);
        QCOMPARE(timer.msUntilLock(), qint64{0});
    }

    void activityPostponesIdleButNotAbsolute()
    {
        ManualClock clock(0);
        SessionTimer timer(clock, SessionLimits{60'000, 150'000});
        for (int i = 0; i < 4; ++i) {
            clock.advanceMs(50'000);
            timer.noteActivity();
            if (i < 2) {
                QVERIFY(!timer.isExpired());
            }
        }
        QCOMPARE(timer.expiredBecause(), SessionTimer::Reason::Absolute);
    }

    void suspendedTimeCounts()
    {
        // Wall-clock based: a laptop that slept for an hour wakes up locked.
        ManualClock clock(0);
        SessionTimer timer(clock, SessionLimits{300'000, 8 * 3'600'000LL});
        clock.advanceMs(3'600'000);
        QCOMPARE(timer.expiredBecause(), SessionTimer::Reason::Idle);
    }

    void clockGoingBackwardsDoesNotExtendTheSession()
    {
        ManualClock clock(1'000'000);
        SessionTimer timer(clock, SessionLimits{60'000, 0});
        clock.advanceMs(30'000);
        timer.noteActivity();
        clock.setMs(900'000); // the user set the clock back
        timer.noteActivity();
        clock.setMs(1'030'000 + 60'000);
        QVERIFY(timer.isExpired());
    }

    void zeroDisablesALimit()
    {
        ManualClock clock(0);
        SessionTimer timer(clock, SessionLimits{0, 0});
        clock.advanceMs(100LL * 24 * 3'600'000);
        QVERIFY(!timer.isExpired());
    }
};

QTEST_GUILESS_MAIN(TestSessionTimer)
#include "TestSessionTimer.moc"
