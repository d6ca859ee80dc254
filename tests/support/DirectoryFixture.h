#pragma once

#include "common/Clock.h"
#include "identity/Directory.h"
#include "vault/Vault.h"

#include <QTemporaryDir>
#include <memory>

namespace tessera::test {

// What the identity, MFA, key and token tests share: a vault and its Directory, made fresh for each
// test in one temporary folder, on a ManualClock the test drives. A test class derives from QObject
// and then from this, and calls openFresh() from init(); a failure here fails the calling test.
class DirectoryFixture
{
protected:
    explicit DirectoryFixture(qint64 startMs) : m_startMs(startMs), m_clock(startMs) {}

    // A new vault with the test KDF and test user-hash parameters, the clock back at its start time.
    void openFresh();
    // The same vault closed and opened again for writing; the clock keeps its time.
    void reopen();

private:
    QTemporaryDir m_dir; // declared first, so removed after the vault is closed
    qint64 m_startMs;
    int m_counter = 0;

    void openDirectory();

protected:
    ManualClock m_clock;
    std::unique_ptr<Vault> m_vault;
    std::unique_ptr<Directory> m_directory; // after the vault it points into, so destroyed first
};

} // namespace tessera::test
