#pragma once

#include "common/Error.h"
#include "jose/JsonObjectView.h"
#include "jose/JwsAlgorithm.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace tessera::jose {

// A parsed compact serialisation: a JWS (header.payload.signature, RFC 7515 section 7.1) or,
// recognised so it can be shown, a JWE (five segments, RFC 7516 section 7.1) of which only the
// header is decoded. parse() fails (ErrorKind::Input: "malformed", exit 2) exactly when the text is
// not a parseable compact JWS: wrong segment count, bad base64url, a header or payload that is not
// a UTF-8 JSON object, alg missing or not a string, duplicate member names, JSON nested deeper than
// 64 levels, or more than 64 KiB. Everything else (alg none, signature, claims) is judged later.
// Header and claims are read as JsonObjectViews: verification looks up a few members without ever
// building a QJsonObject; header() and claims() build one on first call. Reentrant, not
// thread-safe (see JsonObjectView).
class CompactJws
{
public:
    static constexpr qsizetype MaxTokenBytes = 64 * 1024;
    static constexpr int MaxJsonDepth = 64;

    // JsonObject: the payload must be a JSON object (a JWT's claims set). Any: a JWS may sign any
    // bytes (RFC 8037's example signs a sentence); claims() is then empty unless it is an object.
    enum class Payload
    {
        JsonObject,
        Any
    };

    static Result<CompactJws> parse(QByteArrayView token, Payload payload = Payload::JsonObject);
    // parse() into `out`, reusing the buffers it holds (a batch parses token after token into the
    // same objects and so allocates almost nothing). On failure `out` is left empty.
    static Status parseInto(QByteArrayView token, CompactJws& out, Payload payload = Payload::JsonObject);

    bool isJwe() const { return m_isJwe; }
    const QByteArray& token() const { return m_token; }
    const QJsonObject& header() const { return m_header.object(); }
    const QJsonObject& claims() const { return m_claims.object(); }
    const JsonObjectView& headerView() const { return m_header; }
    const JsonObjectView& claimsView() const { return m_claims; }
    bool payloadIsJson() const { return m_payloadIsJson; }
    const QByteArray& payloadBytes() const { return m_payload; }
    const QByteArray& signature() const { return m_signature; }
    // The header's alg as written (a string; empty for a token that could not be read).
    QString alg() const;
    // The alg when it is one Tessera implements (so never "none"), read without making a QString.
    std::optional<JwsAlg> knownAlg() const { return m_knownAlg; }
    // The header's kid when it is a string.
    std::optional<QString> kid() const;

    // "header.payload" as it appears in the token: the bytes the signature covers.
    QByteArrayView signingInput() const;
    // The raw base64url segments (three for a JWS, five for a JWE), for display.
    QList<QByteArrayView> segments() const;

private:
    QByteArray m_token;
    JsonObjectView m_header;
    JsonObjectView m_claims;
    QByteArray m_payload;
    QByteArray m_signature;
    std::optional<JwsAlg> m_knownAlg;
    qsizetype m_signingInputLength = 0;
    bool m_isJwe = false;
    bool m_payloadIsJson = false;
};

} // namespace tessera::jose
