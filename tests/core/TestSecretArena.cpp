// SecretArena: many small secrets in one guarded block that grows by copying.
#include "crypto/CryptoRuntime.h"
#include "crypto/SecretArena.h"

#include <QTest>
#include <vector>

using namespace tessera;

class TestSecretArena : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(CryptoRuntime::initialise()); }

    void appendAndViewRoundTrip()
    {
        SecretArena arena;
        QCOMPARE(arena.size(), 0);
        const SecretArena::Slice a = arena.append("hunter2");
        const SecretArena::Slice b = arena.append("p\xc3\xa4ssw\xc3\xb6rd");
        QVERIFY(!a.isNull());
        QVERIFY(!b.isNull());
        QCOMPARE(a.offset, 0);
        QCOMPARE(a.length, 7);
        QCOMPARE(b.offset, 7);
        QCOMPARE(arena.view(a), QByteArrayView("hunter2"));
        QCOMPARE(arena.view(b), QByteArrayView("p\xc3\xa4ssw\xc3\xb6rd"));
        QCOMPARE(arena.size(), a.length + b.length);
    }

    void growthKeepsEarlierSlices()
    {
        SecretArena arena;
        std::vector<SecretArena::Slice> slices;
        std::vector<QByteArray> expected;
        // Far past the first block, so the arena doubles many times; a long one forces a jump.
        for (int i = 0; i < 5000; ++i) {
            QByteArray secret = "secret-" + QByteArray::number(i) + QByteArray(i % 37, 'x');
            if (i == 2500) {
                secret = QByteArray(100000, 'L');
            }
            slices.push_back(arena.append(secret));
            expected.push_back(secret);
        }
        for (std::size_t i = 0; i < slices.size(); ++i) {
            QCOMPARE(arena.view(slices[i]), QByteArrayView(expected[i]));
        }
    }

    void nullAndEmptySlices()
    {
        SecretArena arena;
        const SecretArena::Slice null;
        QVERIFY(null.isNull());
        QVERIFY(arena.view(null).isEmpty());
        QVERIFY(arena.copy(null).isEmpty());

        arena.append("abc");
        const SecretArena::Slice empty = arena.append(QByteArrayView());
        QVERIFY(!empty.isNull()); // an empty secret is still a secret that was given
        QCOMPARE(empty.length, 0);
        QVERIFY(arena.view(empty).isEmpty());
        QVERIFY(arena.view(null).isEmpty());
    }

    void outOfRangeSlicesReadNothing()
    {
        SecretArena arena;
        arena.append("abc");
        QVERIFY(arena.view(SecretArena::Slice{2, 5}).isEmpty());
        QVERIFY(arena.view(SecretArena::Slice{100, 1}).isEmpty());
        QVERIFY(arena.view(SecretArena::Slice{0, -1}).isEmpty());
        QCOMPARE(arena.view(SecretArena::Slice{1, 2}), QByteArrayView("bc"));
    }

    void copyIsIndependent()
    {
        SecretArena arena;
        const SecretArena::Slice first = arena.append("first");
        const SecretArena::Slice second = arena.append("second");
        SecretBuffer copy = arena.copy(second);
        QCOMPARE(copy.view(), QByteArrayView("second"));
        QVERIFY(copy.equals(SecretBuffer::fromBytes("second")));
        arena.wipe();
        QCOMPARE(copy.view(), QByteArrayView("second"));
        QVERIFY(arena.view(first).isEmpty());
        QCOMPARE(arena.size(), 0);
    }

    void wipeThenReuse()
    {
        SecretArena arena;
        arena.append("old secret");
        arena.wipe();
        const SecretArena::Slice fresh = arena.append("new");
        QCOMPARE(fresh.offset, 0);
        QCOMPARE(arena.view(fresh), QByteArrayView("new"));
    }

    void moveLeavesTheSourceEmpty()
    {
        SecretArena source;
        const SecretArena::Slice slice = source.append("moved");
        SecretArena target = std::move(source);
        QCOMPARE(target.view(slice), QByteArrayView("moved"));
        QCOMPARE(source.size(), 0); // NOLINT(bugprone-use-after-move): moved-from must be empty
        QVERIFY(source.view(slice).isEmpty());
        const SecretArena::Slice again = source.append("reused");
        QCOMPARE(source.view(again), QByteArrayView("reused"));

        SecretArena assigned;
        assigned.append("to be replaced");
        assigned = std::move(target);
        QCOMPARE(assigned.view(slice), QByteArrayView("moved"));
        QCOMPARE(target.size(), 0); // NOLINT(bugprone-use-after-move)
    }
};

QTEST_GUILESS_MAIN(TestSecretArena)
#include "TestSecretArena.moc"
