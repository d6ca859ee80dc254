#include "password/WordList.h"

#include "password/DataFile.h"

#include <QSet>
#include <cmath>

namespace tessera {

const WordList& WordList::bundled()
{
    static const WordList list = [] {
        auto loaded = load(QString::fromLatin1(DataFile::kWordListPath));
        return loaded ? std::move(*loaded) : WordList();
    }();
    return list;
}

Result<WordList> WordList::load(const QString& path)
{
    const auto text = DataFile::read(path);
    if (!text) {
        return std::unexpected(text.error());
    }
    return fromText(*text);
}

Result<WordList> WordList::fromText(QByteArrayView text)
{
    WordList list;
    QSet<QString> seen;
    const QList<QByteArrayView> lines = DataFile::entries(text);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString word = QString::fromUtf8(lines.at(i));
        if (word.contains(u' ') || word.contains(u'\t')) {
            return fail(ErrorKind::Input, QStringLiteral("word list entry %1 contains a space").arg(i + 1));
        }
        if (seen.contains(word)) {
            return fail(ErrorKind::Input, QStringLiteral("word list has \"%1\" more than once").arg(word));
        }
        seen.insert(word);
        list.m_words.append(word.toUtf8());
        list.m_capitalised.append((word.left(1).toUpper() + word.sliced(1)).toUtf8());
    }
    if (list.m_words.size() < kMinWords) {
        return fail(ErrorKind::Input, QStringLiteral("word list needs at least %1 words").arg(kMinWords));
    }
    return list;
}

QStringList WordList::words() const
{
    QStringList out;
    out.reserve(m_words.size());
    for (const QByteArray& word : m_words) {
        out.append(QString::fromUtf8(word));
    }
    return out;
}

double WordList::bitsPerWord() const
{
    return m_words.isEmpty() ? 0.0 : std::log2(static_cast<double>(m_words.size()));
}

} // namespace tessera
