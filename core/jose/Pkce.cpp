#include "jose/Pkce.h"

#include "crypto/SecretBuffer.h"
#include "jose/Base64Url.h"

#include <QCryptographicHash>
#include <sodium.h>

namespace tessera::jose {

namespace {

bool isUnreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

} // namespace

Result<QByteArray> Pkce::generateVerifier(int length)
{
    if (length < MinVerifierLength || length > MaxVerifierLength) {
        return fail(ErrorKind::Usage, QStringLiteral("a PKCE verifier is %1 to %2 characters long, not %3")
                                          .arg(MinVerifierLength)
                                          .arg(MaxVerifierLength)
                                          .arg(length));
    }
    // Every base64url character carries 6 bits, so encoding enough random bytes and cutting the text
    // to length keeps each character uniform.
    const SecretBuffer random = SecretBuffer::random(static_cast<std::size_t>((length * 3 + 3) / 4));
    return Base64Url::encode(random.view()).left(length);
}

QByteArray Pkce::challengeS256(QByteArrayView verifier)
{
    return Base64Url::encode(QCryptographicHash::hash(verifier, QCryptographicHash::Sha256));
}

Status Pkce::checkVerifier(QByteArrayView verifier)
{
    if (verifier.size() < MinVerifierLength || verifier.size() > MaxVerifierLength) {
        return fail(ErrorKind::Input,
                    QStringLiteral("the verifier is %1 characters long; RFC 7636 allows %2 to %3")
                        .arg(verifier.size())
                        .arg(MinVerifierLength)
                        .arg(MaxVerifierLength));
    }
    for (qsizetype i = 0; i < verifier.size(); ++i) {
        if (!isUnreserved(verifier[i])) {
            return fail(
                ErrorKind::Input,
                QStringLiteral("the verifier has a character outside A-Z a-z 0-9 - . _ ~ at offset %1")
                    .arg(i));
        }
    }
    return {};
}

Status Pkce::checkChallenge(QByteArrayView challenge)
{
    if (challenge.size() != ChallengeLength) {
        return fail(ErrorKind::Input,
                    QStringLiteral("the challenge is %1 characters long; an S256 challenge has %2")
                        .arg(challenge.size())
                        .arg(ChallengeLength));
    }
    if (auto decoded = Base64Url::decode(challenge); !decoded) {
        return fail(ErrorKind::Input,
                    QStringLiteral("the challenge is not base64url: %1").arg(decoded.error().message));
    }
    return {};
}

Result<bool> Pkce::verify(QByteArrayView verifier, QByteArrayView challenge)
{
    TESSERA_TRY(checkVerifier(verifier));
    TESSERA_TRY(checkChallenge(challenge));
    const QByteArray expected = challengeS256(verifier);
    return sodium_memcmp(expected.constData(), challenge.data(), static_cast<std::size_t>(ChallengeLength)) ==
           0;
}

} // namespace tessera::jose
