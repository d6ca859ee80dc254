#include "identity/UserJsonReader.h"

#include "access/RoleGraph.h"
#include "identity/CsvRecordReader.h"
#include "identity/ImportFieldRules.h"
#include "identity/JsonLineScanner.h"
#include "identity/UserValidator.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace tessera {

namespace {

const QString kFormatName = QStringLiteral("tessera-users");
constexpr int kFormatVersion = 1;

const QString kFormat = QStringLiteral("format");
const QString kVersion = QStringLiteral("version");
const QString kRoles = QStringLiteral("roles");
const QString kUsers = QStringLiteral("users");

const QStringList& documentKeys()
{
    static const QStringList keys{kFormat, kVersion, kRoles, kUsers};
    return keys;
}

const QStringList& userKeys()
{
    static const QStringList keys{
        QStringLiteral("username"),     QStringLiteral("displayName"),
        QStringLiteral("email"),        QStringLiteral("status"),
        QStringLiteral("roles"),        QStringLiteral("passwordHash"),
        QStringLiteral("password"),     QStringLiteral("mustChangePassword"),
        QStringLiteral("notes"),        QStringLiteral("attributes"),
        QStringLiteral("objectGrants"), QStringLiteral("created"),
    };
    return keys;
}

const QStringList& roleKeys()
{
    static const QStringList keys{QStringLiteral("name"), QStringLiteral("description"),
                                  QStringLiteral("permissions"), QStringLiteral("includes")};
    return keys;
}

const QStringList& grantKeys()
{
    static const QStringList keys{QStringLiteral("permission"), QStringLiteral("objectId")};
    return keys;
}

QString typeName(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("missing");
}

class JsonImport
{
public:
    explicit JsonImport(ImportBatch& batch) : m_batch(batch) {}

    void run(QByteArrayView data)
    {
        // The mark carries no newline, so line numbers are the same with or without it.
        const QByteArrayView body = CsvRecordReader::hasBom(data) ? data.sliced(3) : data;
        QJsonParseError error{};
        const QJsonDocument document =
            QJsonDocument::fromJson(QByteArray::fromRawData(body.data(), body.size()), &error);
        if (error.error != QJsonParseError::NoError) {
            problem(JsonLineScanner::lineAt(body, error.offset), {},
                    QStringLiteral("JSON syntax error: %1").arg(error.errorString()));
            return;
        }
        if (!document.isObject()) {
            problem(1, {},
                    QStringLiteral("the document must be a JSON object with \"format\": \"%1\"")
                        .arg(kFormatName));
            return;
        }
        m_lines = JsonLineScanner::scan(body, {kUsers, kRoles});
        const QJsonObject top = document.object();
        if (!readHeader(top)) {
            return;
        }
        const QJsonValue roles = top.value(kRoles);
        if (!roles.isUndefined() && !roles.isNull()) {
            if (!roles.isArray()) {
                problem(m_lines.objectLine, kRoles,
                        QStringLiteral("must be an array of role objects, not %1").arg(typeName(roles)));
            } else {
                const QJsonArray array = roles.toArray();
                for (qsizetype i = 0; i < array.size(); ++i) {
                    readRole(array.at(i), elementLine(kRoles, i));
                }
            }
        }
        const QJsonValue users = top.value(kUsers);
        if (!users.isUndefined() && !users.isNull()) {
            if (!users.isArray()) {
                problem(m_lines.objectLine, kUsers,
                        QStringLiteral("must be an array of user objects, not %1").arg(typeName(users)));
            } else {
                const QJsonArray array = users.toArray();
                for (qsizetype i = 0; i < array.size(); ++i) {
                    readUser(array.at(i), elementLine(kUsers, i));
                }
            }
        }
    }

private:
    void problem(int line, const QString& field, const QString& message)
    {
        m_batch.problems.append(ImportProblem{line, field, message});
    }

    int elementLine(const QString& key, qsizetype index) const
    {
        return m_lines.elementLines.value(key).value(index, m_lines.objectLine);
    }

    void unknownKeys(const QJsonObject& object, const QStringList& allowed, int line, const QString& what)
    {
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!allowed.contains(it.key())) {
                problem(line, it.key(),
                        QStringLiteral("unknown key \"%1\" in %2; the keys are %3")
                            .arg(it.key(), what, allowed.join(QStringLiteral(", "))));
            }
        }
    }

    // False when this is not a document the rest can be read by.
    bool readHeader(const QJsonObject& top)
    {
        const int line = m_lines.objectLine;
        for (const QString& key : std::as_const(m_lines.repeatedKeys)) {
            problem(line, key, QStringLiteral("the key \"%1\" appears more than once").arg(key));
        }
        unknownKeys(top, documentKeys(), line, QStringLiteral("the document"));
        const QJsonValue format = top.value(kFormat);
        if (format.toString() != kFormatName) {
            problem(
                line, kFormat,
                format.isUndefined()
                    ? QStringLiteral("missing; a Tessera users file has \"format\": \"%1\"").arg(kFormatName)
                    : QStringLiteral("this is not a Tessera users file (\"format\" must be \"%1\")")
                          .arg(kFormatName));
            return false;
        }
        const QJsonValue version = top.value(kVersion);
        if (version.isUndefined()) {
            problem(line, kVersion,
                    QStringLiteral("missing; this Tessera reads version %1").arg(kFormatVersion));
            return false;
        }
        const double number = version.toDouble(-1);
        if (!version.isDouble() || number < 1 || number > 1e6 || std::floor(number) != number) {
            problem(line, kVersion, QStringLiteral("must be a whole number (%1)").arg(kFormatVersion));
            return false;
        }
        if (number > kFormatVersion) {
            problem(line, kVersion,
                    QStringLiteral("version %1 was written by a newer Tessera; this one reads version %2")
                        .arg(QString::number(static_cast<int>(number)), QString::number(kFormatVersion)));
            return false;
        }
        return true;
    }

    // A string member; absent and null are empty. False (with a problem) for any other type.
    bool string(const QJsonObject& object, const QString& key, int line, QString& out)
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined() || value.isNull()) {
            return true;
        }
        if (!value.isString()) {
            problem(line, key, QStringLiteral("must be a string, not %1").arg(typeName(value)));
            return false;
        }
        out = value.toString();
        return true;
    }

    // An array of strings; absent and null are empty.
    bool strings(const QJsonObject& object, const QString& key, int line, QStringList& out)
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined() || value.isNull()) {
            return true;
        }
        const QString wrong = QStringLiteral("must be an array of strings");
        if (!value.isArray()) {
            problem(line, key, QStringLiteral("%1, not %2").arg(wrong, typeName(value)));
            return false;
        }
        const QJsonArray array = value.toArray();
        for (const QJsonValue item : array) {
            if (!item.isString()) {
                problem(line, key, QStringLiteral("%1; one item is %2").arg(wrong, typeName(item)));
                return false;
            }
            out.append(item.toString());
        }
        return true;
    }

    void readUser(const QJsonValue& value, int line)
    {
        if (!value.isObject()) {
            problem(line, {}, QStringLiteral("each user must be an object, not %1").arg(typeName(value)));
            return;
        }
        const QJsonObject object = value.toObject();
        const qsizetype problemsBefore = m_batch.problems.size();
        const auto report = [&](const QString& field, const Error& error) {
            problem(line, field, error.message);
        };
        unknownKeys(object, userKeys(), line, QStringLiteral("a user"));

        UserRecord user;
        const QString usernameKey = QStringLiteral("username");
        if (!object.contains(usernameKey)) {
            problem(line, usernameKey, QStringLiteral("missing; every user needs a username"));
        } else if (string(object, usernameKey, line, user.username)) {
            user.username = user.username.trimmed();
            if (auto valid = UserValidator::username(user.username); !valid) {
                report(usernameKey, valid.error());
            } else {
                const QString key = UserValidator::usernameKey(user.username);
                if (const auto first = m_usernameLines.constFind(key); first != m_usernameLines.cend()) {
                    problem(line, usernameKey,
                            QStringLiteral("the username '%1' already appears on line %2 (usernames are "
                                           "unique ignoring case)")
                                .arg(user.username, QString::number(*first)));
                } else {
                    m_usernameLines.insert(key, line);
                }
            }
        }
        string(object, QStringLiteral("displayName"), line, user.displayName);
        if (string(object, QStringLiteral("email"), line, user.email)) {
            user.email = user.email.trimmed();
            if (auto valid = UserValidator::email(user.email); !valid) {
                report(QStringLiteral("email"), valid.error());
            }
        }
        if (QString status; string(object, QStringLiteral("status"), line, status)) {
            if (auto disabled = ImportFieldRules::disabledFromStatus(status)) {
                user.disabled = *disabled;
            } else {
                report(QStringLiteral("status"), disabled.error());
            }
        }
        if (QStringList roles; strings(object, QStringLiteral("roles"), line, roles)) {
            if (auto valid = ImportFieldRules::roleNames(roles)) {
                user.roles = *valid;
            } else {
                report(QStringLiteral("roles"), valid.error());
            }
        }
        if (string(object, QStringLiteral("passwordHash"), line, user.passwordHash)) {
            user.passwordHash = user.passwordHash.trimmed();
            if (!user.passwordHash.isEmpty()) {
                if (auto valid = ImportFieldRules::passwordHash(user.passwordHash); !valid) {
                    report(QStringLiteral("passwordHash"), valid.error());
                }
            }
        }
        const QJsonValue mustChange = object.value(QStringLiteral("mustChangePassword"));
        if (mustChange.isBool()) {
            user.mustChangePassword = mustChange.toBool();
        } else if (!mustChange.isUndefined() && !mustChange.isNull()) {
            problem(line, QStringLiteral("mustChangePassword"),
                    QStringLiteral("must be true or false, not %1").arg(typeName(mustChange)));
        }
        string(object, QStringLiteral("notes"), line, user.notes);
        readAttributes(object, line, user);
        readGrants(object, line, user);
        if (QString created; string(object, QStringLiteral("created"), line, created)) {
            if (auto ms = ImportFieldRules::createdMs(created)) {
                user.createdMs = *ms;
            } else {
                report(QStringLiteral("created"), ms.error());
            }
        }

        // The password is taken last, as UTF-8 bytes into the arena, and every temporary is wiped.
        // (QJsonDocument's own copy lives until the document is destroyed at the end of read().)
        const QJsonValue password = object.value(QStringLiteral("password"));
        if (!password.isString() && !password.isUndefined() && !password.isNull()) {
            problem(line, QStringLiteral("password"),
                    QStringLiteral("must be a string, not %1").arg(typeName(password)));
        }
        QString passwordText = password.isString() ? password.toString() : QString();
        const bool hasPassword = !passwordText.isEmpty();
        if (hasPassword && !user.passwordHash.isEmpty()) {
            problem(line, QStringLiteral("password"),
                    QStringLiteral("give either a password or a passwordHash, not both"));
        }
        if (m_batch.problems.size() != problemsBefore) {
            wipeString(passwordText);
            return;
        }
        ImportedUser imported{line, std::move(user), {}};
        if (hasPassword) {
            QByteArray bytes = passwordText.toUtf8();
            imported.plaintextPassword = m_batch.secrets.append(bytes);
            wipeBytes(bytes);
        }
        wipeString(passwordText);
        m_batch.users.push_back(std::move(imported));
    }

    void readAttributes(const QJsonObject& object, int line, UserRecord& user)
    {
        const QString key = QStringLiteral("attributes");
        const QJsonValue value = object.value(key);
        if (value.isUndefined() || value.isNull()) {
            return;
        }
        if (!value.isObject()) {
            problem(line, key,
                    QStringLiteral("must be an object of name/text pairs, not %1").arg(typeName(value)));
            return;
        }
        const QJsonObject attributes = value.toObject();
        for (auto it = attributes.begin(); it != attributes.end(); ++it) {
            const QString field = QStringLiteral("attributes.%1").arg(it.key());
            if (auto valid = UserValidator::attributeName(it.key()); !valid) {
                problem(line, field, valid.error().message);
            } else if (!it.value().isString()) {
                problem(line, field, QStringLiteral("must be a string, not %1").arg(typeName(it.value())));
            } else {
                user.attributes.insert(it.key(), it.value().toString());
            }
        }
    }

    void readGrants(const QJsonObject& object, int line, UserRecord& user)
    {
        const QString key = QStringLiteral("objectGrants");
        const QJsonValue value = object.value(key);
        if (value.isUndefined() || value.isNull()) {
            return;
        }
        if (!value.isArray()) {
            problem(line, key,
                    QStringLiteral("must be an array of {\"permission\", \"objectId\"} objects, not %1")
                        .arg(typeName(value)));
            return;
        }
        const QJsonArray grants = value.toArray();
        for (qsizetype i = 0; i < grants.size(); ++i) {
            const QString field = QStringLiteral("objectGrants[%1]").arg(i);
            if (!grants.at(i).isObject()) {
                problem(line, field, QStringLiteral("must be an object, not %1").arg(typeName(grants.at(i))));
                continue;
            }
            const QJsonObject grant = grants.at(i).toObject();
            const qsizetype problemsBefore = m_batch.problems.size();
            unknownKeys(grant, grantKeys(), line, QStringLiteral("an object grant"));
            QString permissionText;
            QString objectId;
            string(grant, QStringLiteral("permission"), line, permissionText);
            string(grant, QStringLiteral("objectId"), line, objectId);
            const auto permission = Permission::parse(permissionText);
            if (!permission) {
                problem(line, field, permission.error().message);
            }
            if (objectId.isEmpty()) {
                problem(line, field, QStringLiteral("\"objectId\" is missing or empty"));
            }
            if (m_batch.problems.size() != problemsBefore) {
                continue;
            }
            const ObjectGrant parsed{*permission, objectId};
            if (!user.objectGrants.contains(parsed)) {
                user.objectGrants.append(parsed);
            }
        }
    }

    void readRole(const QJsonValue& value, int line)
    {
        if (!value.isObject()) {
            problem(line, {}, QStringLiteral("each role must be an object, not %1").arg(typeName(value)));
            return;
        }
        const QJsonObject object = value.toObject();
        const qsizetype problemsBefore = m_batch.problems.size();
        unknownKeys(object, roleKeys(), line, QStringLiteral("a role"));
        RoleDefinition role;
        const QString nameKey = QStringLiteral("name");
        if (!object.contains(nameKey)) {
            problem(line, nameKey, QStringLiteral("missing; every role needs a name"));
        } else if (string(object, nameKey, line, role.name)) {
            role.name = role.name.trimmed();
            if (auto valid = RoleGraph::validateRoleName(role.name); !valid) {
                problem(line, nameKey, valid.error().message);
            } else if (const auto first = m_roleLines.constFind(role.name); first != m_roleLines.cend()) {
                problem(line, nameKey,
                        QStringLiteral("the role '%1' already appears on line %2")
                            .arg(role.name, QString::number(*first)));
            } else {
                m_roleLines.insert(role.name, line);
            }
        }
        string(object, QStringLiteral("description"), line, role.description);
        if (QStringList texts; strings(object, QStringLiteral("permissions"), line, texts)) {
            if (auto permissions = ImportFieldRules::permissions(texts)) {
                role.permissions = *permissions;
            } else {
                problem(line, QStringLiteral("permissions"), permissions.error().message);
            }
        }
        if (QStringList names; strings(object, QStringLiteral("includes"), line, names)) {
            if (auto includes = ImportFieldRules::roleNames(names)) {
                role.includes = *includes;
            } else {
                problem(line, QStringLiteral("includes"), includes.error().message);
            }
        }
        if (!role.name.isEmpty() && role.includes.contains(role.name)) {
            problem(line, QStringLiteral("includes"), QStringLiteral("a role cannot include itself"));
        }
        if (m_batch.problems.size() != problemsBefore) {
            return;
        }
        m_batch.roles.append(role);
        m_batch.roleLines.append(line);
    }

    ImportBatch& m_batch;
    JsonLineScanner::Lines m_lines;
    QHash<QString, int> m_usernameLines;
    QHash<QString, int> m_roleLines;
};

} // namespace

ImportBatch UserJsonReader::read(QByteArrayView data)
{
    ImportBatch batch;
    JsonImport(batch).run(data);
    return batch;
}

} // namespace tessera
