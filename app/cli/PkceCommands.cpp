#include "PkceCommands.h"

#include "CliContext.h"
#include "CommandRegistry.h"
#include "JoseInput.h"
#include "TextLayout.h"
#include "jose/Pkce.h"

namespace tessera::cli {

using jose::Pkce;

namespace {

const QString kLength = QStringLiteral("length");
const QString kVerifier = QStringLiteral("verifier");
const QString kChallenge = QStringLiteral("challenge");
const QString kS256 = QStringLiteral("S256");

int runGenerate(CliContext& context, const ParsedArgs& args)
{
    qint64 length = Pkce::DefaultVerifierLength;
    if (args.isSet(kLength)) {
        auto given = JoseInput::seconds(kLength, args.value(kLength));
        if (!given || *given < Pkce::MinVerifierLength || *given > Pkce::MaxVerifierLength) {
            return context.fail(
                CliError::usage(QStringLiteral("--length must be a whole number from %1 to %2")
                                    .arg(Pkce::MinVerifierLength)
                                    .arg(Pkce::MaxVerifierLength)));
        }
        length = *given;
    }
    auto verifier = Pkce::generateVerifier(static_cast<int>(length));
    if (!verifier) {
        return context.fail(CliError::fromError(verifier.error()));
    }
    const QString challenge = QString::fromLatin1(Pkce::challengeS256(*verifier));
    const QString verifierText = QString::fromLatin1(*verifier);
    return context.succeed(QJsonObject{{QStringLiteral("verifier"), verifierText},
                                       {QStringLiteral("challenge"), challenge},
                                       {QStringLiteral("method"), kS256}},
                           TextLayout::labelled({{QStringLiteral("Verifier"), verifierText},
                                                 {QStringLiteral("Challenge"), challenge},
                                                 {QStringLiteral("Method"), kS256}}));
}

int runVerify(CliContext& context, const ParsedArgs& args)
{
    if (!args.isSet(kVerifier) || !args.isSet(kChallenge)) {
        return context.fail(
            CliError::usage(QStringLiteral("pkce verify needs --verifier V and --challenge C")));
    }
    const auto match = Pkce::verify(args.value(kVerifier).toUtf8(), args.value(kChallenge).toUtf8());
    if (!match) {
        return context.fail(CliError::fromError(match.error()));
    }
    const QJsonObject fields{{QStringLiteral("match"), *match}, {QStringLiteral("method"), kS256}};
    if (*match) {
        return context.succeed(fields, QStringLiteral("The verifier matches the challenge (S256)."));
    }
    return context.fail(
        CliError::negative(QStringLiteral("no-match"),
                           QStringLiteral("the verifier does not match the challenge (S256)")),
        fields);
}

} // namespace

void PkceCommands::registerAll(CommandRegistry& registry)
{
    registry.add(CommandSpec{
        {QStringLiteral("pkce"), QStringLiteral("generate")},
        QStringLiteral("Make a PKCE code verifier and its S256 challenge (RFC 7636)"),
        QStringLiteral(
            "Prints a random code verifier (base64url characters, 6 random bits each) and its "
            "challenge BASE64URL(SHA-256(verifier)), method S256. The client keeps the verifier and "
            "sends the challenge with the authorisation request; the server compares them when the "
            "code is redeemed. The plain method is not offered: it sends the verifier itself."),
        {},
        {OptionSpec{kLength, QStringLiteral("N"),
                    QStringLiteral("Verifier length, %1 to %2 characters (default %3)")
                        .arg(Pkce::MinVerifierLength)
                        .arg(Pkce::MaxVerifierLength)
                        .arg(Pkce::DefaultVerifierLength)}},
        runGenerate});

    registry.add(CommandSpec{
        {QStringLiteral("pkce"), QStringLiteral("verify")},
        QStringLiteral("Check a PKCE code verifier against an S256 challenge"),
        QStringLiteral(
            "Exit 0 when BASE64URL(SHA-256(verifier)) equals the challenge, 1 when it does not, 2 when "
            "either is malformed (a verifier is 43 to 128 characters of A-Z a-z 0-9 - . _ ~; an S256 "
            "challenge is 43 base64url characters)."),
        {},
        {OptionSpec{kVerifier, QStringLiteral("V"), QStringLiteral("The code verifier (required)")},
         OptionSpec{kChallenge, QStringLiteral("C"), QStringLiteral("The code challenge (required)")}},
        runVerify});
}

} // namespace tessera::cli
