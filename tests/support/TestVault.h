#pragma once

#include "audit/AuditActor.h"
#include "crypto/SecretBuffer.h"
#include "vault/Vault.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace tessera::test {

// Shared fixtures: a temporary folder and fast (insecure, test-only) key derivation.
inline const char* kPassword = "correct horse battery staple";

inline SecretBuffer password(const char* text = kPassword)
{
    return SecretBuffer::fromBytes(text);
}

inline AuditActor actor()
{
    return AuditActor{QStringLiteral("tester"), QStringLiteral("test")};
}

// Creates a vault at dir/name with the test KDF; fails the calling test on error.
std::unique_ptr<Vault> createVault(const QString& path, const char* pw = kPassword);
std::unique_ptr<Vault> openVault(const QString& path, const char* pw = kPassword);

QByteArray readAll(const QString& path);
void writeAll(const QString& path, const QByteArray& bytes);

} // namespace tessera::test
