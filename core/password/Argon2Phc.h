#pragma once

#include "common/Error.h"

#include <QByteArray>
#include <QString>
#include <QStringView>
#include <cstdint>

namespace tessera {

// An Argon2 hash in PHC string format, `$argon2id$v=19$m=65536,t=3,p=1$<salt>$<hash>` (salt and hash in
// unpadded standard base64). parse() is strict about everything that could hide a mistake (unknown or
// repeated parameters, non-canonical base64, out-of-range costs) but accepts m, t and p in any order;
// toEncoded() writes the canonical m,t,p order that libsodium's verifier insists on.
struct Argon2Phc
{
    enum class Variant
    {
        Argon2i,
        Argon2id
    };

    static constexpr std::uint32_t kVersion = 0x13; // Argon2 1.3, written "v=19"; libsodium knows no other
    static constexpr qsizetype kMaxEncodedLength = 1024;
    static constexpr std::uint32_t kMaxMemoryKiB =
        4u * 1024 * 1024; // 4 GiB: refuses hashes that would exhaust RAM
    static constexpr std::uint32_t kMaxIterations = 10000;
    static constexpr std::uint32_t kMaxParallelism = 0xFFFFFF; // Argon2's lane limit
    static constexpr qsizetype kMinSaltBytes = 8;
    static constexpr qsizetype kMinHashBytes = 16; // libsodium's minimum output length

    Variant variant = Variant::Argon2id;
    std::uint32_t version = kVersion;
    std::uint32_t memoryKiB = 0;
    std::uint32_t iterations = 0;
    std::uint32_t parallelism = 1;
    QByteArray salt;
    QByteArray hash;

    // Errors are ErrorKind::Input with a message naming the problem; they never quote the input.
    static Result<Argon2Phc> parse(QStringView encoded);
    QByteArray toEncoded() const;

    friend bool operator==(const Argon2Phc&, const Argon2Phc&) = default;
};

} // namespace tessera
