#include "jose/WeakSecretList.h"

#include "jose/HmacEngine.h"
#include "password/DataFile.h"

#include <openssl/crypto.h>

namespace tessera::jose {

WeakSecretList WeakSecretList::fromText(QByteArrayView text)
{
    WeakSecretList list;
    const QList<QByteArrayView> lines = DataFile::entries(text);
    list.m_secrets.reserve(static_cast<std::size_t>(lines.size()));
    for (const QByteArrayView line : lines) {
        list.m_secrets.push_back(line.toByteArray());
    }
    return list;
}

const WeakSecretList& WeakSecretList::bundled()
{
    static const WeakSecretList list = [] {
        const auto text = DataFile::read(QString::fromLatin1(ResourcePath));
        return text ? fromText(*text) : WeakSecretList();
    }();
    return list;
}

std::optional<QByteArray> WeakSecretList::findSecret(JwsAlg alg, QByteArrayView signingInput,
                                                     QByteArrayView signature) const
{
    if (JwsAlgorithm::family(alg) != JwsAlgorithm::Family::Hmac ||
        signature.size() != JwsAlgorithm::hashBytes(alg)) {
        return std::nullopt;
    }
    HmacEngine engine(alg);
    if (!engine.isValid()) {
        return std::nullopt;
    }
    unsigned char mac[64];
    for (const QByteArray& secret : m_secrets) {
        if (engine.compute(secret, signingInput, mac) &&
            CRYPTO_memcmp(mac, signature.data(), engine.macBytes()) == 0) {
            return secret;
        }
    }
    return std::nullopt;
}

} // namespace tessera::jose
