#pragma once

#include "common/Error.h"
#include "jose/JsonObjectView.h"
#include "jose/VerifyOptions.h"

#include <QJsonObject>

namespace tessera::jose {

// The claim rules of a verification, after the signature: types of the registered claims, required
// claims, exp/nbf against the injected time with leeway, then iss, aud and type when asked, and last
// the jti against a revocation list when one is given.
// Failures are ErrorKind::Input with a one-line reason.
class ClaimValidator
{
public:
    static Status validate(const JsonObjectView& claims, const VerifyOptions& options);

    // exp, nbf and iat must be numbers; iss, sub, jti and type strings; aud a string or an array of
    // strings.
    static Status checkTypes(const JsonObjectView& claims);
    static Status checkTimes(const JsonObjectView& claims, qint64 now, qint64 leewaySeconds);
};

} // namespace tessera::jose
