#pragma once

#include "common/Error.h"
#include "totp/OtpAlgorithm.h"

#include <QByteArrayView>
#include <array>
#include <cstdint>
#include <memory>

struct evp_mac_ctx_st; // OpenSSL's EVP_MAC_CTX; <openssl/evp.h> stays in the .cpp

namespace tessera {

// One keyed HMAC (OpenSSL 3 EVP_MAC "HMAC") that can be run many times without re-keying: the
// key schedule (the hashed inner and outer pads) is computed once, which is what makes checking a
// +/- window of TOTP steps cheap. Move-only; OpenSSL clears the key material when it frees the context.
class HmacContext
{
public:
    static constexpr std::size_t kMaxDigestBytes = 64; // SHA-512
    using Digest = std::array<std::uint8_t, kMaxDigestBytes>;

    static Result<HmacContext> create(OtpAlgorithm algorithm, QByteArrayView key);

    // HMAC over the 8-byte big-endian counter (the HOTP message). Returns the digest length.
    Result<std::size_t> macCounter(std::uint64_t counter, Digest& out);

private:
    struct Free
    {
        void operator()(evp_mac_ctx_st* ctx) const;
    };

    explicit HmacContext(evp_mac_ctx_st* ctx) : m_ctx(ctx) {}

    std::unique_ptr<evp_mac_ctx_st, Free> m_ctx;
};

} // namespace tessera
