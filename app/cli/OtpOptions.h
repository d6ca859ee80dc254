#pragma once

#include "CliError.h"
#include "ParsedArgs.h"
#include "crypto/SecretBuffer.h"
#include "totp/OtpAlgorithm.h"

#include <QString>
#include <QStringView>
#include <cstdint>

namespace tessera::cli {

// Option values the one-time-code commands share (totp code, hotp code, totp policy): each check names
// the option and what it accepts, and fails with a usage error (exit 2) before anything else runs.
class OtpOptions
{
public:
    // --algorithm: SHA1, SHA256 or SHA512 in any case; `fallback` when the option is absent.
    static CliResult<OtpAlgorithm> algorithm(const ParsedArgs& args,
                                             OtpAlgorithm fallback = OtpAlgorithm::Sha1);
    // A whole number from `min` to `max`; `fallback` when the option is absent.
    static CliResult<qint64> number(const ParsedArgs& args, const QString& option, qint64 min, qint64 max,
                                    qint64 fallback);
    // A whole number whose allowed values the caller checks (the MFA policy's validate() names them).
    static CliResult<int> integer(const ParsedArgs& args, const QString& option);
    // --counter: 0 to 2^64 - 1.
    static CliResult<std::uint64_t> counter(const ParsedArgs& args);
    // --secret BASE32 decoded (case, spaces and '=' padding as Base32::decode allows). "--secret -" reads
    // it from the first line of stdin instead (asked without echo on a terminal), so it never shows in
    // the process list.
    static CliResult<SecretBuffer> secret(const ParsedArgs& args);
    // A code as typed ("123 456" -> "123456"); usage error unless it is `digits` digits.
    static CliResult<QString> code(QStringView typed, int digits, const QString& what);
};

} // namespace tessera::cli
