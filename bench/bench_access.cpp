// bench_access: access checks and explanations on a model of 100,000 users, 50 roles and 500
// permissions (issue 3's goals), plus what an edit costs: the first check after a change and the GUI's
// role change preview. Pure core logic, no vault: the figures are the evaluator's own.
#include "BenchMain.h"
#include "BenchReport.h"
#include "CommonOptions.h"
#include "Samples.h"
#include "Stopwatch.h"
#include "access/AccessEvaluator.h"
#include "access/AccessModel.h"
#include "access/RoleChangePreview.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>
#include <ctime>
#include <optional>
#include <random>
#include <vector>

using namespace tessera;
using namespace tessera::bench;

namespace {

// Goals. Issue 3: checks and explanations. The others are Tessera's own: an edit in the GUI must not
// make the next answer visibly late, and the change preview must feel immediate (docs/benchmarks.md).
constexpr double kChecksGoalPerS = 1000000;          // issue 3, warm
constexpr double kExplanationsGoalPerS = 100000;     // issue 3
constexpr double kFirstCheckAfterChangeGoalMs = 100; // an answer after an edit still feels immediate
constexpr double kPreviewGoalMs = 200;

constexpr int kActions = 10;
constexpr int kResources = 50; // 10 x 50 = 500 permissions
constexpr int kBaseRoles = 20;
constexpr int kMidRoles = 20;
constexpr int kTopRoles = 9; // + superadmin = 50 roles

struct Options : CommonOptions
{
    int users = 100000;
    int checks = 4000000;
    int pool = 200000;
    int explanations = 200000;
    int runs = 5;
};

struct Query
{
    QString user;
    Permission permission;
    QString objectId; // empty for a type-wide check
};

Permission permissionAt(int index)
{
    static const char* const actions[kActions] = {"read",   "write",  "delete",  "create",  "list",
                                                  "export", "import", "approve", "publish", "archive"};
    const auto text = QStringLiteral("%1:res%2")
                          .arg(QString::fromLatin1(actions[index % kActions]))
                          .arg(index / kActions, 2, 10, QChar(u'0'));
    return Permission::parse(text).value_or(Permission());
}

// Three tiers of composite roles, so closures go three levels deep: top -> mid -> base.
Result<AccessModel> buildModel(const Options& options, std::mt19937& random)
{
    std::vector<Permission> permissions;
    for (int i = 0; i < kActions * kResources; ++i)
        permissions.push_back(permissionAt(i));
    std::uniform_int_distribution<int> anyPermission(0, kActions * kResources - 1);

    AccessModel model;
    QStringList roleNames;
    auto addRole = [&](const QString& name, int directPermissions, const QStringList& pool,
                       int includes) -> Status {
        if (auto ok = model.addRole(name); !ok)
            return ok;
        for (int i = 0; i < directPermissions; ++i) {
            if (auto ok = model.grant(name, permissions[anyPermission(random)]); !ok)
                return ok;
        }
        std::uniform_int_distribution<qsizetype> pick(0, pool.size() - 1);
        for (int i = 0; i < includes && !pool.isEmpty(); ++i) {
            if (auto ok = model.include(name, pool.at(pick(random))); !ok)
                return ok;
        }
        roleNames.append(name);
        return {};
    };
    for (const Permission& permission : permissions) {
        if (auto ok = model.addPermission(permission); !ok)
            return std::unexpected(ok.error());
    }
    QStringList base;
    QStringList mid;
    for (int i = 0; i < kBaseRoles; ++i) {
        const QString name = QStringLiteral("base-%1").arg(i);
        if (auto ok = addRole(name, 20, {}, 0); !ok)
            return std::unexpected(ok.error());
        base.append(name);
    }
    for (int i = 0; i < kMidRoles; ++i) {
        const QString name = QStringLiteral("mid-%1").arg(i);
        if (auto ok = addRole(name, 10, base, 2); !ok)
            return std::unexpected(ok.error());
        mid.append(name);
    }
    for (int i = 0; i < kTopRoles; ++i) {
        if (auto ok = addRole(QStringLiteral("top-%1").arg(i), 5, mid, 2); !ok)
            return std::unexpected(ok.error());
    }
    if (auto ok = model.addRole(QStringLiteral("superadmin")); !ok)
        return std::unexpected(ok.error());
    if (auto ok = model.grant(QStringLiteral("superadmin"), Permission::wildcard()); !ok)
        return std::unexpected(ok.error());

    // Users hold 1-3 roles; one in 1,000 is a superadmin; one in 20 has a couple of object grants.
    std::uniform_int_distribution<qsizetype> anyRole(0, roleNames.size() - 1);
    std::uniform_int_distribution<int> roleCount(1, 3);
    std::uniform_int_distribution<int> percent(0, 999);
    std::uniform_int_distribution<int> anyObject(1, 5000);
    QList<UserAccess> users;
    users.reserve(options.users);
    for (int i = 0; i < options.users; ++i) {
        UserAccess user{QStringLiteral("user%1").arg(i, 6, 10, QChar(u'0')), {}, {}};
        const int count = roleCount(random);
        for (int r = 0; r < count; ++r)
            user.roles.append(roleNames.at(anyRole(random)));
        if (percent(random) == 0)
            user.roles.append(QStringLiteral("superadmin"));
        if (percent(random) < 50) {
            for (int g = 0; g < 2; ++g)
                user.objectGrants.append(
                    ObjectGrant{permissions[anyPermission(random)], QString::number(anyObject(random))});
        }
        users.append(user);
    }
    return AccessModel::fromData(model.roles(), users);
}

std::vector<Query> makeQueries(const AccessModel& model, int count, std::mt19937& random)
{
    std::uniform_int_distribution<qsizetype> anyUser(0, model.userCount() - 1);
    std::uniform_int_distribution<int> anyPermission(0, kActions * kResources - 1);
    std::uniform_int_distribution<int> percent(0, 99);
    std::uniform_int_distribution<int> anyObject(1, 5000);
    std::vector<Query> queries;
    queries.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        const UserAccess& user = model.users().at(anyUser(random));
        // A deep copy: a caller's name arrives in its own string, not in the model's.
        Query query{QString(user.username.constData(), user.username.size()),
                    permissionAt(anyPermission(random)),
                    {}};
        const int p = percent(random);
        if (p < 5 && !user.objectGrants.isEmpty()) {
            // Some questions an object grant answers.
            query.permission = user.objectGrants.first().permission;
            query.objectId = user.objectGrants.first().objectId;
        } else if (p < 15) {
            query.objectId = QString::number(anyObject(random));
        }
        queries.push_back(query);
    }
    return queries;
}

// This thread's CPU time. Shown beside the wall-clock figures: on a loaded machine the gap tells how
// much of a figure was waiting for a core rather than work.
double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1000.0 + static_cast<double>(now.tv_nsec) / 1e6;
}

double perSecond(qint64 count, double ms)
{
    return static_cast<double>(count) / (ms / 1000.0);
}

QString percentOf(qint64 part, qint64 whole)
{
    return formatNumber(100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

Status run(const Options& options, BenchReport& report)
{
    std::mt19937 random(20240601); // fixed: the same model every run
    report.progress(
        QStringLiteral("building a model of %1 users, 50 roles, 500 permissions").arg(options.users));
    const Stopwatch buildWatch;
    auto built = buildModel(options, random);
    if (!built)
        return std::unexpected(built.error());
    AccessModel& model = *built;
    const double buildMs = buildWatch.elapsedMs();
    const AccessEvaluator access(model);

    // A pool of distinct questions about random users, asked round and round: big enough that the
    // model's tables cannot hide in a CPU cache, small enough that the pool itself is not the cost.
    const std::vector<Query> queries = makeQueries(model, options.pool, random);
    const qint64 checkCount = options.checks;
    auto askAll = [&] {
        qint64 yes = 0;
        for (qint64 done = 0; done < checkCount;) {
            for (const Query& query : queries) {
                yes += access.check(query.user, query.permission, query.objectId) ? 1 : 0;
                if (++done == checkCount)
                    break;
            }
        }
        return yes;
    };

    // Cold: the first pass over the pool fills each user's bitset as it goes.
    const Stopwatch coldWatch;
    for (const Query& query : queries)
        static_cast<void>(access.check(query.user, query.permission, query.objectId));
    const double coldMs = coldWatch.elapsedMs();
    const auto poolSize = static_cast<qint64>(queries.size());

    // The fast path and the explainer must agree; a bench of a wrong answer is worthless.
    for (std::size_t i = 0; i < queries.size(); i += 97) {
        const Query& q = queries[i];
        if (access.check(q.user, q.permission, q.objectId) !=
            access.explain(q.user, q.permission, q.objectId).allowed)
            return fail(ErrorKind::Internal, QStringLiteral("check and explain disagree on %1 %2 %3")
                                                 .arg(q.user, q.permission.toString(), q.objectId));
    }

    report.progress(
        QStringLiteral("%1 warm checks over a pool of %2, %3 runs")
            .arg(QString::number(checkCount), QString::number(poolSize), QString::number(options.runs)));
    Samples checkMs;
    Samples checkCpuMs;
    qint64 allowed = -1;
    for (int run = 0; run < options.runs; ++run) {
        const double cpuStart = threadCpuMs();
        const Stopwatch watch;
        const qint64 runAllowed = askAll();
        checkMs.add(watch.elapsedMs());
        checkCpuMs.add(threadCpuMs() - cpuStart);
        if (allowed >= 0 && runAllowed != allowed)
            return fail(ErrorKind::Internal,
                        QStringLiteral("two runs of the same checks answered differently"));
        allowed = runAllowed;
    }
    report.add(Figure{
        QStringLiteral("access.checks_warm"), QStringLiteral("access checks, warm cache"),
        perSecond(checkCount, checkMs.median()), QStringLiteral("checks/s"), Goal::atLeast(kChecksGoalPerS),
        QStringLiteral("%1 checks over %2 distinct questions, median of %3 runs (min %4 ms, max %5 ms; "
                       "CPU-time rate %6/s); %7 % allowed, 10 % with an object id; cold first pass %8 "
                       "checks/s; model built in %9 ms")
            .arg(QString::number(checkCount), QString::number(poolSize), QString::number(checkMs.count()),
                 formatNumber(checkMs.min()), formatNumber(checkMs.max()),
                 formatNumber(perSecond(checkCount, checkCpuMs.median())), percentOf(allowed, checkCount),
                 formatNumber(perSecond(poolSize, coldMs)), formatNumber(buildMs))});

    const auto explainCount =
        std::min<qsizetype>(options.explanations, static_cast<qsizetype>(queries.size()));
    report.progress(QStringLiteral("%1 explanations, %2 runs").arg(explainCount).arg(options.runs));
    Samples explainMs;
    qint64 explainedAllowed = 0;
    qint64 pathSteps = 0;
    Samples explainCpuMs;
    for (int run = 0; run < options.runs; ++run) {
        explainedAllowed = 0;
        pathSteps = 0;
        const double cpuStart = threadCpuMs();
        const Stopwatch watch;
        for (qsizetype i = 0; i < explainCount; ++i) {
            const Query& query = queries[static_cast<std::size_t>(i)];
            const AccessExplanation why = access.explain(query.user, query.permission, query.objectId);
            explainedAllowed += why.allowed ? 1 : 0;
            pathSteps += why.path.size();
        }
        explainMs.add(watch.elapsedMs());
        explainCpuMs.add(threadCpuMs() - cpuStart);
    }
    report.add(Figure{
        QStringLiteral("access.explanations"), QStringLiteral("access explanations (path or reason)"),
        perSecond(explainCount, explainMs.median()), QStringLiteral("explanations/s"),
        Goal::atLeast(kExplanationsGoalPerS),
        QStringLiteral("%1 explanations, median of %2 runs (CPU-time rate %3/s); %4 % allowed, mean "
                       "path %5 steps")
            .arg(QString::number(explainCount), QString::number(explainMs.count()),
                 formatNumber(perSecond(explainCount, explainCpuMs.median())),
                 percentOf(explainedAllowed, explainCount),
                 formatNumber(explainedAllowed
                                  ? static_cast<double>(pathSteps) / static_cast<double>(explainedAllowed)
                                  : 0.0))});

    // An edit drops the cache; the next check rebuilds role closures and re-fills that user lazily.
    report.progress(QStringLiteral("first checks after a change"));
    Samples afterChangeMs;
    const Permission toggled = Permission::parse(QStringLiteral("toggle:bench")).value_or(Permission());
    for (int run = 0; run < options.runs * 4; ++run) {
        const Status edit = run % 2 == 0 ? model.grant(QStringLiteral("base-0"), toggled)
                                         : model.revoke(QStringLiteral("base-0"), toggled);
        if (!edit)
            return edit;
        const Query& query = queries[static_cast<std::size_t>(run)];
        const Stopwatch watch;
        static_cast<void>(access.check(query.user, query.permission, query.objectId));
        afterChangeMs.add(watch.elapsedMs());
    }
    report.add(Figure{QStringLiteral("access.first_check_after_change"),
                      QStringLiteral("first check after a role change"), afterChangeMs.median(),
                      QStringLiteral("ms"), Goal::atMost(kFirstCheckAfterChangeGoalMs),
                      QStringLiteral("cache rebuild for %1 users, median of %2 (max %3 ms)")
                          .arg(QString::number(model.userCount()), QString::number(afterChangeMs.count()),
                               formatNumber(afterChangeMs.max()))});

    // Adding a user also re-indexes every username (the flat table is rebuilt, not patched).
    Samples afterAddMs;
    for (int run = 0; run < options.runs * 2; ++run) {
        const QString name = QStringLiteral("added-%1").arg(run);
        if (auto added = model.addUser(name, {QStringLiteral("base-0")}); !added)
            return added;
        const Stopwatch watch;
        static_cast<void>(access.check(name, toggled));
        afterAddMs.add(watch.elapsedMs());
    }
    report.add(
        Figure{QStringLiteral("access.first_check_after_user_added"),
               QStringLiteral("first check after a user is added"), afterAddMs.median(), QStringLiteral("ms"),
               Goal::atMost(kFirstCheckAfterChangeGoalMs),
               QStringLiteral("username index and cache rebuilt for %1 users, median of %2 (max %3 ms)")
                   .arg(QString::number(model.userCount()), QString::number(afterAddMs.count()),
                        formatNumber(afterAddMs.max()))});

    // The GUI's preview before saving: a base role several composites include gains two permissions
    // and loses one.
    report.progress(QStringLiteral("role change previews"));
    RoleChange change;
    change.role = QStringLiteral("base-1");
    change.grant = {permissionAt(1), permissionAt(2)};
    change.revoke = {model.roles().role(change.role)->permissions.first()};
    Samples previewMs;
    qsizetype affected = 0;
    for (int run = 0; run < options.runs; ++run) {
        const Stopwatch watch;
        auto preview = RoleChangePreview::compute(model, change);
        previewMs.add(watch.elapsedMs());
        if (!preview)
            return std::unexpected(preview.error());
        affected = preview->users().size();
    }
    report.add(Figure{QStringLiteral("access.role_change_preview"), QStringLiteral("role change preview"),
                      previewMs.median(), QStringLiteral("ms"), Goal::atMost(kPreviewGoalMs),
                      QStringLiteral("%1 of %2 users change; roles including it: %3; median of %4")
                          .arg(QString::number(affected), QString::number(model.userCount()),
                               QString::number(model.roles().rolesIncluding(change.role).size()),
                               QString::number(previewMs.count()))});
    return {};
}

std::optional<Options> parseOptions(const QCoreApplication& app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Times access checks, explanations, the first check after a change and the role change "
        "preview on a generated model. Prints one line per figure with its goal and PASS or MISS."));
    CommonOptions::addTo(parser);
    const QCommandLineOption users(QStringLiteral("users"),
                                   QStringLiteral("Users in the model (default 100000)."),
                                   QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption checks(QStringLiteral("checks"),
                                    QStringLiteral("Checks per run (default 4000000)."), QStringLiteral("N"),
                                    QStringLiteral("4000000"));
    const QCommandLineOption runs(QStringLiteral("runs"),
                                  QStringLiteral("Timed runs per figure (default 5)."), QStringLiteral("N"),
                                  QStringLiteral("5"));
    parser.addOptions({users, checks, runs});
    parser.process(app);

    Options options;
    options.readFrom(parser);
    bool ok1 = false;
    bool ok2 = false;
    bool ok3 = false;
    options.users = parser.value(users).toInt(&ok1);
    options.checks = parser.value(checks).toInt(&ok2);
    options.runs = parser.value(runs).toInt(&ok3);
    if (!ok1 || !ok2 || !ok3 || options.users < 1 || options.checks < 100 || options.runs < 1) {
        std::fputs("bench_access: --users and --runs take positive whole numbers, --checks at least 100\n",
                   stderr);
        return std::nullopt;
    }
    options.pool = std::min(options.pool, options.checks);
    options.explanations = std::min(options.explanations, options.pool);
    return options;
}

} // namespace

int main(int argc, char* argv[])
{
    return benchMain(argc, argv, "bench_access", parseOptions,
                     [](const Options& options, BenchReport& report) {
                         report.begin();
                         return report.finish(run(options, report), options.strict);
                     });
}
