// Child process for the vault robustness tests. Usage:
//   tessera-test-helper hold VAULT PASSWORD            open read-write, print "held", wait for a line
//   tessera-test-helper append-forever VAULT PASSWORD BATCH
//                                                      commit BATCH audit entries per transaction, forever,
//                                                      printing "committed N" after each commit
//   tessera-test-helper append-then-hang VAULT PASSWORD N
//                                                      append N entries in one open transaction with a tiny
//                                                      page cache (so pages reach the file), print
//                                                      "in-transaction", then sleep until killed
//   tessera-test-helper fill-disk VAULT PASSWORD MAX_FILE_BYTES
//                                                      cap file size (as a full disk would) and append
//   tessera-test-helper open-unprivileged VAULT PASSWORD
//                                                      drop root (if root) and open read-write
// Prints "error <kind>: <message>" and exits with the CLI exit code on failure.
#include "audit/AuditActor.h"
#include "crypto/CryptoRuntime.h"
#include "vault/Transaction.h"
#include "vault/Vault.h"

#include <QCoreApplication>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <string>
#include <sys/resource.h>
#include <unistd.h>

using namespace tessera;

namespace {

int report(const Error& error)
{
    std::printf("error %s: %s\n", qPrintable(errorKindName(error.kind)), qPrintable(error.message));
    std::fflush(stdout);
    return exitCodeFor(error.kind);
}

Result<std::unique_ptr<Vault>> openVault(const char* path, const char* password)
{
    return Vault::open(QString::fromLocal8Bit(path), SecretBuffer::fromBytes(password),
                       AuditActor{QStringLiteral("helper"), QStringLiteral("test")});
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (!CryptoRuntime::initialise() || argc < 4) {
        std::fprintf(stderr, "usage: tessera-test-helper COMMAND VAULT PASSWORD [ARG]\n");
        return 2;
    }
    const std::string command = argv[1];

    if (command == "open-unprivileged") {
        if (geteuid() == 0) {
            if (setgid(65534) != 0 || setuid(65534) != 0) {
                std::printf("error setuid\n");
                return 4;
            }
        }
        auto vault = openVault(argv[2], argv[3]);
        if (!vault) {
            return report(vault.error());
        }
        std::printf("opened\n");
        return 0;
    }

    if (command == "fill-disk") {
        std::signal(SIGXFSZ, SIG_IGN); // EFBIG instead of death, like ENOSPC on a full disk
        auto vault = openVault(argv[2], argv[3]);
        if (!vault) {
            return report(vault.error());
        }
        const rlim_t limit = std::stoull(argv[4]);
        rlimit rl{limit, limit};
        setrlimit(RLIMIT_FSIZE, &rl);
        auto tx = Transaction::begin((*vault)->database());
        if (!tx) {
            return report(tx.error());
        }
        const QString filler(2000, QLatin1Char('x'));
        for (int i = 0; i < 100000; ++i) {
            if (auto ok = (*vault)->audit().append(QStringLiteral("test.fill"), QString::number(i), filler); !ok) {
                return report(ok.error());
            }
        }
        if (auto ok = tx->commit(); !ok) {
            return report(ok.error());
        }
        std::printf("committed\n");
        return 0;
    }

    auto vault = openVault(argv[2], argv[3]);
    if (!vault) {
        return report(vault.error());
    }
    Vault& v = **vault;

    if (command == "hold") {
        std::printf("held\n");
        std::fflush(stdout);
        std::string line;
        std::getline(std::cin, line);
        return 0;
    }

    if (command == "append-forever") {
        const int batch = std::stoi(argv[4]);
        for (qint64 round = 1;; ++round) {
            auto tx = Transaction::begin(v.database());
            if (!tx) {
                return report(tx.error());
            }
            for (int i = 0; i < batch; ++i) {
                if (auto ok = v.audit().append(QStringLiteral("test.append"), QString::number(round),
                                               QStringLiteral("entry %1 of batch %2").arg(i).arg(round));
                    !ok) {
                    return report(ok.error());
                }
            }
            if (auto ok = tx->commit(); !ok) {
                return report(ok.error());
            }
            std::printf("committed %lld\n", static_cast<long long>(round));
            std::fflush(stdout);
        }
    }

    if (command == "append-then-hang") {
        const int count = std::stoi(argv[4]);
        (void)v.database().exec("PRAGMA cache_size = 2");
        auto tx = Transaction::begin(v.database());
        if (!tx) {
            return report(tx.error());
        }
        const QString filler(500, QLatin1Char('y'));
        for (int i = 0; i < count; ++i) {
            if (auto ok = v.audit().append(QStringLiteral("test.hang"), QString::number(i), filler); !ok) {
                return report(ok.error());
            }
        }
        std::printf("in-transaction\n");
        std::fflush(stdout);
        for (;;) {
            pause();
        }
    }

    std::fprintf(stderr, "unknown command %s\n", command.c_str());
    return 2;
}
