#include "session/SessionSettings.h"

#include <QTest>

using namespace tessera;

class TestSessionSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void storedValuesAreParsedOrDefaulted_data()
    {
        QTest::addColumn<QString>("idle");
        QTest::addColumn<QString>("hours");
        QTest::addColumn<int>("idleMinutes");
        QTest::addColumn<int>("maxHours");
        QTest::newRow("missing") << QString() << QString() << 5 << 8;
        QTest::newRow("set") << QStringLiteral("15") << QStringLiteral("2") << 15 << 2;
        QTest::newRow("spaces") << QStringLiteral(" 7 ") << QStringLiteral("12") << 7 << 12;
        QTest::newRow("zero never disables") << QStringLiteral("0") << QStringLiteral("0") << 5 << 8;
        QTest::newRow("negative") << QStringLiteral("-3") << QStringLiteral("-1") << 5 << 8;
        QTest::newRow("garbage") << QStringLiteral("soon") << QStringLiteral("8h") << 5 << 8;
        QTest::newRow("too large") << QStringLiteral("100000") << QStringLiteral("1000") << 5 << 8;
        QTest::newRow("bounds") << QStringLiteral("1440") << QStringLiteral("168") << 1440 << 168;
    }

    void storedValuesAreParsedOrDefaulted()
    {
        QFETCH(QString, idle);
        QFETCH(QString, hours);
        QFETCH(int, idleMinutes);
        QFETCH(int, maxHours);
        const SessionSettings settings = SessionSettings::fromStored(idle, hours);
        QCOMPARE(settings.idleMinutes, idleMinutes);
        QCOMPARE(settings.maxHours, maxHours);
    }

    void limitsAreInMilliseconds()
    {
        const SessionLimits limits = SessionSettings{3, 2}.limits();
        QCOMPARE(limits.idleMs, qint64{3 * 60 * 1000});
        QCOMPARE(limits.absoluteMs, qint64{2 * 60 * 60 * 1000});
    }
};

QTEST_GUILESS_MAIN(TestSessionSettings)
#include "TestSessionSettings.moc"
