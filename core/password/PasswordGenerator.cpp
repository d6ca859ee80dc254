#include "password/PasswordGenerator.h"

#include "password/WordList.h"

#include <QByteArray>
#include <QList>
#include <cmath>
#include <cstring>
#include <sodium.h>
#include <utility>

namespace tessera {

namespace {

QList<QByteArray> chosenClasses(const PasswordOptions& options)
{
    QList<QByteArray> classes;
    const auto add = [&](bool wanted, const char* characters) {
        if (!wanted) {
            return;
        }
        QByteArray set(characters);
        if (options.excludeLookAlikes) {
            set.removeIf([](char c) { return std::strchr(PasswordGenerator::kLookAlikes, c) != nullptr; });
        }
        classes.append(set);
    };
    add(options.lowercase, PasswordGenerator::kLowercase);
    add(options.uppercase, PasswordGenerator::kUppercase);
    add(options.digits, PasswordGenerator::kDigits);
    add(options.symbols, PasswordGenerator::kSymbols);
    return classes;
}

Status validatePassword(const PasswordOptions& options, const QList<QByteArray>& classes)
{
    if (options.length < PasswordOptions::kMinLength || options.length > PasswordOptions::kMaxLength) {
        return fail(ErrorKind::Input, QStringLiteral("password length must be between %1 and %2")
                                          .arg(PasswordOptions::kMinLength)
                                          .arg(PasswordOptions::kMaxLength));
    }
    if (classes.isEmpty()) {
        return fail(ErrorKind::Input, QStringLiteral("choose at least one character class"));
    }
    if (options.length < classes.size()) {
        return fail(ErrorKind::Input,
                    QStringLiteral("a password of %1 characters cannot hold one of each of %2 classes")
                        .arg(options.length)
                        .arg(classes.size()));
    }
    return {};
}

Status validatePassphrase(const PassphraseOptions& options, const WordList& words)
{
    if (options.words < PassphraseOptions::kMinWords || options.words > PassphraseOptions::kMaxWords) {
        return fail(ErrorKind::Input, QStringLiteral("a passphrase must have between %1 and %2 words")
                                          .arg(PassphraseOptions::kMinWords)
                                          .arg(PassphraseOptions::kMaxWords));
    }
    if (options.separator.size() > PassphraseOptions::kMaxSeparatorLength) {
        return fail(ErrorKind::Input, QStringLiteral("the word separator may have at most %1 characters")
                                          .arg(PassphraseOptions::kMaxSeparatorLength));
    }
    for (const QChar c : options.separator) {
        if (c.category() == QChar::Other_Control) {
            return fail(ErrorKind::Input,
                        QStringLiteral("the word separator must not contain control characters"));
        }
    }
    if (words.size() < WordList::kMinWords) {
        return fail(ErrorKind::Input, QStringLiteral("the word list is empty"));
    }
    return {};
}

} // namespace

PasswordGenerator::PasswordGenerator(RandomIndex random) : m_random(std::move(random)) {}

std::uint32_t PasswordGenerator::pick(std::uint32_t upperBound) const
{
    if (upperBound <= 1) {
        return 0;
    }
    const std::uint32_t value = m_random ? m_random(upperBound) : randombytes_uniform(upperBound);
    return value < upperBound ? value : upperBound - 1; // a faulty injected source must not overrun
}

QString PasswordGenerator::alphabet(const PasswordOptions& options)
{
    QByteArray all;
    for (const QByteArray& set : chosenClasses(options)) {
        all += set;
    }
    return QString::fromLatin1(all);
}

Result<SecretBuffer> PasswordGenerator::password(const PasswordOptions& options) const
{
    const QList<QByteArray> classes = chosenClasses(options);
    if (auto valid = validatePassword(options, classes); !valid) {
        return std::unexpected(valid.error());
    }
    QByteArray all;
    for (const QByteArray& set : classes) {
        all += set;
    }
    const auto length = static_cast<std::size_t>(options.length);
    SecretBuffer out(length);
    std::size_t i = 0;
    for (const QByteArray& set : classes) { // one of each chosen class...
        out.data()[i++] = static_cast<std::uint8_t>(set.at(pick(static_cast<std::uint32_t>(set.size()))));
    }
    for (; i < length; ++i) { // ...the rest from all of them...
        out.data()[i] = static_cast<std::uint8_t>(all.at(pick(static_cast<std::uint32_t>(all.size()))));
    }
    for (std::size_t j = length - 1; j > 0; --j) { // ...then shuffled so the guaranteed ones sit anywhere
        const std::size_t k = pick(static_cast<std::uint32_t>(j + 1));
        std::swap(out.data()[j], out.data()[k]);
    }
    return out;
}

Result<SecretBuffer> PasswordGenerator::passphrase(const PassphraseOptions& options) const
{
    return passphrase(options, WordList::bundled());
}

Result<SecretBuffer> PasswordGenerator::passphrase(const PassphraseOptions& options,
                                                   const WordList& words) const
{
    if (auto valid = validatePassphrase(options, words); !valid) {
        return std::unexpected(valid.error());
    }
    const auto count = static_cast<std::size_t>(options.words);
    // Which words were picked is as secret as the passphrase, so the indices live in guarded memory too.
    SecretBuffer picks(count * sizeof(std::uint32_t));
    auto* indices = reinterpret_cast<std::uint32_t*>(picks.data());
    for (std::size_t i = 0; i < count; ++i) {
        indices[i] = pick(static_cast<std::uint32_t>(words.size()));
    }
    const std::uint32_t numberWord = options.includeNumber ? pick(static_cast<std::uint32_t>(count)) : 0;
    const char digit = options.includeNumber ? static_cast<char>('0' + pick(10)) : '\0';

    const QByteArray separator = options.separator.toUtf8();
    const auto wordAt = [&](std::size_t i) {
        return options.capitalise ? words.capitalised(indices[i]) : words.word(indices[i]);
    };
    std::size_t total =
        static_cast<std::size_t>(separator.size()) * (count - 1) + (options.includeNumber ? 1 : 0);
    for (std::size_t i = 0; i < count; ++i) {
        total += static_cast<std::size_t>(wordAt(i).size());
    }
    SecretBuffer out(total);
    std::uint8_t* cursor = out.data();
    const auto append = [&](QByteArrayView bytes) {
        if (!bytes.isEmpty()) {
            std::memcpy(cursor, bytes.data(), static_cast<std::size_t>(bytes.size()));
            cursor += bytes.size();
        }
    };
    for (std::size_t i = 0; i < count; ++i) {
        if (i > 0) {
            append(separator);
        }
        append(wordAt(i));
        if (options.includeNumber && i == numberWord) {
            *cursor++ = static_cast<std::uint8_t>(digit);
        }
    }
    return out;
}

Result<double> PasswordGenerator::passwordEntropyBits(const PasswordOptions& options)
{
    const QList<QByteArray> classes = chosenClasses(options);
    if (auto valid = validatePassword(options, classes); !valid) {
        return std::unexpected(valid.error());
    }
    qsizetype size = 0;
    for (const QByteArray& set : classes) {
        size += set.size();
    }
    return options.length * std::log2(static_cast<double>(size));
}

double PasswordGenerator::passphraseEntropyBits(const PassphraseOptions& options, const WordList& words)
{
    if (words.isEmpty() || options.words < 1) {
        return 0.0;
    }
    double bits = options.words * words.bitsPerWord();
    if (options.includeNumber) {
        bits += std::log2(10.0) + std::log2(static_cast<double>(options.words));
    }
    return bits;
}

} // namespace tessera
