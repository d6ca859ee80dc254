#pragma once

// Shared set-up of the user, role, access and auth CLI tests: a vault made by `vault create
// --kdf-test-insecure`, whose user-password hashing is then switched to the documented test-only cost
// through the core (the CLI deliberately offers no way to do that), so the many sign-ins and password
// changes below cost microseconds instead of ~0.2 s each.
#include "CliRunner.h"
#include "TestVault.h"
#include "identity/Directory.h"
#include "password/HashParams.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>
#include <QTest>

namespace tessera::test {

class IdentityCli
{
public:
    IdentityCli() = default;
    IdentityCli(QString workDirectory, QString vault)
        : m_workDirectory(std::move(workDirectory)), m_vault(std::move(vault))
    {}

    // Creates the vault through the CLI and makes user hashing cheap; false (with a warning) on failure.
    bool create() const
    {
        const CliRun run = runner().run({QStringLiteral("--vault"), m_vault, QStringLiteral("vault"),
                                         QStringLiteral("create"), QStringLiteral("--kdf-test-insecure")});
        if (run.exitCode != 0) {
            qWarning("vault create failed: %s", run.describe().constData());
            return false;
        }
        auto vault = openVault(m_vault);
        if (!vault) {
            return false;
        }
        auto directory = Directory::open(*vault);
        if (!directory || !(*directory)->setHashParams(HashParams::insecureTestParams())) {
            qWarning("could not prepare the vault's identities");
            return false;
        }
        return true;
    }

    CliRunner runner() const
    {
        CliRunner cli(m_workDirectory);
        cli.setEnv(QStringLiteral("TESSERA_PASSWORD"), QString::fromLatin1(kPassword));
        return cli;
    }

    // tessera-cli --vault VAULT ARGS, with `input` on stdin.
    CliRun run(const QStringList& arguments, const QByteArray& input = {}) const
    {
        return runner().run(QStringList{QStringLiteral("--vault"), m_vault} + arguments, input);
    }
    // The same with --json.
    CliRun json(const QStringList& arguments, const QByteArray& input = {}) const
    {
        return run(arguments + QStringList{QStringLiteral("--json")}, input);
    }

    const QString& vault() const { return m_vault; }

private:
    QString m_workDirectory;
    QString m_vault;
};

inline QStringList keysOf(const QJsonObject& object)
{
    QStringList keys = object.keys();
    keys.sort();
    return keys;
}

inline QStringList stringsOf(const QJsonValue& value)
{
    QStringList strings;
    for (const QJsonValue& item : value.toArray()) {
        strings.append(item.toString());
    }
    return strings;
}

} // namespace tessera::test
