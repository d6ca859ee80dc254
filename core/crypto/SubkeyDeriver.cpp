#include "crypto/SubkeyDeriver.h"

#include <sodium.h>

#include <stdexcept>

namespace tessera {

SecretBuffer SubkeyDeriver::derive(const SecretBuffer& master, SubkeyPurpose purpose)
{
    static constexpr char kContext[crypto_kdf_CONTEXTBYTES + 1] = "Tessera1";
    if (master.size() != crypto_kdf_KEYBYTES) {
        throw std::invalid_argument("subkey master must be 32 bytes");
    }
    SecretBuffer subkey(kKeyBytes);
    crypto_kdf_derive_from_key(subkey.data(), subkey.size(), static_cast<std::uint64_t>(purpose), kContext,
                               master.data());
    return subkey;
}

} // namespace tessera
