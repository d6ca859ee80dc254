#include "ToolRun.h"

#include <QProcess>

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
    process.waitForFinished(60000);
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace tessera::test
