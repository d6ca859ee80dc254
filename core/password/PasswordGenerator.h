#pragma once

#include "common/Error.h"
#include "crypto/SecretBuffer.h"

#include <QString>
#include <cstdint>
#include <functional>

namespace tessera {

class WordList;

struct PasswordOptions
{
    static constexpr int kMinLength = 4;
    static constexpr int kMaxLength = 256;

    int length = 20;
    bool lowercase = true;
    bool uppercase = true;
    bool digits = true;
    bool symbols = true;
    bool excludeLookAlikes = false; // drops I l 1 O 0 o
};

struct PassphraseOptions
{
    static constexpr int kMinWords = 3;
    static constexpr int kMaxWords = 64;
    static constexpr qsizetype kMaxSeparatorLength = 8;

    int words = 6; // EFF's advice for its large list: about 77 bits
    QString separator = QStringLiteral("-");
    bool capitalise = true;    // first letter of every word, so the default policy's upper-case rule holds
    bool includeNumber = true; // one random digit after one random word, for the digit rule
};

// Random passwords and passphrases in guarded memory. Every choice is uniform: libsodium's
// randombytes_uniform has no modulo bias, and a chosen class is guaranteed by placing one character of it
// and then shuffling (Fisher-Yates) rather than by retrying.
class PasswordGenerator
{
public:
    // Uniform in [0, upperBound) for upperBound >= 1. Injected by tests to make output predictable.
    using RandomIndex = std::function<std::uint32_t(std::uint32_t upperBound)>;

    static constexpr const char* kLowercase = "abcdefghijklmnopqrstuvwxyz";
    static constexpr const char* kUppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static constexpr const char* kDigits = "0123456789";
    static constexpr const char* kSymbols =
        "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"; // printable ASCII punctuation
    static constexpr const char* kLookAlikes = "Il1O0o";

    explicit PasswordGenerator(RandomIndex random = {}); // default: randombytes_uniform

    // Input error for a length outside 4..256, no class chosen, or fewer characters than classes.
    Result<SecretBuffer> password(const PasswordOptions& options) const;
    // UTF-8 words from the list joined by the separator. Input error for a word count outside 3..64, a
    // separator longer than 8 characters or containing control characters, or an empty list.
    Result<SecretBuffer> passphrase(const PassphraseOptions& options, const WordList& words) const;
    Result<SecretBuffer> passphrase(const PassphraseOptions& options) const; // the bundled EFF list

    // Entropy for the strength display: length * log2(alphabet); the one-of-each-class guarantee takes
    // a little off this, which is why it is an upper bound.
    static Result<double> passwordEntropyBits(const PasswordOptions& options);
    static double passphraseEntropyBits(const PassphraseOptions& options, const WordList& words);

    // The characters each chosen class contributes after look-alikes are dropped.
    static QString alphabet(const PasswordOptions& options);

private:
    std::uint32_t pick(std::uint32_t upperBound) const;

    RandomIndex m_random;
};

} // namespace tessera
