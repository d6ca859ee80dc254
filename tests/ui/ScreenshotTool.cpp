// tessera-ui-screenshots OUTDIR: renders the main screens with a throw-away vault, for the README
// and for reviewing the look (run under xvfb-run for the xcb platform, or with QT_QPA_PLATFORM=offscreen).
#include "UiTestSupport.h"
#include "app/MainWindow.h"
#include "app/VaultController.h"
#include "audit/AuditActor.h"
#include "audit/AuditPage.h"
#include "audit/AuditTableModel.h"
#include "settings/Preferences.h"
#include "start/CreateVaultDialog.h"
#include "start/UnlockDialog.h"
#include "vault/Vault.h"

#include <QApplication>
#include <QDir>
#include <QListWidget>
#include <cstdio>

using namespace tessera;
using namespace tessera::ui;

namespace {

bool save(QWidget* widget, const QString& dir, const char* name)
{
    QCoreApplication::processEvents();
    const QString path = QDir(dir).filePath(QString::fromLatin1(name));
    const bool ok = widget->grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    if (qEnvironmentVariableIntValue("TESSERA_SCREENSHOT_DARK") == 1) {
        // A dark palette, to check that icons and accents keep their contrast.
        QApplication::setStyle(QStringLiteral("Fusion"));
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
        dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Base, QColor(0x1f, 0x20, 0x23));
        dark.setColor(QPalette::AlternateBase, QColor(0x27, 0x29, 0x2d));
        dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3c));
        dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xc6));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9d, 0xa3));
        dark.setColor(QPalette::Disabled, QPalette::Text, QColor(0x70, 0x73, 0x78));
        dark.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x70, 0x73, 0x78));
        dark.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x70, 0x73, 0x78));
        QApplication::setPalette(dark);
    }
    if (argc < 2) {
        std::fputs("usage: tessera-ui-screenshots OUTDIR\n", stderr);
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    QDir().mkpath(out);
    QTemporaryDir scratch;
    if (!test::initUiTestEnvironment(scratch)) {
        return 4;
    }
    const QString path = scratch.filePath(QStringLiteral("acme-identities.tessera"));
    {
        const AuditActor actor = AuditActor::current(QStringLiteral("cli"));
        auto vault = Vault::create(path, SecretBuffer::fromBytes("correct horse battery staple"),
                                   KdfParams::insecureTestParams(), actor);
        if (!vault) {
            return 4;
        }
        (void)(*vault)->setSetting(QStringLiteral("session.idle_minutes"), QStringLiteral("10"));
        (void)(*vault)->setSetting(QStringLiteral("session.max_hours"), QStringLiteral("4"));
        (void)(*vault)->backupTo(scratch.filePath(QStringLiteral("acme-identities-backup.tessera")));
    }
    Preferences().addRecentVault(scratch.filePath(QStringLiteral("old-lab.tessera")));
    Preferences().addRecentVault(path);

    VaultController controller;
    controller.setCreationKdfOverride(KdfParams::insecureTestParams());
    MainWindow window(controller);
    window.resize(1100, 720);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) {
        return 4;
    }
    save(&window, out, "start.png");

    auto* create = new CreateVaultDialog(controller, &window);
    create->show();
    QTest::keyClicks(create->findChild<QLineEdit*>(QStringLiteral("passwordLineEdit")),
                     QStringLiteral("tiles of the mosaic"));
    QTest::keyClicks(create->findChild<QLineEdit*>(QStringLiteral("confirmPasswordLineEdit")),
                     QStringLiteral("tiles of the"));
    save(create, out, "create-vault.png");
    create->close();

    auto* unlock = new UnlockDialog(controller, path, &window);
    unlock->show();
    QTest::keyClicks(unlock->findChild<QLineEdit*>(QStringLiteral("passwordLineEdit")),
                     QStringLiteral("wrong"));
    QTest::mouseClick(unlock->findChild<QPushButton*>(QStringLiteral("unlockButton")), Qt::LeftButton);
    (void)QTest::qWaitFor([&] { return !controller.isBusy(); });
    save(unlock, out, "unlock-error.png");
    test::typeInto(unlock->findChild<QLineEdit*>(QStringLiteral("passwordLineEdit")),
                   QStringLiteral("correct horse battery staple"));
    QTest::mouseClick(unlock->findChild<QPushButton*>(QStringLiteral("unlockButton")), Qt::LeftButton);
    (void)QTest::qWaitFor([&] { return controller.isUnlocked() && !controller.isBusy(); });

    save(&window, out, "vault-page.png");
    window.findChild<QListWidget*>(QStringLiteral("navigationListWidget"))->setCurrentRow(1);
    save(&window, out, "audit-page.png");
    controller.lock();
    (void)QTest::qWaitFor([&] { return !controller.isUnlocked(); });
    return 0;
}
