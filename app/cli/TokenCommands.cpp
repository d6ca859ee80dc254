#include "TokenCommands.h"

#include "CliContext.h"
#include "CommandRegistry.h"
#include "JoseInput.h"
#include "JoseOptions.h"
#include "KeyPassphrase.h"
#include "TextLayout.h"
#include "TokenIssueCommands.h"
#include "TokenReport.h"
#include "VaultKeys.h"
#include "jose/ClaimValidator.h"
#include "jose/CompactJws.h"
#include "jose/JwsSigner.h"
#include "jose/JwsVerifier.h"
#include "jose/TokenLinter.h"
#include "jose/TokenPresets.h"
#include "jose/WeakSecretList.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>

namespace tessera::cli {

using jose::CompactJws;
using jose::VerifyResult;

namespace {

const QString& kKey = JoseOptions::Key;
const QString& kJwks = JoseOptions::Jwks;
const QString& kSecretFile = JoseOptions::SecretFile;
const QString& kAlg = JoseOptions::Alg;
const QString& kKid = JoseOptions::Kid;
const QString kIss = QStringLiteral("iss");
const QString kAud = QStringLiteral("aud");
const QString kType = QStringLiteral("type");
const QString kLeeway = QStringLiteral("leeway");
const QString kRequire = QStringLiteral("require");
const QString kBatch = QStringLiteral("batch");
const QString kAnyPayload = QStringLiteral("any-payload");
const QString kClaims = QStringLiteral("claims");
const QString kHeader = QStringLiteral("header");
const QString kTtl = QStringLiteral("ttl");
const QString kPreset = QStringLiteral("preset");
const QString kSub = QStringLiteral("sub");
const QString kRole = QStringLiteral("role");

CliError malformedError(const QString& why)
{
    return CliError::input(QStringLiteral("malformed token: %1").arg(why));
}

CliError invalidError(const QString& why)
{
    return CliError::negative(QStringLiteral("invalid-token"), QStringLiteral("invalid token: %1").arg(why));
}

CompactJws::Payload payloadMode(const ParsedArgs& args)
{
    return args.isSet(kAnyPayload) ? CompactJws::Payload::Any : CompactJws::Payload::JsonObject;
}

CliStatus checkTokenSource(const ParsedArgs& args)
{
    if (args.isSet(kBatch) && !args.positionals().isEmpty()) {
        return cliFail(CliError::usage(QStringLiteral("give either a TOKEN or --batch FILE, not both")));
    }
    return {};
}

// ---- token verify ----------------------------------------------------------------------------------

CliResult<jose::VerifyOptions> verifyOptions(const ParsedArgs& args)
{
    jose::VerifyOptions options;
    auto now = JoseInput::now(args);
    if (!now) {
        return std::unexpected(now.error());
    }
    options.now = *now;
    if (args.isSet(kLeeway)) {
        auto leeway = JoseInput::seconds(kLeeway, args.value(kLeeway));
        if (!leeway) {
            return std::unexpected(leeway.error());
        }
        options.leewaySeconds = *leeway;
    }
    auto algs = JoseInput::algs(args.values(kAlg));
    if (!algs) {
        return std::unexpected(algs.error());
    }
    options.algs = *algs;
    if (args.isSet(kIss)) {
        options.issuer = args.value(kIss);
    }
    if (args.isSet(kAud)) {
        options.audience = args.value(kAud);
    }
    if (args.isSet(kType)) {
        const QString type = args.value(kType);
        if (type != QLatin1String("access") && type != QLatin1String("refresh")) {
            return cliFail(
                CliError::usage(QStringLiteral("--type must be access or refresh, not \"%1\"").arg(type)));
        }
        options.tokenType = type;
    }
    for (const QString& claim : args.values(kRequire)) {
        if (claim.isEmpty()) {
            return cliFail(CliError::usage(QStringLiteral("--require needs a claim name")));
        }
        options.requiredClaims.append(claim);
    }
    return options;
}

// The keys a token is checked against: a key file (--key, --jwks, --secret-file), one vault key (--kid),
// or, with --vault and no key option, every active and passive vault key. `revocations` also reads the
// vault's revoked jtis whenever the vault is opened (--vault, or --kid): inspect's revoked finding, and
// verify's refusal of a revoked refresh token.
struct TokenKeys
{
    std::optional<keys::KeySet> keys;
    QStringList algorithms;                   // the --kid vault key's algorithms
    std::optional<QSet<QString>> revokedJtis; // read when asked and the vault is opened
};

CliResult<TokenKeys> tokenKeys(CliContext& context, const ParsedArgs& args, KeyPassphrase& passphrase,
                               bool required, bool revocations)
{
    TokenKeys out;
    auto fileKeys = JoseInput::verificationKeys(args, passphrase, false);
    if (!fileKeys) {
        return std::unexpected(fileKeys.error());
    }
    out.keys = std::move(*fileKeys);
    const bool byKid = args.isSet(kKid);
    if (byKid && out.keys) {
        return cliFail(CliError::usage(QStringLiteral("give either --kid KID or a key file, not both")));
    }
    if (byKid && args.value(kKid).isEmpty()) {
        return cliFail(CliError::usage(QStringLiteral("--kid needs a non-empty value")));
    }
    const bool vault = VaultKeys::requested(context);
    if (!byKid && !out.keys && !vault) {
        if (required) {
            return cliFail(CliError::usage(QStringLiteral(
                "a key is needed: --key FILE, --jwks FILE, --secret-file FILE, --kid KID (a vault "
                "key), or --vault for every vault key")));
        }
        return out;
    }
    if (!byKid && out.keys && !(vault && revocations)) {
        return out;
    }
    auto ring = VaultKeys::open(context, Vault::Access::ReadOnly);
    if (!ring) {
        return std::unexpected(ring.error());
    }
    if (byKid) {
        auto named = VaultKeys::verificationKey(*ring, args.value(kKid));
        if (!named) {
            return std::unexpected(named.error());
        }
        out.keys = keys::KeySet::single(std::move(named->material));
        out.algorithms = named->key.algorithms;
    } else if (!out.keys) {
        auto all = (*ring)->verificationKeys();
        if (!all) {
            return cliFail(all.error());
        }
        out.keys = std::move(*all);
    }
    if (revocations) {
        auto revoked = ring->issuer->revokedJtis();
        if (!revoked) {
            return cliFail(revoked.error());
        }
        out.revokedJtis = std::move(*revoked);
    }
    return out;
}

// --alg within a vault key's algorithms: the key's list when --alg is absent, else the --alg values it
// allows.
CliResult<QList<jose::JwsAlg>> withinKeyAlgorithms(const QList<jose::JwsAlg>& asked,
                                                   const QStringList& allowed, const QString& kid)
{
    if (allowed.isEmpty()) {
        return asked;
    }
    QList<jose::JwsAlg> out;
    for (const QString& name : allowed) {
        const auto alg = jose::JwsAlgorithm::fromName(name);
        if (alg && (asked.isEmpty() || asked.contains(*alg))) {
            out.append(*alg);
        }
    }
    if (out.isEmpty()) {
        return cliFail(CliError::usage(QStringLiteral("key \"%1\" is for %2 only, not for the --alg given")
                                           .arg(kid, allowed.join(QStringLiteral(", ")))));
    }
    return out;
}

// How runVerify verifies each token.
struct Verification
{
    jose::JwsVerifier verifier;
    bool anyPayload = false;
    // A --secret-file secret has no name; its thumbprint (a hash of the secret) is not shown as a key id.
    bool rawSecret = false;
};

// JwsVerifier verifies JWTs. With --any-payload a JWS over other bytes gets the signature checks only,
// and then only when no claim check was asked for.
VerifyResult verifySigned(const jose::JwsVerifier& verifier, QByteArrayView token, bool anyPayload)
{
    if (!anyPayload) {
        return verifier.verify(token);
    }
    auto jws = CompactJws::parse(token, CompactJws::Payload::Any);
    if (!jws) {
        VerifyResult result;
        result.error = jws.error().message;
        return result;
    }
    if (jws->isJwe() || jws->payloadIsJson()) {
        return verifier.verify(*jws);
    }
    VerifyResult result = verifier.verifySignature(*jws);
    const jose::VerifyOptions& options = verifier.options();
    if (result.valid() &&
        (options.issuer || options.audience || options.tokenType || !options.requiredClaims.isEmpty())) {
        result.outcome = VerifyResult::Outcome::Invalid;
        result.keyId.reset();
        result.error =
            QStringLiteral("the payload is not a claims set, so --iss, --aud, --type and --require cannot "
                           "be met");
    }
    return result;
}

// A raw secret's thumbprint is not shown as the key that verified.
VerifyResult& reported(const Verification& verification, VerifyResult& result)
{
    if (verification.rawSecret) {
        result.keyId.reset();
    }
    return result;
}

VerifyResult verifyOne(const Verification& verification, QByteArrayView token)
{
    VerifyResult result = verifySigned(verification.verifier, token, verification.anyPayload);
    return reported(verification, result);
}

// Lines [first, end) of a batch into `results` (reused from chunk to chunk); JWTs on every core
// (JwsVerifier::verifyAll), in file order.
void verifyLines(const Verification& verification, const QList<JoseInput::Line>& lines, qsizetype first,
                 qsizetype end, QList<VerifyResult>& results)
{
    if (verification.anyPayload) {
        results.clear();
        for (qsizetype i = first; i < end; ++i) {
            results.append(verifyOne(verification, lines.at(i).text));
        }
        return;
    }
    QList<QByteArrayView> tokens;
    tokens.reserve(end - first);
    for (qsizetype i = first; i < end; ++i) {
        tokens.append(lines.at(i).text);
    }
    verification.verifier.verifyAll(tokens, results);
    for (VerifyResult& result : results) {
        reported(verification, result);
    }
}

QJsonObject resultJson(const VerifyResult& result)
{
    QJsonObject out = result.toJson();
    out.insert(QStringLiteral("keyId"),
               result.keyId ? QJsonValue(*result.keyId) : QJsonValue(QJsonValue::Null));
    return out;
}

QString validLine(const VerifyResult& result)
{
    if (!result.keyId) {
        return QStringLiteral("valid %1 token").arg(TextLayout::oneLine(result.alg()));
    }
    return QStringLiteral("valid %1 token, verified with key %2")
        .arg(TextLayout::oneLine(result.alg()), TextLayout::oneLine(*result.keyId));
}

int runVerifyBatch(CliContext& context, const Verification& verification, const QString& path)
{
    auto lines = JoseInput::batch(path);
    if (!lines) {
        return context.fail(lines.error());
    }
    QJsonArray results;
    QString text;
    int counts[3] = {0, 0, 0}; // valid, invalid, malformed
    int exitCode = 0;
    // A chunk at a time bounds the memory a long file needs.
    constexpr qsizetype kChunk = 16384;
    QList<VerifyResult> chunk;
    for (qsizetype index = 0; index < lines->size(); ++index) {
        const JoseInput::Line& line = lines->at(index);
        if (index % kChunk == 0) {
            verifyLines(verification, *lines, index, std::min(lines->size(), index + kChunk), chunk);
        }
        const VerifyResult& result = chunk.at(index % kChunk);
        const int code = result.exitCode();
        ++counts[code];
        exitCode = std::max(exitCode, code);
        if (context.jsonMode()) {
            QJsonObject entry = resultJson(result);
            entry.insert(QStringLiteral("line"), line.number);
            results.append(entry);
        } else {
            text += QStringLiteral("line %1: %2\n")
                        .arg(line.number)
                        .arg(code == 0 ? validLine(result)
                             : code == 1
                                 ? QStringLiteral("invalid: %1").arg(TextLayout::oneLine(result.error))
                                 : QStringLiteral("malformed: %1").arg(TextLayout::oneLine(result.error)));
        }
    }
    const qsizetype total = lines->size();
    const QString summary = QStringLiteral("%1 token%2: %3 valid, %4 invalid, %5 malformed")
                                .arg(total)
                                .arg(total == 1 ? QString() : QStringLiteral("s"))
                                .arg(counts[0])
                                .arg(counts[1])
                                .arg(counts[2]);
    text += summary;
    const QJsonObject fields{
        {QStringLiteral("results"), results},
        {QStringLiteral("summary"), QJsonObject{{QStringLiteral("total"), total},
                                                {QStringLiteral("valid"), counts[0]},
                                                {QStringLiteral("invalid"), counts[1]},
                                                {QStringLiteral("malformed"), counts[2]}}}};
    if (exitCode == 0) {
        return context.succeed(fields, text);
    }
    const QString message = QStringLiteral("%1 of %2 tokens are not valid (%3 invalid, %4 malformed)")
                                .arg(counts[1] + counts[2])
                                .arg(total)
                                .arg(counts[1])
                                .arg(counts[2]);
    return context.fail(exitCode == 2 ? CliError::input(message)
                                      : CliError::negative(QStringLiteral("invalid-token"), message),
                        fields, text);
}

int runVerify(CliContext& context, const ParsedArgs& args)
{
    if (auto ok = checkTokenSource(args); !ok) {
        return context.fail(ok.error());
    }
    auto options = verifyOptions(args);
    if (!options) {
        return context.fail(options.error());
    }
    auto passphrase = KeyPassphrase::fromArgs(args);
    if (!passphrase) {
        return context.fail(passphrase.error());
    }
    auto keys = tokenKeys(context, args, *passphrase, true, true);
    if (!keys) {
        return context.fail(keys.error());
    }
    auto algs = withinKeyAlgorithms(options->algs, keys->algorithms, args.value(kKid));
    if (!algs) {
        return context.fail(algs.error());
    }
    options->algs = *algs;
    if (keys->revokedJtis) {
        options->isRevoked = [revoked = std::move(*keys->revokedJtis)](const QString& jti) {
            return revoked.contains(jti);
        };
    }
    const Verification verification{jose::JwsVerifier(std::move(*keys->keys), *options),
                                    args.isSet(kAnyPayload), args.isSet(kSecretFile)};
    if (args.isSet(kBatch)) {
        return runVerifyBatch(context, verification, args.value(kBatch));
    }
    auto token = JoseInput::token(args);
    if (!token) {
        return context.fail(token.error());
    }
    const VerifyResult result = verifyOne(verification, *token);
    const QJsonObject fields = resultJson(result);
    switch (result.outcome) {
    case VerifyResult::Outcome::Valid: {
        QString text = validLine(result) + QLatin1Char('\n');
        if (!result.claims().isEmpty()) {
            text += QString::fromUtf8(QJsonDocument(result.claims()).toJson(QJsonDocument::Indented));
        }
        return context.succeed(fields, text);
    }
    case VerifyResult::Outcome::Invalid:
        return context.fail(invalidError(result.error), fields);
    case VerifyResult::Outcome::Malformed:
        break;
    }
    return context.fail(malformedError(result.error), fields);
}

// ---- token inspect ---------------------------------------------------------------------------------

struct Inspector
{
    jose::LintContext lint;
    std::optional<jose::JwsVerifier> verifier; // when keys were given: the signature's own verdict
    CompactJws::Payload payload = CompactJws::Payload::JsonObject;
    bool rawSecret = false; // as in Verification

    Result<TokenReport::Inspection> inspect(QByteArrayView token) const
    {
        auto jws = CompactJws::parse(token, payload);
        if (!jws) {
            return std::unexpected(jws.error());
        }
        TokenReport::Inspection inspection{std::move(*jws), {}, std::nullopt};
        inspection.findings = jose::TokenLinter::lint(inspection.jws, lint);
        if (verifier && !inspection.jws.isJwe()) {
            inspection.signature = verifier->verifySignature(inspection.jws);
            if (rawSecret) {
                inspection.signature->keyId.reset();
            }
        }
        return inspection;
    }
};

QString batchLine(const TokenReport::Inspection& inspection)
{
    QString line = inspection.jws.isJwe()
                       ? QStringLiteral("JWE %1").arg(TextLayout::oneLine(inspection.jws.alg()))
                       : QStringLiteral("JWS %1").arg(TextLayout::oneLine(inspection.jws.alg()));
    if (inspection.signature) {
        line += inspection.signature->valid() ? QStringLiteral(", signature valid")
                                              : QStringLiteral(", signature NOT valid");
    }
    if (inspection.findings.isEmpty()) {
        return line + QStringLiteral(", no findings");
    }
    QStringList ids;
    for (const jose::LintFinding& finding : inspection.findings) {
        ids.append(
            QStringLiteral("%1 (%2)").arg(finding.id, jose::LintFinding::severityName(finding.severity)));
    }
    return line + QStringLiteral(", findings: ") + ids.join(QStringLiteral(", "));
}

int runInspectBatch(CliContext& context, const Inspector& inspector, const QString& path)
{
    auto lines = JoseInput::batch(path);
    if (!lines) {
        return context.fail(lines.error());
    }
    QJsonArray results;
    QString text;
    int malformed = 0;
    int withFindings = 0;
    int signaturesValid = 0;
    int signaturesInvalid = 0;
    QMap<QString, int> findingCounts; // sorted by id for a stable summary
    for (const JoseInput::Line& line : *lines) {
        auto inspection = inspector.inspect(line.text);
        if (!inspection) {
            ++malformed;
            if (context.jsonMode()) {
                results.append(QJsonObject{{QStringLiteral("line"), line.number},
                                           {QStringLiteral("malformed"), true},
                                           {QStringLiteral("error"), inspection.error().message}});
            } else {
                text += QStringLiteral("line %1: malformed: %2\n")
                            .arg(line.number)
                            .arg(TextLayout::oneLine(inspection.error().message));
            }
            continue;
        }
        withFindings += inspection->findings.isEmpty() ? 0 : 1;
        for (const jose::LintFinding& finding : inspection->findings) {
            ++findingCounts[finding.id];
        }
        if (inspection->signature) {
            ++(inspection->signature->valid() ? signaturesValid : signaturesInvalid);
        }
        if (context.jsonMode()) {
            QJsonObject entry = TokenReport::json(*inspection, inspector.lint.now);
            entry.insert(QStringLiteral("line"), line.number);
            entry.insert(QStringLiteral("malformed"), false);
            results.append(entry);
        } else {
            text += QStringLiteral("line %1: %2\n").arg(line.number).arg(batchLine(*inspection));
        }
    }
    const qsizetype total = lines->size();
    QStringList countTexts;
    QJsonObject countJson;
    for (auto it = findingCounts.cbegin(); it != findingCounts.cend(); ++it) {
        countTexts.append(QStringLiteral("%1 %2").arg(it.key()).arg(it.value()));
        countJson.insert(it.key(), it.value());
    }
    text += QStringLiteral("%1 token%2: %3 malformed, %4 with findings")
                .arg(total)
                .arg(total == 1 ? QString() : QStringLiteral("s"))
                .arg(malformed)
                .arg(withFindings);
    if (!countTexts.isEmpty()) {
        text += QStringLiteral(" (%1)").arg(countTexts.join(QStringLiteral(", ")));
    }
    if (inspector.verifier) {
        text += QStringLiteral("; signatures: %1 valid, %2 not valid")
                    .arg(signaturesValid)
                    .arg(signaturesInvalid);
    }
    QJsonObject summary{{QStringLiteral("total"), total},
                        {QStringLiteral("malformed"), malformed},
                        {QStringLiteral("withFindings"), withFindings},
                        {QStringLiteral("findings"), countJson}};
    if (inspector.verifier) {
        summary.insert(QStringLiteral("signaturesValid"), signaturesValid);
        summary.insert(QStringLiteral("signaturesInvalid"), signaturesInvalid);
    }
    const QJsonObject fields{{QStringLiteral("results"), results}, {QStringLiteral("summary"), summary}};
    if (malformed == 0) {
        return context.succeed(fields, text);
    }
    return context.fail(
        CliError::input(QStringLiteral("%1 of %2 tokens are malformed").arg(malformed).arg(total)), fields,
        text);
}

int runInspect(CliContext& context, const ParsedArgs& args)
{
    if (auto ok = checkTokenSource(args); !ok) {
        return context.fail(ok.error());
    }
    auto now = JoseInput::now(args);
    if (!now) {
        return context.fail(now.error());
    }
    auto passphrase = KeyPassphrase::fromArgs(args);
    if (!passphrase) {
        return context.fail(passphrase.error());
    }
    auto keys = tokenKeys(context, args, *passphrase, false, true);
    if (!keys) {
        return context.fail(keys.error());
    }
    Inspector inspector;
    inspector.lint.now = *now;
    inspector.lint.weakSecrets = &jose::WeakSecretList::bundled();
    if (keys->revokedJtis) {
        inspector.lint.isRevoked = [revoked = std::move(*keys->revokedJtis)](const QString& jti) {
            return revoked.contains(jti);
        };
    }
    if (keys->keys) {
        inspector.verifier.emplace(std::move(*keys->keys), jose::VerifyOptions{});
    }
    inspector.payload = payloadMode(args);
    inspector.rawSecret = args.isSet(kSecretFile);
    if (args.isSet(kBatch)) {
        return runInspectBatch(context, inspector, args.value(kBatch));
    }
    auto token = JoseInput::token(args);
    if (!token) {
        return context.fail(token.error());
    }
    auto inspection = inspector.inspect(*token);
    if (!inspection) {
        return context.fail(malformedError(inspection.error().message));
    }
    return context.succeed(TokenReport::json(*inspection, *now), TokenReport::text(*inspection, *now));
}

// ---- token sign ------------------------------------------------------------------------------------

// The claims to sign: a preset's (without its times), then --claims over them, then iat and exp
// where neither gave them.
CliResult<QJsonObject> signClaims(const ParsedArgs& args, qint64 now)
{
    const bool preset = args.isSet(kPreset);
    if (!preset && (args.isSet(kSub) || args.isSet(kRole))) {
        return cliFail(CliError::usage(QStringLiteral("--sub and --role go with --preset")));
    }
    if (!preset && !args.isSet(kClaims)) {
        return cliFail(CliError::usage(
            QStringLiteral("token sign needs --claims JSON|@FILE|- or --preset access|refresh")));
    }
    QJsonObject claims;
    qint64 ttl = jose::TokenPresets::AccessTtlSeconds;
    if (preset) {
        const QString name = args.value(kPreset);
        if (name != QLatin1String("access") && name != QLatin1String("refresh")) {
            return cliFail(
                CliError::usage(QStringLiteral("--preset must be access or refresh, not \"%1\"").arg(name)));
        }
        if (!args.isSet(kSub) || args.value(kSub).isEmpty()) {
            return cliFail(CliError::usage(QStringLiteral("--preset needs --sub SUBJECT")));
        }
        if (name == QLatin1String("refresh")) {
            if (args.isSet(kRole)) {
                return cliFail(
                    CliError::usage(QStringLiteral("--role goes with --preset access; refresh tokens "
                                                   "carry no role")));
            }
            claims = jose::TokenPresets::refresh(args.value(kSub), now);
            ttl = jose::TokenPresets::RefreshTtlSeconds;
        } else {
            claims = jose::TokenPresets::access(args.value(kSub), args.value(kRole), now);
        }
        claims.remove(QStringLiteral("iat"));
        claims.remove(QStringLiteral("exp"));
    }
    if (args.isSet(kClaims)) {
        auto given = JoseInput::jsonObject(kClaims, args.value(kClaims));
        if (!given) {
            return std::unexpected(given.error());
        }
        for (auto it = given->begin(); it != given->end(); ++it) {
            claims.insert(it.key(), it.value());
        }
    }
    if (args.isSet(kTtl)) {
        auto given = JoseInput::duration(kTtl, args.value(kTtl));
        if (!given) {
            return std::unexpected(given.error());
        }
        ttl = *given;
    }
    claims = jose::JwsSigner::withTimes(claims, now, ttl);
    if (auto types = jose::ClaimValidator::checkTypes(claims); !types) {
        return cliFail(CliError::input(
            QStringLiteral("the claims would make an invalid token: %1").arg(types.error().message)));
    }
    return claims;
}

// The key that signs, and the algorithms a vault key allows (empty for a key file).
struct SigningKey
{
    keys::KeyMaterial key;
    QStringList algorithms;
};

CliResult<SigningKey> signingKey(CliContext& context, const ParsedArgs& args, KeyPassphrase& passphrase)
{
    const int given =
        (args.isSet(kKey) ? 1 : 0) + (args.isSet(kSecretFile) ? 1 : 0) + (args.isSet(kKid) ? 1 : 0);
    if (given != 1) {
        return cliFail(CliError::usage(QStringLiteral(
            "token sign needs one of --key FILE, --secret-file FILE and --kid KID (a vault key)")));
    }
    if (args.isSet(kKid)) {
        if (args.value(kKid).isEmpty()) {
            return cliFail(CliError::usage(QStringLiteral("--kid needs a non-empty value")));
        }
        auto ring = VaultKeys::open(context, Vault::Access::ReadOnly);
        if (!ring) {
            return std::unexpected(ring.error());
        }
        auto named = VaultKeys::signingKey(*ring, args.value(kKid));
        if (!named) {
            return std::unexpected(named.error());
        }
        return SigningKey{std::move(named->material), named->key.algorithms};
    }
    if (args.isSet(kSecretFile)) {
        auto secret = JoseInput::secretFile(args.value(kSecretFile));
        if (!secret) {
            return std::unexpected(secret.error());
        }
        return SigningKey{std::move(*secret), {}};
    }
    auto set = JoseInput::keyFile(kKey, args.value(kKey), passphrase);
    if (!set) {
        return std::unexpected(set.error());
    }
    if (set->size() != 1) {
        return cliFail(
            CliError::input(QStringLiteral("--key %1 holds %2 keys; token sign takes a file with one key")
                                .arg(args.value(kKey))
                                .arg(set->size())));
    }
    return SigningKey{set->at(0), {}};
}

// A vault key signs only with its algorithms: --alg must be one of them, and without --alg the key type's
// default is used when allowed, else the key's first algorithm.
CliStatus pickVaultAlg(const SigningKey& signing, const QString& kid, jose::SignOptions& options)
{
    if (signing.algorithms.isEmpty()) {
        return {};
    }
    if (options.alg) {
        if (!signing.algorithms.contains(jose::JwsAlgorithm::name(*options.alg))) {
            return cliFail(CliError::usage(QStringLiteral("key \"%1\" is for %2 only, not %3")
                                               .arg(kid, signing.algorithms.join(QStringLiteral(", ")),
                                                    jose::JwsAlgorithm::name(*options.alg))));
        }
        return {};
    }
    const auto fallback = jose::JwsAlgorithm::defaultFor(signing.key);
    if (fallback && signing.algorithms.contains(jose::JwsAlgorithm::name(*fallback))) {
        return {};
    }
    options.alg = jose::JwsAlgorithm::fromName(signing.algorithms.first());
    return {};
}

int runSign(CliContext& context, const ParsedArgs& args)
{
    auto now = JoseInput::now(args);
    if (!now) {
        return context.fail(now.error());
    }
    jose::SignOptions options;
    if (args.isSet(kAlg)) {
        auto alg = JoseInput::alg(args.value(kAlg));
        if (!alg) {
            return context.fail(alg.error());
        }
        options.alg = *alg;
    }
    auto passphrase = KeyPassphrase::fromArgs(args);
    if (!passphrase) {
        return context.fail(passphrase.error());
    }
    // The key before the claims: an encrypted key's prompt comes first, and --claims - reads stdin after
    // a --passphrase-stdin line.
    auto key = signingKey(context, args, *passphrase);
    if (!key) {
        return context.fail(key.error());
    }
    if (auto ok = pickVaultAlg(*key, args.value(kKid), options); !ok) {
        return context.fail(ok.error());
    }
    auto claims = signClaims(args, *now);
    if (!claims) {
        return context.fail(claims.error());
    }
    if (args.isSet(kHeader)) {
        auto header = JoseInput::jsonObject(kHeader, args.value(kHeader));
        if (!header) {
            return context.fail(header.error());
        }
        options.extraHeader = *header;
    }
    // A raw secret has no name of its own; its thumbprint in every header would only help guessing.
    options.includeKid = !args.isSet(kSecretFile);
    auto token = jose::JwsSigner::sign(key->key, *claims, options);
    if (!token) {
        return context.fail(CliError::fromError(token.error()));
    }
    auto parsed = CompactJws::parse(*token);
    if (!parsed) {
        return context.fail(CliError::internal(
            QStringLiteral("the signed token does not parse: %1").arg(parsed.error().message)));
    }
    return context.succeed(QJsonObject{{QStringLiteral("token"), QString::fromLatin1(*token)},
                                       {QStringLiteral("header"), parsed->header()},
                                       {QStringLiteral("claims"), parsed->claims()}},
                           QString::fromLatin1(*token));
}

// ---- the table -------------------------------------------------------------------------------------

OptionSpec passphraseOption()
{
    return JoseOptions::passphrase(
        QStringLiteral("Read the passphrase of an encrypted PEM key from the first line of stdin (before "
                       "a token or claims read from stdin)"));
}

QList<OptionSpec> verificationKeyOptions(bool required)
{
    const QString suffix =
        required ? QStringLiteral(" (one of --key, --jwks, --secret-file, --kid is required, or --vault)")
                 : QString();
    return {
        OptionSpec{kKey, QStringLiteral("FILE"), QStringLiteral("Key file: PEM, JWK or JWK Set") + suffix},
        OptionSpec{
            kJwks, QStringLiteral("FILE"),
            QStringLiteral("JWK Set; the token's kid picks the key, else every compatible key is tried")},
        OptionSpec{kSecretFile, QStringLiteral("FILE"),
                   QStringLiteral("HMAC secret: the file's bytes exactly, less one trailing LF or CRLF")},
        JoseOptions::kid(QStringLiteral("The vault key with this kid (active or passive; opens the vault)")),
        passphraseOption(),
    };
}

OptionSpec batchOption()
{
    return OptionSpec{
        kBatch, QStringLiteral("FILE"),
        QStringLiteral("One token per line (\"-\": stdin); empty lines are skipped; ends with a summary")};
}

OptionSpec anyPayloadOption()
{
    return OptionSpec{
        kAnyPayload, QString(),
        QStringLiteral("Also accept a JWS whose payload is not a JSON object (RFC 8037's example "
                       "signs a sentence); only its signature can then be checked")};
}

PositionalSpec tokenPositional()
{
    return PositionalSpec{QStringLiteral("TOKEN"),
                          QStringLiteral("The compact token; \"-\" or nothing reads one line from stdin"),
                          PositionalSpec::Arity::Optional};
}

} // namespace

void TokenCommands::registerAll(CommandRegistry& registry)
{
    QList<OptionSpec> inspectOptions = verificationKeyOptions(false);
    inspectOptions += {JoseOptions::now(), batchOption(), anyPayloadOption()};
    registry.add(CommandSpec{
        {QStringLiteral("token"), QStringLiteral("inspect")},
        QStringLiteral("Decode a JWT or JWE and list its security findings (a vault only with --vault)"),
        QStringLiteral(
            "Shows the header and payload as JSON, explains the registered claims (exp, nbf and iat in UTC "
            "and "
            "relative to now), and lists findings with severity and fix: alg-none, no-exp, expired, "
            "not-yet-valid, iat-future, long-lifetime, no-type, embedded-jwk, jku-header, x5u-header, "
            "kid-injection, crit-unknown, weak-hmac-secret. A JWE (5 segments) is recognised and its header "
            "shown. With --key, --jwks or --secret-file the signature is checked too (claims aside). Exit 0 "
            "when the token could be read, whatever its findings; 2 when it is malformed (the message names "
            "the "
            "problem). Opens a vault only when --vault is on the command line ($TESSERA_VAULT alone does "
            "not count) or --kid is given: then the signature is checked against the vault's keys (unless a "
            "key file is given) and a jti on the vault's revocation list is the revoked finding."),
        {tokenPositional()},
        inspectOptions,
        runInspect});

    QList<OptionSpec> verifyOptionList = verificationKeyOptions(true);
    verifyOptionList += {
        JoseOptions::alg(QStringLiteral("Accept only this alg; default: any the key allows"), true),
        OptionSpec{kIss, QStringLiteral("S"), QStringLiteral("The iss claim must equal S")},
        OptionSpec{kAud, QStringLiteral("S"),
                   QStringLiteral("The aud claim (a string or an array) must contain S")},
        OptionSpec{kType, QStringLiteral("TYPE"), QStringLiteral("The type claim must be access or refresh")},
        OptionSpec{
            kLeeway, QStringLiteral("SECONDS"),
            QStringLiteral(
                "Clock leeway for exp and nbf: valid when nbf - leeway <= now < exp + leeway (default 0)")},
        JoseOptions::now(),
        OptionSpec{kRequire, QStringLiteral("CLAIM"), QStringLiteral("The claim must be present, e.g. exp"),
                   true},
        batchOption(),
        anyPayloadOption(),
    };
    registry.add(CommandSpec{
        {QStringLiteral("token"), QStringLiteral("verify")},
        QStringLiteral("Verify a JWT's signature and claims with a key file, secret or vault key"),
        QStringLiteral(
            "Exit 0 when the token is valid, 1 when it is not (alg none or unsupported, a bad or "
            "wrong-length "
            "signature, unknown crit, unknown kid, a claim of the wrong type, expired, not yet valid, a "
            "wrong "
            "iss, aud or type, a missing --require claim), 2 when it is not a parseable compact JWS (segment "
            "count, base64url, JSON, duplicate members, alg missing, over 64 KiB). The reason is printed on "
            "stderr. The key's type decides the algorithms: an RSA or EC key is never an HMAC secret, and a "
            "JWK's alg restricts its key. A missing exp is accepted unless --require exp. With --batch, "
            "every "
            "line is verified and the exit code is the worst line's. --kid KID verifies with that vault key "
            "(a retired key is exit 1) within its algorithms; --vault with no key option tries every active "
            "and passive vault key; with a key file, --vault adds only the revocation check. Whenever the vault is "
            "opened, a token whose jti is on its revocation list is exit 1. Otherwise no vault is opened."),
        {tokenPositional()},
        verifyOptionList,
        runVerify});

    registry.add(CommandSpec{
        {QStringLiteral("token"), QStringLiteral("sign")},
        QStringLiteral("Sign claims into a compact JWT with a key file, secret or vault key"),
        QStringLiteral(
            "Prints the token alone on one line. iat is now (or --now) unless the claims give one; exp is "
            "iat + "
            "--ttl (default 15m) unless the claims give one. The alg follows the key: RSA RS256, P-256 "
            "ES256, "
            "P-384 ES384, P-521 ES512, Ed25519 EdDSA, an HMAC secret HS256, or the JWK's alg; --alg picks "
            "another one the key allows. RSA keys under 2048 bits and HMAC secrets shorter than the hash are "
            "refused. The header gets typ JWT and the key's kid (not for --secret-file). --kid KID signs "
            "with the vault's active key of that kid, within its algorithms; otherwise no vault is opened."),
        {},
        {OptionSpec{kKey, QStringLiteral("FILE"),
                    QStringLiteral("Private key file: PEM, JWK or a JWK Set of one key")},
         OptionSpec{kSecretFile, QStringLiteral("FILE"),
                    QStringLiteral("HMAC secret: the file's bytes exactly, less one trailing LF or CRLF")},
         JoseOptions::kid(QStringLiteral("The vault's active key with this kid (opens the vault)")),
         passphraseOption(), JoseOptions::alg(QStringLiteral("Signing algorithm (default: by key)"), false),
         OptionSpec{kClaims, QStringLiteral("JSON"),
                    QStringLiteral("The claims: a JSON object, @FILE, or - for stdin")},
         OptionSpec{kHeader, QStringLiteral("JSON"),
                    QStringLiteral("Extra header members: a JSON object or @FILE (may not change alg)")},
         OptionSpec{
             kTtl, QStringLiteral("DURATION"),
             QStringLiteral("Lifetime when the claims have no exp: <int>[smhd], default 15m (7d for --preset "
                            "refresh)")},
         JoseOptions::now(),
         OptionSpec{kPreset, QStringLiteral("NAME"),
                    QStringLiteral(
                        "access (sub, role, type access, 15 min) or refresh (sub, type refresh, random jti, "
                        "7 days); --claims adds to or overrides it")},
         OptionSpec{kSub, QStringLiteral("SUBJECT"), QStringLiteral("The sub claim of a --preset token")},
         OptionSpec{kRole, QStringLiteral("ROLE"),
                    QStringLiteral("The role claim of a --preset access token")}},
        runSign});

    TokenIssueCommands::registerAll(registry);
}

} // namespace tessera::cli
