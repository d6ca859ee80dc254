#include "UiTestSupport.h"

#include "TestVault.h"
#include "access/TestSignInDialog.h"
#include "app/MainWindow.h"
#include "app/VaultController.h"
#include "common/FileDialogs.h"
#include "common/MessageBoxes.h"
#include "common/PasswordLineEdit.h"
#include "crypto/CryptoRuntime.h"
#include "identity/Directory.h"
#include "password/HashParams.h"

#include <QDir>
#include <QAbstractItemView>
#include <QCompleter>
#include <QSettings>
#include <QSignalSpy>

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

QString createVaultWithUsers(const QString& path, const QList<std::pair<QString, QString>>& users,
                             const char* userPassword)
{
    auto vault = createVault(path);
    if (!vault) {
        return {};
    }
    auto directory = Directory::open(*vault);
    if (!directory || !(*directory)->setHashParams(HashParams::insecureTestParams())) {
        qWarning("could not prepare the identities of %s", qPrintable(path));
        return {};
    }
    const SecretBuffer secret = password(userPassword);
    for (const auto& [name, role] : users) {
        NewUser user;
        user.username = name;
        user.roles = role.isEmpty() ? QStringList{} : QStringList{role};
        user.mustChangePassword = false;
        if (auto added = (*directory)->addUser(user, &secret); !added) {
            qWarning("adding %s failed: %s", qPrintable(name), qPrintable(added.error().message));
            return {};
        }
    }
    return path;
}

bool showAndUnlock(ui::VaultController& controller, ui::MainWindow& window, const QString& path)
{
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) {
        qWarning("the main window was never exposed");
        return false;
    }
    controller.unlockVault(path, password());
    if (!QTest::qWaitFor([&] { return controller.isUnlocked(); })) {
        qWarning("%s did not unlock", qPrintable(path));
        return false;
    }
    // The session's own directory is the one sign-ins hash with; make it cheap too.
    bool done = false;
    bool fast = false;
    QObject context;
    controller.runDirectory(
        &context, [](Directory& d) { return d.setHashParams(HashParams::insecureTestParams()); },
        [&](Status ok) {
            fast = ok.has_value();
            done = true;
        });
    return QTest::qWaitFor([&] { return done; }, 10000) && fast;
}

bool submitSignIn(ui::TestSignInDialog* dialog, const QString& user, const QString& typedPassword)
{
    auto* userEdit = child<QLineEdit>(dialog, "signInUserLineEdit");
    typeInto(userEdit, user);
    if (QWidget* popup = userEdit->completer() ? userEdit->completer()->popup() : nullptr) {
        popup->hide();
    }
    auto* passwordEdit = child<ui::PasswordLineEdit>(dialog, "signInPasswordLineEdit");
    passwordEdit->clearSecret();
    QTest::keyClicks(passwordEdit, typedPassword);
    QSignalSpy shown(dialog, &ui::TestSignInDialog::resultShown);
    QTest::keyClick(passwordEdit, Qt::Key_Return);
    return shown.wait(10000) || shown.count() > 0;
}

} // namespace tessera::test
