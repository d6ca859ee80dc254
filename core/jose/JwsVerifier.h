#pragma once

#include "common/Error.h"
#include "jose/CompactJws.h"
#include "jose/VerifyOptions.h"
#include "jose/VerifyResult.h"
#include "keys/KeySet.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QStringList>

namespace tessera::jose {

// Verifies compact JWS tokens against a key set under fixed options; build one and verify many
// (batch mode). The order of checks: parse (malformed), alg (none and unsupported algs refused,
// --alg list), crit, key selection (kid within a JWKS; otherwise every key whose type accepts the
// alg), signature, then claims (ClaimValidator). The first failure decides the result.
// verifySignature() stops before the claims: the inspector wants the signature's own verdict (an
// expired token can carry a good signature), and a JWS over bytes that are not a claims set has only
// a signature to check.
class JwsVerifier
{
public:
    JwsVerifier(keys::KeySet keys, VerifyOptions options);

    VerifyResult verify(QByteArrayView token) const;
    VerifyResult verify(const CompactJws& jws) const;
    // verify() of each token, spread over `threads` threads (the calling one among them; 0: one per
    // core). Results come back in the order of the tokens. The verifier is only read, so this is
    // safe; each thread keeps its own HMAC engine.
    QList<VerifyResult> verifyAll(const QList<QByteArrayView>& tokens, int threads = 0) const;
    // The same into `results`, resized to match; reusing one list for chunk after chunk spares the
    // memory allocation that otherwise costs as much as the verifications.
    void verifyAll(const QList<QByteArrayView>& tokens, QList<VerifyResult>& results, int threads = 0) const;
    // The same rules up to and including the signature (alg, crit, kid, key selection, signature), no
    // claim checks and no demand that the payload be JSON. Valid means "the signature verifies"; claims
    // is filled when the payload is a JSON object.
    VerifyResult verifySignature(const CompactJws& jws) const;

    const VerifyOptions& options() const { return m_options; }
    void setNow(qint64 now) { m_options.now = now; }
    const keys::KeySet& keys() const { return m_keys; }

    // RFC 7515 section 4.1.11: crit must be a non-empty array of names present in the header, none
    // of them a registered name, all of them understood by the caller. A header without crit (the
    // usual case) is passed without building its QJsonObject.
    static Status checkCrit(const JsonObjectView& header, const QStringList& understood);

private:
    // verify() into `result`, parsing into the buffers its token already holds: verifyAll reuses
    // one result per token for chunk after chunk, so a batch allocates almost nothing.
    void verifyInto(QByteArrayView token, VerifyResult& result) const;
    // The checks after parsing, on result.token, into result: judge() all of them, checkSignature()
    // up to and including the signature.
    void judge(VerifyResult& result) const;
    void checkSignature(VerifyResult& result) const;

    keys::KeySet m_keys;
    VerifyOptions m_options;
};

} // namespace tessera::jose
