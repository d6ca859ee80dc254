#pragma once

#include "common/Error.h"

#include <QString>
#include <expected>

namespace tessera::cli {

// A failure as the CLI reports it: a stable kind for JSON, a message for people, and the exit code.
// Core errors map through exitCodeFor(); the CLI adds its own kinds for negative answers (exit 1),
// such as "password-mismatch" or "tampered", which are not errors of the core.
struct CliError
{
    QString kind;
    QString message;
    int exitCode = 4;

    static CliError fromError(const Error& error);
    static CliError usage(QString message);                  // exit 2, kind "usage"
    static CliError input(QString message);                  // exit 2, kind "input"
    static CliError negative(QString kind, QString message); // exit 1
    static CliError internal(QString message);               // exit 4
};

template <typename T> using CliResult = std::expected<T, CliError>;

using CliStatus = std::expected<void, CliError>;

inline std::unexpected<CliError> cliFail(CliError error)
{
    return std::unexpected(std::move(error));
}

inline std::unexpected<CliError> cliFail(const Error& error)
{
    return std::unexpected(CliError::fromError(error));
}

} // namespace tessera::cli
