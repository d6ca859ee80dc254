#include "access/Permission.h"

#include <QTest>

using namespace tessera;
using namespace Qt::StringLiterals;

class TestAccessPermission : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptsWellFormedPermissions_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("resource");
        QTest::newRow("guide example") << u"read:posts"_s << u"read"_s << u"posts"_s;
        QTest::newRow("wildcard") << u"admin:all"_s << u"admin"_s << u"all"_s;
        QTest::newRow("underscore and dash")
            << u"bulk_edit:user-groups"_s << u"bulk_edit"_s << u"user-groups"_s;
        QTest::newRow("digits") << u"v2:api3"_s << u"v2"_s << u"api3"_s;
        QTest::newRow("single characters") << u"a:b"_s << u"a"_s << u"b"_s;
        QTest::newRow("longest") << QString(64, u'a') + u':' + QString(63, u'b') << QString(64, u'a')
                                 << QString(63, u'b');
    }

    void acceptsWellFormedPermissions()
    {
        QFETCH(QString, text);
        QFETCH(QString, action);
        QFETCH(QString, resource);
        const auto permission = Permission::parse(text);
        QVERIFY2(permission, qPrintable(permission ? QString() : permission.error().message));
        QCOMPARE(permission->toString(), text);
        QCOMPARE(permission->action(), action);
        QCOMPARE(permission->resource(), resource);
        QVERIFY(!permission->isNull());
    }

    void refusesMalformedPermissionsNamingTheProblem_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("upper case") << u"Read:Posts"_s << u"permission 'Read:Posts' must be lower-case"_s;
        QTest::newRow("upper case resource")
            << u"read:POSTS"_s << u"permission 'read:POSTS' must be lower-case"_s;
        QTest::newRow("empty") << QString() << u"permission must not be empty"_s;
        QTest::newRow("no colon") << u"readposts"_s << u"permission 'readposts' has no colon"_s;
        QTest::newRow("two colons") << u"read:posts:42"_s
                                    << u"permission 'read:posts:42' must have exactly one colon (found 2)"_s;
        QTest::newRow("only a colon") << u":"_s << u"permission ':' has an empty action"_s;
        QTest::newRow("empty action") << u":posts"_s << u"permission ':posts' has an empty action"_s;
        QTest::newRow("empty resource") << u"read:"_s << u"permission 'read:' has an empty resource"_s;
        QTest::newRow("space") << u"read:my posts"_s
                               << u"permission 'read:my posts' contains a space at position 8"_s;
        QTest::newRow("leading space") << u" read:posts"_s << u"contains a space at position 1"_s;
        QTest::newRow("trailing newline") << u"read:posts\n"_s << u"contains \\u000a at position 11"_s;
        QTest::newRow("star") << u"read:*"_s << u"permission 'read:*' contains '*' at position 6"_s;
        QTest::newRow("dot") << u"read:posts.all"_s << u"contains '.'"_s;
        QTest::newRow("accented") << u"lire:média"_s << u"contains 'é'"_s;
        QTest::newRow("percent is not an arg marker")
            << u"a%2:b:c"_s << u"permission 'a%2:b:c' must have exactly one colon"_s;
        QTest::newRow("too long") << QString(100, u'a') + u':' + QString(100, u'b')
                                  << u"permission is longer than 128 characters"_s;
    }

    void refusesMalformedPermissionsNamingTheProblem()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        const auto permission = Permission::parse(text);
        QVERIFY(!permission);
        QCOMPARE(permission.error().kind, ErrorKind::Input);
        QVERIFY2(permission.error().message.contains(message), qPrintable(permission.error().message));
    }

    void wildcardCoversEverything()
    {
        const Permission wildcard = Permission::wildcard();
        QVERIFY(wildcard.isWildcard());
        QCOMPARE(wildcard.toString(), u"admin:all"_s);
        QCOMPARE(*Permission::parse(u"admin:all"_s), wildcard);
        QVERIFY(Permission::parse(u"admin:all"_s)->isWildcard());
        const Permission read = *Permission::parse(u"read:posts"_s);
        QVERIFY(wildcard.covers(read));
        QVERIFY(read.covers(read));
        QVERIFY(!read.covers(*Permission::parse(u"write:posts"_s)));
        QVERIFY(!read.covers(wildcard));
        QVERIFY(!Permission::parse(u"admin:users"_s)->isWildcard());
    }

    void nullPermissionIsNotValid()
    {
        const Permission none;
        QVERIFY(none.isNull());
        QVERIFY(!none.isWildcard());
    }

    void hashesAndOrdersByText()
    {
        QSet<Permission> set{*Permission::parse(u"read:posts"_s), *Permission::parse(u"read:posts"_s),
                             *Permission::parse(u"write:posts"_s)};
        QCOMPARE(set.size(), 2);
        QVERIFY(*Permission::parse(u"read:posts"_s) < *Permission::parse(u"write:posts"_s));
    }
};

QTEST_GUILESS_MAIN(TestAccessPermission)
#include "TestAccessPermission.moc"
