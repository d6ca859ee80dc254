#pragma once

#include <QByteArray>

namespace tessera::test {

// RFC 6238 Appendix B: 8-digit TOTP codes, 30 s period, for the RFC's ASCII-digit seeds (20, 32 and 64
// bytes for SHA1, SHA256 and SHA512). Shared by the core and CLI tests so both check the same table.
struct Rfc6238Vector
{
    qint64 time;
    const char* sha1;
    const char* sha256;
    const char* sha512;
};

inline constexpr Rfc6238Vector kRfc6238Vectors[] = {
    {59, "94287082", "46119246", "90693936"},
    {1111111109, "07081804", "68084774", "25091201"},
    {1111111111, "14050471", "67062674", "99943326"},
    {1234567890, "89005924", "91819424", "93441116"},
    {2000000000, "69279037", "90698825", "38618901"},
    {20000000000, "65353130", "77737706", "47863826"},
};

inline QByteArray rfc6238Seed(int hashBytes)
{
    const QByteArray digits = "1234567890";
    QByteArray seed;
    while (seed.size() < hashBytes) {
        seed += digits;
    }
    return seed.left(hashBytes);
}

} // namespace tessera::test
