#pragma once

#include "common/Error.h"

#include <QByteArray>
#include <QByteArrayView>

namespace tessera::jose {

// RFC 4648 section 5 without padding, as JOSE uses it (RFC 7515 section 2). Decoding is strict: one
// canonical encoding per byte string, so a token cannot be altered without changing its text.
class Base64Url
{
public:
    static QByteArray encode(QByteArrayView bytes);
    // Refuses '=' padding, any character outside A-Z a-z 0-9 - _, a length of 1 mod 4, and unused
    // trailing bits that are not zero. Errors are ErrorKind::Input with the offending offset.
    static Result<QByteArray> decode(QByteArrayView text);
    // The same into `out`, reusing its memory when nothing else shares it.
    static Status decodeInto(QByteArrayView text, QByteArray& out);
    // The same checks without producing output.
    static bool isValid(QByteArrayView text);
    static qsizetype decodedSize(qsizetype encodedSize) { return encodedSize * 3 / 4; }
};

} // namespace tessera::jose
