#include "vault/VaultHeader.h"

#include <QFile>
#include <QFileInfo>

#include <sodium.h>

#include <cstring>

namespace tessera {

namespace {
constexpr std::uint8_t kMagic[3] = {'T', 'S', 'V'};
}

VaultHeader VaultHeader::generate(KdfParams params)
{
    VaultHeader header;
    std::memcpy(header.m_bytes.data(), kMagic, sizeof kMagic);
    header.m_bytes[3] = kFormatVersion;
    header.m_bytes[4] = params.iterations;
    header.m_bytes[5] = params.memoryLog2;
    randombytes_buf(header.m_bytes.data() + 6, kSize - 6);
    return header;
}

Result<VaultHeader> VaultHeader::parse(const PasswordKdf::Salt& bytes)
{
    if (std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
        return fail(ErrorKind::NotAVault, QStringLiteral("not a Tessera vault (unknown file header)"));
    }
    VaultHeader header;
    header.m_bytes = bytes;
    if (header.formatVersion() == 0) {
        return fail(ErrorKind::Corrupt, QStringLiteral("the vault header is damaged (format version 0)"));
    }
    if (header.formatVersion() > kFormatVersion) {
        return fail(ErrorKind::NewerFormat,
                    QStringLiteral("this vault was written by a newer Tessera (file format %1; this version reads up to %2)")
                        .arg(header.formatVersion())
                        .arg(kFormatVersion));
    }
    if (!header.kdf().isValid()) {
        return fail(ErrorKind::Corrupt, QStringLiteral("the vault header is damaged (invalid key-derivation parameters)"));
    }
    return header;
}

Result<VaultHeader> VaultHeader::readFrom(const QString& path)
{
    QFileInfo info(path);
    if (!info.exists()) {
        return fail(ErrorKind::Io, QStringLiteral("no vault at %1").arg(path));
    }
    if (info.isDir()) {
        return fail(ErrorKind::NotAVault, QStringLiteral("%1 is a directory, not a vault").arg(path));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(ErrorKind::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    }
    // A vault is at least one SQLCipher page; anything shorter is truncated or foreign.
    if (file.size() < 1024) {
        if (file.size() >= static_cast<qint64>(kSize) && file.peek(3) == QByteArrayView(kMagic, 3)) {
            return fail(ErrorKind::Corrupt, QStringLiteral("the vault %1 is truncated (%2 bytes)").arg(path).arg(file.size()));
        }
        return fail(ErrorKind::NotAVault, QStringLiteral("%1 is not a Tessera vault (too short)").arg(path));
    }
    PasswordKdf::Salt bytes{};
    if (file.read(reinterpret_cast<char*>(bytes.data()), kSize) != static_cast<qint64>(kSize)) {
        return fail(ErrorKind::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    }
    auto header = parse(bytes);
    if (!header) {
        return std::unexpected(Error{header.error().kind, QStringLiteral("%1: %2").arg(path, header.error().message)});
    }
    // SQLCipher pages are 1024 bytes in 3.x; a partial last page means the file was cut short.
    if (file.size() % 1024 != 0) {
        return fail(ErrorKind::Corrupt, QStringLiteral("the vault %1 is truncated (%2 bytes is not a whole number of pages)")
                                            .arg(path)
                                            .arg(file.size()));
    }
    return header;
}

SecretBuffer VaultHeader::sqlCipherKeySpec(const SecretBuffer& fileKey) const
{
    static constexpr char kHex[] = "0123456789abcdef";
    const std::size_t hexLen = (fileKey.size() + kSize) * 2;
    SecretBuffer spec(hexLen + 3);
    std::uint8_t* out = spec.data();
    *out++ = 'x';
    *out++ = '\'';
    const auto put = [&](const std::uint8_t* in, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) {
            *out++ = static_cast<std::uint8_t>(kHex[in[i] >> 4]);
            *out++ = static_cast<std::uint8_t>(kHex[in[i] & 0x0f]);
        }
    };
    put(fileKey.data(), fileKey.size());
    put(m_bytes.data(), kSize);
    *out = '\'';
    return spec;
}

} // namespace tessera
