#include "TokenIssueCommands.h"

#include "CliContext.h"
#include "CommandRegistry.h"
#include "JoseInput.h"
#include "JoseOptions.h"
#include "PrivateFile.h"
#include "TextLayout.h"
#include "VaultKeys.h"
#include "jose/CompactJws.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace tessera::cli {

using tokens::RefreshTokenRecord;

namespace {

const QString kAccess = QStringLiteral("access");
const QString kRefresh = QStringLiteral("refresh");
const QString kReason = QStringLiteral("reason");
const QString kUser = QStringLiteral("user");

QJsonValue stringOrNull(const QByteArray& text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(QString::fromLatin1(text));
}

// When the issued tokens stop being usable: the refresh token's end when there is one, else the access
// token's exp.
qint64 expiresMs(const tokens::IssuedTokens& issued)
{
    if (issued.refresh) {
        return issued.refresh->expiresMs;
    }
    auto jws = jose::CompactJws::parse(issued.accessToken);
    return jws ? static_cast<qint64>(jws->claims().value(QStringLiteral("exp")).toDouble()) * 1000 : 0;
}

int runIssue(CliContext& context, const ParsedArgs& args)
{
    tokens::IssueRequest request;
    const bool access = args.isSet(kAccess);
    const bool refresh = args.isSet(kRefresh);
    request.access = access || !refresh;
    request.refresh = refresh || !access;
    if (args.isSet(JoseOptions::Kid)) {
        if (args.value(JoseOptions::Kid).isEmpty()) {
            return context.fail(CliError::usage(QStringLiteral("--kid needs a non-empty value")));
        }
        request.kid = args.value(JoseOptions::Kid);
    }
    auto ring = VaultKeys::open(context, Vault::Access::ReadWrite);
    if (!ring) {
        return context.fail(ring.error());
    }
    auto names = IdentitySupport::storedUsernames(*ring->open, {args.positional(0)});
    if (!names) {
        return context.fail(names.error());
    }
    request.username = names->front();
    auto issued = ring->issuer->issue(request);
    if (!issued) {
        return context.fail(CliError::fromError(issued.error()));
    }
    const QJsonValue jti = issued->refresh ? QJsonValue(issued->refresh->jti) : QJsonValue(QJsonValue::Null);
    QString text;
    if (!issued->accessToken.isEmpty()) {
        text += QStringLiteral("access: %1\n").arg(QString::fromLatin1(issued->accessToken));
    }
    if (!issued->refreshToken.isEmpty()) {
        text += QStringLiteral("refresh: %1\n").arg(QString::fromLatin1(issued->refreshToken));
    }
    text.chop(1);
    return context.succeed(
        QJsonObject{{QStringLiteral("accessToken"), stringOrNull(issued->accessToken)},
                    {QStringLiteral("refreshToken"), stringOrNull(issued->refreshToken)},
                    {QStringLiteral("jti"), jti},
                    {QStringLiteral("kid"), issued->kid},
                    {QStringLiteral("alg"), issued->alg},
                    {QStringLiteral("expiresAt"), IdentitySupport::isoOrNull(expiresMs(*issued))}},
        text);
}

int runRevoke(CliContext& context, const ParsedArgs& args)
{
    const bool byUser = args.isSet(kUser);
    if (byUser == !args.positionals().isEmpty()) {
        return context.fail(
            CliError::usage(QStringLiteral("token revoke needs a JTI or --user USER (one of them)")));
    }
    const bool yes = args.isSet(JoseOptions::Yes);
    if (byUser) {
        if (auto ok =
                IdentitySupport::requireConfirmable(yes, QStringLiteral("revoking every token of a user"));
            !ok) {
            return context.fail(ok.error());
        }
    }
    auto ring = VaultKeys::open(context, Vault::Access::ReadWrite);
    if (!ring) {
        return context.fail(ring.error());
    }
    const QString reason = args.value(kReason);
    if (!byUser) {
        const QString jti = args.positional(0);
        if (auto ok = ring->issuer->revoke(jti, reason); !ok) {
            return context.fail(CliError::fromError(ok.error()));
        }
        return context.succeed(
            QJsonObject{{QStringLiteral("revoked"), QJsonArray{jti}}, {QStringLiteral("count"), 1}},
            QStringLiteral("Revoked refresh token %1").arg(TextLayout::oneLine(jti)));
    }
    auto names = IdentitySupport::storedUsernames(*ring->open, {args.value(kUser)});
    if (!names) {
        return context.fail(names.error());
    }
    const QString user = names->front();
    if (auto ok =
            IdentitySupport::confirm(yes, QStringLiteral("Revoke every live refresh token of %1?").arg(user));
        !ok) {
        return context.fail(ok.error());
    }
    auto count = ring->issuer->revokeAll(user, reason);
    if (!count) {
        return context.fail(CliError::fromError(count.error()));
    }
    return context.succeed(QJsonObject{{QStringLiteral("user"), user}, {QStringLiteral("count"), *count}},
                           QStringLiteral("Revoked %1 live refresh token%2 of %3")
                               .arg(*count)
                               .arg(*count == 1 ? QString() : QStringLiteral("s"), user));
}

int runRevoked(CliContext& context, const ParsedArgs& args)
{
    const QString out = args.value(JoseOptions::Out);
    if (auto ok = PrivateFile::checkOutOption(args); !ok) {
        return context.fail(ok.error());
    }
    auto ring = VaultKeys::open(context, Vault::Access::ReadOnly);
    if (!ring) {
        return context.fail(ring.error());
    }
    auto list = ring->issuer->revocationList();
    if (!list) {
        return context.fail(CliError::fromError(list.error()));
    }
    const QByteArray text = QJsonDocument(*list).toJson(QJsonDocument::Indented);
    const qsizetype count = list->value(QStringLiteral("revoked")).toArray().size();
    if (out.isEmpty()) {
        return context.succeed(*list, QString::fromUtf8(text).trimmed());
    }
    const auto path = PrivateFile::write(out, text);
    if (!path) {
        return context.fail(path.error());
    }
    return context.succeed(QJsonObject{{QStringLiteral("path"), *path}, {QStringLiteral("count"), count}},
                           QStringLiteral("Wrote the revocation list (%1 revoked token%2) to %3")
                               .arg(count)
                               .arg(count == 1 ? QString() : QStringLiteral("s"), *path));
}

QString stateOf(const RefreshTokenRecord& record, qint64 nowMs)
{
    return record.isRevoked()          ? QStringLiteral("revoked")
           : record.isExpiredAt(nowMs) ? QStringLiteral("expired")
                                       : QStringLiteral("live");
}

int runSessions(CliContext& context, const ParsedArgs& args)
{
    auto ring = VaultKeys::open(context, Vault::Access::ReadOnly);
    if (!ring) {
        return context.fail(ring.error());
    }
    QString user;
    if (!args.positionals().isEmpty()) {
        auto names = IdentitySupport::storedUsernames(*ring->open, {args.positional(0)});
        if (!names) {
            return context.fail(names.error());
        }
        user = names->front();
    }
    auto sessions = ring->issuer->sessions(user);
    if (!sessions) {
        return context.fail(CliError::fromError(sessions.error()));
    }
    const qint64 now = ring->nowMs();
    QJsonArray json;
    QList<QStringList> rows;
    for (const RefreshTokenRecord& record : *sessions) {
        const QString state = stateOf(record, now);
        json.append(QJsonObject{{QStringLiteral("jti"), record.jti},
                                {QStringLiteral("user"), record.username},
                                {QStringLiteral("kid"), record.kid},
                                {QStringLiteral("issuedAt"), IdentitySupport::isoOrNull(record.issuedMs)},
                                {QStringLiteral("expiresAt"), IdentitySupport::isoOrNull(record.expiresMs)},
                                {QStringLiteral("revokedAt"), IdentitySupport::isoOrNull(record.revokedMs)},
                                {QStringLiteral("reason"), record.isRevoked() ? QJsonValue(record.reason)
                                                                              : QJsonValue(QJsonValue::Null)},
                                {QStringLiteral("state"), state}});
        rows.append({record.jti, record.username, IdentitySupport::isoOrNever(record.issuedMs),
                     IdentitySupport::isoOrNever(record.expiresMs), state});
    }
    const QString text =
        rows.isEmpty()
            ? QStringLiteral("No refresh tokens were issued%1.")
                  .arg(user.isEmpty() ? QString() : QStringLiteral(" to %1").arg(user))
            : TextLayout::table({QStringLiteral("JTI"), QStringLiteral("USER"), QStringLiteral("ISSUED"),
                                 QStringLiteral("EXPIRES"), QStringLiteral("STATE")},
                                rows);
    return context.succeed(QJsonObject{{QStringLiteral("sessions"), json}}, text);
}

PositionalSpec userPositional(PositionalSpec::Arity arity)
{
    return PositionalSpec{QStringLiteral("USER"), QStringLiteral("A vault user"), arity};
}

} // namespace

void TokenIssueCommands::registerAll(CommandRegistry& registry)
{
    registry.add(CommandSpec{
        {QStringLiteral("token"), QStringLiteral("issue")},
        QStringLiteral("Issue an access and a refresh token for a vault user with a vault key"),
        QStringLiteral(
            "The guide's pair: an access token (sub, role, type access, 15 min) and a refresh token "
            "(sub, type refresh, random jti, 7 days), signed with --kid or the vault's only active "
            "signing key. --access or --refresh issues one of them. The refresh token is recorded "
            "(jti, user, issued, expires) so 'token sessions' lists it and 'token revoke' revokes "
            "it. Prints 'access: TOKEN' and 'refresh: TOKEN' lines. Disabled users get none."),
        {userPositional(PositionalSpec::Arity::Required)},
        {OptionSpec{kAccess, QString(), QStringLiteral("Issue the access token only")},
         OptionSpec{kRefresh, QString(), QStringLiteral("Issue the refresh token only")},
         JoseOptions::kid(QStringLiteral("The vault key that signs (default: the only active signing key)"))},
        runIssue});

    registry.add(CommandSpec{
        {QStringLiteral("token"), QStringLiteral("revoke")},
        QStringLiteral("Revoke a refresh token by its jti, or every live one of a user"),
        QStringLiteral(
            "Revoking a revoked token again changes nothing; an unknown jti is exit 2. --user USER "
            "revokes every live refresh token of USER after a y/N confirmation (--yes skips it; "
            "without a terminal --yes is required) and prints how many."),
        {PositionalSpec{QStringLiteral("JTI"), QStringLiteral("The refresh token's jti"),
                        PositionalSpec::Arity::Optional}},
        {OptionSpec{kUser, QStringLiteral("USER"), QStringLiteral("Revoke every live refresh token of USER")},
         OptionSpec{kReason, QStringLiteral("TEXT"),
                    QStringLiteral("Why (kept in the list and the audit log)")},
         JoseOptions::yes(QStringLiteral("Revoke a user's tokens without asking"))},
        runRevoke});

    registry.add(CommandSpec{
        {QStringLiteral("token"), QStringLiteral("revoked")},
        QStringLiteral("Print or write the revocation list as JSON"),
        QStringLiteral(
            "{\"generatedAt\", \"revoked\": [{\"jti\", \"sub\", \"kid\", \"issuedAt\", \"expiresAt\", "
            "\"revokedAt\", \"reason\"}]}, for a relying party to load."),
        {},
        {JoseOptions::out(QStringLiteral("Write the list to FILE instead of stdout")), JoseOptions::force()},
        runRevoked});

    registry.add(CommandSpec{
        {QStringLiteral("token"), QStringLiteral("sessions")},
        QStringLiteral("List the refresh tokens issued from the vault"),
        QStringLiteral("One line per refresh token: jti, user, issued, expires and state (live, expired or "
                       "revoked); all users, or USER's only."),
        {userPositional(PositionalSpec::Arity::Optional)},
        {},
        runSessions});
}

} // namespace tessera::cli
