#include "crypto/SecretBox.h"

#include <sodium.h>

namespace tessera {

QByteArray SecretBox::seal(const SecretBuffer& key, const SecretBuffer& plaintext)
{
    QByteArray sealed(static_cast<qsizetype>(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                             plaintext.size()),
                      Qt::Uninitialized);
    auto* out = reinterpret_cast<unsigned char*>(sealed.data());
    randombytes_buf(out, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES, plaintext.data(), plaintext.size(), out,
                          key.data());
    return sealed;
}

Result<SecretBuffer> SecretBox::open(const SecretBuffer& key, QByteArrayView sealed)
{
    const auto minimum = static_cast<qsizetype>(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES);
    if (sealed.size() < minimum) {
        return fail(ErrorKind::Corrupt, QStringLiteral("sealed secret is too short"));
    }
    const auto* in = reinterpret_cast<const unsigned char*>(sealed.data());
    SecretBuffer plain(static_cast<std::size_t>(sealed.size() - minimum));
    unsigned char scratch[1];
    unsigned char* target = plain.isEmpty() ? scratch : plain.data();
    if (crypto_secretbox_open_easy(target, in + crypto_secretbox_NONCEBYTES,
                                   static_cast<unsigned long long>(sealed.size()) - crypto_secretbox_NONCEBYTES,
                                   in, key.data()) != 0) {
        return fail(ErrorKind::Corrupt, QStringLiteral("sealed secret failed authentication"));
    }
    return plain;
}

} // namespace tessera
