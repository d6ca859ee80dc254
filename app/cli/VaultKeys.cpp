#include "VaultKeys.h"

#include "CliContext.h"

#include <QJsonArray>

namespace tessera::cli {

using keys::KeyState;
using keys::VaultKey;

CliResult<OpenKeyRing> VaultKeys::open(CliContext& context, Vault::Access access)
{
    auto directory = IdentitySupport::open(context, access);
    if (!directory) {
        return std::unexpected(directory.error());
    }
    OpenKeyRing opened;
    opened.open = std::move(*directory);
    opened.ring = std::make_unique<keys::KeyRing>(*opened.open.vault);
    opened.issuer = std::make_unique<tokens::TokenIssuer>(*opened.open.directory);
    return opened;
}

bool VaultKeys::requested(const CliContext& context)
{
    return context.options().vault.has_value();
}

QJsonObject VaultKeys::json(const VaultKey& key)
{
    return QJsonObject{{QStringLiteral("kid"), key.kid},
                       {QStringLiteral("kty"), key.kty},
                       {QStringLiteral("description"), key.description},
                       {QStringLiteral("algorithms"), QJsonArray::fromStringList(key.algorithms)},
                       {QStringLiteral("state"), keys::keyStateName(key.state)},
                       {QStringLiteral("private"), key.hasPrivate},
                       {QStringLiteral("createdAt"), IdentitySupport::isoOrNull(key.createdMs)},
                       {QStringLiteral("notAfter"), IdentitySupport::isoOrNull(key.notAfterMs)},
                       {QStringLiteral("stateChangedAt"), IdentitySupport::isoOrNull(key.stateMs)}};
}

QString VaultKeys::line(const VaultKey& key)
{
    return QStringLiteral("%1  %2  %3  %4")
        .arg(key.kid, key.description, key.algorithms.join(QLatin1Char(',')), keys::keyStateName(key.state));
}

CliResult<KeyState> VaultKeys::state(const QString& text)
{
    const auto state = keys::parseKeyState(text);
    if (!state) {
        return cliFail(CliError::usage(
            QStringLiteral("the state must be active, passive or retired, not \"%1\"").arg(text)));
    }
    return *state;
}

CliResult<VaultKeys::Named> VaultKeys::verificationKey(OpenKeyRing& ring, const QString& kid)
{
    auto key = ring->key(kid);
    if (!key) {
        return cliFail(key.error());
    }
    if (!key->canVerify()) {
        return cliFail(CliError::negative(
            QStringLiteral("invalid-token"),
            QStringLiteral("invalid token: key \"%1\" is retired and verifies nothing").arg(kid)));
    }
    auto material = ring->material(kid);
    if (!material) {
        return cliFail(material.error());
    }
    return Named{std::move(*key), std::move(*material)};
}

CliResult<VaultKeys::Named> VaultKeys::signingKey(OpenKeyRing& ring, const QString& kid)
{
    auto key = ring->key(kid);
    if (!key) {
        return cliFail(key.error());
    }
    auto material = ring->signingKey(kid);
    if (!material) {
        return cliFail(material.error());
    }
    return Named{std::move(*key), std::move(*material)};
}

} // namespace tessera::cli
