#include "FuzzSupport.h"

#include "crypto/CryptoRuntime.h"

// libFuzzer calls this once, before the first input.
extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    if (!tessera::CryptoRuntime::initialise()) {
        std::fprintf(stderr, "fuzz: libsodium could not be initialised\n");
        std::abort();
    }
    return 0;
}
