#include "common/Clock.h"
#include "users/UsersFilterProxyModel.h"
#include "users/UsersTableModel.h"

#include <QIcon>
#include <QSignalSpy>
#include <QTest>

using namespace tessera;
using namespace tessera::ui;

namespace {

constexpr qint64 kNow = 1'700'000'000'000; // 2023-11-14
constexpr qint64 kMinute = 60'000;
constexpr qint64 kDay = 24 * 60 * kMinute;

UserSummary summary(qint64 id, const QString& username, const QString& roles = {})
{
    UserSummary user;
    user.id = id;
    user.username = username;
    user.displayName = QStringLiteral("Person %1").arg(id);
    user.email = username + QStringLiteral("@example.com");
    user.roles = roles;
    user.hasPassword = true;
    return user;
}

// user0 .. user99999: every third an admin, every tenth disabled, every hundredth locked.
QList<UserSummary> generated(int count)
{
    static const QString roles[] = {QStringLiteral("admin, viewer"), QStringLiteral("editor"),
                                    QStringLiteral("viewer")};
    QList<UserSummary> users;
    users.reserve(count);
    for (int i = 0; i < count; ++i) {
        UserSummary user = summary(i + 1, QStringLiteral("user%1").arg(i), roles[i % 3]);
        user.disabled = i % 10 == 0;
        user.lockedUntilMs = i % 100 == 1 ? kNow + 5 * kMinute : 0;
        user.lastLoginMs = i % 7 == 0 ? 0 : kNow - i * kMinute;
        users.append(user);
    }
    return users;
}

} // namespace

class TestUsersTableModel : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock{kNow};

    QStringList column(const QAbstractItemModel& model, int column)
    {
        QStringList values;
        for (int row = 0; row < model.rowCount(); ++row) {
            values.append(model.index(row, column).data().toString());
        }
        return values;
    }

private Q_SLOTS:
    void mfaColumnShowsStatesSortsAndFilters()
    {
        UsersTableModel model;
        model.setClock(&m_clock);
        model.setUsers({summary(1, QStringLiteral("ann")), summary(2, QStringLiteral("ben")),
                        summary(3, QStringLiteral("cat")), summary(4, QStringLiteral("dan")),
                        summary(5, QStringLiteral("eve"))});
        QCOMPARE(model.headerData(UsersTableModel::MfaColumn, Qt::Horizontal).toString(),
                 QStringLiteral("MFA"));
        // Blank until the statuses are loaded, so nobody reads "Off" for a user who is not.
        QCOMPARE(model.index(0, UsersTableModel::MfaColumn).data().toString(), QString());

        MfaStatus active;
        active.state = MfaState::Active;
        active.backupCodesTotal = 10;
        active.backupCodesRemaining = 9;
        MfaStatus low = active;
        low.backupCodesRemaining = 2;
        MfaStatus pending;
        pending.state = MfaState::Pending;
        MfaStatus missing;
        missing.required = true;
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setMfaStatuses({{1, active}, {2, low}, {3, pending}, {4, missing}}); // eve: no entry
        QCOMPARE(changed.count(), 1);
        QCOMPARE(column(model, UsersTableModel::MfaColumn),
                 (QStringList{QStringLiteral("Active"), QStringLiteral("Active · 2 codes left"),
                              QStringLiteral("Pending"), QStringLiteral("Required"), QStringLiteral("Off")}));
        // Attention is marked: an icon and a colour for few codes and for a required factor missing.
        for (int row : {1, 3}) {
            QVERIFY(!model.index(row, UsersTableModel::MfaColumn)
                         .data(Qt::DecorationRole)
                         .value<QIcon>()
                         .isNull());
            QVERIFY(model.index(row, UsersTableModel::MfaColumn).data(Qt::ForegroundRole).isValid());
        }
        QVERIFY(model.index(0, UsersTableModel::MfaColumn).data(Qt::DecorationRole).isNull());
        QVERIFY(model.index(1, UsersTableModel::MfaColumn).data(Qt::ForegroundRole) !=
                model.index(3, UsersTableModel::MfaColumn).data(Qt::ForegroundRole));

        UsersFilterProxyModel proxy;
        proxy.setUsersModel(&model);
        proxy.sort(UsersTableModel::MfaColumn, Qt::AscendingOrder);
        QCOMPARE(column(proxy, UsersTableModel::UsernameColumn),
                 (QStringList{QStringLiteral("dan"), QStringLiteral("ben"), QStringLiteral("eve"),
                              QStringLiteral("cat"), QStringLiteral("ann")}));
        proxy.setStatus(UsersTableModel::Status::MfaMissing);
        QCOMPARE(column(proxy, UsersTableModel::UsernameColumn), QStringList{QStringLiteral("dan")});
        proxy.setStatus(UsersTableModel::Status::MfaActive);
        QCOMPARE(column(proxy, UsersTableModel::UsernameColumn),
                 (QStringList{QStringLiteral("ben"), QStringLiteral("ann")}));

        // One user's change (the editor's) re-sorts and re-filters.
        MfaStatus reset;
        model.setMfaStatus(1, reset);
        QCOMPARE(column(proxy, UsersTableModel::UsernameColumn), QStringList{QStringLiteral("ben")});
        proxy.setStatus(std::nullopt);
        QCOMPARE(column(proxy, UsersTableModel::UsernameColumn).last(), QStringLiteral("cat"));
        model.clear();
        QVERIFY(!model.hasMfaStatuses());
    }

    void showsEveryColumn()
    {
        UsersTableModel model;
        model.setClock(&m_clock);
        UserSummary locked = summary(1, QStringLiteral("Zoe"), QStringLiteral("viewer,admin"));
        locked.lockedUntilMs = QDateTime(QDate(2023, 11, 14), QTime(23, 59)).toMSecsSinceEpoch();
        m_clock.setMs(QDateTime(QDate(2023, 11, 14), QTime(22, 0)).toMSecsSinceEpoch());
        locked.lastLoginMs = m_clock.nowMs() - 3 * 60 * kMinute;
        UserSummary off = summary(2, QStringLiteral("adam"));
        off.disabled = true;
        model.setUsers({locked, off});

        QCOMPARE(model.columnCount(), 7);
        QCOMPARE(model.headerData(UsersTableModel::LastSignInColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Last sign-in"));
        // prepare() orders rows by username ignoring case.
        QCOMPARE(model.index(0, UsersTableModel::UsernameColumn).data().toString(), QStringLiteral("adam"));
        QCOMPARE(model.index(1, UsersTableModel::RolesColumn).data().toString(),
                 QStringLiteral("admin, viewer"));
        QCOMPARE(model.index(1, UsersTableModel::StatusColumn).data().toString(),
                 QStringLiteral("Locked until 23:59"));
        QCOMPARE(model.index(0, UsersTableModel::StatusColumn).data().toString(), QStringLiteral("Disabled"));
        QCOMPARE(model.index(1, UsersTableModel::LastSignInColumn).data().toString(),
                 QStringLiteral("3 hours ago"));
        QCOMPARE(model.index(1, UsersTableModel::LastSignInColumn).data(Qt::ToolTipRole).toString(),
                 UsersTableModel::absoluteTime(locked.lastLoginMs));
        QCOMPARE(model.index(0, UsersTableModel::LastSignInColumn).data().toString(),
                 QStringLiteral("Never"));
        m_clock.setMs(kNow);
    }

    void relativeTimesReadNaturally()
    {
        QCOMPARE(UsersTableModel::relativeTime(0, kNow), QStringLiteral("Never"));
        QCOMPARE(UsersTableModel::relativeTime(kNow - 5000, kNow), QStringLiteral("Just now"));
        QCOMPARE(UsersTableModel::relativeTime(kNow - kMinute, kNow), QStringLiteral("1 minute ago"));
        QCOMPARE(UsersTableModel::relativeTime(kNow - 59 * kMinute, kNow), QStringLiteral("59 minutes ago"));
        QCOMPARE(UsersTableModel::relativeTime(kNow - 60 * kMinute, kNow), QStringLiteral("1 hour ago"));
        QCOMPARE(UsersTableModel::relativeTime(kNow - kDay - kMinute, kNow), QStringLiteral("Yesterday"));
        QCOMPARE(UsersTableModel::relativeTime(kNow - 6 * kDay, kNow), QStringLiteral("6 days ago"));
        QCOMPARE(UsersTableModel::relativeTime(kNow - 65 * kDay, kNow), QStringLiteral("2 months ago"));
        QCOMPARE(UsersTableModel::relativeTime(kNow - 800 * kDay, kNow), QStringLiteral("2 years ago"));
    }

    void filtersAHundredThousandRows()
    {
        UsersTableModel model;
        model.setClock(&m_clock);
        model.setUsers(generated(100000));
        UsersFilterProxyModel proxy;
        proxy.setUsersModel(&model);
        proxy.sort(UsersTableModel::UsernameColumn);
        QCOMPARE(proxy.rowCount(), 100000);

        // user1234 and user12340..user12349, in the username and the email alike.
        proxy.setText(QStringLiteral("user1234"));
        QCOMPARE(proxy.rowCount(), 11);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("user1234"));
        QCOMPARE(proxy.index(10, 0).data().toString(), QStringLiteral("user12349"));
        proxy.setText(QStringLiteral("USER1234"));
        QCOMPARE(proxy.rowCount(), 11);
        // All words must match: user1234 (i % 3 == 1: editor) and user12340..12349 by their own i.
        proxy.setText(QStringLiteral("user1234 ADMIN"));
        int admins = 0;
        for (int i : {1234, 12340, 12341, 12342, 12343, 12344, 12345, 12346, 12347, 12348, 12349}) {
            admins += i % 3 == 0 ? 1 : 0;
        }
        QCOMPARE(proxy.rowCount(), admins);
        proxy.setText(QStringLiteral("  user1234   "));
        QCOMPARE(proxy.rowCount(), 11);

        // Substrings anywhere: "99999@" is in one email only.
        proxy.setText(QStringLiteral("99999@"));
        QCOMPARE(proxy.rowCount(), 1);
        // Words may match in different fields: every user has the domain, a third are editors.
        proxy.setText(QStringLiteral("example.com editor"));
        QCOMPARE(proxy.rowCount(), 33333);

        proxy.setText(QString());
        proxy.setStatus(UsersTableModel::Status::Disabled);
        QCOMPARE(proxy.rowCount(), 10000);
        proxy.setStatus(UsersTableModel::Status::Locked);
        QCOMPARE(proxy.rowCount(), 1000);
        proxy.setStatus(UsersTableModel::Status::Active);
        QCOMPARE(proxy.rowCount(), 100000 - 10000 - 1000); // i % 100 == 1 is never i % 10 == 0
        proxy.setText(QStringLiteral("user9999"));
        proxy.setStatus(std::nullopt);
        QCOMPARE(proxy.rowCount(), 11);
    }

    void foldsTextBeyondAscii()
    {
        UsersTableModel model;
        model.setClock(&m_clock);
        UserSummary jurgen = summary(1, QStringLiteral("jürgen"), QStringLiteral("Prüfer"));
        jurgen.displayName = QStringLiteral("Jürgen Groß");
        UserSummary ada = summary(2, QStringLiteral("ada"));
        ada.displayName = QStringLiteral("ΑΔΑ Λαμπράκη"); // Greek capitals
        UserSummary zoe = summary(3, QStringLiteral("Zoë"));
        model.setUsers({jurgen, ada, zoe});
        UsersFilterProxyModel proxy;
        proxy.setUsersModel(&model);
        proxy.sort(UsersTableModel::UsernameColumn);
        QCOMPARE(column(proxy, 0),
                 (QStringList{QStringLiteral("ada"), QStringLiteral("jürgen"), QStringLiteral("Zoë")}));

        proxy.setText(QStringLiteral("JÜRGEN"));
        QCOMPARE(column(proxy, 0), QStringList{QStringLiteral("jürgen")});
        proxy.setText(QStringLiteral("prüfer groß"));
        QCOMPARE(column(proxy, 0), QStringList{QStringLiteral("jürgen")});
        proxy.setText(QStringLiteral("αδα"));
        QCOMPARE(column(proxy, 0), QStringList{QStringLiteral("ada")});
        proxy.setText(QStringLiteral("zOË"));
        QCOMPARE(column(proxy, 0), QStringList{QStringLiteral("Zoë")});
        QCOMPARE(model.rowOfUsername(QStringLiteral("ZOË")), 2);
        // A field's end is found again after folding, so the next field still matches on its own.
        proxy.setText(QStringLiteral("zoë@example.com"));
        QCOMPARE(proxy.rowCount(), 1);
    }

    void sortsEveryColumn()
    {
        UsersTableModel model;
        model.setClock(&m_clock);
        QList<UserSummary> users{summary(1, QStringLiteral("bob"), QStringLiteral("viewer")),
                                 summary(2, QStringLiteral("Alice"), QStringLiteral("admin")),
                                 summary(3, QStringLiteral("carl"))};
        users[0].lastLoginMs = kNow - kDay;
        users[1].lastLoginMs = kNow - kMinute;
        users[2].disabled = true;
        users[1].displayName = QStringLiteral("zed");
        users[0].displayName = QStringLiteral("Yan");
        users[2].displayName = QString();
        model.setUsers(users);
        UsersFilterProxyModel proxy;
        proxy.setUsersModel(&model);

        proxy.sort(UsersTableModel::UsernameColumn, Qt::AscendingOrder);
        QCOMPARE(column(proxy, 0), (QStringList{QStringLiteral("Alice"), QStringLiteral("bob"),
                                                QStringLiteral("carl")})); // ignoring case
        proxy.sort(UsersTableModel::UsernameColumn, Qt::DescendingOrder);
        QCOMPARE(column(proxy, 0),
                 (QStringList{QStringLiteral("carl"), QStringLiteral("bob"), QStringLiteral("Alice")}));
        proxy.sort(UsersTableModel::NameColumn, Qt::AscendingOrder);
        QCOMPARE(column(proxy, 0), (QStringList{QStringLiteral("bob"), QStringLiteral("Alice"),
                                                QStringLiteral("carl")})); // blank names last
        proxy.sort(UsersTableModel::RolesColumn, Qt::AscendingOrder);
        QCOMPARE(column(proxy, 0),
                 (QStringList{QStringLiteral("Alice"), QStringLiteral("bob"), QStringLiteral("carl")}));
        proxy.sort(UsersTableModel::StatusColumn, Qt::DescendingOrder);
        QCOMPARE(column(proxy, 0).first(), QStringLiteral("carl"));
        proxy.sort(UsersTableModel::LastSignInColumn, Qt::DescendingOrder);
        QCOMPARE(column(proxy, 0), (QStringList{QStringLiteral("Alice"), QStringLiteral("bob"),
                                                QStringLiteral("carl")})); // by time, never last

        // An edit re-sorts the changed row; the cached rank of the edited column is dropped.
        proxy.sort(UsersTableModel::NameColumn, Qt::AscendingOrder);
        UserSummary renamed = users[2];
        renamed.displayName = QStringLiteral("Aaron");
        model.updateRow(renamed);
        QCOMPARE(column(proxy, 0),
                 (QStringList{QStringLiteral("carl"), QStringLiteral("bob"), QStringLiteral("Alice")}));
    }

    void updatesAndRemovesRowsInPlace()
    {
        // Usernames only, so the filter below sees nothing else.
        auto bare = [](qint64 id, const QString& username) {
            UserSummary user = summary(id, username);
            user.displayName.clear();
            user.email.clear();
            return user;
        };
        UsersTableModel model;
        model.setClock(&m_clock);
        model.setUsers({bare(1, QStringLiteral("alice")), bare(2, QStringLiteral("bob")),
                        bare(3, QStringLiteral("carol"))});
        UsersFilterProxyModel proxy;
        proxy.setUsersModel(&model);
        proxy.sort(0);
        proxy.setText(QStringLiteral("o"));
        QCOMPARE(column(proxy, 0), (QStringList{QStringLiteral("bob"), QStringLiteral("carol")}));

        // A rename keeps the row (matched by id); the filter applies to the new name.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.updateRow(bare(2, QStringLiteral("robert")));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.rowOfUsername(QStringLiteral("ROBERT")), 1);
        QCOMPARE(model.rowOfUsername(QStringLiteral("bob")), -1);
        QCOMPARE(column(proxy, 0), (QStringList{QStringLiteral("carol"), QStringLiteral("robert")}));

        // An unknown id is a new user.
        model.updateRow(bare(9, QStringLiteral("otto")));
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(column(proxy, 0),
                 (QStringList{QStringLiteral("carol"), QStringLiteral("otto"), QStringLiteral("robert")}));

        model.removeUsers({QStringLiteral("CAROL"), QStringLiteral("alice"), QStringLiteral("nobody")});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(column(proxy, 0), (QStringList{QStringLiteral("otto"), QStringLiteral("robert")}));
        QCOMPARE(model.rowOfId(9), model.rowOfUsername(QStringLiteral("otto")));

        model.clear();
        QCOMPARE(proxy.rowCount(), 0);
    }
};

QTEST_MAIN(TestUsersTableModel)
#include "TestUsersTableModel.moc"
