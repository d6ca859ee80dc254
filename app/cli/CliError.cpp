#include "CliError.h"

namespace tessera::cli {

CliError CliError::fromError(const Error& error)
{
    return CliError{errorKindName(error.kind), error.message, exitCodeFor(error.kind)};
}

CliError CliError::usage(QString message)
{
    return CliError{errorKindName(ErrorKind::Usage), std::move(message), exitCodeFor(ErrorKind::Usage)};
}

CliError CliError::input(QString message)
{
    return CliError{errorKindName(ErrorKind::Input), std::move(message), exitCodeFor(ErrorKind::Input)};
}

CliError CliError::negative(QString kind, QString message)
{
    return CliError{std::move(kind), std::move(message), 1};
}

CliError CliError::internal(QString message)
{
    return CliError{errorKindName(ErrorKind::Internal), std::move(message), exitCodeFor(ErrorKind::Internal)};
}

} // namespace tessera::cli
