#pragma once

#include "CliError.h"
#include "crypto/SecretBuffer.h"

#include <QString>
#include <optional>

namespace tessera::cli {

class ParsedArgs;

// The one passphrase of a key command: it opens an encrypted PKCS#8 key and encrypts a private key
// written as PEM. With --passphrase-stdin it is the first line of stdin, read before anything else
// so a token or claims on stdin can follow it; otherwise a no-echo prompt on a terminal (asked twice
// when it will encrypt a new file), and without a terminal a usage error.
class KeyPassphrase
{
public:
    static constexpr const char* Option = "passphrase-stdin";

    // Reads stdin now when --passphrase-stdin is set.
    static CliResult<KeyPassphrase> fromArgs(const ParsedArgs& args);

    // The passphrase, read or asked for on first use. `what` names the key in the prompt and in the
    // error; `confirm` asks twice on a terminal.
    CliResult<const SecretBuffer*> get(const QString& what, bool confirm);
    bool given() const { return m_secret.has_value(); }

private:
    std::optional<SecretBuffer> m_secret;
};

} // namespace tessera::cli
