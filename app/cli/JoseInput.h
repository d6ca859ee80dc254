#pragma once

#include "CliError.h"
#include "jose/JwsAlgorithm.h"
#include "keys/KeySet.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace tessera::cli {

class KeyPassphrase;
class ParsedArgs;

// What the token and key commands read from the command line, files and stdin, checked once here so
// every command words its errors alike (exit 2, naming the option).
class JoseInput
{
public:
    // Key files, claims files and a token on stdin are small; anything larger is a mistake.
    static constexpr qint64 MaxFileBytes = 1024 * 1024;

    struct Line
    {
        qsizetype number = 0; // 1-based line number in the batch file
        QByteArray text;      // without its line ending
    };

    // --now UNIX (whole seconds, >= 0), else the system clock.
    static CliResult<qint64> now(const ParsedArgs& args);
    // DURATION: "<int>[smhd]", more than zero ("90s", "15m", "12h", "7d").
    static CliResult<qint64> duration(const QString& option, const QString& text);
    // A whole number of seconds, zero or more.
    static CliResult<qint64> seconds(const QString& option, const QString& text);
    // An algorithm name as RFC 7518 spells it; "none" and unknown names are usage errors.
    static CliResult<jose::JwsAlg> alg(const QString& text);
    static CliResult<QList<jose::JwsAlg>> algs(const QStringList& texts);

    // At most maxBytes of a file.
    static CliResult<QByteArray> readFile(const QString& option, const QString& path,
                                          qint64 maxBytes = MaxFileBytes);
    // Everything left on stdin, at most maxBytes.
    static CliResult<QByteArray> readStdin(const QString& what, qint64 maxBytes = MaxFileBytes);

    // A key file: PEM (an encrypted PKCS#8 key asks `passphrase`), a JWK or a JWK Set.
    static CliResult<keys::KeySet> keyFile(const QString& option, const QString& path,
                                           KeyPassphrase& passphrase);
    // A --secret-file: its bytes exactly, less one trailing LF or CRLF.
    static CliResult<keys::KeyMaterial> secretFile(const QString& path);
    // The keys of --key FILE, --jwks FILE or --secret-file FILE (at most one of them); nullopt when
    // none is given and none is required.
    static CliResult<std::optional<keys::KeySet>> verificationKeys(const ParsedArgs& args,
                                                                   KeyPassphrase& passphrase, bool required);

    // The TOKEN argument; "-" or no argument reads one line from stdin (its LF or CRLF removed).
    static CliResult<QByteArray> token(const ParsedArgs& args);
    // --batch FILE ("-": stdin): one token per line, line endings removed, empty lines skipped.
    static CliResult<QList<Line>> batch(const QString& path);
    // A JSON object given inline, as @FILE or as "-" (stdin). Duplicate member names are refused.
    static CliResult<QJsonObject> jsonObject(const QString& option, const QString& value);
};

} // namespace tessera::cli
