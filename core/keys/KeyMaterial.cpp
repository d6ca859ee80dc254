#include "keys/KeyMaterial.h"

#include "keys/Jwk.h"
#include "keys/OpenSslError.h"
#include "keys/OpenSslHandles.h"

#include <openssl/core_names.h>
#include <openssl/obj_mac.h>
#include <openssl/objects.h>

#include <algorithm>
#include <mutex>
#include <vector>

namespace tessera::keys {

struct KeyMaterial::Data
{
    ossl::PkeyPtr pkey;
    SecretBuffer secret;
    KeyType type = KeyType::Oct;
    EcCurve curve = EcCurve::None;
    int bits = 0;
    bool hasPrivate = false;
    QString thumbprint;
    // Templates for preparedContext(), one per purpose; shared by every handle and thread.
    mutable std::mutex contextsMutex;
    mutable std::vector<std::pair<int, ossl::MdCtxPtr>> contexts;
};

namespace {

Result<EcCurve> curveOf(EVP_PKEY* pkey)
{
    char name[64] = {};
    std::size_t length = 0;
    if (EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof(name), &length) != 1) {
        return OpenSslError::fail(ErrorKind::Input, QStringLiteral("EC key without a named curve"));
    }
    int nid = OBJ_sn2nid(name);
    if (nid == NID_undef) {
        nid = EC_curve_nist2nid(name);
    }
    switch (nid) {
    case NID_X9_62_prime256v1:
        return EcCurve::P256;
    case NID_secp384r1:
        return EcCurve::P384;
    case NID_secp521r1:
        return EcCurve::P521;
    default:
        return fail(ErrorKind::Input,
                    QStringLiteral("unsupported EC curve %1 (P-256, P-384 and P-521 are supported)")
                        .arg(QString::fromLatin1(name)));
    }
}

bool hasBnParam(EVP_PKEY* pkey, const char* name)
{
    BIGNUM* raw = nullptr;
    const bool present = EVP_PKEY_get_bn_param(pkey, name, &raw) == 1;
    ossl::SecretBnPtr owned(raw);
    return present;
}

bool hasOctetParam(EVP_PKEY* pkey, const char* name)
{
    std::size_t length = 0;
    return EVP_PKEY_get_octet_string_param(pkey, name, nullptr, 0, &length) == 1 && length > 0;
}

} // namespace

KeyMaterial::KeyMaterial() = default;
KeyMaterial::~KeyMaterial() = default;
KeyMaterial::KeyMaterial(const KeyMaterial&) = default;
KeyMaterial& KeyMaterial::operator=(const KeyMaterial&) = default;
KeyMaterial::KeyMaterial(KeyMaterial&&) noexcept = default;
KeyMaterial& KeyMaterial::operator=(KeyMaterial&&) noexcept = default;

Result<KeyMaterial> KeyMaterial::fromPkey(evp_pkey_st* pkey)
{
    ossl::PkeyPtr owned(pkey);
    if (!owned) {
        return fail(ErrorKind::Internal, QStringLiteral("no key"));
    }
    auto data = std::make_shared<Data>();
    if (EVP_PKEY_is_a(pkey, "RSA")) {
        data->type = KeyType::Rsa;
        data->hasPrivate = hasBnParam(pkey, OSSL_PKEY_PARAM_RSA_D);
    } else if (EVP_PKEY_is_a(pkey, "EC")) {
        data->type = KeyType::Ec;
        auto curve = curveOf(pkey);
        if (!curve) {
            return std::unexpected(curve.error());
        }
        data->curve = *curve;
        data->hasPrivate = hasBnParam(pkey, OSSL_PKEY_PARAM_PRIV_KEY);
    } else if (EVP_PKEY_is_a(pkey, "ED25519")) {
        data->type = KeyType::Ed25519;
        data->hasPrivate = hasOctetParam(pkey, OSSL_PKEY_PARAM_PRIV_KEY);
    } else {
        const char* name = EVP_PKEY_get0_type_name(pkey);
        return fail(
            ErrorKind::Input,
            QStringLiteral("unsupported key type %1 (RSA, EC P-256/P-384/P-521 and Ed25519 are supported)")
                .arg(name ? QString::fromLatin1(name) : QStringLiteral("unknown")));
    }
    OpenSslError::clear(); // the probes above leave entries for absent private parts
    data->bits = EVP_PKEY_get_bits(pkey);
    data->pkey = std::move(owned);
    return fromData(std::move(data));
}

Result<KeyMaterial> KeyMaterial::fromSecret(SecretBuffer secret)
{
    if (secret.isEmpty()) {
        return fail(ErrorKind::Input, QStringLiteral("an HMAC secret cannot be empty"));
    }
    auto data = std::make_shared<Data>();
    data->type = KeyType::Oct;
    data->bits = static_cast<int>(secret.size() * 8);
    data->hasPrivate = true;
    data->secret = std::move(secret);
    return fromData(std::move(data));
}

Result<KeyMaterial> KeyMaterial::fromData(std::shared_ptr<Data> data)
{
    KeyMaterial key;
    key.m_data = data;
    auto thumb = Jwk::thumbprint(key);
    if (!thumb) {
        return std::unexpected(thumb.error());
    }
    data->thumbprint = *thumb;
    return key;
}

Result<KeyMaterial> KeyMaterial::fromSecretFile(QByteArrayView contents)
{
    if (contents.endsWith("\r\n")) {
        contents.chop(2);
    } else if (contents.endsWith('\n')) {
        contents.chop(1);
    }
    return fromSecret(SecretBuffer::fromBytes(contents));
}

KeyType KeyMaterial::type() const
{
    return m_data ? m_data->type : KeyType::Oct;
}

EcCurve KeyMaterial::curve() const
{
    return m_data ? m_data->curve : EcCurve::None;
}

int KeyMaterial::bits() const
{
    return m_data ? m_data->bits : 0;
}

int KeyMaterial::ecCoordinateBytes() const
{
    switch (curve()) {
    case EcCurve::P256:
        return 32;
    case EcCurve::P384:
        return 48;
    case EcCurve::P521:
        return 66;
    case EcCurve::None:
        break;
    }
    return 0;
}

bool KeyMaterial::hasPrivate() const
{
    return m_data && m_data->hasPrivate;
}

QString KeyMaterial::typeName() const
{
    switch (type()) {
    case KeyType::Rsa:
        return QStringLiteral("RSA");
    case KeyType::Ec:
        return QStringLiteral("EC");
    case KeyType::Ed25519:
        return QStringLiteral("OKP");
    case KeyType::Oct:
        break;
    }
    return QStringLiteral("oct");
}

QString KeyMaterial::describe() const
{
    if (!m_data) {
        return QStringLiteral("no key");
    }
    const QString half = hasPrivate() ? QStringLiteral("private key") : QStringLiteral("public key");
    switch (type()) {
    case KeyType::Rsa:
        return QStringLiteral("RSA %1-bit %2").arg(bits()).arg(half);
    case KeyType::Ec: {
        const QString curveName = curve() == EcCurve::P256   ? QStringLiteral("P-256")
                                  : curve() == EcCurve::P384 ? QStringLiteral("P-384")
                                                             : QStringLiteral("P-521");
        return QStringLiteral("EC %1 %2").arg(curveName, half);
    }
    case KeyType::Ed25519:
        return QStringLiteral("Ed25519 %1").arg(half);
    case KeyType::Oct:
        break;
    }
    return QStringLiteral("%1-bit HMAC secret").arg(bits());
}

evp_pkey_st* KeyMaterial::pkey() const
{
    return m_data ? m_data->pkey.get() : nullptr;
}

evp_md_ctx_st* KeyMaterial::preparedContext(int purpose, PrepareContext prepare) const
{
    if (!m_data || !m_data->pkey) {
        return nullptr;
    }
    ossl::MdCtxPtr copy(EVP_MD_CTX_new());
    if (!copy) {
        return nullptr;
    }
    const std::lock_guard lock(m_data->contextsMutex);
    auto& contexts = m_data->contexts;
    auto found = std::find_if(contexts.begin(), contexts.end(),
                              [purpose](const auto& entry) { return entry.first == purpose; });
    if (found == contexts.end()) {
        ossl::MdCtxPtr prepared(EVP_MD_CTX_new());
        if (!prepared || !prepare(prepared.get(), *this, purpose)) {
            return nullptr;
        }
        contexts.emplace_back(purpose, std::move(prepared));
        found = std::prev(contexts.end());
    }
    if (EVP_MD_CTX_copy_ex(copy.get(), found->second.get()) != 1) {
        return nullptr;
    }
    return copy.release();
}

QByteArrayView KeyMaterial::secret() const
{
    return m_data ? m_data->secret.view() : QByteArrayView();
}

Result<KeyMaterial> KeyMaterial::publicKey() const
{
    if (!m_data) {
        return fail(ErrorKind::Usage, QStringLiteral("no key"));
    }
    if (type() == KeyType::Oct) {
        return fail(ErrorKind::Usage, QStringLiteral("an HMAC secret has no public part"));
    }
    if (!hasPrivate()) {
        return *this;
    }
    OSSL_PARAM* rawParams = nullptr;
    if (EVP_PKEY_todata(pkey(), EVP_PKEY_PUBLIC_KEY, &rawParams) != 1) {
        return OpenSslError::fail(ErrorKind::Internal, QStringLiteral("cannot read the public key"));
    }
    ossl::ParamsPtr params(rawParams);
    ossl::PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, EVP_PKEY_get0_type_name(pkey()), nullptr));
    EVP_PKEY* out = nullptr;
    if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &out, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
        return OpenSslError::fail(ErrorKind::Internal, QStringLiteral("cannot build the public key"));
    }
    auto result = fromPkey(out);
    if (result) {
        result->m_kid = m_kid;
        result->m_alg = m_alg;
        result->m_use = m_use;
    }
    return result;
}

QString KeyMaterial::thumbprint() const
{
    return m_data ? m_data->thumbprint : QString();
}

} // namespace tessera::keys
