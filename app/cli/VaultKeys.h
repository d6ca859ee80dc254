#pragma once

#include "CliError.h"
#include "IdentitySupport.h"
#include "keyring/KeyRing.h"
#include "keyring/VaultKey.h"
#include "tokens/TokenIssuer.h"

#include <QJsonObject>
#include <QString>
#include <memory>

namespace tessera::cli {

class CliContext;

// An unlocked vault with its key ring and token issuer. Members go in reverse order: the issuer and the
// ring before the Directory and the Vault they refer to.
struct OpenKeyRing
{
    OpenDirectory open;
    std::unique_ptr<keys::KeyRing> ring;
    std::unique_ptr<tokens::TokenIssuer> issuer;

    keys::KeyRing* operator->() const { return ring.get(); }
    qint64 nowMs() const { return open.nowMs(); }
};

// What the vault-side key and token commands share: opening the key ring, a key's JSON and text, and
// the vault's keys for the token commands.
class VaultKeys
{
public:
    static CliResult<OpenKeyRing> open(CliContext& context, Vault::Access access);

    // The token commands open no vault unless --vault is on their command line ($TESSERA_VAULT alone
    // does not count): they are stateless tools first, and a vault costs a master password.
    static bool requested(const CliContext& context);

    // {"kid","kty","description","algorithms","state","private","createdAt","notAfter","stateChangedAt"}
    static QJsonObject json(const keys::VaultKey& key);
    // "kid  EC P-256 private key  ES256  active"
    static QString line(const keys::VaultKey& key);

    static CliResult<keys::KeyState> state(const QString& text);

    struct Named
    {
        keys::VaultKey key;
        keys::KeyMaterial material;
    };
    // A vault key to verify with: unknown kid exit 2, a retired key exit 1 (it no longer verifies).
    static CliResult<Named> verificationKey(OpenKeyRing& ring, const QString& kid);
    // The vault key that signs (KeyRing::signingKey: Active, private, not past its end date).
    static CliResult<Named> signingKey(OpenKeyRing& ring, const QString& kid);
};

} // namespace tessera::cli
