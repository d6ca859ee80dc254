#include "jose/HmacEngine.h"

#include "crypto/SecretBuffer.h"
#include "keys/OpenSslHandles.h"

#include <openssl/crypto.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <algorithm>
#include <optional>

namespace tessera::jose {

namespace ossl = keys::ossl;

namespace {

// Fetched once per process; deliberately never freed, as OpenSSL may clean up its own state first
// at exit.
EVP_MAC* hmacAlgorithm()
{
    static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    return mac;
}

} // namespace

struct HmacEngine::Impl
{
    // The key last set, to recognise it on the next call. OpenSSL's context keeps a copy of the key
    // anyway; this one is in locked memory and wiped with the engine. Longer keys are not kept.
    static constexpr std::size_t MaxKeptKey = 128;

    ossl::MacCtxPtr ctx;
    char digest[16] = {};
    bool keyed = false;
    SecretBuffer keptKey{MaxKeptKey};
    std::optional<std::size_t> keptLength; // none: the key in ctx is not in keptKey

    bool isKept(QByteArrayView key) const
    {
        return keyed && keptLength && *keptLength == static_cast<std::size_t>(key.size()) &&
               CRYPTO_memcmp(keptKey.data(), key.data(), *keptLength) == 0;
    }
};

HmacEngine::HmacEngine(JwsAlg alg) : m_impl(std::make_unique<Impl>())
{
    const char* digest =
        JwsAlgorithm::family(alg) == JwsAlgorithm::Family::Hmac ? JwsAlgorithm::digestName(alg) : nullptr;
    if (!digest || !hmacAlgorithm()) {
        return;
    }
    qstrncpy(m_impl->digest, digest, sizeof(m_impl->digest));
    m_impl->ctx.reset(EVP_MAC_CTX_new(hmacAlgorithm()));
    if (!m_impl->ctx) {
        return;
    }
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, m_impl->digest, 0),
                                 OSSL_PARAM_construct_end()};
    if (EVP_MAC_CTX_set_params(m_impl->ctx.get(), params) != 1) {
        m_impl->ctx.reset();
        return;
    }
    m_macBytes = static_cast<std::size_t>(JwsAlgorithm::hashBytes(alg));
}

HmacEngine::~HmacEngine() = default;

bool HmacEngine::isValid() const
{
    return m_impl->ctx != nullptr;
}

bool HmacEngine::setKey(QByteArrayView key)
{
    if (!m_impl->ctx) {
        return false;
    }
    // OpenSSL refuses a zero-length key pointer; an empty secret is never accepted anyway.
    static const unsigned char kEmpty = 0;
    const auto* bytes = key.isEmpty() ? &kEmpty : reinterpret_cast<const unsigned char*>(key.data());
    m_impl->keyed =
        EVP_MAC_init(m_impl->ctx.get(), bytes, static_cast<std::size_t>(key.size()), nullptr) == 1;
    m_impl->keptLength.reset();
    if (m_impl->keyed && static_cast<std::size_t>(key.size()) <= Impl::MaxKeptKey &&
        m_impl->keptKey.size() == Impl::MaxKeptKey) {
        std::copy(key.begin(), key.end(), m_impl->keptKey.data());
        m_impl->keptLength = static_cast<std::size_t>(key.size());
    }
    return m_impl->keyed;
}

bool HmacEngine::compute(QByteArrayView message, unsigned char* out)
{
    if (!m_impl->keyed) {
        return false;
    }
    // Re-initialising without a key restarts from the stored key schedule.
    std::size_t length = 0;
    const bool ok = EVP_MAC_init(m_impl->ctx.get(), nullptr, 0, nullptr) == 1 &&
                    EVP_MAC_update(m_impl->ctx.get(), reinterpret_cast<const unsigned char*>(message.data()),
                                   static_cast<std::size_t>(message.size())) == 1 &&
                    EVP_MAC_final(m_impl->ctx.get(), out, &length, m_macBytes) == 1;
    return ok && length == m_macBytes;
}

bool HmacEngine::compute(QByteArrayView key, QByteArrayView message, unsigned char* out)
{
    if (m_impl->isKept(key)) {
        return compute(message, out);
    }
    if (!setKey(key)) {
        return false;
    }
    std::size_t length = 0;
    const bool ok = EVP_MAC_update(m_impl->ctx.get(), reinterpret_cast<const unsigned char*>(message.data()),
                                   static_cast<std::size_t>(message.size())) == 1 &&
                    EVP_MAC_final(m_impl->ctx.get(), out, &length, m_macBytes) == 1;
    return ok && length == m_macBytes;
}

} // namespace tessera::jose
