#pragma once

#include "Figure.h"
#include "MachineInfo.h"
#include "common/Error.h"

#include <QJsonArray>
#include <QString>

namespace tessera::bench {

// Prints a benchmark's figures: one plain line each as they are measured, or, with --json, one
// JSON document at the end. Progress and errors go to stderr so stdout stays machine-readable.
class BenchReport
{
public:
    enum class Format
    {
        Text,
        Json
    };

    BenchReport(QString program, Format format);

    void begin();
    void add(const Figure& figure);
    // A measurement that could not be taken, e.g. a program that is not built: not a failure.
    void skip(const QString& key, const QString& reason);
    void progress(const QString& text) const;
    void error(const QString& text) const;

    bool allPassed() const { return m_misses == 0; }
    // Exit status: 0, or 1 when `strict` and a goal was missed. Figures that miss their goal are
    // reported, not fatal, so `./dev.sh bench` still runs every benchmark.
    int finish(bool strict);
    // The same after a benchmark's run: 4, with the error and no summary, when `run` failed.
    int finish(const Status& run, bool strict);

private:
    void printLine(const QString& line) const;

    QString m_program;
    Format m_format;
    MachineInfo m_machine;
    QJsonArray m_figures;
    QJsonArray m_skipped;
    int m_misses = 0;
};

} // namespace tessera::bench
