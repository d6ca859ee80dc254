#pragma once

#include "common/Clock.h"

#include <QLineEdit>
#include <QList>
#include <QPointer>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>
#include <utility>

namespace tessera::ui {
class MainWindow;
class TestSignInDialog;
class VaultController;
} // namespace tessera::ui

namespace tessera::test {

// Per-process set-up for the GUI tests: settings and data folders inside `dir` (so the developer's
// recent vaults and preferences are never touched) and message boxes that answer themselves.
bool initUiTestEnvironment(const QTemporaryDir& dir);

// A wall clock for the session timer that starts now and only moves when a test moves it.
inline ManualClock manualClockAtNow()
{
    return ManualClock(QDateTime::currentMSecsSinceEpoch());
}

// The named child, or a test failure message naming what was missing.
template <typename T> T* child(const QObject* parent, const char* name)
{
    T* found = parent ? parent->findChild<T*>(QString::fromLatin1(name)) : nullptr;
    if (!found) {
        qWarning("no %s named %s", T::staticMetaObject.className(), name);
    }
    return found;
}

// Waits for a (visible) dialog of type T below `parent` to appear, e.g. after clicking a button.
template <typename T> QPointer<T> waitForDialog(const QWidget* parent, int timeoutMs = 5000)
{
    QPointer<T> dialog;
    const bool appeared = QTest::qWaitFor(
        [&] {
            for (T* candidate : parent->findChildren<T*>()) {
                if (candidate->isVisible()) {
                    dialog = candidate;
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    return appeared ? dialog : QPointer<T>();
}

// Replaces a line edit's text by typing, as a user would.
inline void typeInto(QLineEdit* edit, const QString& text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

// A vault at `path` (test KDF) holding `users` as (name, role) pairs, each signing in with
// `userPassword`, with cheap test-only user hashing; an empty string on failure.
QString createVaultWithUsers(const QString& path, const QList<std::pair<QString, QString>>& users,
                             const char* userPassword);

// Shows `window`, unlocks `path` with the test master password and switches the session to the
// test-only user-hash cost; false (with a warning) when a step does not happen.
bool showAndUnlock(ui::VaultController& controller, ui::MainWindow& window, const QString& path);

// Types `user` and `typedPassword` into the Test Sign-in dialog and presses Enter; true once a result shows.
bool submitSignIn(ui::TestSignInDialog* dialog, const QString& user, const QString& typedPassword);

} // namespace tessera::test
