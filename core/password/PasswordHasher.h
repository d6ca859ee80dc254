#pragma once

#include "common/Error.h"
#include "crypto/SecretBuffer.h"
#include "password/HashParams.h"

#include <QString>

namespace tessera {

enum class HashFormat
{
    Argon2id,
    Argon2i,
    Bcrypt
};

struct VerifyOutcome
{
    HashFormat format = HashFormat::Argon2id;
    bool matches = false;
    // Only ever true together with `matches`: the password is known, so it can be rehashed with
    // PasswordHasher::hash and the current parameters. Set for argon2i, bcrypt, and argon2id made with
    // other parameters (passes, memory, lanes, salt or hash length) than Tessera writes today.
    bool needsRehash = false;
};

// User password hashes. Writes Argon2id PHC strings through libsodium; verifies Argon2id and Argon2i PHC
// strings (any m/t/p order, any lane count) and bcrypt $2a$/$2b$/$2y$ hashes imported from elsewhere.
// A mismatch is a value (matches == false); errors are for hashes that cannot be checked at all:
// ErrorKind::Input for unknown or malformed hashes (the message names the problem and never quotes the
// hash), ErrorKind::Io when the machine lacks the memory the hash asks for.
class PasswordHasher
{
public:
    static constexpr int kSaltBytes = 16; // what libsodium writes
    static constexpr int kHashBytes = 32;

    static Result<QString> hash(const SecretBuffer& password, const HashParams& params = {});
    static Result<VerifyOutcome> verify(const SecretBuffer& password, const QString& encoded,
                                        const HashParams& current = {});
    // Whether a hash should be replaced at the next successful sign-in (see VerifyOutcome::needsRehash).
    static Result<bool> needsRehash(const QString& encoded, const HashParams& current = {});

    // Recognises the format from the prefix only; the full check happens in verify().
    static Result<HashFormat> detectFormat(const QString& encoded);
    static QString formatName(HashFormat format); // "argon2id", "argon2i", "bcrypt"
};

} // namespace tessera
