#include "jose/JwsCrypto.h"

#include "jose/HmacEngine.h"
#include "keys/OpenSslError.h"
#include "keys/OpenSslHandles.h"

#include <array>
#include <openssl/crypto.h>
#include <openssl/obj_mac.h>
#include <openssl/rsa.h>

namespace tessera::jose {

using keys::KeyMaterial;
using keys::OpenSslError;
namespace ossl = keys::ossl;

namespace {

using Family = JwsAlgorithm::Family;

// Fetched once; implicit fetching by name on every operation costs measurable time. Never freed
// (see HmacEngine).
const EVP_MD* digestFor(JwsAlg alg)
{
    static const std::array<EVP_MD*, 3> digests = {EVP_MD_fetch(nullptr, "SHA256", nullptr),
                                                   EVP_MD_fetch(nullptr, "SHA384", nullptr),
                                                   EVP_MD_fetch(nullptr, "SHA512", nullptr)};
    switch (JwsAlgorithm::hashBytes(alg)) {
    case 32:
        return digests[0];
    case 48:
        return digests[1];
    default:
        return digests[2];
    }
}

// The group order n of each supported curve, for the r, s range check.
const BIGNUM* curveOrder(keys::EcCurve curve)
{
    static const std::array<BIGNUM*, 3> orders = [] {
        std::array<BIGNUM*, 3> out{};
        const int nids[] = {NID_X9_62_prime256v1, NID_secp384r1, NID_secp521r1};
        for (std::size_t i = 0; i < out.size(); ++i) {
            ossl::EcGroupPtr group(EC_GROUP_new_by_curve_name(nids[i]));
            out[i] = group ? BN_dup(EC_GROUP_get0_order(group.get())) : nullptr;
        }
        return out;
    }();
    switch (curve) {
    case keys::EcCurve::P256:
        return orders[0];
    case keys::EcCurve::P384:
        return orders[1];
    case keys::EcCurve::P521:
        return orders[2];
    case keys::EcCurve::None:
        break;
    }
    return nullptr;
}

HmacEngine& threadEngine(JwsAlg alg)
{
    thread_local HmacEngine hs256(JwsAlg::HS256);
    thread_local HmacEngine hs384(JwsAlg::HS384);
    thread_local HmacEngine hs512(JwsAlg::HS512);
    return alg == JwsAlg::HS256 ? hs256 : alg == JwsAlg::HS384 ? hs384 : hs512;
}

// Sets up ctx for alg with key; PSS padding and salt length are configured on the key context.
bool initDigest(EVP_MD_CTX* ctx, const KeyMaterial& key, JwsAlg alg, bool signing)
{
    EVP_PKEY_CTX* pctx = nullptr;
    const EVP_MD* md = JwsAlgorithm::family(alg) == Family::EdDsa ? nullptr : digestFor(alg);
    const int ok = signing ? EVP_DigestSignInit(ctx, &pctx, md, nullptr, key.pkey())
                           : EVP_DigestVerifyInit(ctx, &pctx, md, nullptr, key.pkey());
    if (ok != 1) {
        return false;
    }
    if (JwsAlgorithm::family(alg) == Family::RsaPss) {
        return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
               EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1;
    }
    if (JwsAlgorithm::family(alg) == Family::RsaPkcs1) {
        return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) == 1;
    }
    return true;
}

// KeyMaterial::preparedContext's purpose number for alg and direction, and back.
int contextPurpose(JwsAlg alg, bool signing)
{
    return static_cast<int>(alg) * 2 + (signing ? 1 : 0);
}

bool preparePurpose(EVP_MD_CTX* ctx, const KeyMaterial& key, int purpose)
{
    return initDigest(ctx, key, static_cast<JwsAlg>(purpose / 2), purpose % 2 == 1);
}

// A context ready to sign or verify with alg. Digest-based algorithms copy a template kept with the
// key (cheaper than a fresh init); EdDSA has no digest to set up, so its fresh init costs little.
ossl::MdCtxPtr digestContext(const KeyMaterial& key, JwsAlg alg, bool signing)
{
    if (JwsAlgorithm::family(alg) != Family::EdDsa) {
        return ossl::MdCtxPtr(key.preparedContext(contextPurpose(alg, signing), preparePurpose));
    }
    ossl::MdCtxPtr ctx(EVP_MD_CTX_new());
    if (ctx && !initDigest(ctx.get(), key, alg, signing)) {
        ctx.reset();
    }
    return ctx;
}

Result<QByteArray> derToFixed(const QByteArray& der, int coordinateBytes)
{
    const auto* p = reinterpret_cast<const unsigned char*>(der.constData());
    ossl::EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
    if (!sig) {
        return OpenSslError::fail(ErrorKind::Internal,
                                  QStringLiteral("cannot read OpenSSL's ECDSA signature"));
    }
    const BIGNUM* r = nullptr;
    const BIGNUM* s = nullptr;
    ECDSA_SIG_get0(sig.get(), &r, &s);
    QByteArray out(2 * coordinateBytes, Qt::Uninitialized);
    auto* bytes = reinterpret_cast<unsigned char*>(out.data());
    if (BN_bn2binpad(r, bytes, coordinateBytes) != coordinateBytes ||
        BN_bn2binpad(s, bytes + coordinateBytes, coordinateBytes) != coordinateBytes) {
        return fail(ErrorKind::Internal, QStringLiteral("ECDSA signature component too large"));
    }
    return out;
}

Result<QByteArray> fixedToDer(const KeyMaterial& key, QByteArrayView fixed)
{
    const int n = key.ecCoordinateBytes();
    const auto* bytes = reinterpret_cast<const unsigned char*>(fixed.data());
    ossl::BnPtr r(BN_bin2bn(bytes, n, nullptr));
    ossl::BnPtr s(BN_bin2bn(bytes + n, n, nullptr));
    const BIGNUM* order = curveOrder(key.curve());
    if (!r || !s || !order) {
        return OpenSslError::fail(ErrorKind::Internal, QStringLiteral("cannot read the ECDSA signature"));
    }
    if (BN_is_zero(r.get()) || BN_cmp(r.get(), order) >= 0) {
        return fail(ErrorKind::Input, QStringLiteral("ECDSA signature has r outside [1, n-1]"));
    }
    if (BN_is_zero(s.get()) || BN_cmp(s.get(), order) >= 0) {
        return fail(ErrorKind::Input, QStringLiteral("ECDSA signature has s outside [1, n-1]"));
    }
    ossl::EcdsaSigPtr sig(ECDSA_SIG_new());
    if (!sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) {
        return OpenSslError::fail(ErrorKind::Internal, QStringLiteral("cannot build the ECDSA signature"));
    }
    (void)r.release(); // now owned by sig
    (void)s.release();
    unsigned char* der = nullptr;
    const int length = i2d_ECDSA_SIG(sig.get(), &der);
    ossl::OpenSslBytesPtr owned(der);
    if (length <= 0) {
        return OpenSslError::fail(ErrorKind::Internal, QStringLiteral("cannot encode the ECDSA signature"));
    }
    return QByteArray(reinterpret_cast<const char*>(der), length);
}

Status verifyHmac(const KeyMaterial& key, JwsAlg alg, QByteArrayView input, QByteArrayView signature)
{
    HmacEngine& engine = threadEngine(alg);
    unsigned char mac[64];
    if (!engine.compute(key.secret(), input, mac)) {
        return OpenSslError::fail(ErrorKind::Internal, QStringLiteral("HMAC failed"));
    }
    if (CRYPTO_memcmp(mac, signature.data(), engine.macBytes()) != 0) {
        return fail(ErrorKind::Input, QStringLiteral("signature does not match"));
    }
    return {};
}

} // namespace

qsizetype JwsCrypto::signatureBytes(const KeyMaterial& key, JwsAlg alg)
{
    switch (JwsAlgorithm::family(alg)) {
    case Family::Hmac:
        return JwsAlgorithm::hashBytes(alg);
    case Family::RsaPkcs1:
    case Family::RsaPss:
        return key.pkey() ? EVP_PKEY_get_size(key.pkey()) : 0;
    case Family::Ecdsa:
        return 2 * key.ecCoordinateBytes();
    case Family::EdDsa:
        return 64;
    }
    return 0;
}

Result<QByteArray> JwsCrypto::sign(const KeyMaterial& key, JwsAlg alg, QByteArrayView signingInput)
{
    QString why;
    if (!JwsAlgorithm::keyAccepts(key, alg, &why)) {
        return fail(ErrorKind::Usage, why);
    }
    if (!key.hasPrivate()) {
        return fail(ErrorKind::Usage,
                    QStringLiteral("signing needs a private key; the key given is: %1").arg(key.describe()));
    }
    if (JwsAlgorithm::family(alg) == Family::Hmac) {
        HmacEngine& engine = threadEngine(alg);
        QByteArray mac(static_cast<qsizetype>(engine.macBytes()), Qt::Uninitialized);
        if (!engine.compute(key.secret(), signingInput, reinterpret_cast<unsigned char*>(mac.data()))) {
            return OpenSslError::fail(ErrorKind::Internal, QStringLiteral("HMAC failed"));
        }
        return mac;
    }
    const ossl::MdCtxPtr ctx = digestContext(key, alg, true);
    if (!ctx) {
        return OpenSslError::fail(ErrorKind::Internal, QStringLiteral("cannot start signing"));
    }
    const auto* tbs = reinterpret_cast<const unsigned char*>(signingInput.data());
    const auto tbsLength = static_cast<std::size_t>(signingInput.size());
    // The key's maximum signature size, cached by OpenSSL; asking EVP_DigestSign for the size first
    // costs an ECDSA key a DER length computation on every signature.
    const int maxLength = EVP_PKEY_get_size(key.pkey());
    if (maxLength <= 0) {
        return OpenSslError::fail(ErrorKind::Internal, QStringLiteral("cannot size the signature"));
    }
    std::size_t length = static_cast<std::size_t>(maxLength);
    QByteArray signature(static_cast<qsizetype>(length), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length, tbs,
                       tbsLength) != 1) {
        return OpenSslError::fail(ErrorKind::Internal, QStringLiteral("signing failed"));
    }
    signature.truncate(static_cast<qsizetype>(length));
    if (JwsAlgorithm::family(alg) == Family::Ecdsa) {
        return derToFixed(signature, key.ecCoordinateBytes());
    }
    return signature;
}

Status JwsCrypto::verify(const KeyMaterial& key, JwsAlg alg, QByteArrayView signingInput,
                         QByteArrayView signature)
{
    QString why;
    if (!JwsAlgorithm::keyAccepts(key, alg, &why)) {
        return fail(ErrorKind::Input, why);
    }
    const qsizetype expected = signatureBytes(key, alg);
    if (signature.size() != expected) {
        QString text =
            QStringLiteral("wrong-length signature: %1 with this key takes %2 bytes, the token has %3")
                .arg(JwsAlgorithm::name(alg))
                .arg(expected)
                .arg(signature.size());
        if (JwsAlgorithm::family(alg) == Family::Ecdsa && !signature.isEmpty() && signature[0] == '\x30') {
            text += QStringLiteral(" (it looks DER-encoded; JWS needs the fixed-length r||s form)");
        }
        return fail(ErrorKind::Input, text);
    }
    if (JwsAlgorithm::family(alg) == Family::Hmac) {
        return verifyHmac(key, alg, signingInput, signature);
    }
    QByteArray der;
    if (JwsAlgorithm::family(alg) == Family::Ecdsa) {
        auto converted = fixedToDer(key, signature);
        if (!converted) {
            return std::unexpected(converted.error());
        }
        der = std::move(*converted);
        signature = der;
    }
    const ossl::MdCtxPtr ctx = digestContext(key, alg, false);
    if (!ctx) {
        return OpenSslError::fail(ErrorKind::Internal, QStringLiteral("cannot start verification"));
    }
    const int ok = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                                    static_cast<std::size_t>(signature.size()),
                                    reinterpret_cast<const unsigned char*>(signingInput.data()),
                                    static_cast<std::size_t>(signingInput.size()));
    if (ok != 1) {
        OpenSslError::clear();
        return fail(ErrorKind::Input, QStringLiteral("signature does not match"));
    }
    return {};
}

} // namespace tessera::jose
