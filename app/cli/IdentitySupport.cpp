#include "IdentitySupport.h"

#include "CliContext.h"
#include "JsonOutput.h"
#include "TerminalPrompt.h"
#include "VaultAccess.h"

#include <QJsonArray>
#include <algorithm>
#include <cerrno>
#include <unistd.h>

namespace tessera::cli {

namespace {

// Reads one line from stdin (without the LF) into `out`, at most `max` bytes; false at end of input
// before any byte. Keeps reading to the end of an over-long line so nothing is left for a later read.
bool readLine(SecretBuffer& out, std::size_t max, std::size_t& length, bool& tooLong)
{
    length = 0;
    tooLong = false;
    bool any = false;
    while (true) {
        char c = 0;
        const ssize_t n = ::read(STDIN_FILENO, &c, 1);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        any = true;
        if (c == '\n') {
            break;
        }
        if (length == max) {
            tooLong = true;
            continue;
        }
        out.data()[length++] = static_cast<std::uint8_t>(c);
        c = 0;
    }
    if (length > 0 && out.data()[length - 1] == '\r') {
        --length;
    }
    return any;
}

QString oneLine(QString text)
{
    for (QChar& c : text) {
        if (c.category() == QChar::Other_Control) {
            c = QLatin1Char(' ');
        }
    }
    return text;
}

} // namespace

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
    SecretBuffer line(TerminalPrompt::kMaxLength);
    std::size_t length = 0;
    bool tooLong = false;
    if (!readLine(line, TerminalPrompt::kMaxLength, length, tooLong)) {
        return cliFail(CliError::input(QStringLiteral("no password on stdin (--password-stdin)")));
    }
    if (tooLong) {
        return cliFail(CliError::input(
            QStringLiteral("the password on stdin is longer than %1 bytes").arg(TerminalPrompt::kMaxLength)));
    }
    if (length == 0) {
        return cliFail(CliError::input(QStringLiteral("the password on stdin is empty")));
    }
    return SecretBuffer::fromBytes(QByteArrayView(line.data(), static_cast<qsizetype>(length)));
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
    SecretBuffer line(64);
    std::size_t length = 0;
    bool tooLong = false;
    readLine(line, 64, length, tooLong);
    const QString answer =
        QString::fromUtf8(QByteArrayView(line.data(), static_cast<qsizetype>(length))).trimmed().toLower();
    if (!tooLong && (answer == QStringLiteral("y") || answer == QStringLiteral("yes"))) {
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
                    .arg(oneLine(user.username).leftJustified(width), parts.join(QStringLiteral("; ")));
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

QString IdentitySupport::labelled(const QList<std::pair<QString, QString>>& rows)
{
    qsizetype width = 0;
    for (const auto& row : rows) {
        width = std::max(width, row.first.size() + 1);
    }
    QString text;
    for (const auto& [label, value] : rows) {
        const QString shown = oneLine(value);
        text += shown.isEmpty() ? label + QLatin1Char(':')
                                : (label + QLatin1Char(':')).leftJustified(width + 2) + shown;
        text += QLatin1Char('\n');
    }
    return text;
}

QString IdentitySupport::table(const QStringList& headers, const QList<QStringList>& rows)
{
    QList<qsizetype> widths;
    for (const QString& header : headers) {
        widths.append(header.size());
    }
    QList<QStringList> cleaned;
    cleaned.reserve(rows.size());
    for (const QStringList& row : rows) {
        QStringList cells;
        for (qsizetype i = 0; i < headers.size(); ++i) {
            cells.append(oneLine(row.value(i)));
            widths[i] = std::max(widths[i], cells.back().size());
        }
        cleaned.append(cells);
    }
    auto render = [&widths](const QStringList& cells) {
        QString line;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            line += i + 1 < cells.size() ? cells.at(i).leftJustified(widths.at(i) + 2) : cells.at(i);
        }
        while (line.endsWith(QLatin1Char(' '))) {
            line.chop(1);
        }
        return line + QLatin1Char('\n');
    };
    QString text = render(headers);
    for (const QStringList& cells : std::as_const(cleaned)) {
        text += render(cells);
    }
    return text;
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
