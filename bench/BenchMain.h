#pragma once

#include "BenchReport.h"
#include "crypto/CryptoRuntime.h"

#include <QCoreApplication>
#include <cstdio>
#include <optional>

namespace tessera::bench {

// The main of a benchmark of core: no core dumps (it holds keys) and libsodium ready, else status 4;
// the options parsed, else status 2; then body(options, report) with the report in the format the
// options ask for. body begins the report itself, so that set-up which can fail (bench_vault's
// temporary folder) is refused before the header is printed, and returns the exit status.
template <typename Options, typename Body>
int benchMain(int argc, char* argv[], const char* program,
              std::optional<Options> (*parseOptions)(const QCoreApplication&), Body&& body)
{
    CryptoRuntime::disableCoreDumps();
    if (!CryptoRuntime::initialise()) {
        std::fprintf(stderr, "%s: libsodium could not be initialised\n", program);
        return 4;
    }
    QCoreApplication app(argc, argv);
    const std::optional<Options> options = parseOptions(app);
    if (!options) {
        return 2;
    }
    BenchReport report(QString::fromLatin1(program),
                       options->json ? BenchReport::Format::Json : BenchReport::Format::Text);
    return body(*options, report);
}

} // namespace tessera::bench
