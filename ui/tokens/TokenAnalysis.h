#pragma once

#include "jose/LintFinding.h"
#include "keys/KeySet.h"

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>

namespace tessera::ui {

// The inspector's presenter: everything the Inspector page shows about one pasted token, worked out
// by core (CompactJws, TokenLinter, JwsCrypto) so the page itself only displays. Keys and the
// revocation list come from the vault through controller jobs; the analysis itself is quick enough
// for the UI thread (the weak-secret check takes milliseconds).
struct TokenAnalysis
{
    enum class State
    {
        Empty,
        Malformed,
        Jwe,
        Jws
    };
    enum class Signature
    {
        NotChecked, // no key to check with
        Unsigned,   // alg none
        Verified,
        NoMatch,    // no key (of the right type, or with the token's kid) verifies it
        Invalid     // the key the token names is there, and the signature is wrong
    };
    struct Claim
    {
        QString name;
        QString value;
        QString meaning;
    };
    struct Inputs
    {
        qint64 now = 0;                     // Unix seconds
        const keys::KeySet* vaultKeys = nullptr; // null: no vault open
        const keys::KeySet* pastedKeys = nullptr; // null: nothing pasted under "Verify with…"
        const QSet<QString>* revokedJtis = nullptr;
    };

    State state = State::Empty;
    QString problem;    // Malformed: what is wrong, one sentence
    QString headerJson; // indented
    QString payloadJson;
    QList<Claim> claims;
    QList<jose::LintFinding> findings; // most severe first
    Signature signature = Signature::NotChecked;
    QString signatureText;
    QString verifiedKid;
    bool revoked = false; // its jti is on the vault's revocation list (a "revoked" finding)

    static TokenAnalysis analyse(QByteArrayView text, const Inputs& inputs);
    // The token inside pasted text: surrounding white space and a "Bearer " prefix are dropped.
    static QByteArray extractToken(QByteArrayView text);
    // "2026-11-29 10:12:00 (local), 09:12:00 UTC"
    static QString describeTime(qint64 unixSeconds);
    // "expires in 12 min", "expired 3 days ago", "issued 5 min ago", ...
    static QString describeRelative(const QString& claim, qint64 unixSeconds, qint64 now);
};

} // namespace tessera::ui
