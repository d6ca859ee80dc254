#pragma once

#include "common/Error.h"
#include "crypto/SecretBuffer.h"
#include "totp/OtpAlgorithm.h"

#include <QString>
#include <QStringView>
#include <cstdint>

namespace tessera {

enum class OtpType
{
    Totp,
    Hotp,
};

// The enrolment URI of the Key URI Format (Google Authenticator wiki), what a QR code carries:
//   otpauth://totp/B%C3%BCcher%20GmbH:jos%C3%A9%40example.com?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30
// Move-only, because it owns the secret.
struct OtpAuthUri
{
    OtpType type = OtpType::Totp;
    QString issuer;      // optional; written both as the label prefix and as the issuer parameter
    QString accountName; // required
    SecretBuffer secret; // raw key bytes
    OtpAlgorithm algorithm = OtpAlgorithm::Sha1;
    int digits = 6;
    int period = 30;           // TOTP only
    std::uint64_t counter = 0; // HOTP only

    // Builds the URI. Issuer and account are trimmed, taken as UTF-8, and every byte outside RFC 3986's
    // unreserved set is percent-encoded: a space is %20, '@' is %40, a ':' inside a name is %3A. The
    // one literal ':' separates issuer from account; with no issuer it leads the label when the account
    // holds a ':', so no reader takes part of the account for an issuer. Parameters come in a fixed
    // order - secret (base32, no padding), issuer, algorithm (upper case), digits, then period or
    // counter - so the secret is never the last one. The result holds the secret: wipe it when done.
    Result<QString> toUri() const;

    // Reads a URI from this or another generator. The label may separate issuer and account with a
    // literal ':' (split at the first one) or with "%3A", and may put spaces before the account;
    // issuer parameter and label prefix must agree when both are given. Unknown parameters are ignored,
    // repeated ones refused. Raw non-ASCII text is accepted as if it had been percent-encoded.
    static Result<OtpAuthUri> parse(QStringView uri);
};

} // namespace tessera
