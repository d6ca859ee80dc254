#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace tessera::bench {

// Facts printed with every run: figures mean little without the machine, its load and the build type.
struct MachineInfo
{
    int cores = 0;
    QString cpuModel;
    qint64 ramBytes = 0;
    QString kernel;
    QString loadAverage; // 1, 5 and 15 minute load when the benchmark started
    QString buildType;
    QString qtVersion;
    QString tesseraVersion;
    QString startedUtc;

    static MachineInfo collect();
    QStringList describe() const;
    QJsonObject toJson() const;
};

} // namespace tessera::bench
