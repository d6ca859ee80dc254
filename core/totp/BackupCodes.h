#pragma once

#include "common/Error.h"
#include "crypto/SecretBuffer.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <cstddef>
#include <optional>

namespace tessera {

// One backup code as the vault keeps it: never the code, only its keyed hash.
struct StoredBackupCode
{
    QByteArray hash; // BackupCodes::kHashBytes
    bool used = false;
};

struct BackupCodeSet
{
    QStringList codes;              // "7KD2M-XW9QH": shown once, then forgotten
    QList<StoredBackupCode> stored; // same order as codes; what the vault persists
};

// Single-use recovery codes for users who lose their authenticator.
//
// Each code is 10 symbols from Crockford's base32 alphabet (0-9 A-Z without I, L, O, U): 32 symbols, so
// exactly 5 random bits per symbol and 50 bits per code, shown as two groups of five. Typing is
// forgiving: case, spaces and dashes are ignored and the look-alikes O, I and L are read as 0, 1, 1,
// so every symbol a person might see in a printed code has one meaning.
//
// Storage is a keyed BLAKE2b-256 (libsodium crypto_generichash) under a 32-byte per-vault key derived
// from the vault key. Why keyed and fast rather than a password hash: the codes are random, not
// chosen, so there is no dictionary to slow down; without the key an offline guess is impossible at
// any speed, and with the key the attacker has the unlocked vault anyway. A slow hash (Argon2) would
// only make each sign-in check ten slow derivations and give a cheap denial of service; online guessing
// is stopped by the account lockout, where 2^50 possibilities leave no realistic chance.
class BackupCodes
{
public:
    static constexpr int kDefaultCount = 10;
    static constexpr int kMaxCount = 100;
    static constexpr int kSymbols = 10;
    static constexpr int kGroupSize = 5;
    static constexpr int kBitsPerCode = 50;
    static constexpr std::size_t kKeyBytes = 32;
    static constexpr std::size_t kHashBytes = 32;

    static QLatin1StringView alphabet() { return QLatin1StringView("0123456789ABCDEFGHJKMNPQRSTVWXYZ"); }

    // Fresh, distinct codes and their hashes (libsodium randombytes_uniform for every symbol).
    static Result<BackupCodeSet> generate(const SecretBuffer& key, int count = kDefaultCount);

    // The canonical 10 symbols of a typed code ("7kd2m xw9qh" -> "7KD2MXW9QH"), or nullopt if it
    // cannot be a code.
    static std::optional<QString> normalise(QStringView input);
    // "7KD2MXW9QH" -> "7KD2M-XW9QH"
    static QString format(QStringView canonical);

    // The stored form of a code (normalised first); Input error if it is not a code.
    static Result<QByteArray> hash(const SecretBuffer& key, QStringView code);

    // Index of the unused stored code that `input` matches, or nullopt (no match, already used, or
    // not a code at all: all count as a wrong code). Every entry is compared in constant time and the
    // scan never stops early. The caller marks the entry used in the same transaction that signs in.
    static Result<std::optional<qsizetype>> findUnused(const SecretBuffer& key, QStringView input,
                                                       const QList<StoredBackupCode>& stored);

    static qsizetype remaining(const QList<StoredBackupCode>& stored);
};

} // namespace tessera
