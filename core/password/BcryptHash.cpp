#include "password/BcryptHash.h"

#include <algorithm>
#include <crypt.h>
#include <cstring>
#include <sodium.h>

namespace tessera {

namespace {

bool isBcryptChar(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'.' ||
           c == u'/';
}

} // namespace

bool BcryptHash::hasBcryptPrefix(QStringView encoded)
{
    return encoded.startsWith(u"$2a$") || encoded.startsWith(u"$2b$") || encoded.startsWith(u"$2y$");
}

Status BcryptHash::validate(QStringView encoded)
{
    if (!hasBcryptPrefix(encoded)) {
        return fail(ErrorKind::Input, QStringLiteral("bcrypt hash must start with $2a$, $2b$ or $2y$"));
    }
    if (encoded.size() != kEncodedLength) {
        return fail(ErrorKind::Input,
                    QStringLiteral("bcrypt hash must be exactly %1 characters").arg(kEncodedLength));
    }
    const QStringView costText = encoded.sliced(4, 2);
    if (!costText.at(0).isDigit() || !costText.at(1).isDigit() || encoded.at(6) != u'$') {
        return fail(ErrorKind::Input,
                    QStringLiteral("bcrypt hash must have a two-digit cost after the prefix"));
    }
    const int costValue = costText.toInt();
    if (costValue < kMinCost || costValue > kMaxCost) {
        return fail(ErrorKind::Input, QStringLiteral("bcrypt cost must be between %1 and %2")
                                          .arg(kMinCost, 2, 10, QChar(u'0'))
                                          .arg(kMaxCost));
    }
    const QStringView saltAndHash = encoded.sliced(7);
    if (!std::all_of(saltAndHash.begin(), saltAndHash.end(), isBcryptChar)) {
        return fail(ErrorKind::Input,
                    QStringLiteral("bcrypt salt and hash may only use the characters ./A-Za-z0-9"));
    }
    return {};
}

Result<int> BcryptHash::cost(QStringView encoded)
{
    if (auto valid = validate(encoded); !valid) {
        return std::unexpected(valid.error());
    }
    return encoded.sliced(4, 2).toInt();
}

Result<bool> BcryptHash::verify(const SecretBuffer& password, QStringView encoded)
{
    if (auto valid = validate(encoded); !valid) {
        return std::unexpected(valid.error());
    }
    const std::size_t used = std::min(password.size(), kMaxPasswordBytes);
    if (used > 0 && std::memchr(password.data(), 0, used) != nullptr) {
        return fail(ErrorKind::Input,
                    QStringLiteral("bcrypt cannot check a password that contains a NUL character"));
    }
    // crypt_r wants C strings; keep the password copy and crypt_r's work area (which holds key schedule
    // state) in guarded memory that is wiped when it goes out of scope.
    SecretBuffer input(used + 1);
    if (used > 0) {
        std::memcpy(input.data(), password.data(), used);
    }
    const QByteArray setting = encoded.toLatin1();
    SecretBuffer work(sizeof(crypt_data)); // zero-filled, as crypt_r requires on first use
    crypt_data* data = reinterpret_cast<crypt_data*>(work.data());
    const char* result = crypt_r(input.chars(), setting.constData(), data);
    // libcrypt signals failure with NULL or a "*0"/"*1" token, depending on how it was built.
    if (result == nullptr || result[0] == '*') {
        return fail(ErrorKind::Input, QStringLiteral("libcrypt could not process this bcrypt hash"));
    }
    if (std::strlen(result) != static_cast<std::size_t>(kEncodedLength)) {
        return false;
    }
    return sodium_memcmp(result, setting.constData(), static_cast<std::size_t>(kEncodedLength)) == 0;
}

} // namespace tessera
