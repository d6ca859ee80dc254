#include "jose/WeakSecretList.h"

#include "jose/HmacEngine.h"

#include <QFile>
#include <openssl/crypto.h>

namespace tessera::jose {

WeakSecretList WeakSecretList::fromText(QByteArrayView text)
{
    WeakSecretList list;
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0) {
            end = text.size();
        }
        QByteArrayView line = text.sliced(start, end - start);
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        if (!line.isEmpty() && !line.startsWith('#')) {
            list.m_secrets.push_back(line.toByteArray());
        }
        start = end + 1;
    }
    return list;
}

const WeakSecretList& WeakSecretList::bundled()
{
    static const WeakSecretList list = [] {
        QFile file(QString::fromLatin1(ResourcePath));
        if (!file.open(QIODevice::ReadOnly)) {
            return WeakSecretList();
        }
        return fromText(file.readAll());
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
