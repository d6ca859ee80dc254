#pragma once

#include "common/Error.h"
#include "crypto/SecretBuffer.h"

#include <QByteArrayView>
#include <QString>
#include <memory>

// OpenSSL's EVP_PKEY, named without including OpenSSL: only core's .cpp files see its headers.
struct evp_pkey_st;
struct evp_md_ctx_st;

namespace tessera::keys {

enum class KeyType
{
    Rsa,
    Ec,
    Ed25519,
    Oct
};
enum class EcCurve
{
    None,
    P256,
    P384,
    P521
};

// A signing or verification key: an OpenSSL key (RSA, EC P-256/384/521, Ed25519) or an HMAC
// secret held in guarded memory. The material is immutable and shared between copies (a copy is a
// new handle, not a new copy of the secret); the JWK metadata (kid, alg, use) belongs to each handle.
class KeyMaterial
{
public:
    KeyMaterial();
    ~KeyMaterial();
    KeyMaterial(const KeyMaterial&);
    KeyMaterial& operator=(const KeyMaterial&);
    KeyMaterial(KeyMaterial&&) noexcept;
    KeyMaterial& operator=(KeyMaterial&&) noexcept;

    // Takes ownership of one reference to pkey, also on failure. Refuses other key types and curves.
    static Result<KeyMaterial> fromPkey(evp_pkey_st* pkey);
    static Result<KeyMaterial> fromSecret(SecretBuffer secret);
    // The contents of a `--secret-file`: its bytes exactly, except that one trailing LF or CRLF is
    // dropped (editors add one).
    static Result<KeyMaterial> fromSecretFile(QByteArrayView contents);

    bool isNull() const { return !m_data; }
    KeyType type() const;
    EcCurve curve() const;
    int bits() const;              // modulus, curve or secret size
    int ecCoordinateBytes() const; // 32, 48 or 66 for EC keys, else 0
    bool hasPrivate() const;       // always true for an HMAC secret
    bool isSymmetric() const { return type() == KeyType::Oct; }
    QString typeName() const; // "RSA", "EC", "OKP" or "oct" (the JWK kty)
    QString describe() const; // "RSA 2048-bit private key", "EC P-256 public key", ...

    // The OpenSSL key, null for an HMAC secret. Borrowed: valid while this handle lives.
    evp_pkey_st* pkey() const;
    // A digest context for `purpose`, copied from a template that `prepare` set up the first time
    // this material was asked for that purpose (EVP_DigestSignInit costs about 2.5 us, a tenth of an
    // ECDSA P-256 signature). The template lives and dies with the material, so a private key is
    // never kept beyond its last handle. `purpose` is the caller's number for one way of preparing;
    // the caller owns the returned context (EVP_MD_CTX_free); null when preparing or copying fails.
    using PrepareContext = bool (*)(evp_md_ctx_st* ctx, const KeyMaterial& key, int purpose);
    evp_md_ctx_st* preparedContext(int purpose, PrepareContext prepare) const;
    // The HMAC secret, empty for other keys. Points into guarded memory.
    QByteArrayView secret() const;

    // The public half with the same metadata; an HMAC secret has none (ErrorKind::Usage).
    Result<KeyMaterial> publicKey() const;

    // RFC 7638 SHA-256 thumbprint, base64url; computed once when the key is made.
    QString thumbprint() const;
    // The key id: the one set (e.g. from a JWK's "kid"), else the thumbprint.
    QString kid() const { return m_kid.isEmpty() ? thumbprint() : m_kid; }
    bool hasExplicitKid() const { return !m_kid.isEmpty(); }
    void setKid(const QString& kid) { m_kid = kid; }
    // A JWK's "alg": when set, the key may be used with that algorithm only.
    QString alg() const { return m_alg; }
    void setAlg(const QString& alg) { m_alg = alg; }
    // A JWK's "use" ("sig" or "enc"); a key marked "enc" never signs or verifies.
    QString use() const { return m_use; }
    void setUse(const QString& use) { m_use = use; }

private:
    struct Data;
    // A handle on finished material, whose thumbprint is computed here, once.
    static Result<KeyMaterial> fromData(std::shared_ptr<Data> data);

    std::shared_ptr<const Data> m_data;
    QString m_kid;
    QString m_alg;
    QString m_use;
};

} // namespace tessera::keys
