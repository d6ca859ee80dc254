#include "ToolRun.h"

#include <QProcess>
#include <QStandardPaths>

namespace tessera::test {

ToolRun runTool(const QString& program, const QStringList& arguments, const QByteArray& input)
{
    ToolRun run;
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForStarted(10000)) {
        return run;
    }
    run.started = true;
    process.write(input);
    process.closeWriteChannel();
    const bool finished = process.waitForFinished(60000);
    if (!finished) {
        process.kill();
        process.waitForFinished(10000);
    }
    run.exitCode = finished && process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QString pythonWithModule(const QString& module)
{
    QStringList candidates{QStringLiteral("/usr/bin/python3")};
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (!onPath.isEmpty() && onPath != candidates.first()) {
        candidates.append(onPath);
    }
    for (const QString& candidate : candidates) {
        const ToolRun probe = runTool(candidate, {QStringLiteral("-c"), QStringLiteral("import ") + module});
        if (probe.exitCode == 0) {
            return candidate;
        }
    }
    return {};
}

} // namespace tessera::test
