#include "CliRunner.h"

#include <QDir>
#include <QJsonDocument>
#include <QProcess>

namespace tessera::test {

QJsonObject CliRun::json() const
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(out, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        return {};
    }
    return document.object();
}

QByteArray CliRun::describe() const
{
    return "exit code " + QByteArray::number(exitCode) + "\n--- stderr:\n" + err + "\n--- stdout:\n" + out;
}

CliRunner::CliRunner(const QString& workDirectory)
    : m_workDirectory(workDirectory), m_environment(QProcessEnvironment::systemEnvironment())
{
    for (const QString& name : {QStringLiteral("TESSERA_VAULT"), QStringLiteral("TESSERA_PASSWORD"),
                                QStringLiteral("TESSERA_NEW_PASSWORD")}) {
        m_environment.remove(name);
    }
    const QDir dir(workDirectory);
    dir.mkpath(QStringLiteral("home"));
    m_environment.insert(QStringLiteral("HOME"), dir.filePath(QStringLiteral("home")));
    m_environment.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("xdg-data")));
}

QString CliRunner::program()
{
    return qEnvironmentVariable("TESSERA_CLI");
}

CliRun CliRunner::run(const QStringList& arguments, const QByteArray& input) const
{
    return runInteractive(arguments, {}, [&input](QProcess& process) {
        process.write(input);
        process.closeWriteChannel();
    });
}

CliRun CliRunner::runInteractive(const QStringList& arguments, const std::function<void()>& childModifier,
                                 const std::function<void(QProcess&)>& interact) const
{
    QProcess process;
    process.setProcessEnvironment(m_environment);
    process.setWorkingDirectory(m_workDirectory);
    if (childModifier) {
        process.setChildProcessModifier(childModifier);
    }
    process.start(program(), arguments);
    CliRun result;
    if (!process.waitForStarted(30000)) {
        result.err =
            "could not start " + program().toLocal8Bit() + ": " + process.errorString().toLocal8Bit();
        return result;
    }
    if (interact) {
        interact(process);
    }
    // A generous guard against a hang, not a timing assertion.
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        result.err = "tessera-cli did not finish\n";
    } else if (process.exitStatus() == QProcess::NormalExit) {
        result.exitCode = process.exitCode();
    }
    result.out += process.readAllStandardOutput();
    result.err += process.readAllStandardError();
    return result;
}

QString CliRunner::awaitStderr(QProcess& process, const QByteArray& suffix)
{
    process.setReadChannel(QProcess::StandardError);
    QByteArray seen;
    while (!seen.endsWith(suffix)) {
        if (!process.waitForReadyRead(30000)) {
            break;
        }
        seen += process.readAll();
    }
    return QString::fromUtf8(seen);
}

} // namespace tessera::test
