#pragma once

#include "CliError.h"

#include <QString>

namespace tessera::cli {

// Parses a point in time given on the command line: Unix seconds ("1714564800"), an ISO 8601 date
// ("2024-05-01", midnight UTC) or date-time ("2024-05-01T12:00:00", "...Z", "...+02:00"). A date-time
// without an offset is UTC, so scripts get the same answer on every machine.
class TimeArgument
{
public:
    static CliResult<qint64> parseMs(const QString& option, const QString& text);
};

} // namespace tessera::cli
