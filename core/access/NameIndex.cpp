#include "access/NameIndex.h"

#include <algorithm>
#include <cstring>

namespace tessera {

namespace {

constexpr quint64 kMultiplier = 0x9E3779B97F4A7C15ULL;

quint64 mix(quint64 h)
{
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ULL;
    h ^= h >> 32;
    return h;
}

quint16 cappedLength(qsizetype length)
{
    return static_cast<quint16>(std::min<qsizetype>(length, 0xffff));
}

} // namespace

quint64 NameIndex::hashOf(QStringView key)
{
    // Eight bytes (four UTF-16 units) at a time, then a full avalanche. Names are short; the point is
    // speed, and the table compares keys exactly, so a collision only costs a probe.
    const auto* bytes = reinterpret_cast<const unsigned char*>(key.utf16());
    std::size_t left = static_cast<std::size_t>(key.size()) * sizeof(char16_t);
    quint64 h = kMultiplier ^ left;
    while (left >= 8) {
        quint64 word = 0;
        std::memcpy(&word, bytes, 8);
        h = mix(h ^ word) * kMultiplier;
        bytes += 8;
        left -= 8;
    }
    if (left > 0) {
        quint64 word = 0;
        std::memcpy(&word, bytes, left);
        h = mix(h ^ word) * kMultiplier;
    }
    return mix(h);
}

void NameIndex::reserve(qsizetype count)
{
    std::size_t wanted = 16;
    while (wanted < static_cast<std::size_t>(count) * 2)
        wanted *= 2;
    m_offsets.reserve(static_cast<std::size_t>(count) + 1);
    if (wanted <= m_slots.size())
        return;
    m_slots.assign(wanted, Slot{});
    for (int id = 0; id < size(); ++id)
        place(hashOf(keyAt(id)), id);
}

void NameIndex::clear()
{
    m_slots.clear();
    m_arena.clear();
    m_offsets.assign(1, 0);
}

QStringView NameIndex::keyAt(int id) const
{
    const auto begin = m_offsets[static_cast<std::size_t>(id)];
    const auto end = m_offsets[static_cast<std::size_t>(id) + 1];
    return QStringView(m_arena.data() + begin, static_cast<qsizetype>(end - begin));
}

void NameIndex::place(quint64 hash, int id)
{
    const std::size_t mask = m_slots.size() - 1;
    std::size_t at = static_cast<std::size_t>(hash) & mask;
    while (m_slots[at].id >= 0)
        at = (at + 1) & mask;
    const QStringView key = keyAt(id);
    Slot& slot = m_slots[at];
    slot.tag = static_cast<quint32>(hash >> 32);
    slot.id = id;
    slot.length = cappedLength(key.size());
    if (!key.isEmpty() && key.size() <= kInline) // an empty view may have no data pointer at all
        std::memcpy(slot.chars, key.utf16(), static_cast<std::size_t>(key.size()) * sizeof(char16_t));
}

int NameIndex::probe(QStringView key, quint64 hash) const
{
    const std::size_t mask = m_slots.size() - 1;
    const auto tag = static_cast<quint32>(hash >> 32);
    const quint16 length = cappedLength(key.size());
    const bool fitsInline = key.size() <= kInline;
    for (std::size_t at = static_cast<std::size_t>(hash) & mask;; at = (at + 1) & mask) {
        const Slot& slot = m_slots[at];
        if (slot.id < 0)
            return -1;
        if (slot.tag != tag || slot.length != length)
            continue;
        if (fitsInline
                ? key.isEmpty() || std::memcmp(slot.chars, key.utf16(),
                                               static_cast<std::size_t>(key.size()) * sizeof(char16_t)) == 0
                : keyAt(slot.id) == key)
            return slot.id;
    }
}

int NameIndex::find(QStringView key) const
{
    if (m_slots.empty())
        return -1;
    return probe(key, hashOf(key));
}

int NameIndex::insert(QStringView key)
{
    if (static_cast<std::size_t>(size() + 1) * 2 > m_slots.size())
        reserve(size() + 1 < 8 ? 8 : size() * 2);
    const quint64 hash = hashOf(key);
    if (const int existing = probe(key, hash); existing >= 0)
        return existing;
    const auto id = static_cast<int>(size());
    m_arena.insert(m_arena.end(), key.utf16(), key.utf16() + key.size());
    m_offsets.push_back(static_cast<quint32>(m_arena.size()));
    place(hash, id);
    return id;
}

} // namespace tessera
