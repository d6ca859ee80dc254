#pragma once

#include "common/Error.h"
#include "crypto/KdfParams.h"
#include "crypto/PasswordKdf.h"
#include "crypto/SecretBuffer.h"

#include <QString>

#include <array>
#include <cstdint>

namespace tessera {

// The first 16 bytes of a vault file. SQLCipher writes its salt there in clear; Tessera chooses that
// salt so it also carries what is needed before the key exists:
//   bytes 0-2  magic "TSV"
//   byte  3    file-format version
//   byte  4    Argon2id passes
//   byte  5    log2 of Argon2id memory in bytes
//   bytes 6-15 random
// The same 16 bytes are the Argon2id salt, so tampering with the parameters changes the key.
class VaultHeader
{
public:
    static constexpr std::uint8_t kFormatVersion = 1;
    static constexpr std::size_t kSize = PasswordKdf::kSaltBytes;

    static VaultHeader generate(KdfParams params);
    static Result<VaultHeader> parse(const PasswordKdf::Salt& bytes);
    static Result<VaultHeader> readFrom(const QString& path);

    std::uint8_t formatVersion() const { return m_bytes[3]; }
    KdfParams kdf() const { return KdfParams{m_bytes[4], m_bytes[5]}; }
    const PasswordKdf::Salt& bytes() const { return m_bytes; }

    // x'<64 hex key><32 hex salt>' for sqlite3_key / ATTACH ... KEY, built in guarded memory.
    SecretBuffer sqlCipherKeySpec(const SecretBuffer& fileKey) const;

private:
    PasswordKdf::Salt m_bytes{};
};

} // namespace tessera
