#pragma once

#include <QString>
#include <QStringView>
#include <vector>

namespace tessera {

// The evaluator's hot-path lookup: exact strings to dense ids 0..n-1 by open addressing over one flat
// slot array. A slot holds a short key's characters itself, so a typical lookup reads one cache line
// (a QHash<QString, int> reads a node, then the string's separate buffer). Longer keys are compared in
// an arena. Keys compare exactly (case-sensitive); ids are the insertion order.
class NameIndex
{
public:
    void reserve(qsizetype count);
    // Returns the new key's id, or the existing id when the key is already present.
    int insert(QStringView key);
    int find(QStringView key) const; // -1 when absent
    qsizetype size() const { return static_cast<qsizetype>(m_offsets.size()) - 1; }
    QStringView keyAt(int id) const;
    void clear();

private:
    static constexpr qsizetype kInline = 11; // characters kept in the slot: most usernames fit

    struct alignas(32) Slot
    {
        quint32 tag = 0;    // high bits of the hash, to skip most key comparisons
        qint32 id = -1;     // -1 = empty
        quint16 length = 0; // key length, capped at 0xffff (long keys compare through the arena)
        char16_t chars[kInline] = {};
    };
    static_assert(sizeof(Slot) == 32, "two slots per cache line");

    static quint64 hashOf(QStringView key);
    int probe(QStringView key, quint64 hash) const;
    void place(quint64 hash, int id);

    std::vector<Slot> m_slots;         // size is a power of two, at most half full
    std::vector<char16_t> m_arena;     // every key's characters, back to back
    std::vector<quint32> m_offsets{0}; // key i is m_arena[m_offsets[i], m_offsets[i + 1])
};

} // namespace tessera
