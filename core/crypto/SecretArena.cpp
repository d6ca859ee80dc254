#include "crypto/SecretArena.h"

#include <cstring>

namespace tessera {

SecretArena::Slice SecretArena::append(QByteArrayView bytes)
{
    const qsizetype needed = m_used + bytes.size();
    if (needed > qsizetype(m_buffer.size())) {
        qsizetype capacity = std::max<qsizetype>(qsizetype(m_buffer.size()) * 2, 4096);
        while (capacity < needed) {
            capacity *= 2;
        }
        SecretBuffer grown(static_cast<std::size_t>(capacity));
        if (m_used > 0) {
            std::memcpy(grown.data(), m_buffer.data(), static_cast<std::size_t>(m_used));
        }
        m_buffer = std::move(grown); // the old block is wiped as it is freed
    }
    const Slice slice{m_used, bytes.size()};
    if (!bytes.isEmpty()) {
        std::memcpy(m_buffer.data() + m_used, bytes.data(), static_cast<std::size_t>(bytes.size()));
    }
    m_used = needed;
    return slice;
}

QByteArrayView SecretArena::view(Slice slice) const
{
    if (slice.isNull() || slice.offset + slice.length > m_used) {
        return {};
    }
    return QByteArrayView(m_buffer.data() + slice.offset, slice.length);
}

SecretBuffer SecretArena::copy(Slice slice) const
{
    return SecretBuffer::fromBytes(view(slice));
}

void SecretArena::wipe()
{
    m_buffer = SecretBuffer();
    m_used = 0;
}

} // namespace tessera
