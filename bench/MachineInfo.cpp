#include "MachineInfo.h"

#include <QDateTime>
#include <QFile>
#include <QSysInfo>
#include <QThread>

namespace tessera::bench {

namespace {

QString readProcFile(const QString& path)
{
    QFile file(path);
    // /proc files report a size of 0, so read until the end rather than by size.
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        return {};
    }
    return QString::fromUtf8(file.readAll());
}

// The value of the first "key : value" line starting with `key` in a /proc file.
QString procField(const QString& text, const QString& key)
{
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        if (line.startsWith(key)) {
            const qsizetype colon = line.indexOf(QLatin1Char(':'));
            if (colon > 0) {
                return line.mid(colon + 1).trimmed();
            }
        }
    }
    return {};
}

} // namespace

MachineInfo MachineInfo::collect()
{
    MachineInfo info;
    info.cores = QThread::idealThreadCount();
    info.cpuModel = procField(readProcFile(QStringLiteral("/proc/cpuinfo")), QStringLiteral("model name"));
    if (info.cpuModel.isEmpty()) {
        info.cpuModel = QSysInfo::currentCpuArchitecture();
    }
    const QString memTotal =
        procField(readProcFile(QStringLiteral("/proc/meminfo")), QStringLiteral("MemTotal"));
    info.ramBytes = memTotal.section(QLatin1Char(' '), 0, 0).toLongLong() * 1024; // reported in kB
    info.kernel = QSysInfo::kernelType() + QLatin1Char(' ') + QSysInfo::kernelVersion();
    info.loadAverage = readProcFile(QStringLiteral("/proc/loadavg")).section(QLatin1Char(' '), 0, 2);
    info.buildType = QStringLiteral(TESSERA_BENCH_BUILD_TYPE);
    info.qtVersion = QString::fromLatin1(qVersion());
    info.tesseraVersion = QStringLiteral(TESSERA_VERSION);
    info.startedUtc = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    return info;
}

QStringList MachineInfo::describe() const
{
    const double ramGiB = static_cast<double>(ramBytes) / (1024.0 * 1024.0 * 1024.0);
    return {
        QStringLiteral("machine: %1 cores, %2, %3 GiB RAM, %4")
            .arg(cores)
            .arg(cpuModel)
            .arg(ramGiB, 0, 'f', 1)
            .arg(kernel),
        QStringLiteral("build: Tessera %1, %2, Qt %3; started %4; load average %5")
            .arg(tesseraVersion, buildType.isEmpty() ? QStringLiteral("(no build type)") : buildType,
                 qtVersion, startedUtc, loadAverage),
    };
}

QJsonObject MachineInfo::toJson() const
{
    return QJsonObject{{QStringLiteral("cores"), cores},
                       {QStringLiteral("cpuModel"), cpuModel},
                       {QStringLiteral("ramBytes"), ramBytes},
                       {QStringLiteral("kernel"), kernel},
                       {QStringLiteral("loadAverage"), loadAverage},
                       {QStringLiteral("buildType"), buildType},
                       {QStringLiteral("qtVersion"), qtVersion},
                       {QStringLiteral("tesseraVersion"), tesseraVersion},
                       {QStringLiteral("startedUtc"), startedUtc}};
}

} // namespace tessera::bench
