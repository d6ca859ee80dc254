#include "access/AccessEvaluator.h"
#include "access/AccessModel.h"
#include "access/DefaultRoles.h"

#include <QJsonArray>
#include <QTest>

using namespace tessera;
using namespace Qt::StringLiterals;

namespace {

Permission perm(const QString& text)
{
    const auto parsed = Permission::parse(text);
    return parsed ? *parsed : Permission();
}

// The guide's roles, with editor made composite (editor -> viewer) and a team lead three levels up:
// lead -> admin -> editor -> viewer.
AccessModel sampleModel()
{
    AccessModel model(DefaultRoles::graph());
    model.revoke(u"editor"_s, perm(u"read:posts"_s));
    model.include(u"editor"_s, u"viewer"_s);
    model.addRole(u"lead"_s);
    model.include(u"lead"_s, u"admin"_s);
    model.revoke(u"admin"_s, perm(u"read:posts"_s));
    model.revoke(u"admin"_s, perm(u"write:posts"_s));
    model.include(u"admin"_s, u"editor"_s);
    model.addUser(u"alice"_s, {u"editor"_s});
    model.addUser(u"Bob"_s, {u"superadmin"_s});
    model.addUser(u"carol"_s, {u"viewer"_s});
    model.addUser(u"dave"_s, {u"lead"_s});
    model.addUser(u"erin"_s);
    return model;
}

} // namespace

class TestAccessEvaluator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void checksThroughRolesAndIncludes()
    {
        const AccessModel model = sampleModel();
        const AccessEvaluator access(model);
        QVERIFY(access.check(u"alice"_s, perm(u"write:posts"_s)));
        QVERIFY(access.check(u"alice"_s, perm(u"read:posts"_s))); // through editor -> viewer
        QVERIFY(!access.check(u"alice"_s, perm(u"delete:posts"_s)));
        QVERIFY(access.check(u"dave"_s, perm(u"read:posts"_s))); // lead -> admin -> editor -> viewer
        QVERIFY(access.check(u"dave"_s, perm(u"manage:users"_s)));
        QVERIFY(!access.check(u"carol"_s, perm(u"write:posts"_s)));
        QVERIFY(!access.check(u"erin"_s, perm(u"read:posts"_s)));
        QVERIFY(!access.check(u"nobody"_s, perm(u"read:posts"_s)));
        QVERIFY(!access.check(u"alice"_s, Permission()));
    }

    void usernamesMatchIgnoringCase()
    {
        const AccessModel model = sampleModel();
        const AccessEvaluator access(model);
        QVERIFY(access.check(u"ALICE"_s, perm(u"write:posts"_s)));
        QVERIFY(access.check(u"bob"_s, perm(u"read:posts"_s)));
        QCOMPARE(access.explain(u"BOB"_s, perm(u"read:posts"_s)).username, u"Bob"_s);
    }

    void wildcardGrantsEverythingIncludingUnknownPermissions()
    {
        const AccessModel model = sampleModel();
        const AccessEvaluator access(model);
        QVERIFY(access.check(u"Bob"_s, perm(u"delete:posts"_s)));
        QVERIFY(access.check(u"Bob"_s, perm(u"launch:rockets"_s)));
        QVERIFY(access.check(u"Bob"_s, perm(u"delete:posts"_s), u"42"_s));

        const AccessExplanation why = access.explain(u"Bob"_s, perm(u"launch:rockets"_s));
        QVERIFY(why.allowed);
        QCOMPARE(why.basis, AccessExplanation::Basis::Wildcard);
        QCOMPARE(why.pathText(), u"Bob -> superadmin -> admin:all"_s);
        QCOMPARE(why.path.last().kind, AccessStep::Kind::Wildcard);
        QVERIFY2(why.toText().contains(u"wildcard"_s), qPrintable(why.toText()));
    }

    void objectGrantAllowsOnlyThatObject()
    {
        AccessModel model = sampleModel();
        QVERIFY(model.grantObject(u"carol"_s, perm(u"delete:posts"_s), u"42"_s));
        const AccessEvaluator access(model);
        QVERIFY(access.check(u"carol"_s, perm(u"delete:posts"_s), u"42"_s));
        QVERIFY(!access.check(u"carol"_s, perm(u"delete:posts"_s), u"43"_s));
        QVERIFY(!access.check(u"carol"_s, perm(u"delete:posts"_s))); // not type-wide
        QVERIFY(!access.check(u"carol"_s, perm(u"write:posts"_s), u"42"_s));
        QVERIFY(access.check(u"carol"_s, perm(u"read:posts"_s), u"42"_s)); // role-level covers every object

        const AccessExplanation why = access.explain(u"carol"_s, perm(u"delete:posts"_s), u"42"_s);
        QVERIFY(why.allowed);
        QCOMPARE(why.basis, AccessExplanation::Basis::ObjectGrant);
        QCOMPARE(why.path.size(), 2);
        QCOMPARE(why.path.at(1), (AccessStep{AccessStep::Kind::ObjectGrant, u"delete:posts"_s, u"42"_s}));
        QCOMPARE(why.pathText(), u"carol -> delete:posts on object 42"_s);

        const AccessExplanation elsewhere = access.explain(u"carol"_s, perm(u"delete:posts"_s), u"43"_s);
        QVERIFY(!elsewhere.allowed);
        QVERIFY2(elsewhere.reason.contains(u"carol holds no grant of it on object 43"_s),
                 qPrintable(elsewhere.reason));
        QVERIFY2(elsewhere.reason.contains(u"carol holds delete:posts only on object 42"_s),
                 qPrintable(elsewhere.reason));

        QCOMPARE(model.grantObject(u"carol"_s, perm(u"delete:posts"_s), QString()).error().kind,
                 ErrorKind::Input);
        QCOMPARE(model.grantObject(u"carol"_s, perm(u"delete:posts"_s), u"4\n2"_s).error().kind,
                 ErrorKind::Input);
    }

    void objectGrantOfTheWildcardCoversEveryPermissionOnThatObject()
    {
        AccessModel model = sampleModel();
        QVERIFY(model.grantObject(u"erin"_s, Permission::wildcard(), u"7"_s));
        const AccessEvaluator access(model);
        QVERIFY(access.check(u"erin"_s, perm(u"delete:posts"_s), u"7"_s));
        QVERIFY(!access.check(u"erin"_s, perm(u"delete:posts"_s), u"8"_s));
        QVERIFY(!access.check(u"erin"_s, perm(u"delete:posts"_s)));
        QCOMPARE(access.explain(u"erin"_s, perm(u"delete:posts"_s), u"7"_s).pathText(),
                 u"erin -> admin:all on object 7"_s);
    }

    void explainsThePathThroughIncludedRoles()
    {
        const AccessModel model = sampleModel();
        const AccessEvaluator access(model);
        const AccessExplanation why = access.explain(u"dave"_s, perm(u"read:posts"_s));
        QVERIFY(why.allowed);
        QVERIFY(why.userKnown);
        QCOMPARE(why.basis, AccessExplanation::Basis::Role);
        const QList<AccessStep> expected{
            {AccessStep::Kind::User, u"dave"_s, {}},   {AccessStep::Kind::Role, u"lead"_s, {}},
            {AccessStep::Kind::Role, u"admin"_s, {}},  {AccessStep::Kind::Role, u"editor"_s, {}},
            {AccessStep::Kind::Role, u"viewer"_s, {}}, {AccessStep::Kind::Permission, u"read:posts"_s, {}},
        };
        QCOMPARE(why.path, expected);
        QCOMPARE(why.toText(), u"allowed: dave -> lead -> admin -> editor -> viewer -> read:posts"_s);

        QCOMPARE(access.explain(u"alice"_s, perm(u"write:posts"_s)).pathText(),
                 u"alice -> editor -> write:posts"_s);
    }

    void explanationPrefersTheShortestPath()
    {
        AccessModel model = sampleModel();
        QVERIFY(model.assignRole(u"dave"_s, u"viewer"_s)); // now also directly
        const AccessEvaluator access(model);
        QCOMPARE(access.explain(u"dave"_s, perm(u"read:posts"_s)).pathText(),
                 u"dave -> viewer -> read:posts"_s);
    }

    void explainsADenialWithTheClosestGrants()
    {
        AccessModel model(DefaultRoles::graph());
        model.addUser(u"alice"_s, {u"editor"_s});
        const AccessEvaluator access(model);
        const AccessExplanation why = access.explain(u"alice"_s, perm(u"delete:posts"_s));
        QVERIFY(!why.allowed);
        QCOMPARE(why.basis, AccessExplanation::Basis::None);
        QVERIFY(why.path.isEmpty());
        QCOMPARE(why.reason,
                 u"no role of alice grants delete:posts; closest: editor grants read:posts, write:posts"_s);
        QCOMPARE(why.toText(), u"denied: "_s + why.reason);
        QCOMPARE(why.closest.size(), 1);
        QCOMPARE(why.closest.first().role, u"editor"_s);
        QCOMPARE(why.closest.first().permissions, (QStringList{u"read:posts"_s, u"write:posts"_s}));
    }

    void explainsOtherDenials()
    {
        const AccessModel model = sampleModel();
        const AccessEvaluator access(model);

        const AccessExplanation unknown = access.explain(u"zed"_s, perm(u"read:posts"_s));
        QVERIFY(!unknown.allowed);
        QVERIFY(!unknown.userKnown);
        QCOMPARE(unknown.reason, u"no user named 'zed'"_s);

        const AccessExplanation roleless = access.explain(u"erin"_s, perm(u"read:posts"_s));
        QVERIFY2(roleless.reason.startsWith(u"erin has no roles"_s), qPrintable(roleless.reason));

        // Same action, other resource: the closest grant is found by action.
        const AccessExplanation byAction = access.explain(u"carol"_s, perm(u"read:users"_s));
        QVERIFY2(byAction.reason.contains(u"closest: viewer grants read:posts"_s),
                 qPrintable(byAction.reason));
        QVERIFY2(byAction.reason.contains(u"read:users is not a known permission"_s),
                 qPrintable(byAction.reason));

        const AccessExplanation nothingNear = access.explain(u"carol"_s, perm(u"launch:rockets"_s));
        QVERIFY(nothingNear.closest.isEmpty());
        QVERIFY2(nothingNear.reason.contains(u"grants anything on rockets"_s),
                 qPrintable(nothingNear.reason));
    }

    void explanationAsJson()
    {
        const AccessModel model = sampleModel();
        const AccessEvaluator access(model);
        const QJsonObject allowed = access.explain(u"alice"_s, perm(u"read:posts"_s)).toJson();
        QCOMPARE(allowed.value(u"allowed"_s).toBool(), true);
        QCOMPARE(allowed.value(u"basis"_s).toString(), u"role"_s);
        QCOMPARE(allowed.value(u"path"_s).toArray().size(), 4);
        QCOMPARE(allowed.value(u"path"_s).toArray().at(1).toObject().value(u"kind"_s).toString(), u"role"_s);
        QVERIFY(allowed.value(u"object"_s).isNull());
        QVERIFY(!allowed.contains(u"closest"_s));

        const QJsonObject denied = access.explain(u"carol"_s, perm(u"write:posts"_s), u"9"_s).toJson();
        QCOMPARE(denied.value(u"allowed"_s).toBool(), false);
        QCOMPARE(denied.value(u"object"_s).toString(), u"9"_s);
        QCOMPARE(denied.value(u"closest"_s).toArray().size(), 1);
    }

    void cacheIsDroppedOnAnyChange()
    {
        AccessModel model = sampleModel();
        const AccessEvaluator access(model);
        QVERIFY(access.check(u"alice"_s, perm(u"read:posts"_s)));

        // Through an included role: the evaluator must notice a change two levels away.
        QVERIFY(model.revoke(u"viewer"_s, perm(u"read:posts"_s)));
        QVERIFY(!access.check(u"alice"_s, perm(u"read:posts"_s)));
        QVERIFY(!access.explain(u"alice"_s, perm(u"read:posts"_s)).allowed);

        QVERIFY(model.grant(u"editor"_s, perm(u"read:posts"_s)));
        QVERIFY(access.check(u"alice"_s, perm(u"read:posts"_s)));

        QVERIFY(model.unassignRole(u"alice"_s, u"editor"_s));
        QVERIFY(!access.check(u"alice"_s, perm(u"write:posts"_s)));

        QVERIFY(model.assignRole(u"alice"_s, u"superadmin"_s));
        QVERIFY(access.check(u"alice"_s, perm(u"write:posts"_s)));

        QVERIFY(model.removeRole(u"superadmin"_s));
        QVERIFY(!access.check(u"alice"_s, perm(u"write:posts"_s)));
        QVERIFY(!access.check(u"Bob"_s, perm(u"write:posts"_s)));

        QVERIFY(model.renameUser(u"alice"_s, u"alicia"_s));
        QVERIFY(!access.check(u"alice"_s, perm(u"read:posts"_s)));
        QVERIFY(model.removeUser(u"carol"_s));
        QVERIFY(!access.check(u"carol"_s, perm(u"read:posts"_s)));
        QVERIFY(model.assignRole(u"alicia"_s, u"viewer"_s));
        QVERIFY(!access.check(u"alicia"_s, perm(u"read:posts"_s))); // viewer lost read:posts above
        QVERIFY(access.check(u"dave"_s, perm(u"read:posts"_s)));    // through editor's new grant
    }

    void cacheSurvivesAssigningOneModelOverAnother()
    {
        AccessModel model = sampleModel();
        const AccessModel snapshot = model;
        const AccessEvaluator access(model);
        QVERIFY(model.revoke(u"editor"_s, perm(u"write:posts"_s)));
        QVERIFY(!access.check(u"alice"_s, perm(u"write:posts"_s)));
        model = snapshot; // content changes back; the stamp must not look unchanged
        QVERIFY(access.check(u"alice"_s, perm(u"write:posts"_s)));
    }

    void noOpEditsKeepTheGeneration()
    {
        AccessModel model = sampleModel();
        const quint64 before = model.generation();
        QVERIFY(model.grant(u"viewer"_s, perm(u"read:posts"_s)));
        QVERIFY(model.assignRole(u"alice"_s, u"editor"_s));
        QVERIFY(model.include(u"editor"_s, u"viewer"_s));
        QCOMPARE(model.generation(), before);
        QVERIFY(!model.include(u"viewer"_s, u"lead"_s)); // refused cycle changes nothing either
        QCOMPARE(model.generation(), before);
    }

    void renamesAndRemovalsFollowIntoUsers()
    {
        AccessModel model = sampleModel();
        QVERIFY(model.grantObject(u"carol"_s, perm(u"delete:posts"_s), u"42"_s));
        QVERIFY(model.renameRole(u"editor"_s, u"writer"_s));
        QCOMPARE(model.user(u"alice"_s)->roles, QStringList{u"writer"_s});
        QVERIFY(model.renamePermission(perm(u"delete:posts"_s), perm(u"remove:posts"_s)));
        QCOMPARE(model.user(u"carol"_s)->objectGrants.first().permission.toString(), u"remove:posts"_s);
        QVERIFY(model.removePermission(perm(u"remove:posts"_s)));
        QVERIFY(model.user(u"carol"_s)->objectGrants.isEmpty());
        QVERIFY(model.removeRole(u"writer"_s));
        QVERIFY(model.user(u"alice"_s)->roles.isEmpty());
    }

    void modelRefusesBadUsers()
    {
        AccessModel model = sampleModel();
        QCOMPARE(model.addUser(u"ALICE"_s).error().kind, ErrorKind::Conflict);
        QCOMPARE(model.addUser(u"frank"_s, {u"ghost"_s}).error().kind, ErrorKind::NotFound);
        QCOMPARE(model.assignRole(u"nobody"_s, u"viewer"_s).error().kind, ErrorKind::NotFound);
        QCOMPARE(model.renameUser(u"alice"_s, u"BOB"_s).error().kind, ErrorKind::Conflict);
        QVERIFY(model.renameUser(u"alice"_s, u"Alice"_s)); // case-only rename of oneself
        QCOMPARE(model.unassignRole(u"carol"_s, u"editor"_s).error().kind, ErrorKind::NotFound);

        const auto duplicate =
            AccessModel::fromData(DefaultRoles::graph(), {{u"amy"_s, {}, {}}, {u"AMY"_s, {}, {}}});
        QVERIFY(!duplicate);
        QVERIFY2(duplicate.error().message.contains(u"differ only in case"_s),
                 qPrintable(duplicate.error().message));
        QVERIFY(!AccessModel::fromData(DefaultRoles::graph(), {{u"amy"_s, {u"ghost"_s}, {}}}));
        const auto loaded = AccessModel::fromData(
            DefaultRoles::graph(),
            {{u"amy"_s, {u"viewer"_s, u"editor"_s, u"viewer"_s}, {{perm(u"x:y"_s), u"1"_s}}}});
        QVERIFY(loaded);
        QCOMPARE(loaded->user(u"amy"_s)->roles, (QStringList{u"editor"_s, u"viewer"_s}));
        QVERIFY(loaded->roles().permissionCatalog().contains(perm(u"x:y"_s)));
    }

    void listsEffectivePermissionsRolesAndUsers()
    {
        const AccessModel model = sampleModel();
        const AccessEvaluator access(model);
        QList<Permission> expected{perm(u"read:posts"_s), perm(u"write:posts"_s)};
        QCOMPARE(access.effectivePermissions(u"alice"_s), expected);
        QCOMPARE(access.rolesGranting(perm(u"write:posts"_s)),
                 (QStringList{u"admin"_s, u"editor"_s, u"lead"_s, u"superadmin"_s}));
        QCOMPARE(access.usersWith(perm(u"write:posts"_s)), (QStringList{u"alice"_s, u"Bob"_s, u"dave"_s}));
    }
};

QTEST_GUILESS_MAIN(TestAccessEvaluator)
#include "TestAccessEvaluator.moc"
