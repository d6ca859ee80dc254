#pragma once

#include <QByteArrayView>
#include <QString>

#include <cstddef>
#include <cstdint>

namespace tessera {

// Owner of key material and passwords: guarded, locked memory from sodium_malloc, wiped on free.
// Move-only so a secret never silently multiplies; the only way to copy is the explicit clone().
class SecretBuffer
{
public:
    SecretBuffer() = default;
    explicit SecretBuffer(std::size_t size);
    ~SecretBuffer();

    SecretBuffer(SecretBuffer&& other) noexcept;
    SecretBuffer& operator=(SecretBuffer&& other) noexcept;
    SecretBuffer(const SecretBuffer&) = delete;
    SecretBuffer& operator=(const SecretBuffer&) = delete;

    static SecretBuffer fromBytes(QByteArrayView bytes);
    // Converts to UTF-8 in guarded memory. The caller should still clear its QString.
    static SecretBuffer fromString(const QString& text);
    static SecretBuffer random(std::size_t size);

    SecretBuffer clone() const;
    void wipe(); // zero and release

    std::uint8_t* data() { return m_data; }
    const std::uint8_t* data() const { return m_data; }
    const char* chars() const { return reinterpret_cast<const char*>(m_data); }
    std::size_t size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    QByteArrayView view() const { return QByteArrayView(m_data, static_cast<qsizetype>(m_size)); }

    // Constant-time comparison.
    bool equals(const SecretBuffer& other) const;

private:
    std::uint8_t* m_data = nullptr;
    std::size_t m_size = 0;
};

// Best-effort wipe for the Qt edge (line edits, stdin) where a secret briefly lives in Qt types.
void wipeString(QString& text);
void wipeBytes(QByteArray& bytes);

} // namespace tessera
