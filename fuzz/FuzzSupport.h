#pragma once

#include <cstdio>
#include <cstdlib>

// What the fuzz targets share: invariant checks that abort, so that libFuzzer records the input that
// broke them. FuzzSupport.cpp readies libsodium before the first input.
namespace tessera::fuzz {

inline void require(bool holds, const char* invariant)
{
    if (!holds) {
        std::fprintf(stderr, "fuzz: invariant broken: %s\n", invariant);
        std::abort();
    }
}

} // namespace tessera::fuzz
