#pragma once

#include "crypto/SecretBuffer.h"

#include <QByteArrayView>

namespace tessera {

// Many small secrets (the plaintext passwords of an import file) in one guarded sodium_malloc block.
// One SecretBuffer per password would cost a mapping each, and 100,000 of them exceed the kernel's
// mapping limit. Growing copies into a larger block and wipes the old one.
class SecretArena
{
public:
    struct Slice
    {
        qsizetype offset = -1;
        qsizetype length = 0;
        bool isNull() const { return offset < 0; }
    };

    SecretArena() = default;
    // Written out (not defaulted) so a moved-from arena is empty, not a count without a block.
    SecretArena(SecretArena&& other) noexcept;
    SecretArena& operator=(SecretArena&& other) noexcept;

    Slice append(QByteArrayView bytes);
    QByteArrayView view(Slice slice) const; // empty for a null slice
    SecretBuffer copy(Slice slice) const;   // one secret on its own, e.g. for PasswordHasher
    qsizetype size() const { return m_used; }
    void wipe(); // wipes and frees everything

private:
    SecretBuffer m_buffer;
    qsizetype m_used = 0;
};

} // namespace tessera
