#include "UiTestSupport.h"

#include "common/FileDialogs.h"
#include "common/MessageBoxes.h"
#include "crypto/CryptoRuntime.h"

#include <QDir>
#include <QSettings>

namespace tessera::test {

bool initUiTestEnvironment(const QTemporaryDir& dir)
{
    if (!dir.isValid() || !CryptoRuntime::initialise()) {
        return false;
    }
    const QString config = dir.filePath(QStringLiteral("config"));
    const QString data = dir.filePath(QStringLiteral("data"));
    QDir().mkpath(config);
    QDir().mkpath(data);
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(config));
    qputenv("XDG_DATA_HOME", QFile::encodeName(data));
    qunsetenv("TESSERA_VAULT");
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, config);
    QCoreApplication::setOrganizationName(QStringLiteral("TesseraTests"));
    QCoreApplication::setApplicationName(QStringLiteral("TesseraUiTests"));
    ui::MessageBoxes::setNonInteractive(true);
    ui::FileDialogs::setNonInteractive(true);
    ui::FileDialogs::clearNextFileNames();
    return true;
}

} // namespace tessera::test
