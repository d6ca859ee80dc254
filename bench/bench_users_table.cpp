// bench_users_table: the Users page on a vault of 100,000 users. Time from an unlocked vault to the
// page shown (summaries loaded on the worker, model reset, view laid out and painted), the filter's
// cost per keystroke while typing "user1234", and the GUI's resident memory with every user loaded.
// Runs offscreen unless QT_QPA_PLATFORM says otherwise.
#include "BenchReport.h"
#include "Samples.h"
#include "Stopwatch.h"
#include "app/VaultController.h"
#include "crypto/CryptoRuntime.h"
#include "identity/Directory.h"
#include "password/PasswordHasher.h"
#include "users/UsersFilterProxyModel.h"
#include "users/UsersPage.h"
#include "users/UsersTableModel.h"
#include "vault/Transaction.h"
#include "vault/Vault.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QTableView>
#include <QTemporaryDir>
#include <cstdio>
#include <optional>
#include <random>
#include <vector>

using namespace tessera;
using namespace tessera::bench;
using namespace tessera::ui;

namespace {

// Goals (the users issue): the page must appear as fast as a page without data would, typing in the
// filter must keep up with a fast typist, and 100,000 users must fit a modest desktop's memory.
constexpr double kAllRowsGoalMs = 1000; // Tessera's own: sorting and filtering all rows within a second
constexpr double kFirstPageGoalMs = 100;
constexpr double kKeystrokeGoalMs = 30;
constexpr double kResidentGoalMiB = 150;

const char* const kPassword = "correct horse battery staple";
const QString kTyped = QStringLiteral("user1234");

struct Options
{
    int users = 100000;
    int runs = 5;
    bool json = false;
    bool strict = false;
};

double residentMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
        }
    }
    return -1;
}

// What fresh memory costs here: loading 100,000 users touches tens of MiB on a new worker thread, so
// on virtual machines with expensive page faults this, not Tessera's code, can dominate the first page.
double freshMemoryMsPerMiB()
{
    constexpr std::size_t kMiB = 32;
    const Stopwatch watch;
    std::vector<char> block(kMiB * 1024 * 1024);
    for (std::size_t i = 0; i < block.size(); i += 4096) {
        block[i] = 1;
    }
    const double ms = watch.elapsedMs();
    return block[4096] == 1 ? ms / kMiB : 0.0;
}

// Realistic rows: names from short lists, an email each, one to three roles, some disabled, most with a
// last sign-in. Usernames are user<N> so the typed filter narrows step by step.
Status buildVault(const QString& path, int count, BenchReport& report)
{
    report.progress(QStringLiteral("creating a vault with %1 users in %2").arg(count).arg(path));
    auto vault = Vault::create(path, SecretBuffer::fromBytes(kPassword), KdfParams::insecureTestParams(),
                               AuditActor::current(QStringLiteral("bench")));
    if (!vault) {
        return std::unexpected(vault.error());
    }
    auto directory = Directory::open(**vault);
    if (!directory) {
        return std::unexpected(directory.error());
    }
    Directory& d = **directory;
    TESSERA_TRY(d.setHashParams(HashParams::insecureTestParams()));
    // One hash for everyone: the figures here are about the table, not about hashing.
    TESSERA_TRY_ASSIGN(hash,
                       PasswordHasher::hash(SecretBuffer::fromBytes("Bench-Password-1"), d.hashParams()));

    static const char* const first[] = {"Ada",   "Ben",   "Chloe", "Dmitri", "Elena", "Farid", "Grace",
                                        "Hiro",  "Ines",  "Jonas", "Kemal",  "Lena",  "Mateo", "Nadia",
                                        "Oskar", "Priya", "Quinn", "Rosa",   "Sven",  "Tariq"};
    static const char* const last[] = {"Andersen", "Bauer",  "Costa",  "Dubois", "Eriksen",  "Fischer",
                                       "García",   "Haddad", "Ito",    "Jensen", "Kowalski", "Lindqvist",
                                       "Moreau",   "Novak",  "Okafor", "Petrov", "Rossi",    "Schmidt"};
    static const char* const roles[] = {"viewer", "editor", "admin"};
    std::mt19937 random(42);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    std::vector<UserRecord> records(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        UserRecord& r = records[static_cast<std::size_t>(i)];
        const QString f = QString::fromUtf8(first[random() % std::size(first)]);
        const QString l = QString::fromUtf8(last[random() % std::size(last)]);
        r.username = QStringLiteral("user%1").arg(i);
        r.displayName = f + QLatin1Char(' ') + l;
        r.email = QStringLiteral("%1.%2%3@example.com").arg(f.toLower(), l.toLower()).arg(i);
        r.roles = {QString::fromLatin1(roles[random() % 3])};
        if (random() % 4 == 0) {
            r.roles.append(QStringLiteral("viewer"));
            r.roles.removeDuplicates();
        }
        r.disabled = random() % 20 == 0;
        r.passwordHash = hash;
        r.lastLoginMs =
            random() % 5 == 0 ? 0 : now - static_cast<qint64>(random() % (400LL * 24 * 3600 * 1000));
    }
    std::vector<const UserRecord*> pointers;
    pointers.reserve(records.size());
    for (const UserRecord& r : records) {
        pointers.push_back(&r);
    }
    TESSERA_TRY_ASSIGN(tx, Transaction::begin((*vault)->database()));
    TESSERA_TRY(d.store().insertUsers(pointers, now));
    TESSERA_TRY(
        d.audit(QStringLiteral("user.import"), QString(), QStringLiteral("%1 bench users").arg(count)));
    TESSERA_TRY(tx.commit());
    (*directory).reset();
    (*vault)->close();
    return {};
}

// The page alone in a window the size of the real workspace's page area; MainWindow would also write
// the recent-vaults list of whoever runs the benchmark.
class PageBench
{
public:
    PageBench(const Options& options, BenchReport& report, QString path)
        : m_options(options), m_report(report), m_path(std::move(path))
    {
        m_window.resize(910, 680);
        m_page = new UsersPage(m_controller, &m_window);
        m_page->resize(m_window.size());
        m_window.show();
    }

    Status run()
    {
        TESSERA_TRY(firstPage());
        TESSERA_TRY(typing());
        return {};
    }

private:
    struct Shown
    {
        double firstScreenMs = -1; // the first screenful (from the username index) laid out and painted
        double handoverMs = -1;  // the loaded rows reach the UI thread (model reset begins)
        double readyMs = -1;     // model reset, sorted, count and actions updated
        double paintedMs = -1;   // laid out and painted
        double unlockedMiB = -1; // resident memory when the vault (and core's access model) is open
    };

    // Unlock (insecure KDF, not timed) and wait for the page. The clock starts when the controller
    // announces the unlocked vault; the page's own slot for that signal (connected first, at its
    // construction) has queued its load job a few microseconds earlier.
    Result<Shown> unlockAndShow()
    {
        std::optional<Stopwatch> watch;
        Shown shown;
        auto elapsed = [&] {
            return watch ? watch->elapsedMs() : -1.0;
        };
        QList<QMetaObject::Connection> connections;
        connections << QObject::connect(&m_controller, &VaultController::unlocked, &m_window, [&] {
            shown.unlockedMiB = residentMiB(); // a /proc read, before the clock starts
            watch.emplace();
        });
        connections << QObject::connect(m_page->model(), &QAbstractItemModel::modelAboutToBeReset, &m_window,
                                        [&] { shown.handoverMs = elapsed(); });
        connections << QObject::connect(m_page, &UsersPage::firstScreenShown, &m_window, [&] {
            m_window.grab(); // painted with the first rows
            shown.firstScreenMs = elapsed();
        });
        connections << QObject::connect(m_page, &UsersPage::refreshed, &m_window, [&] {
            shown.readyMs = elapsed();
            m_window.grab(); // the first frame with data: layout settles, visible rows are painted
            shown.paintedMs = elapsed();
        });
        Error failure;
        bool failed = false;
        connections << QObject::connect(&m_controller, &VaultController::unlockFailed, &m_window,
                                        [&](const Error& error) {
                                            failure = error;
                                            failed = true;
                                        });
        m_controller.unlockVault(m_path, SecretBuffer::fromBytes(kPassword));
        while (shown.paintedMs < 0 && !failed) {
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        }
        for (const auto& connection : std::as_const(connections)) {
            QObject::disconnect(connection);
        }
        if (failed) {
            return std::unexpected(failure);
        }
        return shown;
    }

    Status lockAndWait()
    {
        m_controller.lock();
        while (m_controller.isUnlocked() || m_controller.isBusy()) {
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        }
        return {};
    }

    // The same steps without the GUI around them, for the figure's breakdown.
    Status breakdown(QString& detail)
    {
        auto vault = Vault::open(m_path, SecretBuffer::fromBytes(kPassword),
                                 AuditActor::current(QStringLiteral("bench")));
        if (!vault) {
            return std::unexpected(vault.error());
        }
        auto directory = Directory::open(**vault);
        if (!directory) {
            return std::unexpected(directory.error());
        }
        Samples loadMs;
        Samples prepareMs;
        Samples resetMs;
        for (int i = 0; i <= m_options.runs; ++i) {
            Stopwatch watch;
            auto users = (*directory)->userSummaries();
            if (i == 0) {
                m_coldLoadMs = watch.elapsedMs();
            } else {
                loadMs.add(watch.elapsedMs());
            }
            if (!users) {
                return std::unexpected(users.error());
            }
            watch.restart();
            UsersTableModel::Rows rows = UsersTableModel::prepare(std::move(*users));
            prepareMs.add(watch.elapsedMs());
            UsersTableModel model;
            UsersFilterProxyModel proxy;
            proxy.setUsersModel(&model);
            proxy.sort(UsersTableModel::UsernameColumn);
            watch.restart();
            model.setRows(std::move(rows));
            (void)proxy.rowCount();
            resetMs.add(watch.elapsedMs());
        }
        directory->reset();
        (*vault)->close();
        detail = QStringLiteral("worker: SQL %1 ms (first, cold cache: %2 ms) + prepare %3 ms; UI: reset and "
                                "sort %4 ms")
                     .arg(formatNumber(loadMs.median()), formatNumber(m_coldLoadMs),
                          formatNumber(prepareMs.median()), formatNumber(resetMs.median()));
        return {};
    }

    Status firstPage()
    {
        const double baseMiB = residentMiB();
        m_report.progress(QStringLiteral("unlocking and showing the page %1 times").arg(m_options.runs + 1));
        Samples painted;
        Samples firstScreen;
        Samples handover;
        Samples ready;
        double firstRunMs = 0;
        double loadedMiB = 0;
        double unlockedMiB = 0;
        for (int i = 0; i <= m_options.runs; ++i) {
            TESSERA_TRY_ASSIGN(shown, unlockAndShow());
            if (i == 0) {
                // The first run also fills per-process caches (fonts, icons); its memory is what a user sees.
                firstRunMs = shown.paintedMs;
                // Every page's first load done, the access model included (it loads after the table).
                while (m_controller.isBusy()) {
                    QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
                }
                loadedMiB = residentMiB();
                unlockedMiB = shown.unlockedMiB;
                if (m_page->model()->rowCount() != m_options.users) {
                    return fail(ErrorKind::Internal, QStringLiteral("the page shows %1 users, not %2")
                                                         .arg(m_page->model()->rowCount())
                                                         .arg(m_options.users));
                }
            } else {
                painted.add(shown.paintedMs);
                firstScreen.add(shown.firstScreenMs);
                handover.add(shown.handoverMs);
                ready.add(shown.readyMs);
            }
            TESSERA_TRY(lockAndWait());
        }
        QString parts;
        TESSERA_TRY(breakdown(parts));
        TESSERA_TRY_ASSIGN(again, unlockAndShow()); // leave the page loaded for typing
        Q_UNUSED(again);
        m_report.add(Figure{QStringLiteral("users.first_page"),
                            QStringLiteral("users page first screen after unlock, %1 users").arg(m_options.users),
                            firstScreen.median(), QStringLiteral("ms"), Goal::atMost(kFirstPageGoalMs),
                            QStringLiteral("median of %1, max %2 ms; the first %3 users by name from the username "
                                           "index, laid out and painted; every row follows (next figure)")
                                .arg(firstScreen.count())
                                .arg(formatNumber(firstScreen.max()))
                                .arg(200)});
        m_report.add(Figure{
            QStringLiteral("users.all_rows"),
            QStringLiteral("users page with every row after unlock, %1 users").arg(m_options.users), painted.median(),
            QStringLiteral("ms"), Goal::atMost(kAllRowsGoalMs),
            QStringLiteral("median of %1 (first run %2 ms), max %3 ms; rows on the UI thread at "
                           "%4 ms, table ready at %5 ms; alone: %6; fresh memory costs %7 ms/MiB "
                           "here")
                .arg(painted.count())
                .arg(formatNumber(firstRunMs), formatNumber(painted.max()), formatNumber(handover.median()),
                     formatNumber(ready.median()), parts, formatNumber(freshMemoryMsPerMiB()))});
        m_report.add(
            Figure{QStringLiteral("users.gui_rss"),
                   QStringLiteral("GUI resident memory, %1 users loaded").arg(m_options.users), loadedMiB,
                   QStringLiteral("MiB"), Goal::atMost(kResidentGoalMiB),
                   QStringLiteral("VmRSS after the first unlock, the table and the access model loaded; %1 MiB "
                                  "before unlocking, %2 MiB with the vault open before the pages load")
                       .arg(formatNumber(baseMiB), formatNumber(unlockedMiB))});
        return {};
    }

    Status typing()
    {
        auto* filter = m_page->findChild<QLineEdit*>(QStringLiteral("usersFilterLineEdit"));
        if (filter == nullptr) {
            return fail(ErrorKind::Internal, QStringLiteral("no filter line edit"));
        }
        m_report.progress(
            QStringLiteral("typing \"%1\" into the filter %2 times").arg(kTyped).arg(m_options.runs));
        filter->setFocus();
        Samples keystrokeMs;
        Samples firstMs;
        int shown = -1;
        for (int run = 0; run < m_options.runs; ++run) {
            filter->clear();
            QCoreApplication::processEvents();
            for (qsizetype i = 0; i < kTyped.size(); ++i) {
                const Stopwatch watch;
                filter->insert(kTyped.mid(i, 1));  // what a key press does: textChanged, filter, relayout
                QCoreApplication::processEvents(); // and the repaint it schedules
                const double ms = watch.elapsedMs();
                keystrokeMs.add(ms);
                if (i == 0) {
                    firstMs.add(ms);
                }
            }
            shown = m_page->proxy()->rowCount();
        }
        m_report.add(
            Figure{QStringLiteral("users.filter_keystroke"),
                   QStringLiteral("filter as you type, per keystroke, %1 users").arg(m_options.users),
                   keystrokeMs.median(), QStringLiteral("ms"), Goal::atMost(kKeystrokeGoalMs),
                   QStringLiteral("\"%1\" typed %2 times; p90 %3 ms, max %4 ms, first key median %5 ms; "
                                  "%6 rows match at the end")
                       .arg(kTyped)
                       .arg(m_options.runs)
                       .arg(formatNumber(keystrokeMs.percentile(90)), formatNumber(keystrokeMs.max()),
                            formatNumber(firstMs.median()))
                       .arg(shown)});
        filter->clear();
        return {};
    }

    const Options& m_options;
    BenchReport& m_report;
    QString m_path;
    VaultController m_controller;
    QWidget m_window;
    UsersPage* m_page = nullptr;
    double m_coldLoadMs = 0;
};

std::optional<Options> parseOptions(const QCoreApplication& app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times the Users page on a vault of many users. Prints "
                                                    "one line per figure with its goal and PASS or MISS."));
    parser.addHelpOption();
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print one JSON document instead of lines."));
    const QCommandLineOption strict(QStringLiteral("strict"),
                                    QStringLiteral("Exit with status 1 when a goal is missed."));
    const QCommandLineOption users(QStringLiteral("users"),
                                   QStringLiteral("Users in the vault (default 100000)."),
                                   QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption runs(QStringLiteral("runs"),
                                  QStringLiteral("Repetitions of each measurement (default 5)."),
                                  QStringLiteral("N"), QStringLiteral("5"));
    parser.addOptions({json, strict, users, runs});
    parser.process(app);
    Options options;
    options.json = parser.isSet(json);
    options.strict = parser.isSet(strict);
    bool ok1 = false;
    bool ok2 = false;
    options.users = parser.value(users).toInt(&ok1);
    options.runs = parser.value(runs).toInt(&ok2);
    if (!ok1 || !ok2 || options.users < 1 || options.runs < 1) {
        std::fputs("bench_users_table: --users and --runs take positive whole numbers\n", stderr);
        return std::nullopt;
    }
    return options;
}

} // namespace

int main(int argc, char* argv[])
{
    CryptoRuntime::disableCoreDumps();
    if (!CryptoRuntime::initialise()) {
        std::fputs("bench_users_table: libsodium could not be initialised\n", stderr);
        return 4;
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("TesseraBench"));
    QCoreApplication::setApplicationName(QStringLiteral("bench_users_table"));
    const std::optional<Options> options = parseOptions(app);
    if (!options) {
        return 2;
    }
    BenchReport report(QStringLiteral("bench_users_table"),
                       options->json ? BenchReport::Format::Json : BenchReport::Format::Text);
    QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/tessera-bench-XXXXXX"));
    if (!dir.isValid()) {
        report.error(QStringLiteral("cannot create a temporary directory: %1").arg(dir.errorString()));
        return 4;
    }
    report.begin();
    const QString path = dir.filePath(QStringLiteral("users.tessera"));
    if (auto ok = buildVault(path, options->users, report); !ok) {
        report.error(ok.error().message);
        return 4;
    }
    {
        PageBench bench(*options, report, path);
        if (auto ok = bench.run(); !ok) {
            report.error(ok.error().message);
            return 4;
        }
    }
    return report.finish(options->strict);
}
