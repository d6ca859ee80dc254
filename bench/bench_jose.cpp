// bench_jose: JWS signing and verification per algorithm against the bare OpenSSL EVP operation on
// the same key and bytes (interleaved in the same run), HS256 verification rate, batch inspection
// throughput and the weak-HMAC-secret check time. Rates are per core, from the thread's CPU time.
#include "BenchMain.h"
#include "BenchReport.h"
#include "CommonOptions.h"
#include "JwsKeySpec.h"
#include "Samples.h"
#include "Stopwatch.h"
#include "jose/CompactJws.h"
#include "jose/JwsCrypto.h"
#include "jose/JwsSigner.h"
#include "jose/JwsVerifier.h"
#include "jose/TokenLinter.h"
#include "jose/WeakSecretList.h"
#include "keys/KeyGenerator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>
#include <ctime>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <optional>
#include <thread>

using namespace tessera;
using namespace tessera::bench;
using namespace tessera::jose;
using namespace tessera::keys;

namespace {

constexpr qint64 kNow = 1700000000;
constexpr int kBatches = 5; // medians of interleaved batches resist bursts of load
constexpr int kPairs = 7;   // ours-vs-bare batch pairs per comparison
constexpr int kBatchTokens = 16384; // tokens per all-core batch: token verify --batch's chunk

struct Options : CommonOptions
{
    double batchMs = 100; // target length of one timed batch
};

volatile std::size_t g_sink = 0;

QJsonObject accessClaims()
{
    return {{QStringLiteral("sub"), QStringLiteral("user-4711")},
            {QStringLiteral("role"), QStringLiteral("admin")},
            {QStringLiteral("iat"), kNow},
            {QStringLiteral("exp"), kNow + 900},
            {QStringLiteral("type"), QStringLiteral("access")}};
}

const EVP_MD* bareDigest(JwsAlg alg)
{
    switch (JwsAlgorithm::hashBytes(alg)) {
    case 32:
        return EVP_sha256();
    case 48:
        return EVP_sha384();
    default:
        return EVP_sha512();
    }
}

// The bare operation a hand-written verifier would do: one EVP context per call.
bool bareInit(EVP_MD_CTX* ctx, const KeyMaterial& key, JwsAlg alg, bool sign)
{
    EVP_PKEY_CTX* pctx = nullptr;
    const EVP_MD* md = JwsAlgorithm::family(alg) == JwsAlgorithm::Family::EdDsa ? nullptr : bareDigest(alg);
    const int ok = sign ? EVP_DigestSignInit(ctx, &pctx, md, nullptr, key.pkey())
                        : EVP_DigestVerifyInit(ctx, &pctx, md, nullptr, key.pkey());
    if (ok == 1 && JwsAlgorithm::family(alg) == JwsAlgorithm::Family::RsaPss) {
        EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST);
    }
    return ok == 1;
}

QByteArray bareSign(const KeyMaterial& key, JwsAlg alg, QByteArrayView input)
{
    unsigned char out[1024];
    std::size_t length = sizeof(out);
    if (JwsAlgorithm::family(alg) == JwsAlgorithm::Family::Hmac) {
        EVP_Q_mac(nullptr, "HMAC", nullptr, JwsAlgorithm::digestName(alg), nullptr, key.secret().data(),
                  static_cast<std::size_t>(key.secret().size()),
                  reinterpret_cast<const unsigned char*>(input.data()),
                  static_cast<std::size_t>(input.size()), out, sizeof(out), &length);
    } else {
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        bareInit(ctx, key, alg, true);
        EVP_DigestSign(ctx, out, &length, reinterpret_cast<const unsigned char*>(input.data()),
                       static_cast<std::size_t>(input.size()));
        EVP_MD_CTX_free(ctx);
    }
    return QByteArray(reinterpret_cast<const char*>(out), static_cast<qsizetype>(length));
}

bool bareVerify(const KeyMaterial& key, JwsAlg alg, QByteArrayView input, QByteArrayView signature)
{
    if (JwsAlgorithm::family(alg) == JwsAlgorithm::Family::Hmac) {
        unsigned char mac[64];
        std::size_t length = 0;
        EVP_Q_mac(nullptr, "HMAC", nullptr, JwsAlgorithm::digestName(alg), nullptr, key.secret().data(),
                  static_cast<std::size_t>(key.secret().size()),
                  reinterpret_cast<const unsigned char*>(input.data()),
                  static_cast<std::size_t>(input.size()), mac, sizeof(mac), &length);
        return length == static_cast<std::size_t>(signature.size()) &&
               CRYPTO_memcmp(mac, signature.data(), length) == 0;
    }
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    bareInit(ctx, key, alg, false);
    const bool ok = EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()),
                                     static_cast<std::size_t>(signature.size()),
                                     reinterpret_cast<const unsigned char*>(input.data()),
                                     static_cast<std::size_t>(input.size())) == 1;
    EVP_MD_CTX_free(ctx);
    return ok;
}

class JoseBench
{
public:
    JoseBench(const Options& options, BenchReport& report) : m_options(options), m_report(report) {}

    Status run()
    {
        for (JwsAlg alg : JwsAlgorithm::all()) {
            if (auto ok = algorithm(alg); !ok) {
                return ok;
            }
        }
        for (auto step : {&JoseBench::hs256Rate, &JoseBench::batchInspection, &JoseBench::weakSecrets}) {
            if (auto ok = (this->*step)(); !ok) {
                return ok;
            }
        }
        return {};
    }

private:
    // Calls per batch so that one batch lasts about batchMs.
    template <typename Body> int calibrate(Body&& body) const
    {
        int count = 0;
        const Stopwatch watch;
        while (watch.elapsedMs() < m_options.batchMs / 10 || count < 3) {
            body(count++);
        }
        const double perCallMs = watch.elapsedMs() / count;
        return std::max(3, static_cast<int>(m_options.batchMs / perCallMs));
    }

    // Thread CPU time per call: on a shared machine (CI, other jobs) wall time mostly measures the
    // neighbours, while this thread's CPU time is what the code costs.
    template <typename Body> static double nsPerCall(int count, Body&& body)
    {
        const double start = threadCpuNs();
        for (int i = 0; i < count; ++i) {
            body(i);
        }
        return (threadCpuNs() - start) / count;
    }

    static double threadCpuNs()
    {
        timespec now{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
        return static_cast<double>(now.tv_sec) * 1e9 + static_cast<double>(now.tv_nsec);
    }

    struct Comparison
    {
        double oursNs = 0; // median CPU ns per call
        double bareNs = 0;
        double ratio = 0; // median over pairs of (bare rate / our rate) within the pair
    };

    // Ours against bare in adjacent pairs of batches, the order alternating (ours first, then bare
    // first). This machine's speed drifts by up to 2x within a minute; a ratio taken inside each pair
    // cancels the drift, where a ratio of two medians taken over the whole minute does not.
    template <typename Ours, typename Bare> Comparison compare(Ours&& ours, Bare&& bare) const
    {
        const int oursCount = calibrate(ours);
        const int bareCount = calibrate(bare);
        Samples oursNs;
        Samples bareNs;
        Samples ratios;
        for (int pair = 0; pair < kPairs; ++pair) {
            double oursTime = 0;
            double bareTime = 0;
            if (pair % 2 == 0) {
                oursTime = nsPerCall(oursCount, ours);
                bareTime = nsPerCall(bareCount, bare);
            } else {
                bareTime = nsPerCall(bareCount, bare);
                oursTime = nsPerCall(oursCount, ours);
            }
            oursNs.add(oursTime);
            bareNs.add(bareTime);
            ratios.add(bareTime / oursTime);
        }
        return {oursNs.median(), bareNs.median(), ratios.median()};
    }

    Status algorithm(JwsAlg alg)
    {
        const QString name = JwsAlgorithm::name(alg);
        m_report.progress(QStringLiteral("%1: signing and verifying against bare EVP").arg(name));
        auto key = KeyGenerator::generate(test::keySpecFor(alg));
        if (!key) {
            return std::unexpected(key.error());
        }
        const KeyMaterial verifyKey = key->type() == KeyType::Oct ? *key : *key->publicKey();
        SignOptions signOptions;
        signOptions.alg = alg;
        const QJsonObject claims = accessClaims();
        auto token = JwsSigner::sign(*key, claims, signOptions);
        if (!token) {
            return std::unexpected(token.error());
        }
        const QByteArray input = token->first(token->lastIndexOf('.'));
        // The bare verifier gets OpenSSL's native signature form (DER for ECDSA) on the same bytes.
        const QByteArray nativeSig = bareSign(*key, alg, input);
        VerifyOptions verifyOptions;
        verifyOptions.now = kNow;
        const JwsVerifier verifier(KeySet::single(verifyKey), verifyOptions);
        if (!verifier.verify(*token).valid() || !bareVerify(verifyKey, alg, input, nativeSig)) {
            return fail(ErrorKind::Internal,
                        QStringLiteral("%1: the sample token does not verify").arg(name));
        }

        const Comparison signing = compare(
            [&](int) {
                auto signedToken = JwsSigner::sign(*key, claims, signOptions);
                g_sink = g_sink + static_cast<std::size_t>(signedToken->size());
            },
            [&](int) { g_sink = g_sink + static_cast<std::size_t>(bareSign(*key, alg, input).size()); });
        const Comparison verifying =
            compare([&](int) { g_sink = g_sink + (verifier.verify(*token).valid() ? 1 : 0); },
                    [&](int) { g_sink = g_sink + (bareVerify(verifyKey, alg, input, nativeSig) ? 1 : 0); });

        const bool hasGoal = alg == JwsAlg::RS256 || alg == JwsAlg::ES256 || alg == JwsAlg::EdDSA;
        const Goal goal = hasGoal ? Goal::atLeast(0.9) : Goal::atLeast(0.5);
        const QString note =
            hasGoal ? QString() : QStringLiteral("; no goal in the issue, 0.5 is a sanity bound");
        m_report.add(Figure{
            QStringLiteral("jose.%1.sign_vs_bare").arg(name.toLower()),
            QStringLiteral("%1 sign rate / bare EVP").arg(name), signing.ratio, QStringLiteral("x"),
            goal,
            QStringLiteral("whole token (JSON, base64url, signature) %1/s vs EVP sign of the same bytes "
                           "%2/s; median of %3 paired ratios%4")
                .arg(formatNumber(1e9 / signing.oursNs), formatNumber(1e9 / signing.bareNs))
                .arg(kPairs)
                .arg(note)});
        m_report.add(
            Figure{QStringLiteral("jose.%1.verify_vs_bare").arg(name.toLower()),
                   QStringLiteral("%1 verify rate / bare EVP").arg(name), verifying.ratio,
                   QStringLiteral("x"), goal,
                   QStringLiteral("whole token (parse, strict JSON, claims) %1/s vs EVP verify of the same "
                                  "bytes %2/s; median of %3 paired ratios%4")
                       .arg(formatNumber(1e9 / verifying.oursNs), formatNumber(1e9 / verifying.bareNs))
                       .arg(kPairs)
                       .arg(note)});
        return {};
    }

    Status hs256Rate()
    {
        m_report.progress(QStringLiteral("HS256 verification rate"));
        const KeyMaterial key = *KeyGenerator::generate(QStringLiteral("oct-256"));
        const QByteArray token = *JwsSigner::sign(key, accessClaims());
        VerifyOptions options;
        options.now = kNow;
        const JwsVerifier verifier(KeySet::single(key), options);
        const auto parsed = CompactJws::parse(token);
        const int count = calibrate([&](int) { g_sink = g_sink + (verifier.verify(token).valid() ? 1 : 0); });
        Samples whole;
        Samples signatureOnly;
        for (int batch = 0; batch < kBatches; ++batch) {
            whole.add(
                nsPerCall(count, [&](int) { g_sink = g_sink + (verifier.verify(token).valid() ? 1 : 0); }));
            signatureOnly.add(nsPerCall(count, [&](int) {
                g_sink =
                    g_sink +
                    (JwsCrypto::verify(key, JwsAlg::HS256, parsed->signingInput(), parsed->signature()) ? 1
                                                                                                        : 0);
            }));
        }
        // What `token verify --batch` does: JwsVerifier::verifyAll on every core, timed on the wall
        // clock (a thread's CPU time cannot show parallel work); median of batches.
        const int threads = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
        const QList<QByteArrayView> batchTokens(kBatchTokens, QByteArrayView(token));
        Samples allCores;
        QList<VerifyResult> results; // reused from batch to batch, as token verify --batch does
        verifier.verifyAll(batchTokens, results, threads);
        for (int batch = 0; batch < kBatches; ++batch) {
            const Stopwatch watch;
            verifier.verifyAll(batchTokens, results, threads);
            allCores.add(watch.elapsedMs() * 1e6 / static_cast<double>(results.size()));
            g_sink = g_sink + (results.constLast().valid() ? 1 : 0);
        }
        m_report.add(Figure{
            QStringLiteral("jose.hs256.verify_rate_all_cores"), QStringLiteral("HS256 token verifications"),
            1e9 / allCores.median(), QStringLiteral("/s"), Goal::atLeast(1000000),
            QStringLiteral("JwsVerifier::verifyAll (as token verify --batch) of %1 x the %2-byte access token on "
                           "%3 threads, wall clock; median of %4")
                .arg(kBatchTokens)
                .arg(token.size())
                .arg(threads)
                .arg(kBatches)});
        m_report.add(
            Figure{QStringLiteral("jose.hs256.verify_rate"), QStringLiteral("HS256 token verifications, one core"),
                   1e9 / whole.median(), QStringLiteral("/s"), Goal::atLeast(500000),
                   QStringLiteral("JwsVerifier::verify: parse, strict JSON, HMAC, claims; thread CPU time; "
                                  "median of %1 x %2; the issue's 1M/s is the all-core figure, 0.5M/s per core "
                                  "is what it takes on 2 cores")
                       .arg(kBatches)
                       .arg(count)});
        m_report.add(Figure{
            QStringLiteral("jose.hs256.signature_rate"), QStringLiteral("HS256 signature checks"),
            1e9 / signatureOnly.median(), QStringLiteral("/s"), Goal::atLeast(1000000),
            QStringLiteral("JwsCrypto::verify on a parsed token: HMAC-SHA256 and constant-time compare")});
        return {};
    }

    Status batchInspection()
    {
        m_report.progress(QStringLiteral("batch inspection"));
        QList<QByteArray> tokens;
        for (const char* spec : {"rsa-2048", "ec-p256", "oct-256"}) {
            const KeyMaterial key = *KeyGenerator::generate(QLatin1String(spec));
            for (int i = 0; i < 100; ++i) {
                QJsonObject claims = accessClaims();
                claims.insert(QStringLiteral("jti"), QStringLiteral("token-%1").arg(i));
                tokens.append(*JwsSigner::sign(key, claims));
            }
        }
        LintContext context;
        context.now = kNow;
        context.isRevoked = [](const QString& jti) {
            return jti == QLatin1String("token-13");
        };
        auto inspect = [&](int i) {
            const auto jws = CompactJws::parse(tokens[i % tokens.size()]);
            g_sink = g_sink + static_cast<std::size_t>(TokenLinter::lint(*jws, context).size());
        };
        const int count = calibrate(inspect);
        Samples ns;
        for (int batch = 0; batch < kBatches; ++batch) {
            ns.add(nsPerCall(count, inspect));
        }
        m_report.add(
            Figure{QStringLiteral("jose.inspect.batch_rate"), QStringLiteral("batch inspection"),
                   1e9 / ns.median(), QStringLiteral("tokens/s"), Goal::atLeast(200000),
                   QStringLiteral("parse + findings (weak-secret check excluded) over RS256, ES256 and HS256 "
                                  "access tokens, one core; median of %1 x %2")
                       .arg(kBatches)
                       .arg(count)});
        return {};
    }

    Status weakSecrets()
    {
        m_report.progress(QStringLiteral("weak-secret check"));
        const WeakSecretList& list = WeakSecretList::bundled();
        if (list.isEmpty()) {
            return fail(ErrorKind::Internal, QStringLiteral("the bundled weak-secret list is missing"));
        }
        // A strong secret: the whole list is tried, the worst case.
        const KeyMaterial key = *KeyGenerator::generate(QStringLiteral("oct-256"));
        const auto jws = CompactJws::parse(*JwsSigner::sign(key, accessClaims()));
        Samples ms;
        for (int batch = 0; batch < kBatches; ++batch) {
            const Stopwatch watch;
            g_sink = g_sink + (list.findSecret(JwsAlg::HS256, jws->signingInput(), jws->signature()) ? 1 : 0);
            ms.add(watch.elapsedMs());
        }
        m_report.add(
            Figure{QStringLiteral("jose.weak_secret.check_ms"), QStringLiteral("weak-HMAC-secret check"),
                   ms.median(), QStringLiteral("ms"), Goal::atMost(100),
                   QStringLiteral("one HS256 token against all %1 bundled secrets (no match); median of %2")
                       .arg(list.size())
                       .arg(kBatches)});
        return {};
    }

    const Options& m_options;
    BenchReport& m_report;
};

std::optional<Options> parseOptions(const QCoreApplication& app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Times JWS signing and verification against bare OpenSSL, batch inspection and the weak-secret "
        "check. Prints one line per figure with its goal and PASS or MISS."));
    CommonOptions::addTo(parser);
    const QCommandLineOption batchMs(
        QStringLiteral("batch-ms"),
        QStringLiteral("Length of one timed batch in milliseconds (default 100)."), QStringLiteral("MS"),
        QStringLiteral("100"));
    parser.addOption(batchMs);
    parser.process(app);

    Options options;
    options.readFrom(parser);
    bool ok = false;
    options.batchMs = parser.value(batchMs).toDouble(&ok);
    if (!ok || options.batchMs < 10) {
        std::fputs("bench_jose: --batch-ms takes a number >= 10\n", stderr);
        return std::nullopt;
    }
    return options;
}

} // namespace

int main(int argc, char* argv[])
{
    return benchMain(argc, argv, "bench_jose", parseOptions, [](const Options& options, BenchReport& report) {
        report.begin();
        JoseBench bench(options, report);
        return report.finish(bench.run(), options.strict);
    });
}
