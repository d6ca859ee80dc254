#include "common/TimeText.h"

#include <QTest>

using namespace tessera::ui;

class TestTimeText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countdownRoundsUpAndGrowsAnHourField_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("now") << qint64{0} << QStringLiteral("0:00");
        QTest::newRow("negative") << qint64{-5000} << QStringLiteral("0:00");
        QTest::newRow("part of a second") << qint64{1} << QStringLiteral("0:01");
        QTest::newRow("five minutes") << qint64{300000} << QStringLiteral("5:00");
        QTest::newRow("just under") << qint64{299001} << QStringLiteral("5:00");
        QTest::newRow("under an hour") << qint64{3599000} << QStringLiteral("59:59");
        QTest::newRow("eight hours") << qint64{8 * 3600 * 1000} << QStringLiteral("8:00:00");
        QTest::newRow("mixed") << qint64{(3600 + 62) * 1000} << QStringLiteral("1:01:02");
    }

    void countdownRoundsUpAndGrowsAnHourField()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, text);
        QCOMPARE(TimeText::countdown(ms), text);
    }
};

QTEST_GUILESS_MAIN(TestTimeText)
#include "TestTimeText.moc"
