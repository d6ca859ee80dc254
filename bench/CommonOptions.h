#pragma once

class QCommandLineParser;

namespace tessera::bench {

// The options every benchmark takes besides its own: --help, --json and --strict. A benchmark's
// Options derive from this.
struct CommonOptions
{
    bool json = false;
    bool strict = false;

    // Call before adding the benchmark's own options, so that --help lists these first.
    static void addTo(QCommandLineParser& parser);
    // After parser.process().
    void readFrom(const QCommandLineParser& parser);
};

} // namespace tessera::bench
