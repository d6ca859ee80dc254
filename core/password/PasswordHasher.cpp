#include "password/PasswordHasher.h"

#include "password/Argon2Phc.h"
#include "password/BcryptHash.h"

#include <array>
#include <cerrno>
#include <sodium.h>

namespace tessera {

namespace {

bool isStale(const Argon2Phc& phc, const HashParams& current)
{
    return phc.variant != Argon2Phc::Variant::Argon2id || phc.version != Argon2Phc::kVersion ||
           phc.iterations != current.opsLimit || phc.memoryKiB != current.memoryKiB() ||
           phc.parallelism != 1 || phc.salt.size() != PasswordHasher::kSaltBytes ||
           phc.hash.size() != PasswordHasher::kHashBytes;
}

const char* passwordChars(const SecretBuffer& password)
{
    return password.isEmpty() ? "" : password.chars();
}

} // namespace

Result<QString> PasswordHasher::hash(const SecretBuffer& password, const HashParams& params)
{
    if (auto valid = params.validate(); !valid) {
        return std::unexpected(valid.error());
    }
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str_alg(out.data(), passwordChars(password), password.size(), params.opsLimit,
                              static_cast<std::size_t>(params.memLimitBytes),
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return fail(ErrorKind::Io,
                    QStringLiteral("not enough memory to hash the password (%1)").arg(params.describe()));
    }
    return QString::fromLatin1(out.data());
}

Result<HashFormat> PasswordHasher::detectFormat(const QString& encoded)
{
    if (encoded.startsWith(u"$argon2id$")) {
        return HashFormat::Argon2id;
    }
    if (encoded.startsWith(u"$argon2i$")) {
        return HashFormat::Argon2i;
    }
    if (encoded.startsWith(u"$argon2d$")) {
        return fail(ErrorKind::Input,
                    QStringLiteral("argon2d hashes are not supported (only argon2id and argon2i)"));
    }
    if (BcryptHash::hasBcryptPrefix(encoded)) {
        return HashFormat::Bcrypt;
    }
    return fail(ErrorKind::Input,
                QStringLiteral("unknown password hash format (expected $argon2id$, $argon2i$, "
                               "$2a$, $2b$ or $2y$)"));
}

QString PasswordHasher::formatName(HashFormat format)
{
    switch (format) {
    case HashFormat::Argon2id:
        return QStringLiteral("argon2id");
    case HashFormat::Argon2i:
        return QStringLiteral("argon2i");
    case HashFormat::Bcrypt:
        return QStringLiteral("bcrypt");
    }
    return QStringLiteral("unknown");
}

Result<VerifyOutcome> PasswordHasher::verify(const SecretBuffer& password, const QString& encoded,
                                             const HashParams& current)
{
    const auto format = detectFormat(encoded);
    if (!format) {
        return std::unexpected(format.error());
    }
    VerifyOutcome outcome;
    outcome.format = *format;
    if (*format == HashFormat::Bcrypt) {
        const auto matches = BcryptHash::verify(password, encoded);
        if (!matches) {
            return std::unexpected(matches.error());
        }
        outcome.matches = *matches;
        outcome.needsRehash = *matches;
        return outcome;
    }
    const auto phc = Argon2Phc::parse(encoded);
    if (!phc) {
        return std::unexpected(phc.error());
    }
    // libsodium verifies argon2i and argon2id strings of any lane count, but reads the parameters only in
    // the order m, t, p; so verify the canonical spelling.
    const QByteArray canonical = phc->toEncoded();
    errno = 0;
    outcome.matches =
        crypto_pwhash_str_verify(canonical.constData(), passwordChars(password), password.size()) == 0;
    // A mismatch sets EINVAL; only a failed allocation leaves ENOMEM, and that is no answer at all.
    if (!outcome.matches && errno == ENOMEM) {
        return fail(
            ErrorKind::Io,
            QStringLiteral("not enough memory to check this argon2 hash (%1 KiB)").arg(phc->memoryKiB));
    }
    outcome.needsRehash = outcome.matches && isStale(*phc, current);
    return outcome;
}

Result<bool> PasswordHasher::needsRehash(const QString& encoded, const HashParams& current)
{
    const auto format = detectFormat(encoded);
    if (!format) {
        return std::unexpected(format.error());
    }
    if (*format == HashFormat::Bcrypt) {
        if (auto valid = BcryptHash::validate(encoded); !valid) {
            return std::unexpected(valid.error());
        }
        return true;
    }
    const auto phc = Argon2Phc::parse(encoded);
    if (!phc) {
        return std::unexpected(phc.error());
    }
    return isStale(*phc, current);
}

} // namespace tessera
