#include "TestVault.h"

#include "crypto/CryptoRuntime.h"
#include "vault/Migrations.h"
#include "vault/Statement.h"
#include "vault/Transaction.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace tessera;
using namespace tessera::test;

class TestVault : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }
    static QString helper() { return qEnvironmentVariable("TESSERA_TEST_HELPER"); }

    // Runs the helper to completion and returns (exit code, stdout).
    static std::pair<int, QByteArray> runHelper(const QStringList& args)
    {
        QProcess process;
        process.start(helper(), args);
        process.waitForFinished(60000);
        return {process.exitCode(), process.readAllStandardOutput()};
    }

    static ErrorKind openKind(const QString& file, const char* pw = kPassword,
                              Vault::Access access = Vault::Access::ReadWrite)
    {
        auto vault = Vault::open(file, password(pw), actor(), access);
        return vault ? ErrorKind::Internal : vault.error().kind;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(CryptoRuntime::initialise());
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo(helper()).isExecutable(), "TESSERA_TEST_HELPER must point at tessera-test-helper");
    }

    void createThenReopenKeepsData()
    {
        const QString file = path(QStringLiteral("roundtrip.tessera"));
        {
            auto vault = createVault(file);
            QVERIFY(vault);
            QVERIFY(vault->setSetting(QStringLiteral("session.idle_minutes"), QStringLiteral("7")).has_value());
        }
        auto vault = openVault(file);
        QVERIFY(vault);
        QCOMPARE(*vault->setting(QStringLiteral("session.idle_minutes")), QStringLiteral("7"));
        auto info = vault->info();
        QVERIFY(info);
        QCOMPARE(info->schemaVersion, Migrations::latestVersion());
        QCOMPARE(info->formatVersion, 1);
        QCOMPARE(info->kdf, KdfParams::insecureTestParams());
        QCOMPARE(info->auditEntries, qint64{2}); // vault.create + settings.change
        QVERIFY(!info->vaultId.isEmpty());
        QVERIFY(info->createdAtMs > 0);
    }

    void headerCarriesKdfParametersAndMagic()
    {
        const QString file = path(QStringLiteral("header.tessera"));
        QVERIFY(Vault::create(file, password(), KdfParams{2, 14}, actor()).has_value());
        const QByteArray bytes = readAll(file);
        QCOMPARE(bytes.left(3), QByteArray("TSV"));
        QCOMPARE(int(bytes.at(3)), 1);
        QCOMPARE(int(bytes.at(4)), 2);
        QCOMPARE(int(bytes.at(5)), 14);
        // Nothing readable after the header: the database itself is encrypted.
        QVERIFY(!bytes.contains("SQLite format 3"));
        QVERIFY(!bytes.contains("audit_log"));
    }

    void createRefusesExistingFileAndMissingFolder()
    {
        const QString file = path(QStringLiteral("exists.tessera"));
        writeAll(file, "precious");
        auto clash = Vault::create(file, password(), KdfParams::insecureTestParams(), actor());
        QVERIFY(!clash);
        QCOMPARE(clash.error().kind, ErrorKind::Conflict);
        QCOMPARE(readAll(file), QByteArray("precious"));

        auto missing = Vault::create(path(QStringLiteral("no/such/folder/v.tessera")), password(),
                                     KdfParams::insecureTestParams(), actor());
        QVERIFY(!missing);
        QCOMPARE(missing.error().kind, ErrorKind::Io);
        QVERIFY2(missing.error().message.contains(QStringLiteral("does not exist")), qPrintable(missing.error().message));
    }

    void wrongPasswordLeavesFileByteIdentical()
    {
        const QString file = path(QStringLiteral("wrongpw.tessera"));
        QVERIFY(createVault(file));
        const QByteArray before = readAll(file);
        auto vault = Vault::open(file, password("not the password"), actor());
        QVERIFY(!vault);
        QCOMPARE(vault.error().kind, ErrorKind::WrongPassword);
        QCOMPARE(exitCodeFor(vault.error().kind), 3);
        QVERIFY(vault.error().message.contains(QStringLiteral("wrong master password")));
        QCOMPARE(readAll(file), before);
        QVERIFY(!QFile::exists(file + QStringLiteral("-journal")));
    }

    void foreignFilesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("kind");
        QTest::newRow("empty") << QByteArray() << int(ErrorKind::NotAVault);
        QTest::newRow("text") << QByteArray("hello, I am a text file\n").repeated(100) << int(ErrorKind::NotAVault);
        QTest::newRow("plain sqlite") << QByteArray("SQLite format 3\0", 16) + QByteArray(4080, '\0')
                                      << int(ErrorKind::NotAVault);
        QTest::newRow("newer format") << QByteArray("TSV\x09\x01\x0d", 6) + QByteArray(1018, 'x')
                                      << int(ErrorKind::NewerFormat);
    }

    void foreignFilesAreRefused()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, kind);
        const QString file = path(QStringLiteral("foreign-%1").arg(QString::fromLatin1(QTest::currentDataTag())));
        writeAll(file, content);
        QCOMPARE(int(openKind(file)), kind);
        QCOMPARE(readAll(file), content);
    }

    void truncatedVaultIsRefusedUntouched()
    {
        const QString file = path(QStringLiteral("truncated.tessera"));
        QVERIFY(createVault(file));
        QByteArray bytes = readAll(file);
        for (qsizetype cut : {qsizetype(10), qsizetype(700), bytes.size() - 100, bytes.size() - 1024}) {
            const QByteArray shorter = bytes.left(cut);
            writeAll(file, shorter);
            const ErrorKind kind = openKind(file);
            QVERIFY2(kind == ErrorKind::Corrupt || kind == ErrorKind::NotAVault, qPrintable(QString::number(cut)));
            QCOMPARE(readAll(file), shorter);
        }
    }

    void flippedBytesAreDetectedAndNeverWritten()
    {
        const QString file = path(QStringLiteral("flipped.tessera"));
        {
            auto vault = createVault(file);
            QVERIFY(vault);
            for (int i = 0; i < 200; ++i) { // enough entries to span several pages
                QVERIFY(vault->audit().append(QStringLiteral("test.fill"), QString::number(i),
                                              QString(200, QLatin1Char('z'))).has_value());
            }
        }
        const QByteArray original = readAll(file);
        QVERIFY(original.size() > 8 * 1024);

        // A flipped byte on the first page: refused at unlock.
        QByteArray damaged = original;
        damaged[100] = char(damaged[100] ^ 0x40);
        writeAll(file, damaged);
        QCOMPARE(openKind(file), ErrorKind::WrongPassword);
        QCOMPARE(readAll(file), damaged);

        // A flipped byte deep inside: the vault opens, the check names the damage, nothing is written.
        damaged = original;
        const qsizetype where = original.size() - 1024 - 300;
        damaged[where] = char(damaged[where] ^ 0x01);
        writeAll(file, damaged);
        auto vault = Vault::open(file, password(), actor(), Vault::Access::ReadOnly);
        QVERIFY(vault);
        auto report = (*vault)->check();
        QVERIFY(report);
        QVERIFY(!report->ok());
        QVERIFY(!report->integrityProblems.isEmpty());
        vault->reset();
        QCOMPARE(readAll(file), damaged);
    }

    void newerSchemaIsRefused()
    {
        const QString file = path(QStringLiteral("newer-schema.tessera"));
        {
            auto vault = createVault(file);
            QVERIFY(vault);
            const QByteArray bump = "PRAGMA user_version = " + QByteArray::number(Migrations::latestVersion() + 1);
            QVERIFY(vault->database().exec(bump.constData()).has_value());
        }
        auto vault = Vault::open(file, password(), actor());
        QVERIFY(!vault);
        QCOMPARE(vault.error().kind, ErrorKind::NewerFormat);
        QVERIFY(vault.error().message.contains(QStringLiteral("newer Tessera")));
    }

    void secondOpenInSameProcessIsInUse()
    {
        const QString file = path(QStringLiteral("inuse.tessera"));
        auto first = createVault(file);
        QVERIFY(first);
        QCOMPARE(openKind(file), ErrorKind::InUse);
        QCOMPARE(openKind(file, kPassword, Vault::Access::ReadOnly), ErrorKind::InUse);
        first.reset();
        QVERIFY(openVault(file));
    }

    void vaultHeldByAnotherProcessIsInUse()
    {
        const QString file = path(QStringLiteral("held.tessera"));
        QVERIFY(createVault(file));
        QProcess holder;
        holder.start(helper(), {QStringLiteral("hold"), file, QString::fromLatin1(kPassword)});
        QVERIFY(holder.waitForStarted());
        QByteArray seen;
        QTRY_VERIFY_WITH_TIMEOUT((seen += holder.readAllStandardOutput()).contains("held") ||
                                     holder.state() == QProcess::NotRunning, 30000);
        QCOMPARE(holder.state(), QProcess::Running);
        auto vault = Vault::open(file, password(), actor());
        QVERIFY(!vault);
        QCOMPARE(vault.error().kind, ErrorKind::InUse);
        QVERIFY(vault.error().message.contains(QStringLiteral("in use")));
        holder.write("\n");
        holder.closeWriteChannel();
        QVERIFY(holder.waitForFinished(30000));
        QVERIFY(openVault(file));
    }

    void readOnlyFileIsRefusedForWritingButReadable()
    {
        const QString file = path(QStringLiteral("readonly.tessera"));
        QVERIFY(createVault(file));
        QVERIFY(QFile::setPermissions(file, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
        QFile::setPermissions(m_dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther |
                                                QFile::ExeOther | QFile::ReadGroup | QFile::ExeGroup);
        const QByteArray before = readAll(file);
        // Root ignores file modes, so the helper drops to an unprivileged user first.
        auto [code, out] = runHelper({QStringLiteral("open-unprivileged"), file, QString::fromLatin1(kPassword)});
        QVERIFY2(out.contains("error read-only"), out.constData());
        QCOMPARE(code, 3);
        QCOMPARE(readAll(file), before);
        auto vault = Vault::open(file, password(), actor(), Vault::Access::ReadOnly);
        QVERIFY(vault);
        auto changed = (*vault)->setSetting(QStringLiteral("a"), QStringLiteral("b"));
        QVERIFY(!changed);
        QCOMPARE(changed.error().kind, ErrorKind::ReadOnly);
        QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner);
    }

    void fullDiskLosesNothing()
    {
        const QString file = path(QStringLiteral("full.tessera"));
        QVERIFY(createVault(file));
        QCOMPARE(QFileInfo(file).permissions() & (QFile::ReadOther | QFile::ReadGroup), QFile::Permissions());
        const qint64 size = QFileInfo(file).size();
        auto [code, out] = runHelper({QStringLiteral("fill-disk"), file, QString::fromLatin1(kPassword),
                                      QString::number(size + 64 * 1024)});
        QVERIFY2(out.startsWith("error io:"), out.constData());
        QCOMPARE(code, 3);
        auto vault = openVault(file);
        QVERIFY(vault);
        QCOMPARE(*vault->audit().count(), qint64{1});
        auto report = vault->check();
        QVERIFY(report && report->ok());
    }

    void killedMidTransactionRollsBack()
    {
        const QString file = path(QStringLiteral("killed-open-tx.tessera"));
        QVERIFY(createVault(file));
        QProcess writer;
        writer.start(helper(), {QStringLiteral("append-then-hang"), file, QString::fromLatin1(kPassword),
                                QStringLiteral("400")});
        QVERIFY(writer.waitForStarted());
        QByteArray seen;
        QTRY_VERIFY_WITH_TIMEOUT((seen += writer.readAllStandardOutput()).contains("in-transaction") ||
                                     writer.state() == QProcess::NotRunning, 60000);
        QCOMPARE(writer.state(), QProcess::Running);
        // The small page cache forced uncommitted pages into the file: a hot journal must exist.
        QVERIFY(QFile::exists(file + QStringLiteral("-journal")));
        writer.kill(); // SIGKILL
        QVERIFY(writer.waitForFinished());
        auto vault = openVault(file);
        QVERIFY(vault);
        QCOMPARE(*vault->audit().count(), qint64{1});
        auto report = vault->check();
        QVERIFY(report);
        QVERIFY2(report->ok(), qPrintable(report->integrityProblems.join(u'\n') + report->audit.problem));
    }

    void killedWhileCommittingKeepsWholeBatches()
    {
        const QString file = path(QStringLiteral("killed-loop.tessera"));
        QVERIFY(createVault(file));
        constexpr int batch = 25;
        for (int round = 0; round < 3; ++round) {
            QProcess writer;
            writer.start(helper(), {QStringLiteral("append-forever"), file, QString::fromLatin1(kPassword),
                                    QString::number(batch)});
            QVERIFY(writer.waitForStarted());
            QByteArray seen;
            QTRY_VERIFY_WITH_TIMEOUT((seen += writer.readAllStandardOutput()).count("committed") >= 3 + round ||
                                         writer.state() == QProcess::NotRunning, 60000);
            QCOMPARE(writer.state(), QProcess::Running);
            writer.kill();
            QVERIFY(writer.waitForFinished());
            auto vault = openVault(file);
            QVERIFY(vault);
            const qint64 count = *vault->audit().count();
            QCOMPARE((count - 1) % batch, qint64{0}); // every batch fully there or fully absent
            auto report = vault->check();
            QVERIFY(report);
            QVERIFY2(report->ok(), qPrintable(report->audit.problem));
        }
    }

    void changePasswordRekeysAndKeepsData()
    {
        const QString file = path(QStringLiteral("rekey.tessera"));
        {
            auto vault = createVault(file);
            QVERIFY(vault);
            QVERIFY(vault->setSetting(QStringLiteral("k"), QStringLiteral("v")).has_value());
            const QByteArray oldHeader = readAll(file).left(16);
            auto changed = vault->changePassword(password("new password"), KdfParams{2, 13});
            QVERIFY2(changed.has_value(), changed ? "" : qPrintable(changed.error().message));
            QVERIFY(readAll(file).left(16) != oldHeader);
            QCOMPARE(int(readAll(file).at(4)), 2);
            // Still usable after the swap, and audited.
            QVERIFY(vault->setSetting(QStringLiteral("k2"), QStringLiteral("v2")).has_value());
            auto entries = vault->audit().list();
            QVERIFY(entries);
            QCOMPARE(entries->at(1).action, QStringLiteral("vault.change-password"));
        }
        QCOMPARE(openKind(file), ErrorKind::WrongPassword);
        auto vault = openVault(file, "new password");
        QVERIFY(vault);
        QCOMPARE(*vault->setting(QStringLiteral("k")), QStringLiteral("v"));
        auto report = vault->check();
        QVERIFY(report && report->ok());
        const QStringList leftovers = QDir(m_dir.path()).entryList({QStringLiteral("rekey.tessera.*")});
        QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(u',')));
    }

    void backupOpensWithSamePassword()
    {
        const QString file = path(QStringLiteral("source.tessera"));
        const QString copy = path(QStringLiteral("copy.tessera"));
        auto vault = createVault(file);
        QVERIFY(vault);
        QVERIFY(vault->setSetting(QStringLiteral("k"), QStringLiteral("v")).has_value());
        QVERIFY(vault->backupTo(copy).has_value());
        auto again = vault->backupTo(copy);
        QVERIFY(!again);
        QCOMPARE(again.error().kind, ErrorKind::Conflict);
        QVERIFY(vault->backupTo(copy, true).has_value());
        auto self = vault->backupTo(file, true);
        QVERIFY(!self);
        vault.reset();
        auto restored = openVault(copy);
        QVERIFY(restored);
        QCOMPARE(*restored->setting(QStringLiteral("k")), QStringLiteral("v"));
        auto report = restored->check();
        QVERIFY(report && report->ok());
    }

    void closeWipesAndDisconnects()
    {
        const QString file = path(QStringLiteral("close.tessera"));
        auto vault = createVault(file);
        QVERIFY(vault);
        vault->close();
        QVERIFY(!vault->isOpen());
        QVERIFY(openVault(file)); // the lock was released
    }
};

QTEST_GUILESS_MAIN(TestVault)
#include "TestVault.moc"
