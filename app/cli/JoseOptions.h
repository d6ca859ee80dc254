#pragma once

#include "CommandSpec.h"

#include <QString>

namespace tessera::cli {

// The options the key and token commands share, spelled and explained once.
class JoseOptions
{
public:
    static const QString Kid;   // "kid"
    static const QString Alg;   // "alg"
    static const QString Now;   // "now"
    static const QString Out;   // "out"
    static const QString Force; // "force"
    static const QString Yes;   // "yes"
    // The key files of the token commands, read by JoseInput::verificationKeys.
    static const QString Key;        // "key"
    static const QString Jwks;       // "jwks"
    static const QString SecretFile; // "secret-file"

    // --passphrase-stdin, with what the passphrase is for.
    static OptionSpec passphrase(const QString& help);
    // --now UNIX
    static OptionSpec now();
    // --kid KID: a key of the vault's key store.
    static OptionSpec kid(const QString& help);
    // --alg ALG (repeatable when `repeatable`).
    static OptionSpec alg(const QString& help, bool repeatable);
    // --out FILE and --force for commands that write a file.
    static OptionSpec out(const QString& help);
    static OptionSpec force();
    // --yes for commands that ask first.
    static OptionSpec yes(const QString& help);
};

} // namespace tessera::cli
