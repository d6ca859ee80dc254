#pragma once

// Private to core: included only by .cpp files, so no public header pulls in OpenSSL.
// One owner per OpenSSL type, each with the library's own free function.

#include <memory>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/decoder.h>
#include <openssl/ec.h>
#include <openssl/encoder.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/params.h>
#include <openssl/x509.h>

namespace tessera::keys::ossl {

template <auto FreeFn> struct Deleter
{
    template <typename T> void operator()(T* p) const noexcept { FreeFn(p); }
};

using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;
using MacCtxPtr = std::unique_ptr<EVP_MAC_CTX, Deleter<EVP_MAC_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
// For private exponents and scalars: zeroed before release.
using SecretBnPtr = std::unique_ptr<BIGNUM, Deleter<BN_clear_free>>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG_free>>;
using EcGroupPtr = std::unique_ptr<EC_GROUP, Deleter<EC_GROUP_free>>;
using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD_free>>;
// Parameter arrays from EVP_PKEY_todata or OSSL_PARAM_BLD_to_param; values pushed from secure
// BIGNUMs live in the secure heap, which OSSL_PARAM_free clears.
using ParamsPtr = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM_free>>;
using DecoderCtxPtr = std::unique_ptr<OSSL_DECODER_CTX, Deleter<OSSL_DECODER_CTX_free>>;
using EncoderCtxPtr = std::unique_ptr<OSSL_ENCODER_CTX, Deleter<OSSL_ENCODER_CTX_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;

inline void freeOpenSslBytes(unsigned char* p)
{
    OPENSSL_free(p);
}
using OpenSslBytesPtr = std::unique_ptr<unsigned char, Deleter<freeOpenSslBytes>>;

} // namespace tessera::keys::ossl
