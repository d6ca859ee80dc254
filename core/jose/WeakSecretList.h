#pragma once

#include "common/Error.h"
#include "jose/JwsAlgorithm.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <optional>
#include <vector>

namespace tessera::jose {

// Well-known HMAC secrets (common passwords and the secrets of tutorials and framework defaults).
// An HS* token whose signature one of them reproduces was signed with a guessable secret.
class WeakSecretList
{
public:
    // The Qt resource compiled into core.
    static constexpr const char* ResourcePath = ":/data/jwt-secrets.txt";

    // One secret per line; lines starting with '#' and empty lines are ignored; a trailing CR is
    // dropped.
    static WeakSecretList fromText(QByteArrayView text);
    // The bundled list, loaded once; empty if the resource is missing.
    static const WeakSecretList& bundled();

    std::size_t size() const { return m_secrets.size(); }
    bool isEmpty() const { return m_secrets.empty(); }
    const std::vector<QByteArray>& secrets() const { return m_secrets; }

    // The secret that reproduces signature over signingInput with the HS* alg, if any. One HMAC
    // per secret over the same input, compared in constant time.
    std::optional<QByteArray> findSecret(JwsAlg alg, QByteArrayView signingInput,
                                         QByteArrayView signature) const;

private:
    std::vector<QByteArray> m_secrets;
};

} // namespace tessera::jose
