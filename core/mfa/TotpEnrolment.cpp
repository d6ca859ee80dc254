#include "mfa/TotpEnrolment.h"

#include "totp/Base32.h"

namespace tessera {

QString TotpEnrolment::secretBase32() const
{
    return Base32::encode(secret.view());
}

QString TotpEnrolment::secretForManualEntry() const
{
    return Base32::grouped(secretBase32(), 4);
}

} // namespace tessera
