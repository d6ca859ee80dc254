// tessera-cli: the command-line front end. All logic lives in tessera_cli_lib and the core.
#include "CliApplication.h"
#include "crypto/CryptoRuntime.h"

#include <QCoreApplication>

int main(int argc, char** argv)
{
    // Before anything else: a core dump would contain unlocked key material.
    tessera::CryptoRuntime::disableCoreDumps();
    const bool cryptoReady = tessera::CryptoRuntime::initialise();

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tessera-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TESSERA_VERSION));

    tessera::cli::CliApplication cli;
    const QStringList arguments = QCoreApplication::arguments().mid(1);
    if (!cryptoReady) {
        return cli.failStartup(arguments,
                               QStringLiteral("the cryptography library (libsodium) could not start"));
    }
    return cli.run(arguments);
}
