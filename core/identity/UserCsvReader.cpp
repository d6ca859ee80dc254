#include "identity/UserCsvReader.h"

#include "access/RoleGraph.h"
#include "identity/CsvRecordReader.h"
#include "identity/ImportFieldRules.h"
#include "identity/UserValidator.h"

#include <QHash>
#include <QSet>
#include <optional>

namespace tessera {

namespace {

enum class Column
{
    Ignored, // unknown or repeated: reported once on the header line, its cells skipped
    Username,
    DisplayName,
    Email,
    Status,
    Roles,
    PasswordHash,
    Password,
    MustChangePassword,
    Notes,
    Created,
    Attribute,
    Role,
    Description,
    Permissions,
    Includes,
};

struct ColumnInfo
{
    Column kind = Column::Ignored;
    QString name;      // for messages: the canonical column name, or "attr:NAME"
    QString attribute; // NAME of an attr:NAME column
};

const QList<std::pair<QString, Column>>& userColumns()
{
    static const QList<std::pair<QString, Column>> columns{
        {QStringLiteral("username"), Column::Username},
        {QStringLiteral("display_name"), Column::DisplayName},
        {QStringLiteral("email"), Column::Email},
        {QStringLiteral("status"), Column::Status},
        {QStringLiteral("roles"), Column::Roles},
        {QStringLiteral("password_hash"), Column::PasswordHash},
        {QStringLiteral("password"), Column::Password},
        {QStringLiteral("must_change_password"), Column::MustChangePassword},
        {QStringLiteral("notes"), Column::Notes},
        {QStringLiteral("created"), Column::Created},
    };
    return columns;
}

const QList<std::pair<QString, Column>>& roleColumns()
{
    static const QList<std::pair<QString, Column>> columns{
        {QStringLiteral("role"), Column::Role},
        {QStringLiteral("description"), Column::Description},
        {QStringLiteral("permissions"), Column::Permissions},
        {QStringLiteral("includes"), Column::Includes},
    };
    return columns;
}

const QString kAttributePrefix = QStringLiteral("attr:");

class CsvImport
{
public:
    explicit CsvImport(ImportBatch& batch) : m_batch(batch) {}

    void run(QByteArrayView data)
    {
        CsvRecordReader reader(data);
        CsvRecordReader::Record record;
        if (!reader.next(record)) {
            problem(1, {}, QStringLiteral("the file is empty; a CSV file starts with a header row"));
            return;
        }
        if (!readHeader(record)) {
            return;
        }
        while (reader.next(record)) {
            if (m_usersFile) {
                readUserRow(record);
            } else {
                readRoleRow(record);
            }
            wipeSecretCell(record);
        }
    }

private:
    void problem(int line, const QString& field, const QString& message)
    {
        m_batch.problems.append(ImportProblem{line, field, message});
    }

    // False when the header is too broken to read any row by.
    bool readHeader(CsvRecordReader::Record& header)
    {
        const int line = header.line;
        if (!header.error.isEmpty()) {
            problem(line, {}, header.error);
            return false;
        }
        QStringList names;
        for (const QByteArray& raw : std::as_const(header.fields)) {
            names.append(ImportFieldRules::isValidUtf8(raw) ? QString::fromUtf8(raw).trimmed() : QString());
        }
        QStringList folded;
        for (const QString& name : std::as_const(names)) {
            folded.append(name.toCaseFolded());
        }
        m_usersFile = folded.contains(QStringLiteral("username"));
        if (!m_usersFile && !folded.contains(QStringLiteral("role"))) {
            problem(line, {},
                    QStringLiteral("the header row has no 'username' column (a users file) and no 'role' "
                                   "column (a roles file)"));
            return false;
        }
        const auto& known = m_usersFile ? userColumns() : roleColumns();
        QSet<QString> seen;
        for (qsizetype i = 0; i < names.size(); ++i) {
            ColumnInfo info;
            const QString& name = names.at(i);
            info.name = name;
            const QString column = QString::number(i + 1);
            if (!ImportFieldRules::isValidUtf8(header.fields.at(i))) {
                problem(line, {}, QStringLiteral("the name of column %1 is not valid UTF-8").arg(column));
            } else if (name.isEmpty()) {
                problem(line, {}, QStringLiteral("column %1 has no name").arg(column));
            } else if (seen.contains(folded.at(i))) {
                problem(line, name, QStringLiteral("the column '%1' appears twice").arg(name));
            } else if (m_usersFile && folded.at(i).startsWith(kAttributePrefix)) {
                info.attribute = name.mid(kAttributePrefix.size());
                info.name = kAttributePrefix + info.attribute;
                if (auto valid = UserValidator::attributeName(info.attribute); !valid) {
                    problem(line, name, valid.error().message);
                } else {
                    info.kind = Column::Attribute;
                }
            } else {
                for (const auto& [knownName, kind] : known) {
                    if (folded.at(i) == knownName) {
                        info.kind = kind;
                        info.name = knownName;
                    }
                }
                if (info.kind == Column::Ignored) {
                    QStringList allowed;
                    for (const auto& entry : known) {
                        allowed.append(entry.first);
                    }
                    if (m_usersFile) {
                        allowed.append(QStringLiteral("attr:NAME"));
                    }
                    problem(line, name,
                            QStringLiteral("unknown column '%1'; the columns of a %2 file are %3")
                                .arg(name, m_usersFile ? QStringLiteral("users") : QStringLiteral("roles"),
                                     allowed.join(QStringLiteral(", "))));
                }
            }
            if (!name.isEmpty()) {
                seen.insert(folded.at(i));
            }
            if (info.kind == Column::Password) {
                m_passwordColumn = i;
            }
            m_columns.append(info);
        }
        return true;
    }

    // False (with a problem) when the record cannot be read column by column.
    bool checkShape(const CsvRecordReader::Record& record)
    {
        if (!record.error.isEmpty()) {
            problem(record.line, {}, record.error);
            return false;
        }
        if (record.fields.size() != m_columns.size()) {
            problem(record.line, {},
                    QStringLiteral("this row has %1 field(s) but the header has %2 column(s)")
                        .arg(QString::number(record.fields.size()), QString::number(m_columns.size())));
            return false;
        }
        return true;
    }

    // The cell text, or nullopt (with a problem) when it is not UTF-8.
    std::optional<QString> text(const CsvRecordReader::Record& record, qsizetype i)
    {
        if (!ImportFieldRules::isValidUtf8(record.fields.at(i))) {
            problem(record.line, m_columns.at(i).name,
                    QStringLiteral("the value is not valid UTF-8; save the file as UTF-8"));
            return std::nullopt;
        }
        return QString::fromUtf8(record.fields.at(i));
    }

    void readUserRow(const CsvRecordReader::Record& record)
    {
        if (!checkShape(record)) {
            return;
        }
        const int line = record.line;
        const qsizetype problemsBefore = m_batch.problems.size();
        const auto report = [&](const QString& field, const Status& status) {
            if (!status) {
                problem(line, field, status.error().message);
            }
        };
        UserRecord user;
        bool hasPassword = false;
        for (qsizetype i = 0; i < m_columns.size(); ++i) {
            const ColumnInfo& column = m_columns.at(i);
            if (column.kind == Column::Ignored) {
                continue;
            }
            if (column.kind == Column::Password) {
                // Bytes only: the password never becomes a QString. Checked for UTF-8 so a Latin-1
                // file cannot give a user a password nobody can type.
                hasPassword = !record.fields.at(i).isEmpty();
                if (!ImportFieldRules::isValidUtf8(record.fields.at(i))) {
                    problem(line, column.name,
                            QStringLiteral("the password is not valid UTF-8; save the file as UTF-8"));
                }
                continue;
            }
            const std::optional<QString> value = text(record, i);
            if (!value) {
                continue;
            }
            switch (column.kind) {
            case Column::Username:
                user.username = value->trimmed();
                break;
            case Column::DisplayName:
                user.displayName = *value;
                break;
            case Column::Email:
                user.email = value->trimmed();
                report(column.name, UserValidator::email(user.email));
                break;
            case Column::Status:
                if (auto disabled = ImportFieldRules::disabledFromStatus(*value)) {
                    user.disabled = *disabled;
                } else {
                    report(column.name, std::unexpected(disabled.error()));
                }
                break;
            case Column::Roles:
                if (auto roles = ImportFieldRules::roleNames(ImportFieldRules::splitList(*value))) {
                    user.roles = *roles;
                } else {
                    report(column.name, std::unexpected(roles.error()));
                }
                break;
            case Column::PasswordHash:
                user.passwordHash = value->trimmed();
                if (!user.passwordHash.isEmpty()) {
                    report(column.name, ImportFieldRules::passwordHash(user.passwordHash));
                }
                break;
            case Column::MustChangePassword:
                if (auto flag = ImportFieldRules::flag(*value)) {
                    user.mustChangePassword = *flag;
                } else {
                    report(column.name, std::unexpected(flag.error()));
                }
                break;
            case Column::Notes:
                user.notes = *value;
                break;
            case Column::Created:
                if (auto created = ImportFieldRules::createdMs(*value)) {
                    user.createdMs = *created;
                } else {
                    report(column.name, std::unexpected(created.error()));
                }
                break;
            case Column::Attribute:
                // An empty cell means "no such attribute": CSV cannot tell empty from absent.
                if (!value->isEmpty()) {
                    user.attributes.insert(column.attribute, *value);
                }
                break;
            default:
                break;
            }
        }
        if (auto valid = UserValidator::username(user.username); !valid) {
            problem(line, QStringLiteral("username"), valid.error().message);
        } else {
            const QString key = UserValidator::usernameKey(user.username);
            if (const auto first = m_usernameLines.constFind(key); first != m_usernameLines.cend()) {
                problem(line, QStringLiteral("username"),
                        QStringLiteral("the username '%1' already appears on line %2 (usernames are "
                                       "unique ignoring case)")
                            .arg(user.username, QString::number(*first)));
            } else {
                m_usernameLines.insert(key, line);
            }
        }
        if (hasPassword && !user.passwordHash.isEmpty()) {
            problem(line, QStringLiteral("password"),
                    QStringLiteral("give either a password or a password_hash, not both"));
        }
        if (m_batch.problems.size() != problemsBefore) {
            return;
        }
        ImportedUser imported{line, std::move(user), {}};
        if (hasPassword) {
            imported.plaintextPassword = m_batch.secrets.append(record.fields.at(m_passwordColumn));
        }
        m_batch.users.push_back(std::move(imported));
    }

    void readRoleRow(const CsvRecordReader::Record& record)
    {
        if (!checkShape(record)) {
            return;
        }
        const int line = record.line;
        const qsizetype problemsBefore = m_batch.problems.size();
        RoleDefinition role;
        for (qsizetype i = 0; i < m_columns.size(); ++i) {
            const ColumnInfo& column = m_columns.at(i);
            if (column.kind == Column::Ignored) {
                continue;
            }
            const std::optional<QString> value = text(record, i);
            if (!value) {
                continue;
            }
            switch (column.kind) {
            case Column::Role:
                role.name = value->trimmed();
                break;
            case Column::Description:
                role.description = *value;
                break;
            case Column::Permissions:
                if (auto permissions = ImportFieldRules::permissions(ImportFieldRules::splitList(*value))) {
                    role.permissions = *permissions;
                } else {
                    problem(line, column.name, permissions.error().message);
                }
                break;
            case Column::Includes:
                if (auto includes = ImportFieldRules::roleNames(ImportFieldRules::splitList(*value))) {
                    role.includes = *includes;
                } else {
                    problem(line, column.name, includes.error().message);
                }
                break;
            default:
                break;
            }
        }
        if (auto valid = RoleGraph::validateRoleName(role.name); !valid) {
            problem(line, QStringLiteral("role"), valid.error().message);
        } else if (const auto first = m_roleLines.constFind(role.name); first != m_roleLines.cend()) {
            problem(line, QStringLiteral("role"),
                    QStringLiteral("the role '%1' already appears on line %2")
                        .arg(role.name, QString::number(*first)));
        } else {
            m_roleLines.insert(role.name, line);
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

    void wipeSecretCell(CsvRecordReader::Record& record) const
    {
        // Every cell, not just the password column's: in a row with a wrong field count the password
        // may sit anywhere.
        if (m_passwordColumn < 0) {
            return;
        }
        for (QByteArray& cell : record.fields) {
            wipeBytes(cell);
        }
    }

    ImportBatch& m_batch;
    bool m_usersFile = true;
    QList<ColumnInfo> m_columns;
    qsizetype m_passwordColumn = -1;
    QHash<QString, int> m_usernameLines; // usernameKey -> first line
    QHash<QString, int> m_roleLines;
};

} // namespace

ImportBatch UserCsvReader::read(QByteArrayView data)
{
    ImportBatch batch;
    CsvImport(batch).run(data);
    return batch;
}

} // namespace tessera
