#pragma once

#include "common/Error.h"

#include <QByteArray>
#include <QByteArrayView>

namespace tessera::jose {

// Proof Key for Code Exchange (RFC 7636) with the S256 method only: the "plain" method gives an
// attacker who sees the authorisation request the verifier itself, so Tessera neither makes nor
// checks it.
class Pkce
{
public:
    static constexpr int MinVerifierLength = 43;
    static constexpr int MaxVerifierLength = 128;
    // 32 random bytes in base64url, RFC 7636 section 4.1's recommendation.
    static constexpr int DefaultVerifierLength = 43;
    // BASE64URL(SHA-256(verifier)) is always 43 characters.
    static constexpr int ChallengeLength = 43;

    // A verifier of `length` characters from the base64url alphabet (6 random bits each, from
    // libsodium). Lengths outside 43..128 are ErrorKind::Usage.
    static Result<QByteArray> generateVerifier(int length = DefaultVerifierLength);
    // BASE64URL-ENCODE(SHA256(ASCII(verifier))), RFC 7636 section 4.2.
    static QByteArray challengeS256(QByteArrayView verifier);

    // 43 to 128 characters from [A-Z a-z 0-9 - . _ ~] (RFC 7636 section 4.1). ErrorKind::Input.
    static Status checkVerifier(QByteArrayView verifier);
    // 43 characters of strict base64url: the encoding of a SHA-256 digest. ErrorKind::Input.
    static Status checkChallenge(QByteArrayView challenge);
    // Whether the verifier's S256 challenge equals challenge (compared in constant time). Both are
    // checked first; malformed input is an error, not a mismatch.
    static Result<bool> verify(QByteArrayView verifier, QByteArrayView challenge);
};

} // namespace tessera::jose
