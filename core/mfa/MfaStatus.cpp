#include "mfa/MfaStatus.h"

namespace tessera {

QString mfaStateName(MfaState state)
{
    switch (state) {
    case MfaState::Off:
        return QStringLiteral("off");
    case MfaState::Pending:
        return QStringLiteral("pending");
    case MfaState::Active:
        return QStringLiteral("active");
    }
    return QStringLiteral("off");
}

} // namespace tessera
