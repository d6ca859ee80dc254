#include "access/AccessModel.h"
#include "access/DefaultRoles.h"
#include "access/RoleChangePreview.h"

#include <QTest>

using namespace tessera;
using namespace Qt::StringLiterals;

namespace {

Permission perm(const QString& text)
{
    const auto parsed = Permission::parse(text);
    return parsed ? *parsed : Permission();
}

// Guide roles; a "reviewer" role includes viewer, so viewer changes reach its holders too.
AccessModel sampleModel()
{
    AccessModel model(DefaultRoles::graph());
    model.addRole(u"reviewer"_s);
    model.grant(u"reviewer"_s, perm(u"comment:posts"_s));
    model.include(u"reviewer"_s, u"viewer"_s);
    model.addUser(u"alice"_s, {u"editor"_s});
    model.addUser(u"bob"_s, {u"viewer"_s});
    model.addUser(u"Carol"_s, {u"viewer"_s});
    model.addUser(u"dave"_s, {u"reviewer"_s});
    model.addUser(u"erin"_s, {u"superadmin"_s, u"viewer"_s});
    model.addUser(u"frank"_s, {u"admin"_s});
    return model;
}

} // namespace

class TestAccessChangePreview : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsGainsForHoldersAndIncludersButNotForWildcardHolders()
    {
        const AccessModel model = sampleModel();
        RoleChange change;
        change.role = u"viewer"_s;
        change.grant = {perm(u"write:posts"_s)};
        const auto preview = RoleChangePreview::compute(model, change);
        QVERIFY(preview);
        // alice (editor) and frank (admin) already write; erin holds admin:all.
        QCOMPARE(preview->users().size(), 3);
        QCOMPARE(preview->users().at(0).username, u"bob"_s);
        QCOMPARE(preview->users().at(1).username, u"Carol"_s); // sorted ignoring case
        QCOMPARE(preview->users().at(2).username, u"dave"_s);  // through reviewer -> viewer
        for (const UserPermissionChange& user : preview->users()) {
            QCOMPARE(user.gained, QStringList{u"write:posts"_s});
            QVERIFY(user.lost.isEmpty());
        }
        QCOMPARE(preview->gainCounts().value(u"write:posts"_s), 3);
        QCOMPARE(preview->summary(), u"3 users gain write:posts"_s);
        // The model itself is untouched; the previewed graph is what a save would store.
        QVERIFY(!model.roles().effectivePermissions(u"viewer"_s).contains(perm(u"write:posts"_s)));
        QVERIFY(preview->rolesAfter().effectivePermissions(u"viewer"_s).contains(perm(u"write:posts"_s)));
    }

    void showsLossesAndGainsTogether()
    {
        const AccessModel model = sampleModel();
        RoleChange change;
        change.role = u"admin"_s;
        change.revoke = {perm(u"delete:posts"_s), perm(u"manage:users"_s)};
        change.grant = {perm(u"archive:posts"_s)};
        const auto preview = RoleChangePreview::compute(model, change);
        QVERIFY(preview);
        QCOMPARE(preview->users().size(), 1);
        const UserPermissionChange& frank = preview->users().first();
        QCOMPARE(frank.username, u"frank"_s);
        QCOMPARE(frank.gained, QStringList{u"archive:posts"_s});
        QCOMPARE(frank.lost, (QStringList{u"delete:posts"_s, u"manage:users"_s}));
        QCOMPARE(preview->summary(),
                 u"1 user gains archive:posts; 1 user loses delete:posts; 1 user loses manage:users"_s);
    }

    void includeChangesCountOnlyWhatIsReallyNew()
    {
        const AccessModel model = sampleModel();
        RoleChange change;
        change.role = u"viewer"_s;
        change.include = {u"editor"_s}; // viewer -> editor: viewers gain write:posts
        auto preview = RoleChangePreview::compute(model, change);
        QVERIFY(preview);
        QStringList names;
        for (const UserPermissionChange& user : preview->users())
            names.append(user.username);
        QCOMPARE(names, (QStringList{u"bob"_s, u"Carol"_s, u"dave"_s}));

        RoleChange dropInclude;
        dropInclude.role = u"reviewer"_s;
        dropInclude.removeInclude = {u"viewer"_s};
        preview = RoleChangePreview::compute(model, dropInclude);
        QVERIFY(preview);
        QCOMPARE(preview->users().size(), 1);
        QCOMPARE(preview->users().first().username, u"dave"_s);
        QCOMPARE(preview->users().first().lost, QStringList{u"read:posts"_s});
    }

    void removingARoleShowsItsHoldersLosses()
    {
        const AccessModel model = sampleModel();
        RoleChange change;
        change.role = u"viewer"_s;
        change.removeRole = true;
        const auto preview = RoleChangePreview::compute(model, change);
        QVERIFY(preview);
        QStringList names;
        for (const UserPermissionChange& user : preview->users())
            names.append(user.username);
        // erin keeps everything through admin:all; alice's editor grants read:posts itself.
        QCOMPARE(names, (QStringList{u"bob"_s, u"Carol"_s, u"dave"_s}));
        QVERIFY(!preview->rolesAfter().hasRole(u"viewer"_s));
    }

    void aChangeThatChangesNothingSaysSo()
    {
        const AccessModel model = sampleModel();
        RoleChange change;
        change.role = u"superadmin"_s;
        change.grant = {perm(u"read:posts"_s)};
        const auto preview = RoleChangePreview::compute(model, change);
        QVERIFY(preview);
        QVERIFY(preview->isEmpty());
        QCOMPARE(preview->summary(), u"no user's permissions change"_s);
    }

    void gainingTheWildcardIsShown()
    {
        const AccessModel model = sampleModel();
        RoleChange change;
        change.role = u"editor"_s;
        change.grant = {Permission::wildcard()};
        const auto preview = RoleChangePreview::compute(model, change);
        QVERIFY(preview);
        QCOMPARE(preview->users().size(), 1);
        QCOMPARE(preview->users().first().username, u"alice"_s);
        QCOMPARE(preview->users().first().gained, QStringList{u"admin:all"_s});
    }

    void refusesWhatTheChangeItselfWouldRefuse()
    {
        const AccessModel model = sampleModel();
        RoleChange cycle;
        cycle.role = u"viewer"_s;
        cycle.include = {u"reviewer"_s};
        const auto refused = RoleChangePreview::compute(model, cycle);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(u"viewer -> reviewer -> viewer"_s),
                 qPrintable(refused.error().message));

        RoleChange unknown;
        unknown.role = u"ghost"_s;
        QCOMPARE(RoleChangePreview::compute(model, unknown).error().kind, ErrorKind::NotFound);

        RoleChange notHeld;
        notHeld.role = u"viewer"_s;
        notHeld.revoke = {perm(u"delete:posts"_s)};
        QCOMPARE(RoleChangePreview::compute(model, notHeld).error().kind, ErrorKind::NotFound);
    }

    void changeBetweenTwoDefinitions()
    {
        const RoleDefinition before{
            u"editor"_s, {}, {perm(u"read:posts"_s), perm(u"write:posts"_s)}, {u"viewer"_s}};
        const RoleDefinition after{
            u"editor"_s, {}, {perm(u"write:posts"_s), perm(u"publish:posts"_s)}, {u"reviewer"_s}};
        const RoleChange change = RoleChange::between(before, after);
        QCOMPARE(change.role, u"editor"_s);
        QCOMPARE(change.grant, QList<Permission>{perm(u"publish:posts"_s)});
        QCOMPARE(change.revoke, QList<Permission>{perm(u"read:posts"_s)});
        QCOMPARE(change.include, QStringList{u"reviewer"_s});
        QCOMPARE(change.removeInclude, QStringList{u"viewer"_s});
    }
};

QTEST_GUILESS_MAIN(TestAccessChangePreview)
#include "TestAccessChangePreview.moc"
