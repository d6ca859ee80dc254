#pragma once

#include <QString>

#include <cstddef>
#include <cstdint>

namespace tessera {

// Argon2id cost. Stored in the vault header as one byte each: passes, and log2 of the memory in bytes.
struct KdfParams
{
    std::uint8_t iterations = 3;   // Argon2 passes, 1..255
    std::uint8_t memoryLog2 = 26;  // memory = 2^memoryLog2 bytes; 26 = 64 MiB

    static constexpr std::uint8_t kMinMemoryLog2 = 13; // libsodium's floor, 8 KiB
    static constexpr std::uint8_t kMaxMemoryLog2 = 32; // 4 GiB
    static constexpr std::uint8_t kDefaultMemoryLog2 = 26;

    std::size_t memoryBytes() const { return std::size_t{1} << memoryLog2; }
    bool isValid() const;
    QString describe() const; // "Argon2id, 12 passes, 64 MiB"

    // Documented fast setting for tests only; the GUI never offers it.
    static KdfParams insecureTestParams() { return KdfParams{1, kMinMemoryLog2}; }

    friend bool operator==(const KdfParams&, const KdfParams&) = default;
};

} // namespace tessera
