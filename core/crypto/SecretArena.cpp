#include "crypto/SecretArena.h"

#include <cstring>
#include <limits>
#include <new>
#include <utility>

namespace tessera {

namespace {

constexpr std::size_t kInitialCapacity = 256;

} // namespace

SecretArena::SecretArena(SecretArena&& other) noexcept
    : m_buffer(std::move(other.m_buffer)), m_used(std::exchange(other.m_used, 0))
{}

SecretArena& SecretArena::operator=(SecretArena&& other) noexcept
{
    if (this != &other) {
        m_buffer = std::move(other.m_buffer); // wipes what this arena held
        m_used = std::exchange(other.m_used, 0);
    }
    return *this;
}

SecretArena::Slice SecretArena::append(QByteArrayView bytes)
{
    const auto used = static_cast<std::size_t>(m_used);
    const auto length = static_cast<std::size_t>(bytes.size());
    if (length > static_cast<std::size_t>(std::numeric_limits<qsizetype>::max()) - used) {
        throw std::bad_alloc(); // cannot happen with real input; never wrap the offsets
    }
    const std::size_t needed = used + length;
    if (needed > m_buffer.size()) {
        // Doubling keeps the number of copies (and of short-lived old blocks) logarithmic.
        std::size_t capacity = m_buffer.isEmpty() ? kInitialCapacity : m_buffer.size();
        while (capacity < needed) {
            capacity = capacity > std::numeric_limits<std::size_t>::max() / 2 ? needed : capacity * 2;
        }
        SecretBuffer grown(capacity);
        if (used > 0) {
            std::memcpy(grown.data(), m_buffer.data(), used);
        }
        m_buffer = std::move(grown); // the move assignment frees (and so wipes) the old block
    }
    if (length > 0) {
        std::memcpy(m_buffer.data() + used, bytes.data(), length);
    }
    const Slice slice{m_used, bytes.size()};
    m_used = static_cast<qsizetype>(needed);
    return slice;
}

QByteArrayView SecretArena::view(Slice slice) const
{
    // A slice from another arena, or one kept across wipe(), must not read out of bounds.
    if (slice.isNull() || slice.length <= 0 || slice.offset + slice.length > m_used ||
        static_cast<std::size_t>(slice.offset + slice.length) > m_buffer.size()) {
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
    m_buffer.wipe();
    m_used = 0;
}

} // namespace tessera
