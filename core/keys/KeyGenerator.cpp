#include "keys/KeyGenerator.h"

#include "keys/OpenSslError.h"
#include "keys/OpenSslHandles.h"

namespace tessera::keys {

QStringList KeyGenerator::specs()
{
    return {QStringLiteral("rsa-2048"), QStringLiteral("rsa-3072"), QStringLiteral("rsa-4096"),
            QStringLiteral("ec-p256"),  QStringLiteral("ec-p384"),  QStringLiteral("ec-p521"),
            QStringLiteral("ed25519"),  QStringLiteral("oct-256"),  QStringLiteral("oct-384"),
            QStringLiteral("oct-512")};
}

Result<KeyMaterial> KeyGenerator::generate(const QString& spec)
{
    EVP_PKEY* pkey = nullptr;
    if (spec.startsWith(QLatin1String("rsa-"))) {
        const int bits = spec.sliced(4).toInt();
        if (bits != 2048 && bits != 3072 && bits != 4096) {
            return fail(ErrorKind::Usage, QStringLiteral("RSA keys are 2048, 3072 or 4096 bits"));
        }
        pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(bits));
    } else if (spec.startsWith(QLatin1String("ec-"))) {
        const char* curve = spec == QLatin1String("ec-p256")   ? "P-256"
                            : spec == QLatin1String("ec-p384") ? "P-384"
                            : spec == QLatin1String("ec-p521") ? "P-521"
                                                               : nullptr;
        if (!curve) {
            return fail(ErrorKind::Usage, QStringLiteral("EC keys are ec-p256, ec-p384 or ec-p521"));
        }
        pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve);
    } else if (spec == QLatin1String("ed25519")) {
        pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    } else if (spec.startsWith(QLatin1String("oct-"))) {
        const int bits = spec.sliced(4).toInt();
        if (bits != 256 && bits != 384 && bits != 512) {
            return fail(ErrorKind::Usage, QStringLiteral("HMAC secrets are oct-256, oct-384 or oct-512"));
        }
        return KeyMaterial::fromSecret(SecretBuffer::random(static_cast<std::size_t>(bits / 8)));
    } else {
        return fail(ErrorKind::Usage, QStringLiteral("unknown key type \"%1\" (one of %2)")
                                          .arg(spec, specs().join(QStringLiteral(", "))));
    }
    if (!pkey) {
        return OpenSslError::fail(ErrorKind::Internal, QStringLiteral("key generation failed"));
    }
    return KeyMaterial::fromPkey(pkey);
}

} // namespace tessera::keys
