// The Tessera GUI: process set-up and the main window; everything else lives in tessera_ui.
#include "app/MainWindow.h"
#include "app/QuitOnFirstExpose.h"
#include "app/VaultController.h"
#include "common/Icons.h"
#include "crypto/CryptoRuntime.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>
#include <cstdio>

int main(int argc, char* argv[])
{
    if (!tessera::CryptoRuntime::initialise()) {
        std::fputs("tessera: the cryptography library could not be initialised\n", stderr);
        return 4;
    }
    tessera::CryptoRuntime::disableCoreDumps();

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Tessera"));
    QApplication::setApplicationName(QStringLiteral("Tessera"));
    QApplication::setApplicationVersion(QStringLiteral(TESSERA_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.tessera.Tessera"));
    QApplication::setWindowIcon(tessera::ui::Icons::application());

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Tessera: an offline identity manager."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption vaultOption(QStringLiteral("vault"), QStringLiteral("Open the vault at PATH."),
                                         QStringLiteral("PATH"));
    parser.addOption(vaultOption);
    parser.process(app);

    tessera::ui::VaultController controller;
    tessera::ui::MainWindow window(controller);

    if (qEnvironmentVariableIntValue("TESSERA_BENCH_QUIT_ON_SHOW") == 1) {
        app.installEventFilter(new tessera::ui::QuitOnFirstExpose(&app));
    } else if (parser.isSet(vaultOption)) {
        const QString path = parser.value(vaultOption);
        QTimer::singleShot(0, &window, [&window, path] { window.openVaultAtStart(path); });
    }
    window.show();
    return QApplication::exec();
}
