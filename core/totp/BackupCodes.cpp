#include "totp/BackupCodes.h"

#include <sodium.h>

namespace tessera {

namespace {

Status checkKey(const SecretBuffer& key)
{
    if (key.size() != BackupCodes::kKeyBytes) {
        return fail(ErrorKind::Internal,
                    QStringLiteral("backup codes: the hashing key must be %1 bytes, not %2")
                        .arg(BackupCodes::kKeyBytes)
                        .arg(key.size()));
    }
    return {};
}

QByteArray keyedHash(const SecretBuffer& key, const QString& canonical)
{
    static_assert(BackupCodes::kHashBytes >= crypto_generichash_BYTES_MIN &&
                  BackupCodes::kHashBytes <= crypto_generichash_BYTES_MAX);
    static_assert(BackupCodes::kKeyBytes >= crypto_generichash_KEYBYTES_MIN &&
                  BackupCodes::kKeyBytes <= crypto_generichash_KEYBYTES_MAX);
    const QByteArray ascii = canonical.toLatin1(); // canonical codes are pure ASCII
    QByteArray out(static_cast<qsizetype>(BackupCodes::kHashBytes), Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), BackupCodes::kHashBytes,
                       reinterpret_cast<const unsigned char*>(ascii.constData()),
                       static_cast<unsigned long long>(ascii.size()), key.data(), key.size());
    return out;
}

} // namespace

Result<BackupCodeSet> BackupCodes::generate(const SecretBuffer& key, int count)
{
    if (auto ok = checkKey(key); !ok) {
        return std::unexpected(ok.error());
    }
    if (count < 1 || count > kMaxCount) {
        return fail(ErrorKind::Input,
                    QStringLiteral("backup codes: choose 1 to %1 codes, not %2").arg(kMaxCount).arg(count));
    }
    const QLatin1StringView symbols = alphabet();
    static_assert(1 << (kBitsPerCode / kSymbols) == 32);
    BackupCodeSet set;
    while (set.codes.size() < count) {
        QString canonical(kSymbols, Qt::Uninitialized);
        for (int i = 0; i < kSymbols; ++i) {
            canonical[i] = QLatin1Char(symbols[static_cast<qsizetype>(randombytes_uniform(32))]);
        }
        const QString shown = format(canonical);
        if (set.codes.contains(shown)) {
            continue; // a 2^-50 event, but "distinct" should not depend on luck
        }
        set.codes.append(shown);
        set.stored.append(StoredBackupCode{keyedHash(key, canonical), false});
    }
    return set;
}

std::optional<QString> BackupCodes::normalise(QStringView input)
{
    const QLatin1StringView symbols = alphabet();
    QString canonical;
    canonical.reserve(kSymbols);
    for (const QChar raw : input) {
        if (raw.isSpace() || raw == QLatin1Char('-')) {
            continue;
        }
        QChar c = raw.toUpper();
        if (c == QLatin1Char('O')) {
            c = QLatin1Char('0');
        } else if (c == QLatin1Char('I') || c == QLatin1Char('L')) {
            c = QLatin1Char('1');
        }
        if (c.unicode() > 0x7f || !symbols.contains(c) || canonical.size() == kSymbols) {
            return std::nullopt;
        }
        canonical.append(c);
    }
    if (canonical.size() != kSymbols) {
        return std::nullopt;
    }
    return canonical;
}

QString BackupCodes::format(QStringView canonical)
{
    QString out;
    for (qsizetype i = 0; i < canonical.size(); ++i) {
        if (i > 0 && i % kGroupSize == 0) {
            out.append(QLatin1Char('-'));
        }
        out.append(canonical[i]);
    }
    return out;
}

Result<QByteArray> BackupCodes::hash(const SecretBuffer& key, QStringView code)
{
    if (auto ok = checkKey(key); !ok) {
        return std::unexpected(ok.error());
    }
    const std::optional<QString> canonical = normalise(code);
    if (!canonical) {
        return fail(ErrorKind::Input, QStringLiteral("not a backup code: expected %1 characters like %2")
                                          .arg(kSymbols)
                                          .arg(QStringLiteral("7KD2M-XW9QH")));
    }
    return keyedHash(key, *canonical);
}

Result<std::optional<qsizetype>> BackupCodes::findUnused(const SecretBuffer& key, QStringView input,
                                                         const QList<StoredBackupCode>& stored)
{
    if (auto ok = checkKey(key); !ok) {
        return std::unexpected(ok.error());
    }
    const std::optional<QString> canonical = normalise(input);
    if (!canonical) {
        return std::optional<qsizetype>();
    }
    const QByteArray candidate = keyedHash(key, *canonical);
    std::optional<qsizetype> found;
    for (qsizetype i = 0; i < stored.size(); ++i) {
        const StoredBackupCode& entry = stored[i];
        const bool sameLength = entry.hash.size() == candidate.size();
        const bool equal = sameLength && sodium_memcmp(entry.hash.constData(), candidate.constData(),
                                                       static_cast<std::size_t>(candidate.size())) == 0;
        if (equal && !entry.used && !found) {
            found = i;
        }
    }
    return found;
}

qsizetype BackupCodes::remaining(const QList<StoredBackupCode>& stored)
{
    qsizetype count = 0;
    for (const StoredBackupCode& entry : stored) {
        count += entry.used ? 0 : 1;
    }
    return count;
}

} // namespace tessera
