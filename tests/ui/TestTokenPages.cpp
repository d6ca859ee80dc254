#include "TestVault.h"
#include "UiTestSupport.h"
#include "app/MainWindow.h"
#include "app/VaultController.h"
#include "audit/AuditActor.h"
#include "common/Clock.h"
#include "common/DialogStyle.h"
#include "identity/Directory.h"
#include "jose/Base64Url.h"
#include "keyring/KeyRing.h"
#include "keys/GenerateKeyDialog.h"
#include "keys/KeysPage.h"
#include "keys/KeysTableModel.h"
#include "settings/Preferences.h"
#include "common/MessageBoxes.h"
#include "jose/Pkce.h"
#include "tokens/PkceDialog.h"
#include "tokens/SessionsPage.h"
#include "tokens/FindingsTableModel.h"
#include "tokens/TokenEdit.h"
#include "tokens/TokenInspectorPage.h"
#include "tokens/TokenIssuer.h"
#include "tokens/TokenSignerPage.h"
#include "tokens/TokensPage.h"
#include "vault/Vault.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QIcon>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QMessageAuthenticationCode>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QUrl>

using namespace tessera;
using namespace tessera::test;
using namespace tessera::ui;

namespace {

QByteArray segment(const QJsonObject& object)
{
    return jose::Base64Url::encode(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// An HS256 token made by hand: JwsSigner rightly refuses secrets shorter than the hash, and the
// inspector must still recognise tokens that others signed with such a secret.
QByteArray hs256(const QJsonObject& claims, const QByteArray& secret)
{
    const QByteArray input =
        segment({{QStringLiteral("alg"), QStringLiteral("HS256")}, {QStringLiteral("typ"), QStringLiteral("JWT")}}) +
        '.' + segment(claims);
    return input + '.' +
           jose::Base64Url::encode(QMessageAuthenticationCode::hash(input, secret, QCryptographicHash::Sha256));
}

QStringList columnTexts(const QTableView* table, int column)
{
    QStringList texts;
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        texts.append(table->model()->index(row, column).data().toString());
    }
    return texts;
}

} // namespace

class TestTokenPages : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_emptyPath;  // no keys, no users
    QString m_seededPath; // alice, one EC key, one revoked refresh token
    QByteArray m_revokedRefreshToken;
    QString m_sessionsPath; // alice with two live refresh tokens
    QStringList m_liveJtis;
    QString m_agedPath; // keys "aged" (made 100 days ago) and "fresh"

    struct Harness
    {
        VaultController controller;
        MainWindow window{controller};
        TokensPage* tokens = nullptr;
        TokenInspectorPage* inspector = nullptr;
        TokenSignerPage* signer = nullptr;
        KeysPage* keys = nullptr;
        QListWidget* navigation = nullptr;
    };

    bool open(Harness& h, const QString& path)
    {
        h.window.show();
        if (!QTest::qWaitForWindowExposed(&h.window)) {
            return false;
        }
        h.controller.unlockVault(path, password());
        if (!QTest::qWaitFor([&] { return h.controller.isUnlocked() && !h.controller.isBusy(); }, 10000)) {
            return false;
        }
        h.navigation = child<QListWidget>(&h.window, "navigationListWidget");
        h.tokens = child<TokensPage>(&h.window, "tokensPage");
        h.inspector = child<TokenInspectorPage>(&h.window, "tokenInspectorPage");
        h.signer = child<TokenSignerPage>(&h.window, "tokenSignerPage");
        h.keys = child<KeysPage>(&h.window, "keysPage");
        showSection(h, "Tokens");
        return h.tokens && h.inspector && h.signer && h.keys && h.tokens->isVisible();
    }

    static void showSection(Harness& h, const char* name)
    {
        h.navigation->setCurrentItem(
            h.navigation->findItems(QString::fromLatin1(name), Qt::MatchExactly).value(0));
    }

    static QStringList findingIds(Harness& h)
    {
        return columnTexts(child<QTableView>(h.inspector, "findingsTableView"), FindingsTableModel::IdColumn);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(initUiTestEnvironment(m_dir));
        m_emptyPath = m_dir.filePath(QStringLiteral("empty.tessera"));
        QVERIFY(createVault(m_emptyPath));

        m_seededPath = m_dir.filePath(QStringLiteral("seeded.tessera"));
        auto vault = createVault(m_seededPath);
        QVERIFY(vault);
        auto directory = Directory::open(*vault);
        QVERIFY(directory.has_value());
        NewUser alice;
        alice.username = QStringLiteral("alice");
        QVERIFY((*directory)->addUser(alice).has_value());
        QVERIFY(keys::KeyRing(*vault).generate(QStringLiteral("ec-p256"), {QStringLiteral("seeded-key")}).has_value());
        tokens::TokenIssuer issuer(**directory);
        auto issued = issuer.issue({QStringLiteral("alice")});
        QVERIFY2(issued.has_value(), qPrintable(issued ? QString() : issued.error().message));
        QVERIFY(issued->refresh.has_value());
        QVERIFY(issuer.revoke(issued->refresh->jti, QStringLiteral("test")).has_value());
        m_revokedRefreshToken = issued->refreshToken;

        m_sessionsPath = m_dir.filePath(QStringLiteral("sessions.tessera"));
        auto sessionsVault = createVault(m_sessionsPath);
        QVERIFY(sessionsVault);
        auto sessionsDirectory = Directory::open(*sessionsVault);
        QVERIFY(sessionsDirectory.has_value());
        QVERIFY((*sessionsDirectory)->addUser(alice).has_value());
        QVERIFY(keys::KeyRing(*sessionsVault).generate(QStringLiteral("ec-p256"), {}).has_value());
        for (int i = 0; i < 2; ++i) {
            auto live = tokens::TokenIssuer(**sessionsDirectory).issue({QStringLiteral("alice")});
            QVERIFY(live.has_value() && live->refresh.has_value());
            m_liveJtis.append(live->refresh->jti);
        }

        m_agedPath = m_dir.filePath(QStringLiteral("aged.tessera"));
        QVERIFY(createVault(m_agedPath));
        {
            const ManualClock past(QDateTime::currentMSecsSinceEpoch() - 100LL * 24 * 60 * 60 * 1000);
            auto aged = Vault::open(m_agedPath, password(), AuditActor::current(QStringLiteral("test")),
                                    Vault::Access::ReadWrite, past);
            QVERIFY(aged.has_value());
            QVERIFY(keys::KeyRing(**aged).generate(QStringLiteral("ed25519"), {QStringLiteral("aged")}).has_value());
        }
        auto fresh = openVault(m_agedPath);
        QVERIFY(fresh);
        QVERIFY(keys::KeyRing(*fresh).generate(QStringLiteral("ed25519"), {QStringLiteral("fresh")}).has_value());
    }

    void typedAlgNoneTokenShowsTheFinding()
    {
        Harness h;
        QVERIFY(open(h, m_emptyPath));
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const QByteArray token = segment({{QStringLiteral("alg"), QStringLiteral("none")}}) + '.' +
                                 segment({{QStringLiteral("sub"), QStringLiteral("mallory")},
                                          {QStringLiteral("exp"), now + 300},
                                          {QStringLiteral("type"), QStringLiteral("access")}}) +
                                 '.';
        auto* edit = child<QPlainTextEdit>(h.inspector, "tokenEdit");
        edit->setFocus();
        QTest::keyClicks(edit, QString::fromLatin1(token));
        QTRY_VERIFY(findingIds(h).contains(QStringLiteral("alg-none")));
        auto* findings = child<QTableView>(h.inspector, "findingsTableView");
        QVERIFY(findings->isVisible());
        // Most severe first, with its severity named.
        QCOMPARE(findings->model()->index(0, FindingsTableModel::IdColumn).data().toString(), QStringLiteral("alg-none"));
        QCOMPARE(findings->model()->index(0, FindingsTableModel::SeverityColumn).data().toString(),
                 QStringLiteral("Critical"));
        QVERIFY(child<QLabel>(h.inspector, "signatureStatusLabel")->text().contains(QStringLiteral("Unsigned")));
        // The claims are explained: exp as a time and as "expires in …".
        auto* claims = child<QTableView>(h.inspector, "claimsTableView");
        const int expRow = static_cast<int>(columnTexts(claims, 0).indexOf(QStringLiteral("exp")));
        QVERIFY(expRow >= 0);
        QVERIFY(claims->model()->index(expRow, 1).data().toString().contains(QStringLiteral("UTC")));
        QVERIFY(claims->model()->index(expRow, 2).data().toString().contains(QStringLiteral("expires in")));
    }

    void pastedExpiredHs256TokenWithAWeakSecret()
    {
        Harness h;
        QVERIFY(open(h, m_emptyPath));
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const QByteArray token = hs256({{QStringLiteral("sub"), QStringLiteral("bob")},
                                        {QStringLiteral("iat"), now - 4 * 86400},
                                        {QStringLiteral("exp"), now - 3 * 86400},
                                        {QStringLiteral("type"), QStringLiteral("access")}},
                                       "secret");
        QApplication::clipboard()->setText(QStringLiteral("Bearer %1\n").arg(QString::fromLatin1(token)));
        QTest::mouseClick(child<QPushButton>(h.inspector, "pasteTokenButton"), Qt::LeftButton);
        QTRY_VERIFY(findingIds(h).contains(QStringLiteral("expired")));
        QVERIFY(findingIds(h).contains(QStringLiteral("weak-hmac-secret")));
        QCOMPARE(h.inspector->token(), QString::fromLatin1(token)); // without the Bearer prefix
        auto* claims = child<QTableView>(h.inspector, "claimsTableView");
        const int expRow = static_cast<int>(columnTexts(claims, 0).indexOf(QStringLiteral("exp")));
        QVERIFY(claims->model()->index(expRow, 2).data().toString().contains(QStringLiteral("expired 3 days ago")));
        // Sorted by severity, most severe first.
        auto* findings = child<QTableView>(h.inspector, "findingsTableView");
        for (int row = 1; row < findings->model()->rowCount(); ++row) {
            QVERIFY(findings->model()->index(row - 1, 0).data(FindingsTableModel::SeverityRole).toInt() >=
                    findings->model()->index(row, 0).data(FindingsTableModel::SeverityRole).toInt());
        }

        // The secret pasted under "Verify with…" verifies the signature; a wrong one does not.
        QTest::mouseClick(child<QToolButton>(h.inspector, "verifyWithToggle"), Qt::LeftButton);
        child<QComboBox>(h.inspector, "verifyKindComboBox")->setCurrentIndex(1);
        auto* key = child<QPlainTextEdit>(h.inspector, "verifyKeyEdit");
        key->setFocus();
        QTest::keyClicks(key, QStringLiteral("secret"));
        auto* status = child<QLabel>(h.inspector, "signatureStatusLabel");
        QTRY_VERIFY(status->text().contains(QStringLiteral("verified with the pasted key")));
        QTest::keyClicks(key, QStringLiteral("2"));
        QTRY_VERIFY(status->text().contains(QStringLiteral("No pasted key matches")));
    }

    void unreadablePastedKeySaysSo()
    {
        Harness h;
        QVERIFY(open(h, m_emptyPath));
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        h.inspector->setToken(QString::fromLatin1(
            hs256({{QStringLiteral("sub"), QStringLiteral("bob")}, {QStringLiteral("exp"), now + 300}}, "secret")));
        QTest::mouseClick(child<QToolButton>(h.inspector, "verifyWithToggle"), Qt::LeftButton);
        QCOMPARE(child<QComboBox>(h.inspector, "verifyKindComboBox")->currentIndex(), 0); // public key, JWK or JWKS
        auto* key = child<QPlainTextEdit>(h.inspector, "verifyKeyEdit");
        auto* keyStatus = child<QLabel>(h.inspector, "verifyKeyStatusLabel");
        auto* signature = child<QLabel>(h.inspector, "signatureStatusLabel");
        for (const QString& pasted : {QStringLiteral("-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----"),
                                      QStringLiteral("{\"kty\": \"RSA\", \"n\": 1}"), QStringLiteral("secret")}) {
            key->clear();
            QTRY_VERIFY2(keyStatus->text().startsWith(QStringLiteral("Paste a key")), qPrintable(keyStatus->text()));
            key->setPlainText(pasted);
            QTRY_VERIFY2(keyStatus->text().startsWith(QStringLiteral("Cannot read the key: ")),
                         qPrintable(keyStatus->text()));
            QVERIFY2(keyStatus->text().size() > QStringLiteral("Cannot read the key: ").size() + 5,
                     qPrintable(keyStatus->text())); // names what is wrong
            QCOMPARE(signature->text(), QStringLiteral("Not checked: the pasted key cannot be read."));
            QVERIFY(h.inspector->analysis().signature == TokenAnalysis::Signature::NotChecked);
        }
        // The findings do not depend on the key.
        QVERIFY(child<QWidget>(h.inspector, "findingsPane")->isVisible());
    }

    void sessionsPageRevokesOneAfterAsking()
    {
        Harness h;
        QVERIFY(open(h, m_sessionsPath));
        SessionsPage* sessions = h.tokens->sessions();
        child<QTabWidget>(h.tokens, "tokensTabWidget")->setCurrentWidget(sessions);
        auto* table = child<QTableView>(sessions, "sessionsTableView");
        QTRY_COMPARE(table->model()->rowCount(), 2);
        const auto stateOf = [&](const QString& jti) {
            const int row = static_cast<int>(columnTexts(table, SessionsPage::JtiColumn).indexOf(jti));
            return row < 0 ? QString() : table->model()->index(row, SessionsPage::StateColumn).data().toString();
        };
        const QString jti = m_liveJtis.at(0);
        QCOMPARE(stateOf(jti), QStringLiteral("Live"));
        QCOMPARE(stateOf(m_liveJtis.at(1)), QStringLiteral("Live"));
        auto* revoke = child<QPushButton>(sessions, "revokeSessionButton");
        QVERIFY(!revoke->isEnabled()); // nothing selected
        table->selectRow(static_cast<int>(columnTexts(table, SessionsPage::JtiColumn).indexOf(jti)));
        QVERIFY(revoke->isEnabled());

        // Asked first; "No" changes nothing.
        MessageBoxes::clearLast();
        MessageBoxes::setNextAnswer(QMessageBox::No);
        QTest::mouseClick(revoke, Qt::LeftButton);
        QVERIFY2(MessageBoxes::lastText().contains(jti), qPrintable(MessageBoxes::lastText()));
        QVERIFY(!h.controller.isBusy());
        QCOMPARE(stateOf(jti), QStringLiteral("Live"));

        MessageBoxes::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(revoke, Qt::LeftButton);
        QTRY_VERIFY(stateOf(jti).startsWith(QStringLiteral("Revoked")));
        QCOMPARE(stateOf(m_liveJtis.at(1)), QStringLiteral("Live"));
        auto* status = child<QLabel>(sessions, "sessionsStatusLabel");
        QVERIFY(status->isVisible());
        QVERIFY(status->text().contains(jti));
        // The store agrees, and a revoked token cannot be revoked again from the page.
        QTRY_VERIFY(!h.controller.isBusy());
        bool done = false;
        QSet<QString> revoked;
        QVERIFY(h.controller.runDirectory(
            &h.window, [](Directory& d) { return tokens::TokenIssuer(d).revokedJtis(); },
            [&](Result<QSet<QString>> loaded) {
                revoked = loaded ? *loaded : QSet<QString>();
                done = true;
            }));
        QTRY_VERIFY(done);
        QCOMPARE(revoked, QSet<QString>{jti});
        table->selectRow(static_cast<int>(columnTexts(table, SessionsPage::JtiColumn).indexOf(jti)));
        QVERIFY(!revoke->isEnabled());
    }

    void pkceDialogShowsAMatchingPair()
    {
        PkceDialog dialog;
        dialog.show();
        auto* verifier = child<QLineEdit>(&dialog, "verifierLineEdit");
        auto* challenge = child<QLineEdit>(&dialog, "challengeLineEdit");
        auto* state = child<QLineEdit>(&dialog, "stateLineEdit");
        const auto matches = [&] {
            const QByteArray v = verifier->text().toLatin1();
            return jose::Pkce::checkVerifier(v).has_value() &&
                   jose::Pkce::verify(v, challenge->text().toLatin1()).value_or(false) &&
                   challenge->text().toLatin1() == jose::Pkce::challengeS256(v);
        };
        QCOMPARE(verifier->text().size(), jose::Pkce::DefaultVerifierLength);
        QVERIFY(matches());
        QVERIFY(!state->text().isEmpty());

        const QString first = verifier->text();
        const QString firstState = state->text();
        QTest::mouseClick(child<QPushButton>(&dialog, "regeneratePkceButton"), Qt::LeftButton);
        QVERIFY(verifier->text() != first);
        QVERIFY(state->text() != firstState);
        QVERIFY(matches());

        child<QSpinBox>(&dialog, "verifierLengthSpinBox")->setValue(jose::Pkce::MaxVerifierLength);
        QCOMPARE(verifier->text().size(), jose::Pkce::MaxVerifierLength);
        QCOMPARE(challenge->text().size(), jose::Pkce::ChallengeLength);
        QVERIFY(matches());
        QCOMPARE(dialog.verifier(), verifier->text());
        QCOMPARE(dialog.challenge(), challenge->text());
    }

    void malformedInputNamesTheProblem_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("named");
        QTest::newRow("segments") << QStringLiteral("abc.def") << QStringLiteral("2 segments");
        QTest::newRow("base64url") << QStringLiteral("eyJhbGciOiJIUzI1NiJ9.e30=.c2ln") << QStringLiteral("base64url");
        QTest::newRow("json") << QString::fromLatin1(jose::Base64Url::encode("not json") + ".e30.c2ln")
                              << QStringLiteral("JSON");
    }

    void malformedInputNamesTheProblem()
    {
        QFETCH(QString, token);
        QFETCH(QString, named);
        Harness h;
        QVERIFY(open(h, m_emptyPath));
        auto* edit = child<QPlainTextEdit>(h.inspector, "tokenEdit");
        edit->setFocus();
        QTest::keyClicks(edit, token);
        auto* problem = child<QLabel>(h.inspector, "tokenProblemLabel");
        QTRY_VERIFY(problem->isVisible());
        QVERIFY2(problem->text().contains(named), qPrintable(problem->text()));
        QVERIFY(!child<QTableView>(h.inspector, "findingsTableView")->isVisible());
    }

    void jweShowsItsHeader()
    {
        Harness h;
        QVERIFY(open(h, m_emptyPath));
        const QByteArray header =
            segment({{QStringLiteral("alg"), QStringLiteral("RSA-OAEP")}, {QStringLiteral("enc"), QStringLiteral("A256GCM")}});
        h.inspector->setToken(QString::fromLatin1(header + ".a2V5.aXY.Y2lwaGVy.dGFn"));
        auto* headerView = child<QPlainTextEdit>(h.inspector, "headerJsonView");
        QVERIFY(headerView->toPlainText().contains(QStringLiteral("A256GCM")));
        QVERIFY(child<QLabel>(h.inspector, "signatureStatusLabel")->text().contains(QStringLiteral("JWE")));
    }

    // Dropping a file on the token editor reads it (Qt's own drop would insert its URL).
    void droppedFileBecomesTheToken()
    {
        Harness h;
        QVERIFY(open(h, m_emptyPath));
        auto* edit = child<QPlainTextEdit>(h.inspector, "tokenEdit");
        auto* problem = child<QLabel>(h.inspector, "tokenFileProblemLabel");
        QVERIFY(!problem->isVisible());
        const auto drop = [&](const QString& path) {
            QMimeData mime;
            mime.setUrls({QUrl::fromLocalFile(path)});
            mime.setText(QUrl::fromLocalFile(path).toString()); // as file managers offer it
            const QPoint at = edit->viewport()->rect().center();
            QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(edit->viewport(), &enter);
            QDropEvent dropped(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(edit->viewport(), &dropped);
        };
        const auto write = [&](const QString& name, const QByteArray& bytes) {
            const QString path = m_dir.filePath(name);
            QFile file(path);
            return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() ? path : QString();
        };
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const QString token = QString::fromLatin1(
            hs256({{QStringLiteral("sub"), QStringLiteral("bob")}, {QStringLiteral("exp"), now + 300}}, "secret"));

        // The text, trimmed, replaces what was there; Undo brings that back.
        edit->setPlainText(QStringLiteral("something else"));
        const QString tokenFile = write(QStringLiteral("token.jwt"), "\n  " + token.toLatin1() + " \r\n\n");
        QVERIFY(!tokenFile.isEmpty());
        drop(tokenFile);
        QCOMPARE(edit->toPlainText(), token);
        QVERIFY(!problem->isVisible());
        QTRY_VERIFY(h.inspector->analysis().state == TokenAnalysis::State::Jws);
        QVERIFY(h.inspector->analysis().payloadJson.contains(QStringLiteral("\"bob\"")));
        edit->undo();
        QCOMPARE(edit->toPlainText(), QStringLiteral("something else"));
        edit->setPlainText(token);

        // Too large, missing, a folder, binary: the token stays and the problem names the file.
        const QString big = write(QStringLiteral("big.jwt"), QByteArray(TokenEdit::MaxFileBytes + 1, 'a'));
        const QString binary = write(QStringLiteral("binary.jwt"), QByteArray("eyJ\0\x01\x02", 6));
        QVERIFY(!big.isEmpty() && !binary.isEmpty());
        const QList<std::pair<QString, QString>> rejected{
            {big, QStringLiteral("too large")},
            {m_dir.filePath(QStringLiteral("missing.jwt")), QStringLiteral("Cannot read")},
            {m_dir.path(), QStringLiteral("not a file")},
            {binary, QStringLiteral("not a text file")}};
        for (const auto& [path, why] : rejected) {
            drop(path);
            QCOMPARE(edit->toPlainText(), token);
            QVERIFY2(problem->isVisible(), qPrintable(path));
            QVERIFY2(problem->text().contains(why), qPrintable(problem->text()));
            QVERIFY2(problem->text().contains(QDir::toNativeSeparators(path)), qPrintable(problem->text()));
        }
        // Editing the token clears the complaint.
        edit->appendPlainText(QString());
        QVERIFY(!problem->isVisible());

        // A file of exactly the limit is still read.
        const QString atLimit = write(QStringLiteral("limit.jwt"), QByteArray(TokenEdit::MaxFileBytes, 'a'));
        drop(atLimit);
        QVERIFY(!problem->isVisible());
        QCOMPARE(edit->toPlainText().size(), TokenEdit::MaxFileBytes);
    }

    // The rotation reminder follows the age set beside the filter, and the age is kept for next time.
    void rotationReminderFollowsTheChosenAge()
    {
        QSettings().remove(QStringLiteral("keys/rotationDays"));
        const auto marked = [](KeysPage* page, const QString& kid) {
            auto* table = child<QTableView>(page, "keysTableView");
            const int row = static_cast<int>(columnTexts(table, KeysTableModel::KidColumn).indexOf(kid));
            const QModelIndex created = table->model()->index(row, KeysTableModel::CreatedColumn);
            const bool text = created.data().toString().contains(QStringLiteral("days old: rotate"));
            const bool mark = !created.data(Qt::DecorationRole).value<QIcon>().isNull();
            return text && mark ? created.data(Qt::ToolTipRole).toString() : QString();
        };
        {
            Harness h;
            QVERIFY(open(h, m_agedPath));
            showSection(h, "Keys");
            auto* table = child<QTableView>(h.keys, "keysTableView");
            QTRY_COMPARE(table->model()->rowCount(), 2);
            auto* days = child<QSpinBox>(h.keys, "keyRotationDaysSpinBox");
            QVERIFY(days->isVisible());
            QCOMPARE(days->value(), 90); // the guide's default
            QVERIFY2(marked(h.keys, QStringLiteral("aged")).contains(QStringLiteral("more than 90 days")),
                     qPrintable(marked(h.keys, QStringLiteral("aged"))));
            QVERIFY(marked(h.keys, QStringLiteral("fresh")).isEmpty());

            days->setFocus();
            days->selectAll();
            QTest::keyClicks(days, QStringLiteral("101"));
            QCOMPARE(days->value(), 101);
            QVERIFY(marked(h.keys, QStringLiteral("aged")).isEmpty());

            days->selectAll();
            QTest::keyClicks(days, QStringLiteral("30"));
            QVERIFY(marked(h.keys, QStringLiteral("aged")).contains(QStringLiteral("more than 30 days")));
            QVERIFY(marked(h.keys, QStringLiteral("fresh")).isEmpty());
        }
        QCOMPARE(Preferences().keyRotationDays(), 30);
        {
            Harness h; // a new window starts with the age chosen last
            QVERIFY(open(h, m_agedPath));
            showSection(h, "Keys");
            QTRY_COMPARE(child<QTableView>(h.keys, "keysTableView")->model()->rowCount(), 2);
            QCOMPARE(child<QSpinBox>(h.keys, "keyRotationDaysSpinBox")->value(), 30);
            QVERIFY(marked(h.keys, QStringLiteral("aged")).contains(QStringLiteral("more than 30 days")));
        }
        QSettings().remove(QStringLiteral("keys/rotationDays"));
    }

    void revokedRefreshTokenIsFlagged()
    {
        Harness h;
        QVERIFY(open(h, m_seededPath));
        h.inspector->setToken(QString::fromLatin1(m_revokedRefreshToken));
        QTRY_VERIFY(findingIds(h).contains(QStringLiteral("revoked")));
        const auto* status = child<QLabel>(h.inspector, "signatureStatusLabel");
        QTRY_VERIFY(status->text().contains(QStringLiteral("verified with vault key “seeded-key”")));
        // A genuine signature on a revoked token says so in the banner, in the warning colour.
        QVERIFY(status->text().contains(QStringLiteral("has been revoked: refuse this token")));
        QVERIFY(status->styleSheet().contains(DialogStyle::warningColor(status->palette()).name()));
        QVERIFY(!status->styleSheet().contains(DialogStyle::successColor(status->palette()).name()));
    }

    void generatedKeySignsATokenTheInspectorVerifies()
    {
        Harness h;
        QVERIFY(open(h, m_emptyPath));
        // No signing key yet: the signer says so.
        h.tokens->showSigner();
        QTRY_VERIFY(child<QWidget>(h.signer, "signerGenerateKeyButton")->isVisible());

        showSection(h, "Keys");
        QVERIFY(h.keys->isVisible());
        auto* empty = child<QLabel>(h.keys, "keysEmptyLabel");
        QTRY_VERIFY(empty->isVisible());
        QVERIFY(empty->text().contains(QStringLiteral("No keys yet")));
        QTest::mouseClick(child<QPushButton>(h.keys, "generateKeyButton"), Qt::LeftButton);
        QPointer<GenerateKeyDialog> dialog = waitForDialog<GenerateKeyDialog>(h.keys);
        QVERIFY(dialog);
        auto* type = child<QComboBox>(dialog, "keyTypeComboBox");
        type->setCurrentIndex(type->findData(QStringLiteral("ec-p256")));
        typeInto(child<QLineEdit>(dialog, "keyIdLineEdit"), QStringLiteral("gui-es256"));
        QTest::mouseClick(child<QDialogButtonBox>(dialog, "generateKeyButtonBox")->button(QDialogButtonBox::Ok), Qt::LeftButton);
        auto* table = child<QTableView>(h.keys, "keysTableView");
        QTRY_VERIFY(columnTexts(table, KeysTableModel::KidColumn).contains(QStringLiteral("gui-es256")));
        QVERIFY(table->isVisible());
        const int row = static_cast<int>(columnTexts(table, KeysTableModel::KidColumn).indexOf(QStringLiteral("gui-es256")));
        QCOMPARE(table->model()->index(row, KeysTableModel::AlgorithmsColumn).data().toString(), QStringLiteral("ES256"));
        QCOMPARE(table->model()->index(row, KeysTableModel::StateColumn).data().toString(), QStringLiteral("Active"));

        showSection(h, "Tokens");
        h.tokens->showSigner();
        auto* keyCombo = child<QComboBox>(h.signer, "signingKeyComboBox");
        QTRY_VERIFY(keyCombo->findData(QStringLiteral("gui-es256")) >= 0);
        keyCombo->setCurrentIndex(keyCombo->findData(QStringLiteral("gui-es256")));
        QCOMPARE(child<QComboBox>(h.signer, "algorithmComboBox")->currentText(), QStringLiteral("ES256"));
        QVERIFY(!child<QWidget>(h.signer, "signerGenerateKeyButton")->isVisible());

        // Claims are checked while typing; the problem is named with its place.
        auto* claims = child<QPlainTextEdit>(h.signer, "claimsEdit");
        const QString preset = claims->toPlainText();
        QVERIFY(preset.contains(QStringLiteral("\"access\"")));
        // The guide's access token has a role; before "Fill from user" it is the new users' role.
        QCOMPARE(QJsonDocument::fromJson(preset.toUtf8()).object().value(QStringLiteral("role")).toString(),
                 QStringLiteral("viewer"));
        claims->setPlainText(QStringLiteral("{\n  \"sub\": \"alice\",\n  \"role\" \"x\"\n}"));
        auto* validation = child<QLabel>(h.signer, "claimsValidationLabel");
        QVERIFY2(validation->text().contains(QStringLiteral("line 3")), qPrintable(validation->text()));
        QVERIFY(!child<QPushButton>(h.signer, "signButton")->isEnabled());
        claims->setPlainText(preset);
        QVERIFY(child<QPushButton>(h.signer, "signButton")->isEnabled());
        // Checked on every edit, the line keeps its size (it once shrank by 8% per valid edit).
        const qreal size = validation->font().pointSizeF();
        for (int i = 0; i < 3; ++i) {
            claims->setPlainText(preset + QStringLiteral("\n"));
            claims->setPlainText(preset);
        }
        QCOMPARE(validation->text(), QStringLiteral("Valid JSON."));
        QCOMPARE(validation->font().pointSizeF(), size);

        QTest::mouseClick(child<QPushButton>(h.signer, "signButton"), Qt::LeftButton);
        auto* result = child<QPlainTextEdit>(h.signer, "signedTokenEdit");
        QTRY_VERIFY(!result->toPlainText().isEmpty());
        QTest::mouseClick(child<QPushButton>(h.signer, "openInInspectorButton"), Qt::LeftButton);
        QVERIFY(h.inspector->isVisible());
        QCOMPARE(h.inspector->token(), result->toPlainText());
        auto* status = child<QLabel>(h.inspector, "signatureStatusLabel");
        QTRY_VERIFY2(status->text().contains(QStringLiteral("verified with vault key “gui-es256”")),
                     qPrintable(status->text()));
        QVERIFY(!findingIds(h).contains(QStringLiteral("no-exp")));
        QVERIFY(!findingIds(h).contains(QStringLiteral("no-type")));
    }
};

QTEST_MAIN(TestTokenPages)
#include "TestTokenPages.moc"
