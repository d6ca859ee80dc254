#include "KdfOptions.h"

#include "CliContext.h"
#include "crypto/KdfTuner.h"

namespace tessera::cli {

QList<OptionSpec> KdfOptions::specs()
{
    return {
        OptionSpec{QStringLiteral("kdf-ms"), QStringLiteral("N"),
                   QStringLiteral("Tune Argon2id so unlocking takes about N milliseconds on this machine "
                                  "(%1-%2, default %3; memory 64 MiB)")
                       .arg(kMinMs)
                       .arg(kMaxMs)
                       .arg(kDefaultMs)},
        OptionSpec{QStringLiteral("kdf-test-insecure"), QString(),
                   QStringLiteral("FOR TESTS ONLY: 1 pass over 8 KiB, which gives no protection against "
                                  "password guessing")},
    };
}

CliResult<KdfOptions::Choice> KdfOptions::parse(const ParsedArgs& args)
{
    Choice choice;
    choice.insecureTest = args.isSet(QStringLiteral("kdf-test-insecure"));
    if (!args.isSet(QStringLiteral("kdf-ms"))) {
        return choice;
    }
    if (choice.insecureTest) {
        return cliFail(
            CliError::usage(QStringLiteral("--kdf-ms and --kdf-test-insecure cannot be used together")));
    }
    bool ok = false;
    const int ms = args.value(QStringLiteral("kdf-ms")).toInt(&ok);
    if (!ok || ms < kMinMs || ms > kMaxMs) {
        return cliFail(
            CliError::usage(QStringLiteral("--kdf-ms must be a whole number of milliseconds from %1 to %2")
                                .arg(kMinMs)
                                .arg(kMaxMs)));
    }
    choice.target = std::chrono::milliseconds(ms);
    return choice;
}

KdfParams KdfOptions::resolve(CliContext& context, const Choice& choice)
{
    if (choice.insecureTest) {
        return KdfParams::insecureTestParams();
    }
    context.status(QStringLiteral("Measuring this machine to tune the key derivation to %1 ms...")
                       .arg(choice.target.count()));
    return KdfTuner::tune(choice.target);
}

} // namespace tessera::cli
