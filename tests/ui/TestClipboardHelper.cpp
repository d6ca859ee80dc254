#include "UiTestSupport.h"
#include "common/ClipboardHelper.h"
#include "settings/Preferences.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>
#include <QSignalSpy>

using namespace tessera;
using namespace tessera::test;
using namespace tessera::ui;

class TestClipboardHelper : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static QString clipboardText() { return QGuiApplication::clipboard()->text(); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(initUiTestEnvironment(m_dir)); }
    void init() { QGuiApplication::clipboard()->clear(); }

    void clearTimeComesFromPreferences()
    {
        QCOMPARE(ClipboardHelper().clearSeconds(), 10);
        Preferences().setClipboardClearSeconds(25);
        QCOMPARE(ClipboardHelper().clearSeconds(), 25);
        Preferences().setClipboardClearSeconds(10);
    }

    void copiedSecretsAreMarkedConcealed()
    {
        ClipboardHelper helper;
        helper.copySecret(QStringLiteral("s3cret"));
        QCOMPARE(clipboardText(), QStringLiteral("s3cret"));
        const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
        QVERIFY(mime);
        QCOMPARE(mime->data(QStringLiteral("x-kde-passwordManagerHint")), QByteArray("secret"));
        QVERIFY(helper.isHoldingSecret());
        QVERIFY(helper.secondsUntilClear() > 0 && helper.secondsUntilClear() <= 10);
    }

    void theSecretIsClearedAfterTheDelay()
    {
        ClipboardHelper helper;
        helper.setClearSeconds(1);
        QSignalSpy cleared(&helper, &ClipboardHelper::cleared);
        helper.copySecret(QStringLiteral("short-lived"));
        QTRY_COMPARE(cleared.count(), 1);
        QCOMPARE(clipboardText(), QString());
        QVERIFY(!helper.isHoldingSecret());
    }

    void somethingCopiedLaterIsLeftAlone()
    {
        ClipboardHelper helper;
        helper.setClearSeconds(1);
        QSignalSpy cleared(&helper, &ClipboardHelper::cleared);
        helper.copySecret(QStringLiteral("mine"));
        QGuiApplication::clipboard()->setText(QStringLiteral("the user's own text"));
        QTRY_VERIFY(!helper.isHoldingSecret());
        QCOMPARE(cleared.count(), 0);
        QCOMPARE(clipboardText(), QStringLiteral("the user's own text"));
    }

    void zeroSecondsKeepsItUntilTheHelperGoes()
    {
        {
            ClipboardHelper helper;
            helper.setClearSeconds(0);
            helper.copySecret(QStringLiteral("kept"));
            QCOMPARE(helper.secondsUntilClear(), 0);
            QVERIFY(helper.isHoldingSecret());
            QCOMPARE(clipboardText(), QStringLiteral("kept"));
        }
        QCOMPARE(clipboardText(), QString()); // quitting does not leave it behind
    }
};

QTEST_MAIN(TestClipboardHelper)
#include "TestClipboardHelper.moc"
