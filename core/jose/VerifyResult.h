#pragma once

#include "jose/CompactJws.h"

#include <QJsonObject>
#include <QString>
#include <optional>

namespace tessera::jose {

// The outcome of one token verification, shaped for `token verify --json`:
// {"valid", "alg", "kid", "error", "claims"}.
struct VerifyResult
{
    enum class Outcome
    {
        Valid,
        Invalid,
        Malformed
    };

    Outcome outcome = Outcome::Malformed;
    QString error;              // why it is not valid; empty when valid
    CompactJws token;             // the parsed token, when it could be read
    std::optional<QString> keyId; // kid of the key that verified the signature

    // Built from the token on first call (see CompactJws): a batch that only counts valid tokens
    // never pays for them.
    const QJsonObject& header() const { return token.header(); }
    const QJsonObject& claims() const { return token.claims(); } // the payload, when it could be read
    std::optional<QString> kid() const { return token.kid(); }   // the header's kid, when a string
    QString alg() const { return token.alg(); } // the header's alg as written (empty when unreadable)

    bool valid() const { return outcome == Outcome::Valid; }
    // The CLI contract: 0 valid, 1 invalid, 2 not a parseable compact JWS.
    int exitCode() const { return outcome == Outcome::Valid ? 0 : outcome == Outcome::Invalid ? 1 : 2; }
    QJsonObject toJson() const;
};

} // namespace tessera::jose
