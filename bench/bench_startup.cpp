// bench_startup: cold start of `tessera-cli --version`, and the GUI's time to its first window against
// a bare Qt window (bench_bare_window) in the same run, alternating so load from elsewhere hits both.
#include "BenchReport.h"
#include "CommonOptions.h"
#include "Samples.h"
#include "StartupProbe.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <cstdio>
#include <optional>
#include <vector>

using namespace tessera;
using namespace tessera::bench;

namespace {

constexpr double kCliStartGoalMs = 50; // Tessera's own: scripts call the CLI in loops
constexpr double kGuiRatioGoal = 2;    // issue 2: GUI first window <= 2x a bare Qt window

struct Options : CommonOptions
{
    QString appDir;
    int cliRuns = 30;
    int guiRuns = 20;
};

bool isExecutable(const QString& path)
{
    const QFileInfo info(path);
    return info.isFile() && info.isExecutable();
}

QString summary(const Samples& ms)
{
    return QStringLiteral("median %1 ms, p90 %2 ms, min %3 ms")
        .arg(formatNumber(ms.median()), formatNumber(ms.percentile(90)), formatNumber(ms.min()));
}

class StartupBench
{
public:
    StartupBench(const Options& options, BenchReport& report, const QString& settingsHome)
        : m_options(options), m_report(report)
    {
        // Fresh settings and data folders: no recent-vault list or user preferences change what starts.
        m_environment = QProcessEnvironment::systemEnvironment();
        m_environment.insert(QStringLiteral("XDG_CONFIG_HOME"), settingsHome + QStringLiteral("/config"));
        m_environment.insert(QStringLiteral("XDG_DATA_HOME"), settingsHome + QStringLiteral("/data"));
        m_environment.remove(QStringLiteral("TESSERA_VAULT"));
        m_environment.remove(QStringLiteral("TESSERA_PASSWORD"));
    }

    // False when a program that exists failed to run; a program that is not built is a SKIP.
    bool run()
    {
        const bool cliOk = cliStartup();
        const bool guiOk = guiFirstWindow();
        return cliOk && guiOk;
    }

private:
    // Runs `probes` round-robin `runs` times after one unrecorded warm-up each (so every timed run
    // finds the binaries and libraries in the page cache, as a second start by a user does).
    // The order rotates each round so no program always runs right after another.
    struct Series
    {
        Samples wallMs;
        Samples cpuMs;
    };

    std::optional<std::vector<Series>> measure(const std::vector<StartupProbe>& probes, int runs)
    {
        std::vector<Series> samples(probes.size());
        for (int round = -1; round < runs; ++round) {
            for (std::size_t k = 0; k < probes.size(); ++k) {
                const std::size_t index = (k + static_cast<std::size_t>(round + 1)) % probes.size();
                auto run = probes[index].runOnce();
                if (!run) {
                    m_report.error(run.error().message);
                    return std::nullopt;
                }
                if (round >= 0) {
                    samples[index].wallMs.add(run->wallMs);
                    samples[index].cpuMs.add(run->cpuMs);
                }
            }
        }
        return samples;
    }

    bool cliStartup()
    {
        const QString cli = QDir(m_options.appDir).filePath(QStringLiteral("tessera-cli"));
        if (!isExecutable(cli)) {
            m_report.skip(QStringLiteral("cli"), QStringLiteral("%1 is not built").arg(cli));
            return true;
        }
        m_report.progress(QStringLiteral("starting tessera-cli --version %1 times").arg(m_options.cliRuns));
        // /bin/true shows what spawning and reaping a process costs here, the floor under any start-up.
        const std::vector<StartupProbe> probes{
            StartupProbe(cli, {QStringLiteral("--version")}, m_environment),
            StartupProbe(QStringLiteral("/bin/true"), {}, m_environment)};
        const auto samples = measure(probes, m_options.cliRuns);
        if (!samples) {
            m_report.skip(QStringLiteral("cli"),
                          QStringLiteral("tessera-cli --version failed (see the error above)"));
            return false;
        }
        const Series& cliRuns = (*samples)[0];
        m_report.add(Figure{QStringLiteral("startup.cli_version"),
                            QStringLiteral("tessera-cli --version, spawn to exit"), cliRuns.wallMs.median(),
                            QStringLiteral("ms"), Goal::atMost(kCliStartGoalMs),
                            QStringLiteral("%1; CPU median %2 ms; %3 runs; spawning /bin/true: median %4 ms")
                                .arg(summary(cliRuns.wallMs), formatNumber(cliRuns.cpuMs.median()))
                                .arg(cliRuns.wallMs.count())
                                .arg(formatNumber((*samples)[1].wallMs.median()))});
        return true;
    }

    bool guiFirstWindow()
    {
        const QString gui = QDir(m_options.appDir).filePath(QStringLiteral("tessera"));
        const QString bare =
            QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("bench_bare_window"));
        if (!isExecutable(gui)) {
            m_report.skip(QStringLiteral("gui"), QStringLiteral("%1 is not built").arg(gui));
            return true;
        }
        if (!isExecutable(bare)) {
            m_report.skip(QStringLiteral("gui"),
                          QStringLiteral("%1 is not built (TESSERA_BUILD_GUI=OFF?)").arg(bare));
            return true;
        }
        QProcessEnvironment environment = m_environment;
        environment.insert(QStringLiteral("TESSERA_BENCH_QUIT_ON_SHOW"), QStringLiteral("1"));
        const QString platform =
            environment.value(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), platform);
        m_report.progress(
            QStringLiteral("starting tessera and bench_bare_window %1 times each (QT_QPA_PLATFORM=%2)")
                .arg(m_options.guiRuns)
                .arg(platform));

        const std::vector<StartupProbe> probes{StartupProbe(gui, {}, environment),
                                               StartupProbe(bare, {}, environment)};
        const auto samples = measure(probes, m_options.guiRuns);
        if (!samples) {
            m_report.skip(
                QStringLiteral("gui"),
                QStringLiteral("a GUI run failed (see the error above); tessera must quit on its first "
                               "expose when TESSERA_BENCH_QUIT_ON_SHOW=1"));
            return false;
        }
        const Series& tessera = (*samples)[0];
        const Series& baseline = (*samples)[1];
        m_report.add(
            Figure{QStringLiteral("startup.gui_first_window_ratio"),
                   QStringLiteral("GUI first window / bare Qt window"),
                   tessera.wallMs.median() / baseline.wallMs.median(), QStringLiteral("x"),
                   Goal::atMost(kGuiRatioGoal),
                   QStringLiteral("tessera %1; bare QWidget %2; CPU medians %3 / %4 ms = %5x; %6 alternating "
                                  "runs each, QT_QPA_PLATFORM=%7")
                       .arg(summary(tessera.wallMs), summary(baseline.wallMs),
                            formatNumber(tessera.cpuMs.median()), formatNumber(baseline.cpuMs.median()),
                            formatNumber(tessera.cpuMs.median() / baseline.cpuMs.median()))
                       .arg(tessera.wallMs.count())
                       .arg(platform)});
        return true;
    }

    const Options& m_options;
    BenchReport& m_report;
    QProcessEnvironment m_environment;
};

std::optional<Options> parseOptions(const QCoreApplication& app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Times the start-up of tessera-cli and of the GUI against a bare Qt window. Prints one "
        "line per figure with its goal and PASS or MISS; SKIP for programs that are not built."));
    CommonOptions::addTo(parser);
    parser.addPositionalArgument(QStringLiteral("app-dir"),
                                 QStringLiteral("The build's app/ folder with tessera and tessera-cli "
                                                "(default: ../app next to this program)."),
                                 QStringLiteral("[APP_DIR]"));
    const QCommandLineOption cliRuns(QStringLiteral("cli-runs"),
                                     QStringLiteral("Timed CLI starts (default 30)."), QStringLiteral("N"),
                                     QStringLiteral("30"));
    const QCommandLineOption guiRuns(QStringLiteral("gui-runs"),
                                     QStringLiteral("Timed starts of each GUI program (default 20)."),
                                     QStringLiteral("N"), QStringLiteral("20"));
    parser.addOptions({cliRuns, guiRuns});
    parser.process(app);

    Options options;
    options.readFrom(parser);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        std::fputs("bench_startup: at most one argument, the app/ folder\n", stderr);
        return std::nullopt;
    }
    options.appDir = positional.isEmpty()
                         ? QDir::cleanPath(QCoreApplication::applicationDirPath() + QStringLiteral("/../app"))
                         : QDir(positional.first()).absolutePath();
    bool ok1 = false;
    bool ok2 = false;
    options.cliRuns = parser.value(cliRuns).toInt(&ok1);
    options.guiRuns = parser.value(guiRuns).toInt(&ok2);
    if (!ok1 || !ok2 || options.cliRuns < 1 || options.guiRuns < 1) {
        std::fputs("bench_startup: --cli-runs and --gui-runs take positive whole numbers\n", stderr);
        return std::nullopt;
    }
    return options;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const std::optional<Options> options = parseOptions(app);
    if (!options) {
        return 2;
    }
    BenchReport report(QStringLiteral("bench_startup"),
                       options->json ? BenchReport::Format::Json : BenchReport::Format::Text);
    QTemporaryDir settingsHome;
    if (!settingsHome.isValid()) {
        report.error(
            QStringLiteral("cannot create a temporary directory: %1").arg(settingsHome.errorString()));
        return 4;
    }
    report.begin();
    StartupBench bench(*options, report, settingsHome.path());
    const bool ok = bench.run();
    const int status = report.finish(options->strict);
    return ok ? status : 4;
}
