#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace tessera::keys {

// A vault key's life: Active keys sign and verify, Passive keys only verify (tokens they signed stay
// valid until they expire), Retired keys do neither but stay listed for the record.
enum class KeyState
{
    Active,
    Passive,
    Retired,
};

QString keyStateName(KeyState state); // "active", "passive", "retired"
std::optional<KeyState> parseKeyState(QStringView name);

// What the vault tells about a key without opening its private half.
struct VaultKey
{
    QString kid;
    QString kty;         // JWK key type: RSA, EC, OKP, oct
    QString description; // "EC P-256 private key"
    QStringList algorithms; // the JWS algorithms the key may be used with
    KeyState state = KeyState::Active;
    qint64 createdMs = 0;
    qint64 notAfterMs = 0; // 0: no end date
    qint64 stateMs = 0;    // when the state last changed
    bool hasPrivate = false;
    QJsonObject publicJwk; // empty for HMAC secrets, which have no public form

    bool canSign() const { return state == KeyState::Active && hasPrivate; }
    bool canVerify() const { return state != KeyState::Retired; }
    bool isExpiredAt(qint64 nowMs) const { return notAfterMs != 0 && nowMs >= notAfterMs; }
};

} // namespace tessera::keys
