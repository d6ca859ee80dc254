#include "keyring/VaultKey.h"

namespace tessera::keys {

QString keyStateName(KeyState state)
{
    switch (state) {
    case KeyState::Active:
        return QStringLiteral("active");
    case KeyState::Passive:
        return QStringLiteral("passive");
    case KeyState::Retired:
        return QStringLiteral("retired");
    }
    return QStringLiteral("retired");
}

std::optional<KeyState> parseKeyState(QStringView name)
{
    for (const KeyState state : {KeyState::Active, KeyState::Passive, KeyState::Retired}) {
        if (name.compare(keyStateName(state), Qt::CaseInsensitive) == 0) {
            return state;
        }
    }
    return std::nullopt;
}

} // namespace tessera::keys
