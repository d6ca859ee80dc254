#pragma once

#include "access/Permission.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace tessera {

// One role as a storage layer reads and writes it. RoleGraph keeps both lists sorted and free of
// duplicates; fromDefinitions() accepts them in any order.
struct RoleDefinition
{
    QString name;
    QString description;
    QList<Permission> permissions; // granted directly
    QStringList includes;          // names of roles whose permissions this role also grants (composite)
};

} // namespace tessera
