#include "BenchReport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

namespace tessera::bench {

BenchReport::BenchReport(QString program, Format format)
    : m_program(std::move(program)), m_format(format), m_machine(MachineInfo::collect())
{}

void BenchReport::printLine(const QString& line) const
{
    std::fputs(line.toUtf8().constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void BenchReport::progress(const QString& text) const
{
    std::fprintf(stderr, "%s: %s\n", m_program.toUtf8().constData(), text.toUtf8().constData());
}

void BenchReport::error(const QString& text) const
{
    std::fprintf(stderr, "%s: error: %s\n", m_program.toUtf8().constData(), text.toUtf8().constData());
}

void BenchReport::begin()
{
    if (m_format == Format::Json) {
        return;
    }
    printLine(QStringLiteral("== %1").arg(m_program));
    for (const QString& line : m_machine.describe()) {
        printLine(line);
    }
}

void BenchReport::add(const Figure& figure)
{
    if (!figure.passed()) {
        ++m_misses;
    }
    m_figures.append(figure.toJson());
    if (m_format == Format::Json) {
        return;
    }
    // RESULT  label  value  goal  (detail): aligned so a run reads as a table.
    QString line = QStringLiteral("%1  %2 %3   goal %4")
                       .arg(figure.passed() ? QStringLiteral("PASS") : QStringLiteral("MISS"),
                            figure.label.leftJustified(44), figure.formattedValue().rightJustified(14),
                            figure.goal.describe(figure.unit).leftJustified(16));
    if (!figure.detail.isEmpty()) {
        line += QStringLiteral("  (%1)").arg(figure.detail);
    }
    printLine(line);
}

void BenchReport::skip(const QString& key, const QString& reason)
{
    m_skipped.append(QJsonObject{{QStringLiteral("key"), key}, {QStringLiteral("reason"), reason}});
    if (m_format == Format::Text) {
        printLine(QStringLiteral("SKIP %1: %2").arg(key, reason));
    }
}

int BenchReport::finish(bool strict)
{
    if (m_format == Format::Json) {
        const QJsonObject document{{QStringLiteral("benchmark"), m_program},
                                   {QStringLiteral("machine"), m_machine.toJson()},
                                   {QStringLiteral("figures"), m_figures},
                                   {QStringLiteral("skipped"), m_skipped},
                                   {QStringLiteral("allPassed"), allPassed()}};
        std::fputs(QJsonDocument(document).toJson(QJsonDocument::Indented).constData(), stdout);
        std::fflush(stdout);
    } else {
        printLine(QStringLiteral("%1: %2 figures, %3 missed their goal, %4 skipped")
                      .arg(m_program)
                      .arg(m_figures.size())
                      .arg(m_misses)
                      .arg(m_skipped.size()));
    }
    return strict && !allPassed() ? 1 : 0;
}

int BenchReport::finish(const Status& run, bool strict)
{
    if (!run) {
        error(run.error().message);
        return 4;
    }
    return finish(strict);
}

} // namespace tessera::bench
