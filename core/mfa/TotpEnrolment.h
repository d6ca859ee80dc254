#pragma once

#include "crypto/SecretBuffer.h"
#include "totp/OtpPolicy.h"

#include <QString>

namespace tessera {

// What a new enrolment hands to the person enrolling, once: the seed, the otpauth URI that carries it
// (for the QR code) and the settings the authenticator must use. Move-only: it owns the seed. The URI
// holds the seed too; callers wipe it (wipeString) when the dialog or command is done.
struct TotpEnrolment
{
    QString username;
    QString issuer;
    SecretBuffer secret;
    OtpPolicy policy; // algorithm, digits and period of this enrolment
    QString uri;

    QString secretBase32() const;        // upper case, no padding
    QString secretForManualEntry() const; // in groups of four
};

} // namespace tessera
