#pragma once

#include "common/Error.h"

#include <QJsonObject>
#include <QString>
#include <cstdint>

namespace tessera {

// Cost of the Argon2id hashes stored for users (not the vault's own key derivation, see KdfParams).
// The defaults are the practice guide's: 3 passes over 64 MiB, one lane (libsodium always hashes with p=1).
struct HashParams
{
    static constexpr std::uint64_t kDefaultOpsLimit = 3;
    static constexpr std::uint64_t kDefaultMemLimitBytes = std::uint64_t{64} * 1024 * 1024;
    static constexpr std::uint64_t kMinOpsLimit = 1;
    static constexpr std::uint64_t kMaxOpsLimit = 1000;          // far beyond any useful cost; stops typos
    static constexpr std::uint64_t kMinMemLimitBytes = 8 * 1024; // libsodium's floor
    static constexpr std::uint64_t kMaxMemLimitBytes = std::uint64_t{4} * 1024 * 1024 * 1024; // 4 GiB

    std::uint64_t opsLimit = kDefaultOpsLimit;           // Argon2 passes (t)
    std::uint64_t memLimitBytes = kDefaultMemLimitBytes; // memory in bytes, a whole number of KiB (m * 1024)

    // Documented fast setting for tests only (1 pass, 8 KiB): a hash costs microseconds instead of
    // ~0.2 s. Never offered by the GUI or the CLI.
    static HashParams insecureTestParams() { return HashParams{1, kMinMemLimitBytes}; }

    std::uint64_t memoryKiB() const { return memLimitBytes / 1024; }
    Status validate() const; // Input error naming the bad value
    bool isValid() const { return validate().has_value(); }
    QString describe() const; // "Argon2id, t=3, 64 MiB"

    // Stored as a vault setting: {"opsLimit": 3, "memoryKiB": 65536}.
    QJsonObject toJson() const;
    static Result<HashParams> fromJson(const QJsonObject& json);

    friend bool operator==(const HashParams&, const HashParams&) = default;
};

} // namespace tessera
