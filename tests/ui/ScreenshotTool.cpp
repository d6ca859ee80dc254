// tessera-ui-screenshots OUTDIR: renders the main screens with a throw-away vault, for the README
// and for reviewing the look (run under xvfb-run for the xcb platform, or with QT_QPA_PLATFORM=offscreen).
#include "UiTestSupport.h"
#include "access/TestSignInDialog.h"
#include "app/MainWindow.h"
#include "app/VaultController.h"
#include "audit/AuditActor.h"
#include "audit/AuditPage.h"
#include "audit/AuditTableModel.h"
#include "common/MessageBoxes.h"
#include "common/PasswordLineEdit.h"
#include "identity/Directory.h"
#include "jose/Base64Url.h"
#include "keyring/KeyRing.h"
#include "keys/KeysPage.h"
#include "mfa/BackupCodesDialog.h"
#include "mfa/MfaPolicyDialog.h"
#include "mfa/MfaService.h"
#include "mfa/TotpEnrolDialog.h"
#include "tokens/PkceDialog.h"
#include "tokens/TokenInspectorPage.h"
#include "tokens/TokenIssuer.h"
#include "tokens/TokenSignerPage.h"
#include "tokens/TokensPage.h"
#include "settings/Preferences.h"
#include "start/CreateVaultDialog.h"
#include "start/UnlockDialog.h"
#include "users/UserEditorDialog.h"
#include "users/UsersPage.h"
#include "common/FileDialogs.h"
#include "users/UserImportDialog.h"
#include "users/PasswordPolicyDialog.h"
#include "users/UsersTableModel.h"
#include "vault/Vault.h"

#include <QApplication>
#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QFile>
#include <QDir>
#include <QListWidget>
#include <QTableView>
#include <cstdio>

using namespace tessera;
using namespace tessera::ui;

namespace {

// A few dozen plausible accounts for the Users page: roles, disabled and locked ones, sign-in times.
// Second factors for some of them: active (one with only two backup codes left, one without any), one
// pending, and admins the MFA policy requires but who have none. Returns who is in which state.
struct MfaSeed
{
    QString off;        // no authenticator, not required: for the enrol screenshot
    QString lowCodes;   // active, two backup codes left
    QString active;     // active with a full set, and a password: for the sign-in screenshot
};

MfaSeed seedMfa(Directory& d, const QStringList& names)
{
    MfaSeed seed;
    MfaPolicy policy = d.mfa().policy();
    policy.requiredFor = {QStringLiteral("admin:all"), QStringLiteral("manage:users")};
    (void)d.mfa().setPolicy(policy);
    auto activate = [&](const QString& name, int codesUsed, bool codes) {
        if (!d.mfa().enrol(name)) {
            return;
        }
        auto code = d.mfa().currentCodeForTesting(name);
        if (!code || !d.mfa().confirm(name, *code) || !codes) {
            return;
        }
        auto generated = d.mfa().generateBackupCodes(name);
        auto id = d.requireUserId(name);
        for (int i = 0; generated && id && i < codesUsed; ++i) {
            (void)d.mfa().check(*id, generated->at(i));
        }
    };
    for (int i = 0; i < names.size(); ++i) {
        const QString& name = names.at(i);
        switch (i % 7) {
        case 1:
        case 2:
            activate(name, i % 3, true);
            break;
        case 3:
            activate(name, 8, true);
            if (seed.lowCodes.isEmpty()) {
                seed.lowCodes = name;
            }
            break;
        case 5:
            activate(name, 0, i % 2 == 0);
            break;
        case 6:
            (void)d.mfa().enrol(name); // left pending
            break;
        default:
            break;
        }
    }
    for (int i = 0; i < names.size() && (seed.off.isEmpty() || seed.active.isEmpty()); ++i) {
        auto status = d.mfa().status(names.at(i));
        if (!status) {
            continue;
        }
        if (seed.off.isEmpty() && status->state == MfaState::Off && !status->required) {
            seed.off = names.at(i);
        }
        if (seed.active.isEmpty() && status->isActive() && status->backupCodesRemaining == 10) {
            seed.active = names.at(i);
            (void)d.setPassword(names.at(i), SecretBuffer::fromBytes("Harbour-Lantern-42"), false);
        }
    }
    return seed;
}

MfaSeed seedUsers(Vault& vault)
{
    auto directory = Directory::open(vault);
    if (!directory || !(*directory)->setHashParams(HashParams::insecureTestParams())) {
        return {};
    }
    Directory& d = **directory;
    QStringList names;
    static const char* const first[] = {"Ada",   "Ben",   "Chloe", "Dmitri", "Elena", "Farid",
                                        "Grace", "Hiro",  "Ines",  "Jonas",  "Kemal", "Lena",
                                        "Mateo", "Nadia", "Oskar", "Priya"};
    static const char* const last[] = {"Andersen", "Bauer",     "Costa",  "Dubois", "Eriksen",
                                       "Fischer",  "García",    "Haddad", "Ito",    "Jensen",
                                       "Kowalski", "Lindqvist", "Moreau"};
    static const QStringList roleSets[] = {{QStringLiteral("viewer")},
                                           {QStringLiteral("editor")},
                                           {QStringLiteral("editor"), QStringLiteral("viewer")},
                                           {QStringLiteral("admin")},
                                           {}};
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < 36; ++i) {
        const QString f = QString::fromUtf8(first[i % std::size(first)]);
        const QString l = QString::fromUtf8(last[(i * 7) % std::size(last)]);
        NewUser user;
        user.username = (f.left(1) + l).toLower().replace(QChar(u'í'), QLatin1Char('i'));
        if (i >= static_cast<int>(std::size(first))) {
            user.username += QString::number(i);
        }
        user.displayName = f + QLatin1Char(' ') + l;
        user.email = QStringLiteral("%1.%2@acme.example").arg(f.toLower(), l.toLower());
        user.roles = roleSets[i % std::size(roleSets)];
        user.disabled = i % 9 == 4;
        if (i == 0) {
            user.roles = QStringList{QStringLiteral("superadmin")};
        }
        auto added = d.addUser(user);
        if (!added) {
            continue;
        }
        names.append(added->username);
        LoginState state;
        state.lastLoginMs = i % 6 == 5 ? 0 : now - qint64{i} * i * 47 * 60 * 1000;
        if (i == 7) {
            state.failedLogins = 5;
            state.lockedUntilMs = now + 14 * 60 * 1000;
        }
        (void)d.store().saveLoginState(added->id, state);
    }
    return seedMfa(d, names);
}

// Keys in each state and a few refresh tokens, one revoked, for the Keys page and the Sessions view;
// returns the revoked refresh token, for the inspector.
QByteArray seedKeys(Vault& vault)
{
    keys::KeyRing ring(vault);
    (void)ring.generate(QStringLiteral("rsa-2048"), {QStringLiteral("acme-2025-rsa")});
    (void)ring.generate(QStringLiteral("oct-256"), {QStringLiteral("legacy-hmac")});
    (void)ring.setState(QStringLiteral("legacy-hmac"), keys::KeyState::Retired);
    (void)ring.rotate(QStringLiteral("acme-2025-rsa"), QStringLiteral("acme-2026-rsa"));
    if (auto partner = ring.generate(QStringLiteral("ed25519"))) {
        (void)ring.setState(partner->kid, keys::KeyState::Passive); // a partner's key, kept to verify
    }
    auto directory = Directory::open(vault);
    if (!directory) {
        return {};
    }
    tokens::TokenIssuer issuer(**directory);
    QByteArray revoked;
    for (const char* user : {"aandersen", "hkowalski", "aandersen", "cbauer"}) {
        auto issued = issuer.issue({QString::fromLatin1(user), false, true, QStringLiteral("acme-2026-rsa")});
        if (issued && issued->refresh && QLatin1String(user) == QLatin1String("hkowalski")) {
            (void)issuer.revoke(issued->refresh->jti, QStringLiteral("laptop stolen"));
            revoked = issued->refreshToken;
        }
    }
    return revoked;
}

// A token with problems for the inspector: HS256 with a well-known secret, a kid that tries path
// traversal, no type claim, long expired.
QString weakToken()
{
    const auto segment = [](const QJsonObject& object) {
        return jose::Base64Url::encode(QJsonDocument(object).toJson(QJsonDocument::Compact));
    };
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QByteArray input = segment({{QStringLiteral("alg"), QStringLiteral("HS256")},
                                      {QStringLiteral("typ"), QStringLiteral("JWT")},
                                      {QStringLiteral("kid"), QStringLiteral("../../keys/dev.key")}}) +
                             '.' +
                             segment({{QStringLiteral("iss"), QStringLiteral("https://auth.acme.example")},
                                      {QStringLiteral("sub"), QStringLiteral("hkowalski")},
                                      {QStringLiteral("role"), QStringLiteral("admin")},
                                      {QStringLiteral("iat"), now - 3 * 86400 - 900},
                                      {QStringLiteral("exp"), now - 3 * 86400}});
    return QString::fromLatin1(
        input + '.' +
        jose::Base64Url::encode(QMessageAuthenticationCode::hash(input, "secret", QCryptographicHash::Sha256)));
}

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
    MfaSeed mfa;
    QByteArray revokedToken;
    {
        const AuditActor actor = AuditActor::current(QStringLiteral("cli"));
        auto vault = Vault::create(path, SecretBuffer::fromBytes("correct horse battery staple"),
                                   KdfParams::insecureTestParams(), actor);
        if (!vault) {
            return 4;
        }
        (void)(*vault)->setSetting(QStringLiteral("session.idle_minutes"), QStringLiteral("10"));
        (void)(*vault)->setSetting(QStringLiteral("session.max_hours"), QStringLiteral("4"));
        mfa = seedUsers(**vault);
        revokedToken = seedKeys(**vault);
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

    auto* navigation = window.findChild<QListWidget*>(QStringLiteral("navigationListWidget"));
    auto* users = window.findChild<UsersPage*>(QStringLiteral("usersPage"));
    (void)QTest::qWaitFor([&] { return users->model()->rowCount() > 0 && users->model()->hasMfaStatuses(); });
    save(&window, out, "users-page.png");
    users->editUser(QStringLiteral("hkowalski")); // the locked one
    if (QPointer<UserEditorDialog> editor = test::waitForDialog<UserEditorDialog>(users)) {
        (void)QTest::qWaitFor([&] { return editor->isLoaded(); });
        QTest::keyClicks(editor->findChild<QLineEdit*>(QStringLiteral("passwordLineEdit")),
                         QStringLiteral("hiro"));
        QTest::qWait(100); // let the rules row settle
        save(editor, out, "user-editor.png");
        editor->reject();
    }
    // Multi-factor: the editor of a user running out of backup codes, enrolment, a new set of codes.
    users->editUser(mfa.lowCodes);
    if (QPointer<UserEditorDialog> editor = test::waitForDialog<UserEditorDialog>(users)) {
        (void)QTest::qWaitFor([&] { return editor->isLoaded() && editor->mfaStatus().has_value(); });
        QTest::qWait(100);
        save(editor, out, "user-editor-mfa.png");
        MessageBoxes::setNextAnswer(QMessageBox::Yes); // replace the set
        QTest::mouseClick(editor->findChild<QPushButton*>(QStringLiteral("backupCodesButton")), Qt::LeftButton);
        if (QPointer<BackupCodesDialog> codes = test::waitForDialog<BackupCodesDialog>(editor)) {
            QTest::qWait(100);
            save(codes, out, "mfa-backup-codes.png");
            codes->accept();
        }
        editor->reject();
    }
    users->editUser(mfa.off);
    if (QPointer<UserEditorDialog> editor = test::waitForDialog<UserEditorDialog>(users)) {
        (void)QTest::qWaitFor([&] { return editor->isLoaded() && editor->mfaStatus().has_value(); });
        QTest::mouseClick(editor->findChild<QPushButton*>(QStringLiteral("enrolAuthenticatorButton")),
                          Qt::LeftButton);
        if (QPointer<TotpEnrolDialog> enrol = test::waitForDialog<TotpEnrolDialog>(editor)) {
            QTest::keyClicks(enrol->findChild<QLineEdit*>(QStringLiteral("enrolCodeLineEdit")), QStringLiteral("123"));
            QTest::qWait(100);
            save(enrol, out, "mfa-enrol.png");
            enrol->reject();
        }
        (void)QTest::qWaitFor([&] { return !controller.isBusy(); });
        editor->reject();
    }
    users->findChild<QAction*>(QStringLiteral("mfaPolicyAction"))->trigger();
    if (QPointer<MfaPolicyDialog> policy = test::waitForDialog<MfaPolicyDialog>(users)) {
        (void)QTest::qWaitFor([&] { return policy->isLoaded(); });
        QTest::qWait(100);
        save(policy, out, "mfa-policy.png");
        policy->reject();
    }
    window.findChild<QAction*>(QStringLiteral("testSignInAction"))->trigger();
    if (QPointer<TestSignInDialog> signIn = test::waitForDialog<TestSignInDialog>(&window)) {
        signIn->setUsername(mfa.active);
        QTest::keyClicks(signIn->findChild<QLineEdit*>(QStringLiteral("signInPasswordLineEdit")),
                         QStringLiteral("Harbour-Lantern-42"));
        signIn->signIn();
        (void)QTest::qWaitFor([&] { return !controller.isBusy(); });
        QTest::qWait(100);
        save(signIn, out, "test-sign-in-mfa.png");
        signIn->reject();
    }
    (void)QTest::qWaitFor([&] { return !controller.isBusy() && !users->isLoading(); });
    (void)QTest::qWaitFor([&] { return users->model()->hasMfaStatuses(); });
    users->view()->sortByColumn(UsersTableModel::MfaColumn, Qt::AscendingOrder);
    QTest::qWait(100);
    save(&window, out, "users-mfa.png");
    users->view()->sortByColumn(UsersTableModel::UsernameColumn, Qt::AscendingOrder);
    users->addUser();
    if (QPointer<UserEditorDialog> editor = test::waitForDialog<UserEditorDialog>(users)) {
        (void)QTest::qWaitFor([&] { return editor->isLoaded(); });
        QTest::keyClicks(editor->findChild<QLineEdit*>(QStringLiteral("usernameLineEdit")),
                         QStringLiteral("Aandersen"));
        QTest::keyClicks(editor->findChild<QLineEdit*>(QStringLiteral("passwordLineEdit")),
                         QStringLiteral("Password1"));
        QTest::qWait(100);
        save(editor, out, "user-add.png");
        editor->reject();
    }
    users->findChild<QAction*>(QStringLiteral("passwordPolicyAction"))->trigger();
    if (QPointer<PasswordPolicyDialog> policy = test::waitForDialog<PasswordPolicyDialog>(users)) {
        (void)QTest::qWaitFor([&] { return !controller.isBusy(); });
        QTest::qWait(100);
        save(policy, out, "password-policy.png");
        policy->reject();
    }
    {
        const QString csv = out + QStringLiteral("/import-sample.csv");
        QFile file(csv);
        if (file.open(QIODevice::WriteOnly)) {
            file.write("username,display_name,email,roles,password\nzoe,Zoe Z,zoe@acme.example,viewer,Plain-Pass-77\n"
                       "aandersen,Dup,,viewer,\nyann,Yann,yann@,editor,\nxavier,Xavier,,ghost,\n");
            file.close();
        }
        FileDialogs::setNextFileName(csv);
        users->findChild<QAction*>(QStringLiteral("importUsersAction"))->trigger();
        if (QPointer<UserImportDialog> import = test::waitForDialog<UserImportDialog>(users)) {
            (void)QTest::qWaitFor([&] { return !controller.isBusy(); });
            QTest::qWait(100);
            save(import, out, "user-import-preview.png");
            import->reject();
        }
        QFile::remove(csv);
    }
    auto* filter = users->findChild<QLineEdit*>(QStringLiteral("usersFilterLineEdit"));
    QTest::keyClicks(filter, QStringLiteral("kowalski"));
    users->view()->selectAll();
    save(&window, out, "users-filtered.png");
    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("no such person"));
    save(&window, out, "users-no-match.png");
    filter->clear();
    auto show = [&](const char* section) {
        navigation->setCurrentItem(navigation->findItems(QString::fromLatin1(section), Qt::MatchExactly).value(0));
    };
    show("Roles");
    (void)QTest::qWaitFor([&] { return !controller.isBusy(); }); // the page reads the roles when shown
    QTest::qWait(100);
    save(&window, out, "roles-page.png");
    show("Vault");
    save(&window, out, "vault-page.png");
    show("Audit");
    save(&window, out, "audit-page.png");

    show("Tokens");
    auto* tokensPage = window.findChild<TokensPage*>(QStringLiteral("tokensPage"));
    (void)QTest::qWaitFor([&] { return !controller.isBusy(); });
    tokensPage->inspector()->setToken(weakToken());
    QTest::qWait(100);
    save(&window, out, "token-inspector.png");
    tokensPage->showSigner();
    auto* signer = tokensPage->signer();
    // Shown for the first time, the signer reads its keys and users: choose from them once they are in.
    (void)QTest::qWaitFor([&] { return !controller.isBusy(); });
    auto* keyCombo = signer->findChild<QComboBox*>(QStringLiteral("signingKeyComboBox"));
    keyCombo->setCurrentIndex(qMax(0, keyCombo->findData(QStringLiteral("acme-2026-rsa"))));
    signer->fillFromUser(QStringLiteral("aandersen"));
    signer->sign();
    (void)QTest::qWaitFor([&] { return !signer->signedToken().isEmpty(); });
    save(&window, out, "token-signer.png");
    signer->findChild<QPushButton*>(QStringLiteral("openInInspectorButton"))->click();
    QTest::qWait(100);
    save(&window, out, "token-inspector-verified.png");
    tokensPage->inspector()->setToken(QString::fromLatin1(revokedToken));
    QTest::qWait(100);
    save(&window, out, "token-inspector-revoked.png");
    tokensPage->inspector()->setToken(QStringLiteral("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0"));
    save(&window, out, "token-inspector-malformed.png");
    tokensPage->inspector()->setToken(QString());
    save(&window, out, "token-inspector-empty.png");
    tokensPage->findChild<QTabWidget*>(QStringLiteral("tokensTabWidget"))->setCurrentIndex(2);
    (void)QTest::qWaitFor([&] { return !controller.isBusy(); });
    save(&window, out, "token-sessions.png");
    show("Keys");
    (void)QTest::qWaitFor([&] { return !controller.isBusy(); });
    window.findChild<KeysPage*>(QStringLiteral("keysPage"))->selectKid(QStringLiteral("acme-2026-rsa"));
    QTest::qWait(100);
    save(&window, out, "keys-page.png");
    auto* pkce = new PkceDialog(&window);
    pkce->show();
    save(pkce, out, "pkce.png");
    pkce->close();
    controller.lock();
    (void)QTest::qWaitFor([&] { return !controller.isUnlocked(); });
    return 0;
}
