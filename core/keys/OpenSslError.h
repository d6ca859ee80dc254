#pragma once

#include "common/Error.h"

#include <QString>

namespace tessera::keys {

// Turns OpenSSL's thread-local error queue into one readable message and empties it, so a stale
// entry never explains a later failure.
class OpenSslError
{
public:
    // "context: library reason; library reason" or just "context" when the queue is empty.
    static QString drain(const QString& context);
    static void clear();
    static std::unexpected<Error> fail(ErrorKind kind, const QString& context);
};

} // namespace tessera::keys
