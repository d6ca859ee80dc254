#include "crypto/SecretBuffer.h"

#include <sodium.h>

#include <cstring>
#include <new>
#include <utility>

namespace tessera {

SecretBuffer::SecretBuffer(std::size_t size)
{
    if (size == 0) {
        return;
    }
    m_data = static_cast<std::uint8_t*>(sodium_malloc(size));
    if (!m_data) {
        throw std::bad_alloc();
    }
    m_size = size;
    sodium_memzero(m_data, m_size);
}

SecretBuffer::~SecretBuffer()
{
    wipe();
}

SecretBuffer::SecretBuffer(SecretBuffer&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0))
{
}

SecretBuffer& SecretBuffer::operator=(SecretBuffer&& other) noexcept
{
    if (this != &other) {
        wipe();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

SecretBuffer SecretBuffer::fromBytes(QByteArrayView bytes)
{
    SecretBuffer buffer(static_cast<std::size_t>(bytes.size()));
    if (!bytes.isEmpty()) {
        std::memcpy(buffer.m_data, bytes.data(), buffer.m_size);
    }
    return buffer;
}

SecretBuffer SecretBuffer::fromString(const QString& text)
{
    QByteArray utf8 = text.toUtf8();
    SecretBuffer buffer = fromBytes(utf8);
    wipeBytes(utf8);
    return buffer;
}

SecretBuffer SecretBuffer::random(std::size_t size)
{
    SecretBuffer buffer(size);
    if (size > 0) {
        randombytes_buf(buffer.m_data, size);
    }
    return buffer;
}

SecretBuffer SecretBuffer::clone() const
{
    return fromBytes(view());
}

void SecretBuffer::wipe()
{
    if (m_data) {
        sodium_free(m_data); // sodium_free zeroes before releasing
        m_data = nullptr;
        m_size = 0;
    }
}

bool SecretBuffer::equals(const SecretBuffer& other) const
{
    if (m_size != other.m_size) {
        return false;
    }
    return m_size == 0 || sodium_memcmp(m_data, other.m_data, m_size) == 0;
}

void wipeString(QString& text)
{
    if (!text.isEmpty() && !text.isDetached()) {
        text.detach(); // never scribble over an implicitly shared copy someone else holds
    }
    if (!text.isEmpty()) {
        sodium_memzero(text.data(), static_cast<std::size_t>(text.size()) * sizeof(QChar));
    }
    text.clear();
}

void wipeBytes(QByteArray& bytes)
{
    if (!bytes.isEmpty()) {
        sodium_memzero(bytes.data(), static_cast<std::size_t>(bytes.size()));
    }
    bytes.clear();
}

} // namespace tessera
