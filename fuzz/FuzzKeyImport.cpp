// libFuzzer target: key import, the other reader of untrusted files. One input is read the way
// `--key FILE` and the Keys page read a file (PEM of every kind, a JWK or a JWKS), and as a raw
// HMAC secret file. Every key that imports must give a thumbprint and export its public half as a
// JWK that imports again to the same thumbprint.
#include "FuzzSupport.h"
#include "keys/Jwk.h"
#include "keys/KeyMaterial.h"
#include "keys/KeySet.h"
#include "keys/PemCodec.h"

#include <QByteArrayView>
#include <QJsonDocument>
#include <cstdint>

using namespace tessera;
using namespace tessera::keys;

namespace {

void checkKey(const KeyMaterial& key)
{
    const QString thumbprint = key.thumbprint();
    fuzz::require(!thumbprint.isEmpty(), "an imported key has a thumbprint");
    fuzz::require(!key.describe().isEmpty(), "an imported key describes itself");
    if (key.type() == KeyType::Oct) {
        return;
    }
    auto publicJwk = Jwk::toPublicJson(key);
    fuzz::require(publicJwk.has_value(), "an imported asymmetric key exports a public JWK");
    auto again = Jwk::fromJson(*publicJwk);
    fuzz::require(again.has_value(), "the exported public JWK imports again");
    fuzz::require(again->thumbprint() == thumbprint, "the public JWK keeps the thumbprint");
    auto pem = PemCodec::exportPublic(key);
    fuzz::require(pem.has_value(), "an imported asymmetric key exports a public PEM");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    // No passphrase: an encrypted key must be refused with a message, not read.
    if (auto keySet = KeySet::fromData(input)) {
        fuzz::require(!keySet->isEmpty(), "an imported key set is never empty");
        for (std::size_t i = 0; i < keySet->size(); ++i) {
            checkKey(keySet->at(i));
        }
    } else {
        fuzz::require(!keySet.error().message.isEmpty(), "a refused key file is told why");
    }
    if (auto secret = KeyMaterial::fromSecretFile(input)) {
        checkKey(*secret);
    }
    return 0;
}
