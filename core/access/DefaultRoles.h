#pragma once

#include "access/RoleDefinition.h"
#include "access/RoleGraph.h"

#include <QList>
#include <QString>

namespace tessera {

// The roles a new vault offers: the practice guide's example (auth-patterns.md, section 5), as flat
// roles with exactly the guide's permissions. Admins may change all of it afterwards.
//   viewer      read:posts
//   editor      read:posts, write:posts
//   admin       read:posts, write:posts, delete:posts, manage:users
//   superadmin  admin:all
class DefaultRoles
{
public:
    static QList<RoleDefinition> definitions();
    static RoleGraph graph();
    // The least privileged role, as the guide advises for new users.
    static QString roleForNewUsers() { return QStringLiteral("viewer"); }
};

} // namespace tessera
