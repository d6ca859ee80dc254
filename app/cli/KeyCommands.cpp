#include "KeyCommands.h"

#include "CliContext.h"
#include "CommandRegistry.h"
#include "JoseInput.h"
#include "JoseOptions.h"
#include "KeyPassphrase.h"
#include "PrivateFile.h"
#include "VaultKeyCommands.h"
#include "keys/Jwk.h"
#include "keys/KeyGenerator.h"
#include "keys/PemCodec.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace tessera::cli {

using keys::KeyMaterial;
using keys::KeySet;
using keys::KeyType;

namespace {

const QString kType = QStringLiteral("type");
const QString& kKid = JoseOptions::Kid;
const QString& kOut = JoseOptions::Out;
const QString kFormat = QStringLiteral("format");
const QString& kForce = JoseOptions::Force;
const QString kNotAfter = QStringLiteral("not-after");
const QString kTo = QStringLiteral("to");
const QString kPublic = QStringLiteral("public");
const QString kJwk = QStringLiteral("jwk");
const QString kJwks = QStringLiteral("jwks");
const QString kPem = QStringLiteral("pem");

QByteArray jsonText(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

// A key file's keys, counting JWK Set members of unsupported types: "one key" means one in the file.
qsizetype keysInFile(const KeySet& set)
{
    return static_cast<qsizetype>(set.size()) + set.skippedCount();
}

// ---- key generate ----------------------------------------------------------------------------------

int runGenerate(CliContext& context, const ParsedArgs& args)
{
    const QString spec = args.value(kType);
    if (spec.isEmpty()) {
        return context.fail(
            CliError::usage(QStringLiteral("key generate needs --type (one of %1)")
                                .arg(keys::KeyGenerator::specs().join(QStringLiteral(", ")))));
    }
    if (!keys::KeyGenerator::specs().contains(spec)) {
        return context.fail(
            CliError::usage(QStringLiteral("unknown key type \"%1\" (one of %2)")
                                .arg(spec, keys::KeyGenerator::specs().join(QStringLiteral(", ")))));
    }
    const QString format = args.value(kFormat, kJwk);
    if (format != kJwk && format != kPem) {
        return context.fail(
            CliError::usage(QStringLiteral("--format must be jwk or pem, not \"%1\"").arg(format)));
    }
    const bool pem = format == kPem;
    if (pem && spec.startsWith(QLatin1String("oct-"))) {
        return context.fail(
            CliError::usage(QStringLiteral("an HMAC secret has no PEM form; use --format jwk")));
    }
    if (pem && args.isSet(kKid)) {
        return context.fail(
            CliError::usage(QStringLiteral("a PEM file has no place for a kid; use --format jwk")));
    }
    if (args.isSet(kKid) && args.value(kKid).isEmpty()) {
        return context.fail(CliError::usage(QStringLiteral("--kid needs a non-empty value")));
    }
    if (!args.isSet(kOut)) {
        if (args.isSet(kFormat) || args.isSet(kForce) || args.isSet(QLatin1String(KeyPassphrase::Option))) {
            return context.fail(CliError::usage(
                QStringLiteral("--format, --force and --passphrase-stdin go with --out; without it the key "
                               "goes into the vault")));
        }
        return VaultKeyCommands::generate(context, args, spec);
    }
    if (args.isSet(JoseOptions::Alg) || args.isSet(kNotAfter)) {
        return context.fail(CliError::usage(
            QStringLiteral("--alg and --not-after are for a key in the vault (without --out)")));
    }
    const QString out = args.value(kOut);
    if (auto ok = PrivateFile::checkOutOption(args); !ok) {
        return context.fail(ok.error());
    }
    auto passphrase = KeyPassphrase::fromArgs(args);
    if (!passphrase) {
        return context.fail(passphrase.error());
    }
    const SecretBuffer* secret = nullptr;
    if (pem) {
        // Asked before the (possibly slow) generation, so a typo costs nothing.
        auto asked = passphrase->get(out, true);
        if (!asked) {
            return context.fail(asked.error());
        }
        secret = *asked;
    }
    auto key = keys::KeyGenerator::generate(spec);
    if (!key) {
        return context.fail(CliError::fromError(key.error()));
    }
    if (args.isSet(kKid)) {
        key->setKid(args.value(kKid));
    }
    QByteArray bytes;
    if (pem) {
        auto encoded = keys::PemCodec::exportEncryptedPrivate(*key, *secret);
        if (!encoded) {
            return context.fail(CliError::fromError(encoded.error()));
        }
        bytes = std::move(*encoded);
    } else {
        auto jwk = keys::Jwk::toPrivateJson(*key);
        if (!jwk) {
            return context.fail(CliError::fromError(jwk.error()));
        }
        bytes = jsonText(*jwk);
    }
    const auto written = PrivateFile::write(out, bytes);
    wipeBytes(bytes);
    if (!written) {
        return context.fail(written.error());
    }
    const QString& path = *written;
    return context.succeed(QJsonObject{{QStringLiteral("path"), path},
                                       {QStringLiteral("type"), spec},
                                       {QStringLiteral("kty"), key->typeName()},
                                       {QStringLiteral("format"), format},
                                       {QStringLiteral("encrypted"), pem},
                                       {QStringLiteral("kid"), key->kid()},
                                       {QStringLiteral("thumbprint"), key->thumbprint()}},
                           QStringLiteral("Wrote a new %1 to %2 (%3, kid %4).")
                               .arg(key->describe(), path,
                                    pem ? QStringLiteral("encrypted PKCS#8 PEM") : QStringLiteral("JWK"),
                                    key->kid()));
}

// The FILE argument of thumbprint and convert, with the passphrase that may have opened it (convert
// reuses it for private PEM output).
struct KeyFile
{
    QString path;
    KeyPassphrase passphrase;
    KeySet set;
};

CliResult<KeyFile> readKeyFile(const ParsedArgs& args)
{
    auto passphrase = KeyPassphrase::fromArgs(args);
    if (!passphrase) {
        return std::unexpected(passphrase.error());
    }
    KeyFile file{args.positional(0), std::move(*passphrase), {}};
    auto set = JoseInput::keyFile(QString(), file.path, file.passphrase);
    if (!set) {
        return std::unexpected(set.error());
    }
    file.set = std::move(*set);
    return file;
}

// ---- key thumbprint --------------------------------------------------------------------------------

int runThumbprint(CliContext& context, const ParsedArgs& args)
{
    auto input = readKeyFile(args);
    if (!input) {
        return context.fail(input.error());
    }
    const QString& file = input->path;
    const KeySet& set = input->set;
    if (keysInFile(set) != 1) {
        return context.fail(CliError::input(
            QStringLiteral("%1 holds %2 keys; a thumbprint is of one key").arg(file).arg(keysInFile(set))));
    }
    const KeyMaterial& key = set.at(0);
    // RFC 7638 hashes the required public members only, so a private key gives its public key's.
    return context.succeed(QJsonObject{{QStringLiteral("thumbprint"), key.thumbprint()},
                                       {QStringLiteral("kid"), key.kid()},
                                       {QStringLiteral("kty"), key.typeName()}},
                           key.thumbprint());
}

// ---- key convert -----------------------------------------------------------------------------------

struct Converted
{
    QJsonValue json; // the document's "output"
    QByteArray text; // what stdout gets
    bool secret = false;
};

CliResult<Converted> toJwk(const KeySet& set, const QString& file, bool publicOnly)
{
    if (keysInFile(set) != 1) {
        return cliFail(CliError::input(
            QStringLiteral("%1 holds %2 keys; use --to jwks for a key set").arg(file).arg(keysInFile(set))));
    }
    const KeyMaterial& key = set.at(0);
    const bool secret = !publicOnly && key.hasPrivate();
    auto jwk = secret ? keys::Jwk::toPrivateJson(key) : keys::Jwk::toPublicJson(key);
    if (!jwk) {
        return cliFail(CliError::fromError(jwk.error()));
    }
    return Converted{*jwk, jsonText(*jwk), secret};
}

CliResult<Converted> toJwks(const KeySet& set, bool publicOnly)
{
    bool secret = false;
    for (const KeyMaterial& key : set.keys()) {
        secret = secret || (!publicOnly && key.hasPrivate());
    }
    auto jwks = secret ? set.toPrivateJwks() : set.toPublicJwks();
    if (!jwks) {
        return cliFail(CliError::fromError(jwks.error()));
    }
    if (jwks->value(QStringLiteral("keys")).toArray().isEmpty()) {
        return cliFail(CliError::usage(QStringLiteral("an HMAC secret has no public form")));
    }
    return Converted{*jwks, jsonText(*jwks), secret};
}

CliResult<Converted> toPem(const KeySet& set, const QString& file, bool publicOnly, KeyPassphrase& passphrase)
{
    if (keysInFile(set) != 1) {
        return cliFail(
            CliError::input(QStringLiteral("%1 holds %2 keys; a PEM file holds one (use --to jwks)")
                                .arg(file)
                                .arg(keysInFile(set))));
    }
    const KeyMaterial& key = set.at(0);
    if (key.type() == KeyType::Oct) {
        return cliFail(CliError::usage(QStringLiteral("an HMAC secret has no PEM form")));
    }
    if (publicOnly || !key.hasPrivate()) {
        auto pem = keys::PemCodec::exportPublic(key);
        if (!pem) {
            return cliFail(CliError::fromError(pem.error()));
        }
        return Converted{QString::fromLatin1(*pem), *pem, false};
    }
    // Private PEM only encrypted: plaintext private keys on disk are what this program avoids.
    auto secret = passphrase.get(QStringLiteral("the PEM output"), true);
    if (!secret) {
        return std::unexpected(secret.error());
    }
    auto pem = keys::PemCodec::exportEncryptedPrivate(key, **secret);
    if (!pem) {
        return cliFail(CliError::fromError(pem.error()));
    }
    return Converted{QString::fromLatin1(*pem), *pem, true};
}

int runConvert(CliContext& context, const ParsedArgs& args)
{
    const QString to = args.value(kTo);
    if (to != kJwk && to != kJwks && to != kPem) {
        return context.fail(CliError::usage(
            to.isEmpty() ? QStringLiteral("key convert needs --to jwk|jwks|pem")
                         : QStringLiteral("--to must be jwk, jwks or pem, not \"%1\"").arg(to)));
    }
    auto input = readKeyFile(args);
    if (!input) {
        return context.fail(input.error());
    }
    const bool publicOnly = args.isSet(kPublic);
    auto converted = to == kJwk    ? toJwk(input->set, input->path, publicOnly)
                     : to == kJwks ? toJwks(input->set, publicOnly)
                                   : toPem(input->set, input->path, publicOnly, input->passphrase);
    if (!converted) {
        return context.fail(converted.error());
    }
    if (converted->secret) {
        context.writeErr(
            QStringLiteral("tessera-cli: warning: the output holds the private key; add --public for the "
                           "public key only\n"));
    }
    QString text = QString::fromUtf8(converted->text);
    wipeBytes(converted->text);
    const int code = context.succeed(QJsonObject{{QStringLiteral("format"), to},
                                                 {QStringLiteral("private"), converted->secret},
                                                 {QStringLiteral("output"), converted->json}},
                                     text);
    wipeString(text);
    return code;
}

} // namespace

void KeyCommands::registerAll(CommandRegistry& registry)
{
    registry.add(CommandSpec{
        {QStringLiteral("key"), QStringLiteral("generate")},
        QStringLiteral("Generate a signing key or HMAC secret into the vault, or into a file with --out"),
        QStringLiteral(
            "Without --out the key goes into the vault's key store (Active; the kid is --kid or the RFC 7638 "
            "thumbprint; --alg limits the algorithms it may be used with, --not-after gives it an end date) "
            "and its kid, type, algorithms and state are printed. With --out a new private key is written "
            "to FILE instead, readable by you only (0600), as a JWK (default) or as passphrase-encrypted "
            "PKCS#8 PEM, and no vault is opened; an existing file is replaced only with --force. Types: "
            "rsa-2048, rsa-3072, rsa-4096, ec-p256, ec-p384, ec-p521, ed25519, oct-256, oct-384, oct-512 "
            "(HMAC secrets; JWK only). 'key convert FILE --to jwk --public' gives a file key's public key."),
        {},
        {OptionSpec{kType, QStringLiteral("TYPE"),
                    QStringLiteral("Key type (required), e.g. ec-p256 or rsa-3072")},
         JoseOptions::out(QStringLiteral("Write the key to FILE instead of the vault")),
         OptionSpec{kFormat, QStringLiteral("FORMAT"),
                    QStringLiteral("jwk (default) or pem (encrypted PKCS#8)")},
         JoseOptions::kid(QStringLiteral("The key id (not for PEM); default: the thumbprint")),
         JoseOptions::alg(QStringLiteral("Vault only: an algorithm the key may be used with; default: every "
                                         "one its type allows"),
                          true),
         OptionSpec{
             kNotAfter, QStringLiteral("DATE"),
             QStringLiteral("Vault only: the key signs nothing after DATE (Unix seconds or ISO 8601)")},
         JoseOptions::force(),
         JoseOptions::passphrase(
             QStringLiteral("Read the PEM passphrase from the first line of stdin (else it is asked "
                            "twice on a terminal)"))},
        runGenerate});

    registry.add(CommandSpec{
        {QStringLiteral("key"), QStringLiteral("thumbprint")},
        QStringLiteral("Print a key's RFC 7638 SHA-256 thumbprint (no vault needed)"),
        QStringLiteral(
            "Prints the base64url thumbprint alone. FILE is PEM, a JWK or a JWK Set of one key (more is "
            "exit 2); a private key gives its public key's thumbprint."),
        {PositionalSpec{QStringLiteral("FILE"), QStringLiteral("PEM, JWK or JWK Set")}},
        {JoseOptions::passphrase(
            QStringLiteral("Read the passphrase of an encrypted PEM key from the first line of stdin"))},
        runThumbprint});

    registry.add(CommandSpec{
        {QStringLiteral("key"), QStringLiteral("convert")},
        QStringLiteral("Convert a key file between PEM, JWK and JWKS (no vault needed)"),
        QStringLiteral(
            "Prints FILE (PEM: PKCS#8, encrypted PKCS#8, SPKI, PKCS#1, SEC1, an X.509 certificate; a JWK; a "
            "JWK "
            "Set) as --to jwk, jwks or pem on stdout. With --public only the public key is written; without "
            "it "
            "a private input gives private output, with a warning on stderr. Private PEM output is always "
            "encrypted PKCS#8 (the same passphrase as an encrypted input, else --passphrase-stdin or a "
            "prompt). "
            "HMAC secrets have no public or PEM form."),
        {PositionalSpec{QStringLiteral("FILE"), QStringLiteral("PEM, JWK or JWK Set")}},
        {OptionSpec{kTo, QStringLiteral("FORMAT"), QStringLiteral("jwk, jwks or pem (required)")},
         OptionSpec{kPublic, QString(), QStringLiteral("Write the public key only")},
         JoseOptions::passphrase(
             QStringLiteral("Read the passphrase (of an encrypted input, and for private PEM output) "
                            "from the first line of stdin"))},
        runConvert});

    VaultKeyCommands::registerAll(registry);
}

} // namespace tessera::cli
