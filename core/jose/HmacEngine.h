#pragma once

#include "jose/JwsAlgorithm.h"

#include <QByteArrayView>
#include <cstddef>
#include <memory>

namespace tessera::jose {

// A reusable HMAC context for one SHA-2 size (OpenSSL EVP_MAC). Keying or re-keying is cheap
// compared with allocating a context, which matters when one token is tried against thousands of
// candidate secrets, and a fixed key can be set once and reused for many messages.
// Not thread-safe: one engine per thread.
class HmacEngine
{
public:
    explicit HmacEngine(JwsAlg alg); // an HS* alg
    ~HmacEngine();
    HmacEngine(const HmacEngine&) = delete;
    HmacEngine& operator=(const HmacEngine&) = delete;

    bool isValid() const;
    std::size_t macBytes() const { return m_macBytes; }
    // Sets the key for the following compute(key-less) calls.
    bool setKey(QByteArrayView key);
    // MAC of message under the key last set; out must hold macBytes().
    bool compute(QByteArrayView message, unsigned char* out);
    // With the given key: the key schedule is kept when it is the key of the previous call (a
    // verifier checking many tokens with one secret), else the key is set first.
    bool compute(QByteArrayView key, QByteArrayView message, unsigned char* out);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::size_t m_macBytes = 0;
};

} // namespace tessera::jose
