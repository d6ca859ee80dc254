#include "access/DefaultRoles.h"
#include "access/RoleGraph.h"

#include <QTest>

using namespace tessera;
using namespace Qt::StringLiterals;

namespace {

Permission perm(const QString& text)
{
    const auto parsed = Permission::parse(text);
    return parsed ? *parsed : Permission();
}

QStringList texts(const QList<Permission>& permissions)
{
    QStringList list;
    for (const Permission& permission : permissions)
        list.append(permission.toString());
    return list;
}

// viewer <- editor <- admin: the guide's roles as a chain of composites, for closure tests.
RoleGraph chain()
{
    RoleGraph graph;
    graph.addRole(u"viewer"_s);
    graph.addRole(u"editor"_s);
    graph.addRole(u"admin"_s);
    graph.grant(u"viewer"_s, perm(u"read:posts"_s));
    graph.grant(u"editor"_s, perm(u"write:posts"_s));
    graph.grant(u"admin"_s, perm(u"delete:posts"_s));
    graph.include(u"editor"_s, u"viewer"_s);
    graph.include(u"admin"_s, u"editor"_s);
    return graph;
}

} // namespace

class TestAccessRoleGraph : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roleNamesAreValidated_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("message");
        QTest::newRow("good") << u"support-staff_2"_s << QString();
        QTest::newRow("empty") << QString() << u"role name must not be empty"_s;
        QTest::newRow("upper") << u"Editor"_s << u"role name 'Editor' must be lower-case"_s;
        QTest::newRow("space") << u"support staff"_s << u"contains a space"_s;
        QTest::newRow("arrow") << u"a->b"_s << u"contains '>'"_s;
        QTest::newRow("too long") << QString(65, u'r') << u"longer than 64 characters"_s;
    }

    void roleNamesAreValidated()
    {
        QFETCH(QString, name);
        QFETCH(QString, message);
        const Status status = RoleGraph::validateRoleName(name);
        if (message.isEmpty()) {
            QVERIFY(status);
            return;
        }
        QVERIFY(!status);
        QVERIFY2(status.error().message.contains(message), qPrintable(status.error().message));
    }

    void refusesACycleNamingIt()
    {
        RoleGraph graph;
        QVERIFY(graph.addRole(u"editor"_s));
        QVERIFY(graph.addRole(u"admin"_s));
        QVERIFY(graph.include(u"admin"_s, u"editor"_s));
        const quint64 before = graph.generation();

        const Status refused = graph.include(u"editor"_s, u"admin"_s);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, ErrorKind::Input);
        QVERIFY2(refused.error().message.contains(u"editor -> admin -> editor"_s),
                 qPrintable(refused.error().message));
        QCOMPARE(graph.generation(), before);
        QVERIFY(graph.role(u"editor"_s)->includes.isEmpty());
        QCOMPARE(graph.cycleIfIncluded(u"editor"_s, u"admin"_s),
                 (QStringList{u"editor"_s, u"admin"_s, u"editor"_s}));
    }

    void refusesALongerCycleWithTheWholePath()
    {
        RoleGraph graph = chain(); // admin -> editor -> viewer
        const Status refused = graph.include(u"viewer"_s, u"admin"_s);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(u"viewer -> admin -> editor -> viewer"_s),
                 qPrintable(refused.error().message));
    }

    void refusesARoleIncludingItself()
    {
        RoleGraph graph;
        graph.addRole(u"editor"_s);
        const Status refused = graph.include(u"editor"_s, u"editor"_s);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(u"editor -> editor"_s),
                 qPrintable(refused.error().message));
    }

    void diamondIsNotACycle()
    {
        RoleGraph graph;
        for (const QString& name : {u"top"_s, u"left"_s, u"right"_s, u"base"_s})
            graph.addRole(name);
        QVERIFY(graph.include(u"top"_s, u"left"_s));
        QVERIFY(graph.include(u"top"_s, u"right"_s));
        QVERIFY(graph.include(u"left"_s, u"base"_s));
        QVERIFY(graph.include(u"right"_s, u"base"_s));
        QCOMPARE(graph.includedRoles(u"top"_s), (QStringList{u"base"_s, u"left"_s, u"right"_s}));
    }

    void closureReachesThroughThreeLevels()
    {
        RoleGraph graph = chain();
        graph.addRole(u"owner"_s);
        graph.grant(u"owner"_s, perm(u"manage:users"_s));
        QVERIFY(graph.include(u"owner"_s, u"admin"_s)); // owner -> admin -> editor -> viewer

        QCOMPARE(texts(graph.effectivePermissions(u"owner"_s)),
                 (QStringList{u"delete:posts"_s, u"manage:users"_s, u"read:posts"_s, u"write:posts"_s}));
        QCOMPARE(texts(graph.effectivePermissions(u"editor"_s)),
                 (QStringList{u"read:posts"_s, u"write:posts"_s}));
        QCOMPARE(graph.includedRoles(u"owner"_s), (QStringList{u"admin"_s, u"editor"_s, u"viewer"_s}));
        QCOMPARE(graph.rolesIncluding(u"viewer"_s), (QStringList{u"admin"_s, u"editor"_s, u"owner"_s}));
        QVERIFY(graph.effectivePermissions(u"nobody"_s).isEmpty());
    }

    void grantIsIdempotentRevokeNamesWhatIsMissing()
    {
        RoleGraph graph = chain();
        const quint64 before = graph.generation();
        QVERIFY(graph.grant(u"viewer"_s, perm(u"read:posts"_s)));
        QCOMPARE(graph.generation(), before);
        const Status missing = graph.revoke(u"viewer"_s, perm(u"write:posts"_s));
        QVERIFY(!missing);
        QCOMPARE(missing.error().kind, ErrorKind::NotFound);
        QVERIFY(graph.revoke(u"viewer"_s, perm(u"read:posts"_s)));
        QVERIFY(graph.generation() != before);
        QVERIFY(!graph.grant(u"ghost"_s, perm(u"read:posts"_s)));
        QVERIFY(!graph.include(u"viewer"_s, u"ghost"_s));
        QCOMPARE(graph.addRole(u"viewer"_s).error().kind, ErrorKind::Conflict);
    }

    void removingARoleDropsItFromIncludes()
    {
        RoleGraph graph = chain();
        QVERIFY(graph.removeRole(u"editor"_s));
        QVERIFY(graph.role(u"admin"_s)->includes.isEmpty());
        QCOMPARE(texts(graph.effectivePermissions(u"admin"_s)), (QStringList{u"delete:posts"_s}));
    }

    void renamingARoleFollowsIntoIncludes()
    {
        RoleGraph graph = chain();
        QVERIFY(graph.renameRole(u"viewer"_s, u"reader"_s));
        QVERIFY(!graph.hasRole(u"viewer"_s));
        QCOMPARE(graph.role(u"editor"_s)->includes, QStringList{u"reader"_s});
        QCOMPARE(graph.role(u"reader"_s)->name, u"reader"_s);
        QCOMPARE(graph.renameRole(u"reader"_s, u"admin"_s).error().kind, ErrorKind::Conflict);
    }

    void permissionCatalogRenamesAndRemovesAcrossRoles()
    {
        RoleGraph graph = chain();
        QVERIFY(graph.addPermission(perm(u"export:posts"_s)));
        QCOMPARE(texts(graph.permissionCatalog()),
                 (QStringList{u"admin:all"_s, u"delete:posts"_s, u"export:posts"_s, u"read:posts"_s,
                              u"write:posts"_s}));
        QVERIFY(graph.renamePermission(perm(u"read:posts"_s), perm(u"view:posts"_s)));
        QCOMPARE(texts(graph.role(u"viewer"_s)->permissions), QStringList{u"view:posts"_s});
        QCOMPARE(graph.renamePermission(perm(u"view:posts"_s), perm(u"write:posts"_s)).error().kind,
                 ErrorKind::Conflict);
        QVERIFY(graph.removePermission(perm(u"write:posts"_s)));
        QVERIFY(graph.role(u"editor"_s)->permissions.isEmpty());
        QVERIFY(!graph.removePermission(Permission::wildcard()));
        QVERIFY(!graph.renamePermission(Permission::wildcard(), perm(u"all:all"_s)));
        QVERIFY(texts(graph.permissionCatalog()).contains(u"admin:all"_s));
    }

    void replaceRoleIsAllOrNothing()
    {
        RoleGraph graph = chain();
        RoleDefinition next = *graph.role(u"viewer"_s);
        next.permissions = {perm(u"read:posts"_s), perm(u"read:comments"_s)};
        next.includes = {u"admin"_s}; // admin -> editor -> viewer: a cycle
        const Status refused = graph.replaceRole(next);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(u"viewer -> admin -> editor -> viewer"_s),
                 qPrintable(refused.error().message));
        QCOMPARE(texts(graph.role(u"viewer"_s)->permissions), QStringList{u"read:posts"_s});

        next.includes.clear();
        QVERIFY(graph.replaceRole(next));
        QCOMPARE(texts(graph.role(u"viewer"_s)->permissions),
                 (QStringList{u"read:comments"_s, u"read:posts"_s}));
    }

    void loadsDefinitionsInAnyOrderAndRefusesBadOnes()
    {
        const QList<RoleDefinition> good{
            {u"editor"_s, {}, {perm(u"write:posts"_s)}, {u"viewer"_s}}, // includes a role defined later
            {u"viewer"_s, {}, {perm(u"read:posts"_s)}, {}},
        };
        const auto graph = RoleGraph::fromDefinitions(good, {perm(u"archive:posts"_s)});
        QVERIFY(graph);
        QCOMPARE(texts(graph->effectivePermissions(u"editor"_s)),
                 (QStringList{u"read:posts"_s, u"write:posts"_s}));
        QVERIFY(texts(graph->permissionCatalog()).contains(u"archive:posts"_s));
        QCOMPARE(RoleGraph::fromDefinitions(graph->definitions(), graph->permissionCatalog())
                     ->definitions()
                     .size(),
                 2);

        const QList<RoleDefinition> cyclic{
            {u"a"_s, {}, {}, {u"b"_s}},
            {u"b"_s, {}, {}, {u"c"_s}},
            {u"c"_s, {}, {}, {u"a"_s}},
        };
        const auto refused = RoleGraph::fromDefinitions(cyclic);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(u"c -> a -> b -> c"_s),
                 qPrintable(refused.error().message));

        QCOMPARE(RoleGraph::fromDefinitions({{u"a"_s, {}, {}, {}}, {u"a"_s, {}, {}, {}}}).error().kind,
                 ErrorKind::Conflict);
        QCOMPARE(RoleGraph::fromDefinitions({{u"a"_s, {}, {}, {u"ghost"_s}}}).error().kind,
                 ErrorKind::NotFound);
        QCOMPARE(RoleGraph::fromDefinitions({{u"A"_s, {}, {}, {}}}).error().kind, ErrorKind::Input);
    }

    void defaultRolesAreTheGuides()
    {
        const RoleGraph graph = DefaultRoles::graph();
        QCOMPARE(graph.roleNames(), (QStringList{u"admin"_s, u"editor"_s, u"superadmin"_s, u"viewer"_s}));
        QCOMPARE(texts(graph.effectivePermissions(u"viewer"_s)), QStringList{u"read:posts"_s});
        QCOMPARE(texts(graph.effectivePermissions(u"editor"_s)),
                 (QStringList{u"read:posts"_s, u"write:posts"_s}));
        QCOMPARE(texts(graph.effectivePermissions(u"admin"_s)),
                 (QStringList{u"delete:posts"_s, u"manage:users"_s, u"read:posts"_s, u"write:posts"_s}));
        QCOMPARE(texts(graph.effectivePermissions(u"superadmin"_s)), QStringList{u"admin:all"_s});
        QCOMPARE(DefaultRoles::roleForNewUsers(), u"viewer"_s);
        QVERIFY(graph.hasRole(DefaultRoles::roleForNewUsers()));
        for (const RoleDefinition& role : graph.definitions())
            QVERIFY2(!role.description.isEmpty(), qPrintable(role.name));
    }
};

QTEST_GUILESS_MAIN(TestAccessRoleGraph)
#include "TestAccessRoleGraph.moc"
