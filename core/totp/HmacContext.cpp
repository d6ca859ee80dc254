#include "totp/HmacContext.h"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>

namespace tessera {

namespace {

// Drains OpenSSL's per-thread error queue into one readable message, so a failure here never leaves
// stale errors behind for the next caller to misreport.
QString takeOpenSslErrors()
{
    QString text;
    char buffer[256];
    while (const unsigned long code = ERR_get_error()) {
        ERR_error_string_n(code, buffer, sizeof buffer);
        if (!text.isEmpty()) {
            text += QStringLiteral("; ");
        }
        text += QString::fromUtf8(buffer);
    }
    return text.isEmpty() ? QStringLiteral("no detail from OpenSSL") : text;
}

std::unexpected<Error> openSslFailure(const char* what)
{
    return fail(ErrorKind::Internal,
                QStringLiteral("HMAC: %1 failed (%2)").arg(QLatin1StringView(what), takeOpenSslErrors()));
}

const char* digestName(OtpAlgorithm algorithm)
{
    switch (algorithm) {
    case OtpAlgorithm::Sha1:
        return "SHA1";
    case OtpAlgorithm::Sha256:
        return "SHA256";
    case OtpAlgorithm::Sha512:
        return "SHA512";
    }
    return "SHA1";
}

// Fetched once per process: EVP_MAC_fetch is a locked name lookup, far dearer than the HMAC itself.
// Deliberately never freed; it lives as long as the library.
EVP_MAC* hmacAlgorithm()
{
    static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr);
    return mac;
}

} // namespace

void HmacContext::Free::operator()(evp_mac_ctx_st* ctx) const
{
    EVP_MAC_CTX_free(ctx);
}

Result<HmacContext> HmacContext::create(OtpAlgorithm algorithm, QByteArrayView key)
{
    if (key.isEmpty()) {
        return fail(ErrorKind::Input, QStringLiteral("HMAC: the key is empty"));
    }
    EVP_MAC* mac = hmacAlgorithm();
    if (!mac) {
        return openSslFailure("fetching HMAC");
    }
    HmacContext context(EVP_MAC_CTX_new(mac));
    if (!context.m_ctx) {
        return openSslFailure("EVP_MAC_CTX_new");
    }
    // OSSL_PARAM wants a mutable pointer but only reads the name.
    char* digest = const_cast<char*>(digestName(algorithm));
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                                 OSSL_PARAM_construct_end()};
    if (EVP_MAC_init(context.m_ctx.get(), reinterpret_cast<const unsigned char*>(key.data()),
                     static_cast<std::size_t>(key.size()), params) != 1) {
        return openSslFailure("setting the HMAC key");
    }
    return context;
}

Result<std::size_t> HmacContext::macCounter(std::uint64_t counter, Digest& out)
{
    std::uint8_t message[8];
    for (int i = 7; i >= 0; --i) {
        message[i] = static_cast<std::uint8_t>(counter & 0xff);
        counter >>= 8;
    }
    // A null key restarts the MAC with the key already set (OpenSSL 3 EVP_MAC_init).
    std::size_t length = 0;
    if (EVP_MAC_init(m_ctx.get(), nullptr, 0, nullptr) != 1 ||
        EVP_MAC_update(m_ctx.get(), message, sizeof message) != 1 ||
        EVP_MAC_final(m_ctx.get(), out.data(), &length, out.size()) != 1) {
        return openSslFailure("computing the HMAC");
    }
    return length;
}

} // namespace tessera
