#include "KeyCommands.h"

#include "CliContext.h"
#include "CommandRegistry.h"
#include "JoseInput.h"
#include "KeyPassphrase.h"
#include "keys/Jwk.h"
#include "keys/KeyGenerator.h"
#include "keys/PemCodec.h"
#include "platform/FileSystem.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace tessera::cli {

using keys::KeyMaterial;
using keys::KeySet;
using keys::KeyType;

namespace {

const QString kType = QStringLiteral("type");
const QString kKid = QStringLiteral("kid");
const QString kOut = QStringLiteral("out");
const QString kFormat = QStringLiteral("format");
const QString kForce = QStringLiteral("force");
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

CliStatus checkOutput(const QString& path, bool force)
{
    const QFileInfo info(path);
    if (info.isDir()) {
        return cliFail(CliError::input(QStringLiteral("--out %1 is a directory").arg(path)));
    }
    if (info.exists() && !force) {
        return cliFail(CliError::fromError(Error{
            ErrorKind::Conflict, QStringLiteral("%1 already exists; add --force to replace it").arg(path)}));
    }
    if (auto parent = FileSystem::checkParentDirectory(path); !parent) {
        return cliFail(CliError::input(parent.error().message));
    }
    return {};
}

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
        return context.fail(
            CliError::usage(QStringLiteral("the vault key store is not available yet; pass --out FILE")));
    }
    const QString out = args.value(kOut);
    if (auto ok = checkOutput(out, args.isSet(kForce)); !ok) {
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
    const auto written = FileSystem::writePrivately(out, bytes);
    wipeBytes(bytes);
    if (!written) {
        return context.fail(CliError::fromError(written.error()));
    }
    const QString path = QFileInfo(out).absoluteFilePath();
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

// ---- key thumbprint --------------------------------------------------------------------------------

int runThumbprint(CliContext& context, const ParsedArgs& args)
{
    auto passphrase = KeyPassphrase::fromArgs(args);
    if (!passphrase) {
        return context.fail(passphrase.error());
    }
    const QString file = args.positional(0);
    auto set = JoseInput::keyFile(QString(), file, *passphrase);
    if (!set) {
        return context.fail(set.error());
    }
    if (keysInFile(*set) != 1) {
        return context.fail(CliError::input(
            QStringLiteral("%1 holds %2 keys; a thumbprint is of one key").arg(file).arg(keysInFile(*set))));
    }
    const KeyMaterial& key = set->at(0);
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
    auto passphrase = KeyPassphrase::fromArgs(args);
    if (!passphrase) {
        return context.fail(passphrase.error());
    }
    const QString file = args.positional(0);
    auto set = JoseInput::keyFile(QString(), file, *passphrase);
    if (!set) {
        return context.fail(set.error());
    }
    const bool publicOnly = args.isSet(kPublic);
    auto converted = to == kJwk    ? toJwk(*set, file, publicOnly)
                     : to == kJwks ? toJwks(*set, publicOnly)
                                   : toPem(*set, file, publicOnly, *passphrase);
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

OptionSpec passphraseOption(const QString& help)
{
    return OptionSpec{QLatin1String(KeyPassphrase::Option), QString(), help};
}

} // namespace

void KeyCommands::registerAll(CommandRegistry& registry)
{
    registry.add(CommandSpec{
        {QStringLiteral("key"), QStringLiteral("generate")},
        QStringLiteral("Generate a signing key or HMAC secret into a file (no vault needed)"),
        QStringLiteral(
            "Writes a new private key to --out, readable by you only (0600), as a JWK (default; the kid is "
            "--kid or the RFC 7638 thumbprint) or as passphrase-encrypted PKCS#8 PEM. An existing file is "
            "replaced only with --force. Types: rsa-2048, rsa-3072, rsa-4096, ec-p256, ec-p384, ec-p521, "
            "ed25519, oct-256, oct-384, oct-512 (HMAC secrets; JWK only). 'key convert FILE --to jwk "
            "--public' "
            "gives the public key to share. Without --out the key would go into the vault's key store, which "
            "is not available yet."),
        {},
        {OptionSpec{kType, QStringLiteral("TYPE"),
                    QStringLiteral("Key type (required), e.g. ec-p256 or rsa-3072")},
         OptionSpec{kOut, QStringLiteral("FILE"), QStringLiteral("The file to write (required for now)")},
         OptionSpec{kFormat, QStringLiteral("FORMAT"),
                    QStringLiteral("jwk (default) or pem (encrypted PKCS#8)")},
         OptionSpec{kKid, QStringLiteral("KID"),
                    QStringLiteral("The key id (JWK only); default: the thumbprint")},
         OptionSpec{kForce, QString(), QStringLiteral("Replace --out if it exists")},
         passphraseOption(
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
        {passphraseOption(
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
         passphraseOption(
             QStringLiteral("Read the passphrase (of an encrypted input, and for private PEM output) "
                            "from the first line of stdin"))},
        runConvert});
}

} // namespace tessera::cli
