#include "JoseOptions.h"

#include "KeyPassphrase.h"

namespace tessera::cli {

const QString JoseOptions::Kid = QStringLiteral("kid");
const QString JoseOptions::Alg = QStringLiteral("alg");
const QString JoseOptions::Now = QStringLiteral("now");
const QString JoseOptions::Out = QStringLiteral("out");
const QString JoseOptions::Force = QStringLiteral("force");
const QString JoseOptions::Yes = QStringLiteral("yes");
const QString JoseOptions::Key = QStringLiteral("key");
const QString JoseOptions::Jwks = QStringLiteral("jwks");
const QString JoseOptions::SecretFile = QStringLiteral("secret-file");

OptionSpec JoseOptions::passphrase(const QString& help)
{
    return OptionSpec{QLatin1String(KeyPassphrase::Option), QString(), help};
}

OptionSpec JoseOptions::now()
{
    return OptionSpec{
        Now, QStringLiteral("UNIX"),
        QStringLiteral("The time to judge exp, nbf and iat against, in Unix seconds (default: now)")};
}

OptionSpec JoseOptions::kid(const QString& help)
{
    return OptionSpec{Kid, QStringLiteral("KID"), help};
}

OptionSpec JoseOptions::alg(const QString& help, bool repeatable)
{
    return OptionSpec{Alg, QStringLiteral("ALG"), help, repeatable};
}

OptionSpec JoseOptions::out(const QString& help)
{
    return OptionSpec{Out, QStringLiteral("FILE"), help};
}

OptionSpec JoseOptions::force()
{
    return OptionSpec{Force, QString(), QStringLiteral("Replace --out if it exists")};
}

OptionSpec JoseOptions::yes(const QString& help)
{
    return OptionSpec{Yes, QString(), help};
}

} // namespace tessera::cli
