#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <functional>

namespace tessera::test {

// One finished run of tessera-cli.
struct CliRun
{
    int exitCode = -1; // -1 when the process crashed or did not finish
    QByteArray out;
    QByteArray err;

    // stdout parsed as one JSON object; an empty object when it is not exactly that.
    QJsonObject json() const;
    QString errText() const { return QString::fromUtf8(err); }
    QString outText() const { return QString::fromUtf8(out); }
    // For failure messages: exit code, stderr and stdout.
    QByteArray describe() const;
};

// Runs the real tessera-cli ($TESSERA_CLI) in a clean environment: no TESSERA_* variables from the
// caller, and HOME / XDG_DATA_HOME inside the test's folder so the default vault is never the user's.
// stdin is a pipe (not a terminal) unless a test redirects it.
class CliRunner
{
public:
    explicit CliRunner(const QString& workDirectory);

    static QString program();
    // Reads a running child's stderr until it ends with `suffix` (a prompt); returns what arrived.
    static QString awaitStderr(class QProcess& process, const QByteArray& suffix);

    void setEnv(const QString& name, const QString& value) { m_environment.insert(name, value); }
    void unsetEnv(const QString& name) { m_environment.remove(name); }
    QProcessEnvironment environment() const { return m_environment; }
    const QString& workDirectory() const { return m_workDirectory; }

    CliRun run(const QStringList& arguments, const QByteArray& input = {}) const;
    // Runs with a child-side hook (e.g. to put a terminal on stdin); `interact` drives the process
    // while it runs. Returns when it has finished.
    CliRun runInteractive(const QStringList& arguments, const std::function<void()>& childModifier,
                          const std::function<void(class QProcess&)>& interact) const;

private:
    QString m_workDirectory;
    QProcessEnvironment m_environment;
};

// Fails the calling test, showing the run's output, when the exit code differs. `run` is evaluated once.
#define CLI_EXPECT_EXIT(run, code)                                                                           \
    do {                                                                                                     \
        const ::tessera::test::CliRun& cliRunChecked = (run);                                                \
        QVERIFY2(cliRunChecked.exitCode == (code), cliRunChecked.describe().constData());                    \
    } while (false)

} // namespace tessera::test
