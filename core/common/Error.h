#pragma once

#include <QString>

#include <expected>

namespace tessera {

// What went wrong, coarse enough that front ends can map it to an exit code or a dialog.
enum class ErrorKind {
    Usage,         // bad flag or argument
    Input,         // unreadable or malformed input
    WrongPassword, // master password does not open the vault
    NotAVault,     // file is not a Tessera vault
    Corrupt,       // vault damaged (truncated, flipped bytes, failed integrity check)
    NewerFormat,   // written by a newer Tessera
    InUse,         // another process holds the vault
    ReadOnly,      // vault or its directory cannot be written
    Io,            // missing directory, disk full, other file-system failure
    NotFound,      // a named object does not exist
    Conflict,      // a named object already exists
    Cancelled,     // the user stopped a long operation
    Internal,      // a bug or an unexpected library failure
};

struct Error
{
    ErrorKind kind = ErrorKind::Internal;
    QString message;
};

template <typename T>
using Result = std::expected<T, Error>;

using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(ErrorKind kind, QString message)
{
    return std::unexpected(Error{kind, std::move(message)});
}

// Early return of a failed Status or Result from a function that itself returns a Status or Result.
#define TESSERA_TRY(expr)                                                                                  \
    do {                                                                                                   \
        if (auto tesseraTryResult_ = (expr); !tesseraTryResult_) {                                         \
            return std::unexpected(std::move(tesseraTryResult_.error()));                                  \
        }                                                                                                  \
    } while (false)

// Binds `name` to the value of a successful Result, or returns its error.
#define TESSERA_TRY_ASSIGN(name, expr)                                                                     \
    auto name##Result_ = (expr);                                                                           \
    if (!name##Result_) {                                                                                  \
        return std::unexpected(std::move(name##Result_.error()));                                          \
    }                                                                                                      \
    auto& name = *name##Result_

// The CLI contract: 2 usage/input, 3 vault problems, 4 internal.
int exitCodeFor(ErrorKind kind);

// Short, stable, lower-case name used in JSON output ("wrong-password", ...).
QString errorKindName(ErrorKind kind);

} // namespace tessera
