// bench_totp: TOTP verification rate with a +/-1 window against a bare HMAC-SHA1 loop in the same
// run, the cost of checking a backup code, and the time to make a QR code for a 200-character URI.
#include "BenchMain.h"
#include "BenchReport.h"
#include "CommonOptions.h"
#include "Samples.h"
#include "Stopwatch.h"
#include "common/Clock.h"
#include "qr/QrCode.h"
#include "qr/QrPng.h"
#include "qr/QrSvg.h"
#include "qr/QrTerminal.h"
#include "totp/BackupCodes.h"
#include "totp/OtpAuthUri.h"
#include "totp/Totp.h"
#include "totp/TotpVerifier.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>
#include <ctime>
#include <openssl/evp.h>
#include <optional>

using namespace tessera;
using namespace tessera::bench;

namespace {

constexpr qint64 kNow = 1700000015; // mid-step, fixed: the clock plays no part in the cost
constexpr int kBatches = 7;         // medians of interleaved batches resist bursts of load

struct Options : CommonOptions
{
    int verifications = 200000; // per batch
    int qrRuns = 200;
};

// Keeps the optimiser from discarding work whose result is otherwise unused.
volatile std::size_t g_sink = 0;

class TotpBench
{
public:
    TotpBench(const Options& options, BenchReport& report) : m_options(options), m_report(report) {}

    Status run()
    {
        for (auto step : {&TotpBench::verification, &TotpBench::backupCodes, &TotpBench::qrCodes}) {
            if (auto ok = (this->*step)(); !ok) {
                return ok;
            }
        }
        return {};
    }

private:
    // Wall-clock ns per call of `body`, run `count` times; `cpuNs`, if given, gets the thread's CPU
    // time per call as well, which tells a slow machine from a busy one.
    template <typename Body> static double nsPerCall(int count, Body&& body, Samples* cpuNs = nullptr)
    {
        const double cpuStart = threadCpuNs();
        const Stopwatch watch;
        for (int i = 0; i < count; ++i) {
            body(i);
        }
        const double wall = watch.elapsedMs() * 1e6 / count;
        if (cpuNs) {
            cpuNs->add((threadCpuNs() - cpuStart) / count);
        }
        return wall;
    }

    static double threadCpuNs()
    {
        timespec now{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
        return static_cast<double>(now.tv_sec) * 1e9 + static_cast<double>(now.tv_nsec);
    }

    Status verification()
    {
        const int n = m_options.verifications;
        m_report.progress(
            QStringLiteral("TOTP: %1 batches of %2 verifications and of %2 bare HMACs").arg(kBatches).arg(n));
        const SecretBuffer secret = Totp::generateSecret();
        const ManualClock clock(kNow * 1000);
        auto verifier = TotpVerifier::create(secret, OtpPolicy{}, clock);
        if (!verifier) {
            return std::unexpected(verifier.error());
        }
        // A wrong code is the dear case: every step of the window is computed.
        const QString wrong = Totp::code(secret, kNow + 300, OtpPolicy{}).value();
        const QString right = Totp::code(secret, kNow, OtpPolicy{}).value();
        if (verifier->verify(wrong, std::nullopt)->accepted() ||
            !verifier->verify(right, std::nullopt)->accepted()) {
            return fail(ErrorKind::Internal,
                        QStringLiteral("the benchmark's sample codes do not behave as expected"));
        }

        unsigned char message[8] = {};
        unsigned char mac[EVP_MAX_MD_SIZE];
        Samples verifyNs;
        Samples acceptNs;
        Samples freshNs;
        Samples bareNs;
        Samples verifyCpuNs;
        Samples bareCpuNs;
        for (int batch = 0; batch < kBatches; ++batch) {
            verifyNs.add(nsPerCall(
                n,
                [&](int) {
                    auto check = verifier->verify(wrong, std::nullopt);
                    g_sink = g_sink + (check && check->accepted() ? 1 : 0);
                },
                &verifyCpuNs));
            acceptNs.add(nsPerCall(n / 4, [&](int) {
                auto check = verifier->verify(right, std::nullopt);
                g_sink = g_sink + (check && check->accepted() ? 1 : 0);
            }));
            // The sign-in path builds a verifier (keys the HMAC) for one check.
            freshNs.add(nsPerCall(n / 4, [&](int) {
                auto fresh = TotpVerifier::create(secret, OtpPolicy{}, clock);
                auto check = fresh->verify(wrong, std::nullopt);
                g_sink = g_sink + (check && check->accepted() ? 1 : 0);
            }));
            // The baseline: OpenSSL 3's one-shot HMAC-SHA1 of an 8-byte counter, nothing else.
            bareNs.add(nsPerCall(
                n,
                [&](int i) {
                    message[7] = static_cast<unsigned char>(i);
                    std::size_t length = 0;
                    EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA1", nullptr, secret.data(), secret.size(),
                              message, sizeof message, mac, sizeof mac, &length);
                    g_sink = g_sink + mac[0];
                },
                &bareCpuNs));
        }
        const double verify = verifyNs.median();
        const double bare = bareNs.median();
        m_report.add(Figure{
            QStringLiteral("totp.verify_rate"), QStringLiteral("TOTP verifications, +/-1 window"),
            1e9 / verify, QStringLiteral("/s"), Goal::atLeast(1000000),
            QStringLiteral("wrong codes (3 HMACs each), verifier reused; %1 ns each (CPU %2 ns), median "
                           "of %3 x %4; right code %5 ns; bare HMAC-SHA1 %6 ns (CPU %7 ns)")
                .arg(formatNumber(verify), formatNumber(verifyCpuNs.median()))
                .arg(kBatches)
                .arg(n)
                .arg(formatNumber(acceptNs.median()), formatNumber(bare), formatNumber(bareCpuNs.median()))});
        m_report.add(Figure{
            QStringLiteral("totp.verify_vs_bare_hmac"), QStringLiteral("TOTP verification / bare HMAC-SHA1"),
            verify / bare, QStringLiteral("x"), Goal::atMost(3),
            QStringLiteral(
                "a +/-1 window is 3 HMACs; bare = EVP_Q_mac one-shot in the same run, interleaved")});
        m_report.add(Figure{
            QStringLiteral("totp.verify_fresh_us"), QStringLiteral("TOTP verification incl. verifier set-up"),
            freshNs.median() / 1000.0, QStringLiteral("us"), Goal::atMost(10),
            QStringLiteral("TotpVerifier::create + verify of a wrong code, as one sign-in does; median of %1")
                .arg(kBatches)});
        return {};
    }

    Status backupCodes()
    {
        m_report.progress(QStringLiteral("backup codes"));
        const SecretBuffer key = SecretBuffer::random(BackupCodes::kKeyBytes);
        auto set = BackupCodes::generate(key);
        if (!set) {
            return std::unexpected(set.error());
        }
        const int n = std::max(m_options.verifications / 10, 1000);
        Samples checkNs;
        Samples generateNs;
        const QString wrong = QStringLiteral("00000-00000");
        for (int batch = 0; batch < kBatches; ++batch) {
            // A wrong code compares against all ten; so does a right one (no early exit).
            checkNs.add(nsPerCall(n, [&](int) {
                auto found = BackupCodes::findUnused(key, wrong, set->stored);
                g_sink = g_sink + (found && found->has_value() ? 1 : 0);
            }));
            generateNs.add(nsPerCall(std::max(n / 100, 10), [&](int) {
                auto fresh = BackupCodes::generate(key);
                g_sink = g_sink + static_cast<std::size_t>(fresh ? fresh->codes.size() : 0);
            }));
        }
        m_report.add(
            Figure{QStringLiteral("backup.check_us"), QStringLiteral("backup code check, 10 stored"),
                   checkNs.median() / 1000.0, QStringLiteral("us"), Goal::atMost(100),
                   QStringLiteral("normalise + keyed BLAKE2b + 10 constant-time compares; median of %1 x %2; "
                                  "generating a set of 10: %3 us")
                       .arg(kBatches)
                       .arg(n)
                       .arg(formatNumber(generateNs.median() / 1000.0))});
        return {};
    }

    Status qrCodes()
    {
        OtpAuthUri uri;
        uri.issuer = QStringLiteral("Tessera Identity Manager (Production EU-West)");
        uri.accountName = QStringLiteral("firstname.lastname+mfa@subsidiary.example.com");
        uri.secret = Totp::generateSecret();
        auto text = uri.toUri();
        if (!text) {
            return std::unexpected(text.error());
        }
        const QByteArray payload = text->left(200).toUtf8();
        wipeString(*text);
        m_report.progress(QStringLiteral("QR codes for a %1-byte URI, %2 runs each")
                              .arg(payload.size())
                              .arg(m_options.qrRuns));

        Samples encodeMs;
        Samples svgMs;
        Samples terminalMs;
        Samples pngMs;
        int version = 0;
        for (int i = 0; i < m_options.qrRuns; ++i) {
            const Stopwatch encodeWatch;
            auto code = QrCode::encode(payload);
            encodeMs.add(encodeWatch.elapsedMs());
            if (!code) {
                return std::unexpected(code.error());
            }
            version = code->version();
            const Stopwatch svgWatch;
            g_sink = g_sink + static_cast<std::size_t>(QrSvg::render(*code).size());
            svgMs.add(svgWatch.elapsedMs());
            const Stopwatch terminalWatch;
            g_sink = g_sink + static_cast<std::size_t>(QrTerminal::render(*code).size());
            terminalMs.add(terminalWatch.elapsedMs());
            const Stopwatch pngWatch;
            auto png = QrPng::render(*code);
            pngMs.add(pngWatch.elapsedMs());
            if (!png) {
                return std::unexpected(png.error());
            }
            g_sink = g_sink + static_cast<std::size_t>(png->size());
        }
        const QString detail = QStringLiteral("%1-byte otpauth URI, version %2-M; median of %3, p90 %4 ms");
        m_report.add(Figure{QStringLiteral("qr.encode_ms"), QStringLiteral("QR encode, 200-char URI"),
                            encodeMs.median(), QStringLiteral("ms"), Goal::atMost(10),
                            detail.arg(payload.size())
                                .arg(version)
                                .arg(encodeMs.count())
                                .arg(formatNumber(encodeMs.percentile(90)))});
        m_report.add(Figure{QStringLiteral("qr.svg_ms"), QStringLiteral("QR encode + SVG, 200-char URI"),
                            encodeMs.median() + svgMs.median(), QStringLiteral("ms"), Goal::atMost(10),
                            QStringLiteral("encode %1 ms + SVG %2 ms (medians)")
                                .arg(formatNumber(encodeMs.median()), formatNumber(svgMs.median()))});
        m_report.add(Figure{QStringLiteral("qr.terminal_ms"),
                            QStringLiteral("QR encode + terminal text, 200-char URI"),
                            encodeMs.median() + terminalMs.median(), QStringLiteral("ms"), Goal::atMost(10),
                            QStringLiteral("encode %1 ms + half-block text %2 ms (medians)")
                                .arg(formatNumber(encodeMs.median()), formatNumber(terminalMs.median()))});
        m_report.add(Figure{QStringLiteral("qr.png_ms"), QStringLiteral("QR encode + PNG, 200-char URI"),
                            encodeMs.median() + pngMs.median(), QStringLiteral("ms"), Goal::atMost(10),
                            QStringLiteral("encode %1 ms + 8 px/module PNG (zlib level 9) %2 ms (medians)")
                                .arg(formatNumber(encodeMs.median()), formatNumber(pngMs.median()))});
        return {};
    }

    const Options& m_options;
    BenchReport& m_report;
};

std::optional<Options> parseOptions(const QCoreApplication& app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Times TOTP verification, backup-code checks and QR code generation. Prints one line per "
        "figure with its goal and PASS or MISS."));
    CommonOptions::addTo(parser);
    const QCommandLineOption verifications(QStringLiteral("verifications"),
                                           QStringLiteral("TOTP verifications per batch (default 200000)."),
                                           QStringLiteral("N"), QStringLiteral("200000"));
    const QCommandLineOption qrRuns(QStringLiteral("qr-runs"),
                                    QStringLiteral("QR codes to time (default 200)."), QStringLiteral("N"),
                                    QStringLiteral("200"));
    parser.addOptions({verifications, qrRuns});
    parser.process(app);

    Options options;
    options.readFrom(parser);
    bool ok1 = false;
    bool ok2 = false;
    options.verifications = parser.value(verifications).toInt(&ok1);
    options.qrRuns = parser.value(qrRuns).toInt(&ok2);
    if (!ok1 || !ok2 || options.verifications < 100 || options.qrRuns < 1) {
        std::fputs("bench_totp: --verifications takes a whole number >= 100, --qr-runs one >= 1\n", stderr);
        return std::nullopt;
    }
    return options;
}

} // namespace

int main(int argc, char* argv[])
{
    return benchMain(argc, argv, "bench_totp", parseOptions, [](const Options& options, BenchReport& report) {
        report.begin();
        TotpBench bench(options, report);
        return report.finish(bench.run(), options.strict);
    });
}
