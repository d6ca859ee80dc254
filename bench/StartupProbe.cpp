#include "StartupProbe.h"

#include "Stopwatch.h"

#include <QProcess>
#include <sys/resource.h>

namespace tessera::bench {

namespace {

// CPU time of every child reaped so far; the difference around one run is that child's own time.
double childrenCpuMs()
{
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    const auto ms = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) * 1000.0 + static_cast<double>(t.tv_usec) / 1000.0;
    };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}

} // namespace

StartupProbe::StartupProbe(QString program, QStringList arguments, QProcessEnvironment environment)
    : m_program(std::move(program)), m_arguments(std::move(arguments)), m_environment(std::move(environment))
{}

Result<StartupProbe::Run> StartupProbe::runOnce(int timeoutMs) const
{
    QProcess process;
    process.setProgram(m_program);
    process.setArguments(m_arguments);
    process.setProcessEnvironment(m_environment);
    process.setStandardInputFile(QProcess::nullDevice());
    process.setStandardOutputFile(QProcess::nullDevice());
    // stderr stays piped: it explains a failure.

    const double cpuBefore = childrenCpuMs();
    const Stopwatch watch;
    process.start();
    if (!process.waitForStarted(timeoutMs)) {
        return fail(ErrorKind::Io,
                    QStringLiteral("%1 did not start: %2").arg(m_program, process.errorString()));
    }
    const bool finished = process.waitForFinished(timeoutMs);
    const double ms = watch.elapsedMs();
    if (!finished) {
        process.kill();
        process.waitForFinished(5000);
        return fail(ErrorKind::Internal,
                    QStringLiteral("%1 did not exit within %2 s").arg(m_program).arg(timeoutMs / 1000));
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QString stderrTail = QString::fromUtf8(process.readAllStandardError()).trimmed().right(400);
        return fail(ErrorKind::Internal,
                    QStringLiteral("%1 %2 (exit code %3)%4")
                        .arg(m_program, process.exitStatus() == QProcess::NormalExit
                                            ? QStringLiteral("failed")
                                            : QStringLiteral("crashed"))
                        .arg(process.exitCode())
                        .arg(stderrTail.isEmpty() ? QString() : QStringLiteral(": ") + stderrTail));
    }
    return Run{ms, childrenCpuMs() - cpuBefore};
}

} // namespace tessera::bench
