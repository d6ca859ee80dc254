#pragma once

#include "common/Error.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace tessera::bench {

// Starts one program and times it from spawn to exit. The programs timed here exit by themselves
// once started (`--version`, or a GUI that quits on its first expose), so spawn-to-exit is start-up
// time plus a short shutdown, the same for every program compared.
class StartupProbe
{
public:
    struct Run
    {
        double wallMs = 0.0; // what a user waits
        double cpuMs = 0.0;  // user + system time of the child: steadier than wall time on a busy machine
    };

    StartupProbe(QString program, QStringList arguments, QProcessEnvironment environment);

    const QString& program() const { return m_program; }
    // One timed run; an error if the program is missing, crashes, exits non-zero or does not finish
    // within the timeout (a GUI that never quits).
    Result<Run> runOnce(int timeoutMs = 30000) const;

private:
    QString m_program;
    QStringList m_arguments;
    QProcessEnvironment m_environment;
};

} // namespace tessera::bench
