#include "identity/UserFileWriter.h"

#include "identity/ImportFieldRules.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <algorithm>

namespace tessera {

namespace {

void appendRow(QByteArray& out, const QStringList& cells)
{
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i > 0) {
            out.append(',');
        }
        out.append(UserFileWriter::csvCell(cells.at(i)));
    }
    out.append("\r\n");
}

QStringList permissionTexts(const QList<Permission>& permissions)
{
    QStringList texts;
    for (const Permission& permission : permissions) {
        texts.append(permission.toString());
    }
    return texts;
}

QJsonObject roleJson(const RoleDefinition& role)
{
    return QJsonObject{
        {QStringLiteral("name"), role.name},
        {QStringLiteral("description"), role.description},
        {QStringLiteral("permissions"), QJsonArray::fromStringList(permissionTexts(role.permissions))},
        {QStringLiteral("includes"), QJsonArray::fromStringList(role.includes)},
    };
}

QJsonObject userJson(const UserRecord& user, bool includeHashes)
{
    QJsonObject attributes;
    for (auto it = user.attributes.cbegin(); it != user.attributes.cend(); ++it) {
        attributes.insert(it.key(), it.value());
    }
    QJsonArray grants;
    for (const ObjectGrant& grant : user.objectGrants) {
        grants.append(QJsonObject{{QStringLiteral("permission"), grant.permission.toString()},
                                  {QStringLiteral("objectId"), grant.objectId}});
    }
    QJsonObject object{
        {QStringLiteral("username"), user.username},
        {QStringLiteral("displayName"), user.displayName},
        {QStringLiteral("email"), user.email},
        {QStringLiteral("status"), ImportFieldRules::statusText(user.disabled)},
        {QStringLiteral("roles"), QJsonArray::fromStringList(user.roles)},
        {QStringLiteral("mustChangePassword"), user.mustChangePassword},
        {QStringLiteral("notes"), user.notes},
        {QStringLiteral("attributes"), attributes},
        {QStringLiteral("objectGrants"), grants},
    };
    if (user.createdMs != 0) {
        object.insert(QStringLiteral("created"), ImportFieldRules::createdText(user.createdMs));
    }
    if (includeHashes && !user.passwordHash.isEmpty()) {
        object.insert(QStringLiteral("passwordHash"), user.passwordHash);
    }
    return object;
}

} // namespace

QByteArray UserFileWriter::csvCell(const QString& value)
{
    const bool needsQuotes = value.contains(u',') || value.contains(u'"') || value.contains(u'\r') ||
                             value.contains(u'\n') ||
                             (!value.isEmpty() && (value.front().isSpace() || value.back().isSpace()));
    if (!needsQuotes) {
        return value.toUtf8();
    }
    QString quoted = value;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return '"' + quoted.toUtf8() + '"';
}

QByteArray UserFileWriter::usersCsv(const std::vector<UserRecord>& users, bool includeHashes)
{
    QSet<QString> attributeSet;
    for (const UserRecord& user : users) {
        for (auto it = user.attributes.cbegin(); it != user.attributes.cend(); ++it) {
            attributeSet.insert(it.key());
        }
    }
    QStringList attributeNames(attributeSet.cbegin(), attributeSet.cend());
    std::sort(attributeNames.begin(), attributeNames.end());

    QStringList header{QStringLiteral("username"), QStringLiteral("display_name"),
                       QStringLiteral("email"),    QStringLiteral("status"),
                       QStringLiteral("roles"),    QStringLiteral("must_change_password"),
                       QStringLiteral("notes"),    QStringLiteral("created")};
    if (includeHashes) {
        header.append(QStringLiteral("password_hash"));
    }
    for (const QString& name : std::as_const(attributeNames)) {
        header.append(QStringLiteral("attr:") + name);
    }
    QByteArray out;
    appendRow(out, header);
    for (const UserRecord& user : users) {
        QStringList row{user.username,
                        user.displayName,
                        user.email,
                        ImportFieldRules::statusText(user.disabled),
                        ImportFieldRules::joinList(user.roles),
                        user.mustChangePassword ? QStringLiteral("true") : QStringLiteral("false"),
                        user.notes,
                        ImportFieldRules::createdText(user.createdMs)};
        if (includeHashes) {
            row.append(user.passwordHash);
        }
        for (const QString& name : std::as_const(attributeNames)) {
            row.append(user.attributes.value(name));
        }
        appendRow(out, row);
    }
    return out;
}

QByteArray UserFileWriter::rolesCsv(const QList<RoleDefinition>& roles)
{
    QByteArray out;
    appendRow(out, {QStringLiteral("role"), QStringLiteral("description"), QStringLiteral("permissions"),
                    QStringLiteral("includes")});
    for (const RoleDefinition& role : roles) {
        appendRow(out,
                  {role.name, role.description, ImportFieldRules::joinList(permissionTexts(role.permissions)),
                   ImportFieldRules::joinList(role.includes)});
    }
    return out;
}

QByteArray UserFileWriter::json(const std::vector<UserRecord>& users, const QList<RoleDefinition>& roles,
                                bool includeHashes)
{
    QJsonArray roleArray;
    for (const RoleDefinition& role : roles) {
        roleArray.append(roleJson(role));
    }
    QJsonArray userArray;
    for (const UserRecord& user : users) {
        userArray.append(userJson(user, includeHashes));
    }
    const QJsonObject document{
        {QStringLiteral("format"), QStringLiteral("tessera-users")},
        {QStringLiteral("version"), 1},
        {QStringLiteral("roles"), roleArray},
        {QStringLiteral("users"), userArray},
    };
    return QJsonDocument(document).toJson(QJsonDocument::Indented);
}

} // namespace tessera
