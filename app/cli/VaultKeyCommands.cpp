#include "VaultKeyCommands.h"

#include "CliContext.h"
#include "CommandRegistry.h"
#include "JoseInput.h"
#include "JoseOptions.h"
#include "KeyPassphrase.h"
#include "PrivateFile.h"
#include "TextLayout.h"
#include "TimeArgument.h"
#include "VaultKeys.h"
#include "jose/JwsAlgorithm.h"
#include "keys/PemCodec.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace tessera::cli {

using keys::KeyOptions;
using keys::VaultKey;

namespace {

const QString kNotAfter = QStringLiteral("not-after");
const QString kOlderThan = QStringLiteral("older-than");
const QString kFormat = QStringLiteral("format");
const QString kPrivate = QStringLiteral("private");
const QString kNewKid = QStringLiteral("new-kid");
constexpr qint64 kDefaultOldDays = 90;
constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;

QString kidArgument(const ParsedArgs& args)
{
    return args.positional(0);
}

// The vault, opened, and the key its KID argument names (unknown: exit 2).
struct KeyInVault
{
    OpenKeyRing ring;
    VaultKey key;
};

CliResult<KeyInVault> openKey(CliContext& context, const ParsedArgs& args, Vault::Access access)
{
    auto ring = VaultKeys::open(context, access);
    if (!ring) {
        return std::unexpected(ring.error());
    }
    auto key = (*ring)->key(kidArgument(args));
    if (!key) {
        return cliFail(key.error());
    }
    return KeyInVault{std::move(*ring), std::move(*key)};
}

// --kid, --alg and --not-after as the key ring takes them.
CliResult<KeyOptions> keyOptions(const ParsedArgs& args)
{
    KeyOptions options;
    options.kid = args.value(JoseOptions::Kid);
    auto algs = JoseInput::algs(args.values(JoseOptions::Alg));
    if (!algs) {
        return std::unexpected(algs.error());
    }
    for (const jose::JwsAlg alg : *algs) {
        options.algorithms.append(jose::JwsAlgorithm::name(alg));
    }
    if (args.isSet(kNotAfter)) {
        auto notAfter = TimeArgument::parseMs(kNotAfter, args.value(kNotAfter));
        if (!notAfter) {
            return std::unexpected(notAfter.error());
        }
        options.notAfterMs = *notAfter;
    }
    return options;
}

QString summaryLine(const VaultKey& key)
{
    return QStringLiteral("%1 (%2), algorithms %3, %4")
        .arg(TextLayout::oneLine(key.kid), key.description, key.algorithms.join(QStringLiteral(", ")),
             keys::keyStateName(key.state));
}

// ---- key list / show -------------------------------------------------------------------------------

int runList(CliContext& context, const ParsedArgs& args)
{
    qint64 days = kDefaultOldDays;
    if (args.isSet(kOlderThan)) {
        bool ok = false;
        days = args.value(kOlderThan).toLongLong(&ok);
        if (!ok || days <= 0) {
            return context.fail(CliError::usage(
                QStringLiteral("--older-than needs a whole number of days above 0, not \"%1\"")
                    .arg(args.value(kOlderThan))));
        }
    }
    auto ring = VaultKeys::open(context, Vault::Access::ReadOnly);
    if (!ring) {
        return context.fail(ring.error());
    }
    auto list = (*ring)->list();
    if (!list) {
        return context.fail(CliError::fromError(list.error()));
    }
    QStringList old;
    for (const VaultKey& key : keys::KeyRing::olderThan(*list, days * kDayMs, ring->nowMs())) {
        old.append(key.kid);
    }
    QJsonArray keysJson;
    QList<QStringList> rows;
    for (const VaultKey& key : *list) {
        QJsonObject entry = VaultKeys::json(key);
        entry.insert(QStringLiteral("old"), old.contains(key.kid));
        keysJson.append(entry);
        rows.append(
            {key.kid, key.description, key.algorithms.join(QLatin1Char(',')),
             keys::keyStateName(key.state) + (old.contains(key.kid) ? QStringLiteral(" (old)") : QString()),
             IdentitySupport::isoOrNever(key.createdMs), IdentitySupport::isoOrNever(key.notAfterMs)});
    }
    QString text = list->isEmpty()
                       ? QStringLiteral("The vault holds no keys; 'key generate --type TYPE' makes one.")
                       : TextLayout::table({QStringLiteral("KID"), QStringLiteral("TYPE"),
                                            QStringLiteral("ALGORITHMS"), QStringLiteral("STATE"),
                                            QStringLiteral("CREATED"), QStringLiteral("NOT AFTER")},
                                           rows);
    if (!old.isEmpty()) {
        text +=
            QStringLiteral("\nReminder: %1 key%2 in use older than %3 days (%4); consider 'key rotate KID'.")
                .arg(old.size())
                .arg(old.size() == 1 ? QString() : QStringLiteral("s"))
                .arg(days)
                .arg(old.join(QStringLiteral(", ")));
    }
    return context.succeed(QJsonObject{{QStringLiteral("keys"), keysJson},
                                       {QStringLiteral("olderThanDays"), days},
                                       {QStringLiteral("old"), QJsonArray::fromStringList(old)}},
                           text);
}

int runShow(CliContext& context, const ParsedArgs& args)
{
    auto opened = openKey(context, args, Vault::Access::ReadOnly);
    if (!opened) {
        return context.fail(opened.error());
    }
    const VaultKey* key = &opened->key;
    QJsonObject fields = VaultKeys::json(*key);
    fields.insert(QStringLiteral("publicJwk"),
                  key->publicJwk.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(key->publicJwk));
    QString text = TextLayout::labelled(
        {{QStringLiteral("Kid"), TextLayout::oneLine(key->kid)},
         {QStringLiteral("Type"), QStringLiteral("%1 (%2)").arg(key->description, key->kty)},
         {QStringLiteral("Algorithms"), key->algorithms.join(QStringLiteral(", "))},
         {QStringLiteral("State"),
          QStringLiteral("%1 since %2")
              .arg(keys::keyStateName(key->state), IdentitySupport::isoOrNever(key->stateMs))},
         {QStringLiteral("Created"), IdentitySupport::isoOrNever(key->createdMs)},
         {QStringLiteral("Not after"), IdentitySupport::isoOrNever(key->notAfterMs)}});
    if (key->publicJwk.isEmpty()) {
        text += QStringLiteral("An HMAC secret: it has no public form.");
    } else {
        text += QStringLiteral("Public JWK:\n");
        text += QString::fromUtf8(QJsonDocument(key->publicJwk).toJson(QJsonDocument::Indented)).trimmed();
    }
    return context.succeed(fields, text);
}

QString keyList(const QList<VaultKey>& keys)
{
    QStringList lines;
    for (const VaultKey& key : keys) {
        lines.append(QStringLiteral("  ") + summaryLine(key));
    }
    return lines.join(QLatin1Char('\n'));
}

QJsonArray keyArray(const QList<VaultKey>& keys)
{
    QJsonArray out;
    for (const VaultKey& key : keys) {
        out.append(VaultKeys::json(key));
    }
    return out;
}

// ---- key import ------------------------------------------------------------------------------------

int runImport(CliContext& context, const ParsedArgs& args)
{
    auto options = keyOptions(args);
    if (!options) {
        return context.fail(options.error());
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
    if (set->skippedCount() > 0) {
        return context.fail(CliError::input(
            QStringLiteral("%1 holds %2 key(s) of unsupported types; all or none are imported, so none was")
                .arg(file)
                .arg(set->skippedCount())));
    }
    auto ring = VaultKeys::open(context, Vault::Access::ReadWrite);
    if (!ring) {
        return context.fail(ring.error());
    }
    auto added = (*ring)->import(*set, *options);
    if (!added) {
        return context.fail(CliError::fromError(added.error()));
    }
    return context.succeed(QJsonObject{{QStringLiteral("imported"), keyArray(*added)}},
                           QStringLiteral("Imported %1 key%2 from %3:\n%4")
                               .arg(added->size())
                               .arg(added->size() == 1 ? QString() : QStringLiteral("s"))
                               .arg(file, keyList(*added)));
}

// ---- key export / jwks -----------------------------------------------------------------------------

// What goes out: the bytes, and for JSON the document's "output" (a JWK object or PEM text).
struct Export
{
    QByteArray bytes;
    QJsonValue json;
};

CliResult<Export> publicExport(OpenKeyRing& ring, const VaultKey& key, const QString& format)
{
    if (key.publicJwk.isEmpty()) {
        return cliFail(CliError::usage(
            QStringLiteral("key \"%1\" is an HMAC secret: it has no public form (--private exports it)")
                .arg(key.kid)));
    }
    if (format == QLatin1String("jwk")) {
        return Export{QJsonDocument(key.publicJwk).toJson(QJsonDocument::Indented), key.publicJwk};
    }
    auto material = ring->material(key.kid);
    if (!material) {
        return cliFail(material.error());
    }
    auto pem = keys::PemCodec::exportPublic(*material);
    if (!pem) {
        return cliFail(pem.error());
    }
    return Export{*pem, QString::fromLatin1(*pem)};
}

int finishExport(CliContext& context, const ParsedArgs& args, QJsonObject fields, Export& out,
                 const QString& what)
{
    const QString file = args.value(JoseOptions::Out);
    auto path = file.isEmpty() ? CliResult<QString>() : PrivateFile::write(file, out.bytes);
    wipeBytes(out.bytes);
    if (!path) {
        return context.fail(path.error());
    }
    if (!path->isEmpty()) {
        fields.insert(QStringLiteral("path"), *path);
        return context.succeed(fields, QStringLiteral("Wrote %1 to %2").arg(what, *path));
    }
    fields.insert(QStringLiteral("output"), out.json);
    QString text = out.json.isString() ? out.json.toString()
                                       : QString::fromUtf8(QJsonDocument(out.json.toObject()).toJson());
    const int code = context.succeed(fields, text.trimmed());
    wipeString(text);
    return code;
}

int runPrivateExport(CliContext& context, const ParsedArgs& args, const QString& format)
{
    const bool pkcs8 = format == QLatin1String("pkcs8");
    if (!pkcs8 && format != QLatin1String("jwk")) {
        return context.fail(CliError::usage(
            QStringLiteral("--private exports as --format jwk or pkcs8 (encrypted), not \"%1\"")
                .arg(format)));
    }
    const bool yes = args.isSet(JoseOptions::Yes);
    if (auto ok = IdentitySupport::requireConfirmable(yes, QStringLiteral("exporting a private key")); !ok) {
        return context.fail(ok.error());
    }
    if (auto ok = PrivateFile::checkOutOption(args); !ok) {
        return context.fail(ok.error());
    }
    auto passphrase = KeyPassphrase::fromArgs(args);
    if (!passphrase) {
        return context.fail(passphrase.error());
    }
    // ReadWrite: the export itself is audited.
    auto opened = openKey(context, args, Vault::Access::ReadWrite);
    if (!opened) {
        return context.fail(opened.error());
    }
    const VaultKey* key = &opened->key;
    const QString kid = key->kid;
    const QString where =
        args.isSet(JoseOptions::Out) ? args.value(JoseOptions::Out) : QStringLiteral("stdout");
    if (auto ok = IdentitySupport::confirm(
            yes, QStringLiteral("Export the private key %1 (%2) %3 to %4?")
                     .arg(key->kid, key->description,
                          pkcs8 ? QStringLiteral("as encrypted PKCS#8") : QStringLiteral("as a plain JWK"),
                          where));
        !ok) {
        return context.fail(ok.error());
    }
    const SecretBuffer* secret = nullptr;
    if (pkcs8) {
        auto asked = passphrase->get(QStringLiteral("the PKCS#8 export of %1").arg(kid), true);
        if (!asked) {
            return context.fail(asked.error());
        }
        secret = *asked;
    }
    auto exported = opened->ring->exportPrivate(
        kid, pkcs8 ? keys::PrivateKeyFormat::EncryptedPkcs8 : keys::PrivateKeyFormat::Jwk, secret);
    if (!exported) {
        return context.fail(CliError::fromError(exported.error()));
    }
    Export out{QByteArray(exported->chars(), static_cast<qsizetype>(exported->size())), QJsonValue()};
    if (!args.isSet(JoseOptions::Out)) {
        if (pkcs8) {
            out.json = QString::fromLatin1(out.bytes);
        } else {
            out.json = QJsonDocument::fromJson(out.bytes).object();
            context.writeErr(
                QStringLiteral("tessera-cli: warning: the output is the unencrypted private key\n"));
        }
    }
    return finishExport(context, args,
                        QJsonObject{{QStringLiteral("kid"), kid},
                                    {QStringLiteral("private"), true},
                                    {QStringLiteral("format"), format}},
                        out, QStringLiteral("the private key %1").arg(kid));
}

int runExport(CliContext& context, const ParsedArgs& args)
{
    const bool privateKey = args.isSet(kPrivate);
    const QString format = args.value(kFormat, QStringLiteral("jwk"));
    if (privateKey) {
        return runPrivateExport(context, args, format);
    }
    if (format != QLatin1String("jwk") && format != QLatin1String("pem")) {
        return context.fail(CliError::usage(
            QStringLiteral("a public key exports as --format jwk or pem, not \"%1\"").arg(format)));
    }
    if (auto ok = PrivateFile::checkOutOption(args); !ok) {
        return context.fail(ok.error());
    }
    auto opened = openKey(context, args, Vault::Access::ReadOnly);
    if (!opened) {
        return context.fail(opened.error());
    }
    const VaultKey* key = &opened->key;
    auto out = publicExport(opened->ring, *key, format);
    if (!out) {
        return context.fail(out.error());
    }
    return finishExport(context, args,
                        QJsonObject{{QStringLiteral("kid"), key->kid},
                                    {QStringLiteral("private"), false},
                                    {QStringLiteral("format"), format}},
                        *out, QStringLiteral("the public key %1").arg(key->kid));
}

int runJwks(CliContext& context, const ParsedArgs& args)
{
    if (auto ok = PrivateFile::checkOutOption(args); !ok) {
        return context.fail(ok.error());
    }
    auto ring = VaultKeys::open(context, Vault::Access::ReadOnly);
    if (!ring) {
        return context.fail(ring.error());
    }
    auto jwks = (*ring)->publicJwks();
    if (!jwks) {
        return context.fail(CliError::fromError(jwks.error()));
    }
    Export out{QJsonDocument(*jwks).toJson(QJsonDocument::Indented), *jwks};
    const qsizetype count = jwks->value(QStringLiteral("keys")).toArray().size();
    return finishExport(context, args, QJsonObject{{QStringLiteral("count"), count}}, out,
                        QStringLiteral("a JWK Set of %1 public key%2")
                            .arg(count)
                            .arg(count == 1 ? QString() : QStringLiteral("s")));
}

// ---- key state / rotate / delete -------------------------------------------------------------------

int runState(CliContext& context, const ParsedArgs& args)
{
    auto state = VaultKeys::state(args.positional(1));
    if (!state) {
        return context.fail(state.error());
    }
    auto ring = VaultKeys::open(context, Vault::Access::ReadWrite);
    if (!ring) {
        return context.fail(ring.error());
    }
    const QString kid = kidArgument(args);
    if (auto ok = (*ring)->setState(kid, *state); !ok) {
        return context.fail(CliError::fromError(ok.error()));
    }
    auto key = (*ring)->key(kid);
    if (!key) {
        return context.fail(CliError::fromError(key.error()));
    }
    return context.succeed(
        VaultKeys::json(*key),
        QStringLiteral("Key %1 is now %2").arg(TextLayout::oneLine(kid), keys::keyStateName(*state)));
}

int runRotate(CliContext& context, const ParsedArgs& args)
{
    if (args.isSet(kNewKid) && args.value(kNewKid).isEmpty()) {
        return context.fail(CliError::usage(QStringLiteral("--new-kid needs a non-empty value")));
    }
    auto ring = VaultKeys::open(context, Vault::Access::ReadWrite);
    if (!ring) {
        return context.fail(ring.error());
    }
    const QString kid = kidArgument(args);
    auto fresh = (*ring)->rotate(kid, args.value(kNewKid));
    if (!fresh) {
        return context.fail(CliError::fromError(fresh.error()));
    }
    auto old = (*ring)->key(kid);
    if (!old) {
        return context.fail(CliError::fromError(old.error()));
    }
    return context.succeed(
        QJsonObject{{QStringLiteral("old"), VaultKeys::json(*old)},
                    {QStringLiteral("new"), VaultKeys::json(*fresh)}},
        QStringLiteral(
            "New active key: %1\n%2 is now passive: it verifies the tokens it signed but signs no more")
            .arg(summaryLine(*fresh), TextLayout::oneLine(kid)));
}

int runDelete(CliContext& context, const ParsedArgs& args)
{
    const bool yes = args.isSet(JoseOptions::Yes);
    if (auto ok = IdentitySupport::requireConfirmable(yes, QStringLiteral("deleting a key")); !ok) {
        return context.fail(ok.error());
    }
    auto opened = openKey(context, args, Vault::Access::ReadWrite);
    if (!opened) {
        return context.fail(opened.error());
    }
    const VaultKey* key = &opened->key;
    if (auto ok = IdentitySupport::confirm(
            yes,
            QStringLiteral("Delete key %1? Tokens it signed will no longer verify. This cannot be undone.")
                .arg(summaryLine(*key)));
        !ok) {
        return context.fail(ok.error());
    }
    if (auto ok = opened->ring->remove(key->kid); !ok) {
        return context.fail(CliError::fromError(ok.error()));
    }
    return context.succeed(QJsonObject{{QStringLiteral("deleted"), key->kid}},
                           QStringLiteral("Deleted key %1").arg(TextLayout::oneLine(key->kid)));
}

PositionalSpec kidPositional()
{
    return PositionalSpec{QStringLiteral("KID"), QStringLiteral("The key's id in the vault")};
}

QStringList words(const char* verb)
{
    return {QStringLiteral("key"), QLatin1String(verb)};
}

} // namespace

int VaultKeyCommands::generate(CliContext& context, const ParsedArgs& args, const QString& spec)
{
    auto options = keyOptions(args);
    if (!options) {
        return context.fail(options.error());
    }
    auto ring = VaultKeys::open(context, Vault::Access::ReadWrite);
    if (!ring) {
        return context.fail(ring.error());
    }
    auto key = (*ring)->generate(spec, *options);
    if (!key) {
        return context.fail(CliError::fromError(key.error()));
    }
    return context.succeed(VaultKeys::json(*key), QStringLiteral("Generated %1").arg(summaryLine(*key)));
}

void VaultKeyCommands::registerAll(CommandRegistry& registry)
{
    registry.add(CommandSpec{
        words("list"),
        QStringLiteral("List the vault's signing and verification keys"),
        QStringLiteral(
            "One line per key: kid, type, algorithms, state (active signs and verifies, passive only "
            "verifies, retired does neither), creation and not-after dates. Keys still in use that "
            "are older than --older-than days (default 90) are marked old, with a reminder line."),
        {},
        {OptionSpec{kOlderThan, QStringLiteral("DAYS"),
                    QStringLiteral("The age that counts as old (default 90)")}},
        runList});

    registry.add(
        CommandSpec{words("show"),
                    QStringLiteral("Show a vault key's details and public JWK"),
                    QStringLiteral("The key's metadata and its public JWK (an HMAC secret has none)."),
                    {kidPositional()},
                    {},
                    runShow});

    registry.add(CommandSpec{
        words("import"),
        QStringLiteral("Import keys from a PEM, JWK or JWK Set file into the vault"),
        QStringLiteral(
            "FILE is PEM (PKCS#8, encrypted PKCS#8, SPKI, PKCS#1, SEC1, an X.509 certificate), a JWK "
            "or a JWK Set; every key in it is imported, or none. Private keys become active, public "
            "keys passive (they only verify). The kid is --kid (one key only), else the JWK's, else "
            "the thumbprint."),
        {PositionalSpec{QStringLiteral("FILE"), QStringLiteral("PEM, JWK or JWK Set")}},
        {JoseOptions::kid(QStringLiteral("The key id (a file of one key only)")),
         JoseOptions::alg(QStringLiteral("An algorithm the key may be used with; default: the JWK's alg or "
                                         "every one its type allows"),
                          true),
         OptionSpec{kNotAfter, QStringLiteral("DATE"),
                    QStringLiteral("The key signs nothing after DATE (Unix seconds or ISO 8601)")},
         JoseOptions::passphrase(
             QStringLiteral("Read the passphrase of an encrypted PEM key from the first line of stdin"))},
        runImport});

    registry.add(CommandSpec{
        words("export"),
        QStringLiteral("Export a vault key: public by default, private after a confirmation"),
        QStringLiteral(
            "Prints the public key as a JWK (default) or PEM, or writes it to --out. With --private "
            "the private key is exported as a JWK or as passphrase-encrypted PKCS#8 (--format "
            "pkcs8) after a y/N confirmation (--yes skips it; without a terminal --yes is "
            "required); the export is audited. HMAC secrets have only the private JWK form."),
        {kidPositional()},
        {OptionSpec{kFormat, QStringLiteral("FORMAT"),
                    QStringLiteral("jwk (default) or pem; with --private: jwk or pkcs8")},
         OptionSpec{kPrivate, QString(), QStringLiteral("Export the private key")},
         JoseOptions::out(QStringLiteral("Write to FILE (0600) instead of stdout")), JoseOptions::force(),
         JoseOptions::yes(QStringLiteral("Export the private key without asking")),
         JoseOptions::passphrase(QStringLiteral("Read the PKCS#8 passphrase from the first line of stdin "
                                                "(else it is asked twice on a terminal)"))},
        runExport});

    registry.add(CommandSpec{
        words("jwks"),
        QStringLiteral("Export the active and passive public keys as a JWK Set"),
        QStringLiteral("The JWK Set a relying party needs to verify the vault's tokens: "
                       "every active and passive public key (HMAC secrets have no public "
                       "form and are left out)."),
        {},
        {JoseOptions::out(QStringLiteral("Write to FILE instead of stdout")), JoseOptions::force()},
        runJwks});

    registry.add(CommandSpec{
        words("state"),
        QStringLiteral("Set a vault key's state: active, passive or retired"),
        QStringLiteral("Active keys sign and verify, passive keys only verify (tokens they signed stay valid "
                       "until they expire), retired keys do neither but stay listed."),
        {kidPositional(),
         PositionalSpec{QStringLiteral("STATE"), QStringLiteral("active, passive or retired")}},
        {},
        runState});

    registry.add(CommandSpec{
        words("rotate"),
        QStringLiteral("Replace a vault key by a new active one; the old one becomes passive"),
        QStringLiteral(
            "Generates a key of the same type and algorithms, makes it active and the old key passive, "
            "so tokens the old key signed still verify until they expire."),
        {kidPositional()},
        {OptionSpec{kNewKid, QStringLiteral("KID"),
                    QStringLiteral("The new key's id (default: its thumbprint)")}},
        runRotate});

    registry.add(CommandSpec{
        words("delete"),
        QStringLiteral("Delete a vault key"),
        QStringLiteral(
            "Asks y/N first (--yes skips it; without a terminal --yes is required). Tokens the key "
            "signed no longer verify; 'key state KID retired' keeps it listed instead."),
        {kidPositional()},
        {JoseOptions::yes(QStringLiteral("Delete without asking"))},
        runDelete});
}

} // namespace tessera::cli
