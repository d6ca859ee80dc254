#include "IdentitySupport.h"

#include "CliContext.h"
#include "JsonOutput.h"
#include "StdinLine.h"
#include "TerminalPrompt.h"
#include "TextLayout.h"
#include "VaultAccess.h"

#include <QJsonArray>
#include <algorithm>

namespace tessera::cli {

CliResult<OpenDirectory> IdentitySupport::open(CliContext& context, Vault::Access access)
{
    auto vault = VaultAccess::open(context, access);
    if (!vault) {
        return std::unexpected(vault.error());
    }
    auto directory = Directory::open(**vault);
    if (!directory) {
        return cliFail(directory.error());
    }
    OpenDirectory opened;
    opened.vault = std::move(*vault);
    opened.directory = std::move(*directory);
    return opened;
}

CliResult<QStringList> IdentitySupport::storedUsernames(const Directory& directory, const QStringList& names)
{
    QStringList stored;
    for (const QString& name : names) {
        const UserAccess* user = directory.model().user(name);
        if (!user) {
            return cliFail(Error{ErrorKind::NotFound, QStringLiteral("no user named '%1'").arg(name)});
        }
        if (!stored.contains(user->username)) {
            stored.append(user->username);
        }
    }
    return stored;
}

CliResult<Permission> IdentitySupport::permission(const QString& text)
{
    auto parsed = Permission::parse(text);
    if (!parsed) {
        return cliFail(parsed.error());
    }
    return *parsed;
}

CliResult<QList<Permission>> IdentitySupport::permissions(const QStringList& texts)
{
    QList<Permission> list;
    for (const QString& text : texts) {
        auto parsed = permission(text);
        if (!parsed) {
            return std::unexpected(parsed.error());
        }
        list.append(*parsed);
    }
    return list;
}

CliResult<SecretBuffer> IdentitySupport::readStdinSecret(const QString& prompt)
{
    if (TerminalPrompt::isInteractive()) {
        return TerminalPrompt::readSecret(prompt);
    }
    return StdinLine::readSecret();
}

CliStatus IdentitySupport::requireConfirmable(bool yes, const QString& what)
{
    if (yes || TerminalPrompt::isInteractive()) {
        return {};
    }
    return cliFail(CliError::usage(
        QStringLiteral("%1 needs confirmation: pass --yes to confirm (stdin is not a terminal to ask on)")
            .arg(what)));
}

CliStatus IdentitySupport::confirm(bool yes, const QString& question)
{
    if (yes) {
        return {};
    }
    const QByteArray prompt = (question + QStringLiteral(" [y/N] ")).toUtf8();
    std::fwrite(prompt.constData(), 1, static_cast<std::size_t>(prompt.size()), stderr);
    std::fflush(stderr);
    const QString answer = StdinLine::readAnswer().trimmed().toLower();
    if (answer == QStringLiteral("y") || answer == QStringLiteral("yes")) {
        return {};
    }
    return cliFail(Error{ErrorKind::Cancelled, QStringLiteral("cancelled; nothing was changed")});
}

QString IdentitySupport::previewText(const RoleChangePreview& preview, qsizetype maxUsers)
{
    QString text = QStringLiteral("Preview: %1\n").arg(preview.summary());
    const QList<UserPermissionChange>& users = preview.users();
    qsizetype width = 0;
    for (qsizetype i = 0; i < users.size() && i < maxUsers; ++i) {
        width = std::max(width, users.at(i).username.size());
    }
    for (qsizetype i = 0; i < users.size() && i < maxUsers; ++i) {
        const UserPermissionChange& user = users.at(i);
        QStringList parts;
        if (!user.gained.isEmpty()) {
            parts << QStringLiteral("gains %1").arg(user.gained.join(QStringLiteral(", ")));
        }
        if (!user.lost.isEmpty()) {
            parts << QStringLiteral("loses %1").arg(user.lost.join(QStringLiteral(", ")));
        }
        text += QStringLiteral("  %1  %2\n")
                    .arg(TextLayout::oneLine(user.username).leftJustified(width), parts.join(QStringLiteral("; ")));
    }
    if (users.size() > maxUsers) {
        text += QStringLiteral("  ... and %1 more user(s) (--json lists all)\n").arg(users.size() - maxUsers);
    }
    return text;
}

QJsonObject IdentitySupport::previewJson(const RoleChangePreview& preview)
{
    QJsonArray users;
    for (const UserPermissionChange& user : preview.users()) {
        users.append(QJsonObject{{QStringLiteral("username"), user.username},
                                 {QStringLiteral("gained"), QJsonArray::fromStringList(user.gained)},
                                 {QStringLiteral("lost"), QJsonArray::fromStringList(user.lost)}});
    }
    return QJsonObject{{QStringLiteral("summary"), preview.summary()}, {QStringLiteral("users"), users}};
}

QString IdentitySupport::isoOrNever(qint64 ms)
{
    return ms > 0 ? JsonOutput::isoUtc(ms) : QStringLiteral("never");
}

QJsonValue IdentitySupport::isoOrNull(qint64 ms)
{
    return ms > 0 ? QJsonValue(JsonOutput::isoUtc(ms)) : QJsonValue(QJsonValue::Null);
}

QJsonValue IdentitySupport::msOrNull(qint64 ms)
{
    return ms > 0 ? QJsonValue(ms) : QJsonValue(QJsonValue::Null);
}

} // namespace tessera::cli
