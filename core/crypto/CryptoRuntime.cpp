#include "crypto/CryptoRuntime.h"

#include <sodium.h>
#include <sys/prctl.h>
#include <sys/resource.h>

namespace tessera {

bool CryptoRuntime::initialise()
{
    return sodium_init() >= 0;
}

void CryptoRuntime::disableCoreDumps()
{
    rlimit limit{0, 0};
    setrlimit(RLIMIT_CORE, &limit);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

} // namespace tessera
