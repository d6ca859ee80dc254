#include "keys/PemCodec.h"

#include "keys/OpenSslError.h"
#include "keys/OpenSslHandles.h"

#include <openssl/pem.h>
#include <optional>
#include <vector>

namespace tessera::keys {

namespace {

struct PemBlock
{
    QByteArray label;
    QByteArrayView text; // from BEGIN to the end of the END line
};

// Finds the PEM blocks by their armour lines only; OpenSSL decodes the contents.
std::vector<PemBlock> pemBlocks(QByteArrayView text)
{
    std::vector<PemBlock> blocks;
    static constexpr QByteArrayView kBegin("-----BEGIN ");
    static constexpr QByteArrayView kEnd("-----END ");
    qsizetype pos = 0;
    while ((pos = text.indexOf(kBegin, pos)) >= 0) {
        const qsizetype labelStart = pos + kBegin.size();
        const qsizetype labelEnd = text.indexOf(QByteArrayView("-----"), labelStart);
        if (labelEnd < 0) {
            break;
        }
        const QByteArray label = text.sliced(labelStart, labelEnd - labelStart).toByteArray();
        const QByteArray endLine = kEnd.toByteArray() + label + "-----";
        const qsizetype endPos = text.indexOf(endLine, labelEnd);
        if (endPos < 0) {
            break;
        }
        const qsizetype blockEnd = endPos + endLine.size();
        blocks.push_back({label, text.sliced(pos, blockEnd - pos)});
        pos = blockEnd;
    }
    return blocks;
}

bool isKeyLabel(const QByteArray& label)
{
    return label == "PRIVATE KEY" || label == "ENCRYPTED PRIVATE KEY" || label == "PUBLIC KEY" ||
           label == "RSA PRIVATE KEY" || label == "RSA PUBLIC KEY" || label == "EC PRIVATE KEY" ||
           label == "CERTIFICATE" || label == "X509 CERTIFICATE" || label == "TRUSTED CERTIFICATE";
}

std::optional<PemBlock> firstKeyBlock(QByteArrayView text)
{
    for (const PemBlock& block : pemBlocks(text)) {
        if (isKeyLabel(block.label)) {
            return block;
        }
    }
    return std::nullopt;
}

bool blockIsEncrypted(const PemBlock& block)
{
    return block.label == "ENCRYPTED PRIVATE KEY" ||
           block.text.indexOf(QByteArrayView("Proc-Type: 4,ENCRYPTED")) >= 0;
}

// Refuses instead of prompting: without it OpenSSL would read a passphrase from the terminal.
int noPassphrase(char*, std::size_t, std::size_t*, const OSSL_PARAM*, void*)
{
    return 0;
}

Result<KeyMaterial> fromCertificate(const PemBlock& block)
{
    ossl::BioPtr bio(BIO_new_mem_buf(block.text.data(), static_cast<int>(block.text.size())));
    ossl::X509Ptr cert(bio ? PEM_read_bio_X509_AUX(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!cert) {
        return OpenSslError::fail(ErrorKind::Input, QStringLiteral("PEM: unreadable certificate"));
    }
    EVP_PKEY* pkey = X509_get_pubkey(cert.get()); // a new reference
    if (!pkey) {
        return OpenSslError::fail(ErrorKind::Input,
                                  QStringLiteral("PEM: the certificate's public key is unreadable"));
    }
    return KeyMaterial::fromPkey(pkey);
}

Result<QByteArray> encode(EVP_PKEY* pkey, int selection, const char* structure,
                          const SecretBuffer* passphrase)
{
    ossl::EncoderCtxPtr ctx(OSSL_ENCODER_CTX_new_for_pkey(pkey, selection, "PEM", structure, nullptr));
    if (!ctx || OSSL_ENCODER_CTX_get_num_encoders(ctx.get()) == 0) {
        return OpenSslError::fail(ErrorKind::Internal, QStringLiteral("PEM: no encoder for this key"));
    }
    if (passphrase) {
        if (OSSL_ENCODER_CTX_set_cipher(ctx.get(), "AES-256-CBC", nullptr) != 1 ||
            OSSL_ENCODER_CTX_set_passphrase(ctx.get(), passphrase->data(), passphrase->size()) != 1) {
            return OpenSslError::fail(ErrorKind::Internal, QStringLiteral("PEM: cannot set up encryption"));
        }
    }
    unsigned char* raw = nullptr;
    std::size_t length = 0;
    if (OSSL_ENCODER_to_data(ctx.get(), &raw, &length) != 1) {
        return OpenSslError::fail(ErrorKind::Internal, QStringLiteral("PEM: encoding failed"));
    }
    ossl::OpenSslBytesPtr owned(raw);
    return QByteArray(reinterpret_cast<const char*>(raw), static_cast<qsizetype>(length));
}

} // namespace

bool PemCodec::looksLikePem(QByteArrayView text)
{
    return text.indexOf(QByteArrayView("-----BEGIN ")) >= 0;
}

bool PemCodec::isEncrypted(QByteArrayView text)
{
    const auto block = firstKeyBlock(text);
    return block && blockIsEncrypted(*block);
}

Result<KeyMaterial> PemCodec::importKey(QByteArrayView pem, const SecretBuffer* passphrase)
{
    const auto block = firstKeyBlock(pem);
    if (!block) {
        if (pem.indexOf(QByteArrayView("-----BEGIN OPENSSH PRIVATE KEY-----")) >= 0) {
            return fail(ErrorKind::Input,
                        QStringLiteral("PEM: OpenSSH private keys are not supported; convert "
                                       "with `ssh-keygen -p -m PKCS8 -f FILE`"));
        }
        return fail(ErrorKind::Input, QStringLiteral("PEM: no key or certificate block found"));
    }
    if (block->label.endsWith("CERTIFICATE")) {
        return fromCertificate(*block);
    }
    const bool encrypted = blockIsEncrypted(*block);
    if (encrypted && (!passphrase || passphrase->isEmpty())) {
        return fail(ErrorKind::Input, QStringLiteral("PEM: the key is encrypted; a passphrase is needed"));
    }
    const bool isPublic = block->label.endsWith("PUBLIC KEY");
    EVP_PKEY* raw = nullptr;
    OpenSslError::clear();
    ossl::DecoderCtxPtr ctx(OSSL_DECODER_CTX_new_for_pkey(
        &raw, "PEM", nullptr, nullptr, isPublic ? EVP_PKEY_PUBLIC_KEY : EVP_PKEY_KEYPAIR, nullptr, nullptr));
    if (!ctx) {
        return OpenSslError::fail(ErrorKind::Internal, QStringLiteral("PEM: no decoder available"));
    }
    const int passOk =
        encrypted ? OSSL_DECODER_CTX_set_passphrase(ctx.get(), passphrase->data(), passphrase->size())
                  : OSSL_DECODER_CTX_set_passphrase_cb(ctx.get(), noPassphrase, nullptr);
    if (passOk != 1) {
        return OpenSslError::fail(ErrorKind::Internal, QStringLiteral("PEM: cannot set the passphrase"));
    }
    const auto* data = reinterpret_cast<const unsigned char*>(block->text.data());
    std::size_t length = static_cast<std::size_t>(block->text.size());
    if (OSSL_DECODER_from_data(ctx.get(), &data, &length) != 1 || !raw) {
        ossl::PkeyPtr partial(raw);
        const QString what = QString::fromLatin1(block->label);
        return OpenSslError::fail(
            ErrorKind::Input, encrypted
                                  ? QStringLiteral("PEM: cannot decrypt the %1 (wrong passphrase?)").arg(what)
                                  : QStringLiteral("PEM: cannot read the %1").arg(what));
    }
    OpenSslError::clear(); // decoders that were tried and did not match leave entries
    return KeyMaterial::fromPkey(raw);
}

Result<QByteArray> PemCodec::exportPublic(const KeyMaterial& key)
{
    if (key.isNull() || key.type() == KeyType::Oct) {
        return fail(ErrorKind::Usage, QStringLiteral("an HMAC secret has no PEM form"));
    }
    return encode(key.pkey(), EVP_PKEY_PUBLIC_KEY, "SubjectPublicKeyInfo", nullptr);
}

Result<QByteArray> PemCodec::exportEncryptedPrivate(const KeyMaterial& key, const SecretBuffer& passphrase)
{
    if (key.isNull() || key.type() == KeyType::Oct) {
        return fail(ErrorKind::Usage, QStringLiteral("an HMAC secret has no PEM form; export it as a JWK"));
    }
    if (!key.hasPrivate()) {
        return fail(ErrorKind::Usage,
                    QStringLiteral("this is a public key; it has no private part to export"));
    }
    if (passphrase.isEmpty()) {
        return fail(ErrorKind::Usage,
                    QStringLiteral("a passphrase is needed to export a private key as PEM"));
    }
    return encode(key.pkey(), EVP_PKEY_KEYPAIR, "EncryptedPrivateKeyInfo", &passphrase);
}

} // namespace tessera::keys
