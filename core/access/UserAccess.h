#pragma once

#include "access/Permission.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace tessera {

// A permission on one object only, e.g. delete:posts on object "42". Grants nothing type-wide.
struct ObjectGrant
{
    Permission permission;
    QString objectId;

    friend bool operator==(const ObjectGrant& a, const ObjectGrant& b)
    {
        return a.permission == b.permission && a.objectId == b.objectId;
    }
};

// What one user holds, as a storage layer reads and writes it.
struct UserAccess
{
    QString username; // as typed; AccessModel looks users up ignoring case
    QStringList roles;
    QList<ObjectGrant> objectGrants;
};

} // namespace tessera
