#pragma once

#include "access/UserAccess.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace tessera {

// One user as import and export see it: everything an admin can move between vaults. Secrets are not
// here: a plaintext password from an import file travels separately (ImportedUser::plaintextPassword).
struct UserRecord
{
    QString username;
    QString displayName;
    QString email;
    bool disabled = false;
    bool mustChangePassword = false;
    QString notes;
    QMap<QString, QString> attributes;
    QStringList roles;
    QList<ObjectGrant> objectGrants;
    QString passwordHash; // PHC argon2id/argon2i or bcrypt; empty = no password (or left out of an export)
    qint64 createdMs = 0; // 0 = unknown (an import sets "now")
    qint64 lastLoginMs = 0;
};

} // namespace tessera
