#pragma once

#include "common/Error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

namespace tessera {

// Words for passphrases. Each word is kept as UTF-8 both as written and capitalised, so building a
// passphrase only copies bytes into guarded memory and never makes a temporary string of a chosen word.
class WordList
{
public:
    static constexpr qsizetype kMinWords = 2;

    WordList() = default;

    // The EFF large word list (7,776 words) in resources/data/wordlist.txt, read once on first use.
    // Empty only if the resource is missing from the build, which the tests catch.
    static const WordList& bundled();
    static Result<WordList> load(const QString& path);
    // Input error when the text holds fewer than two words, a duplicate, or a word with spaces.
    static Result<WordList> fromText(QByteArrayView text);

    qsizetype size() const { return m_words.size(); }
    bool isEmpty() const { return m_words.isEmpty(); }
    QByteArrayView word(qsizetype index) const { return m_words.at(index); }
    QByteArrayView capitalised(qsizetype index) const { return m_capitalised.at(index); }
    QStringList words() const;
    double bitsPerWord() const;

private:
    QList<QByteArray> m_words;
    QList<QByteArray> m_capitalised;
};

} // namespace tessera
