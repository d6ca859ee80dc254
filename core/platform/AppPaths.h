#pragma once

#include <QString>

namespace tessera {

// Where Tessera keeps things by default (XDG locations via QStandardPaths).
class AppPaths
{
public:
    static constexpr const char* kVaultSuffix = ".tessera";
    // $TESSERA_VAULT if set, else <data dir>/tessera/vault.tessera
    static QString defaultVaultPath();
    static QString dataDirectory();
};

} // namespace tessera
