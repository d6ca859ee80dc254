#include "access/DefaultRoles.h"

namespace tessera {

namespace {

QList<Permission> permissions(std::initializer_list<QString> texts)
{
    QList<Permission> list;
    for (const QString& text : texts) {
        if (auto permission = Permission::parse(text))
            list.append(*permission);
    }
    return list;
}

} // namespace

QList<RoleDefinition> DefaultRoles::definitions()
{
    const QString read = QStringLiteral("read:posts");
    const QString write = QStringLiteral("write:posts");
    const QString remove = QStringLiteral("delete:posts");
    const QString manageUsers = QStringLiteral("manage:users");
    return {
        {QStringLiteral("viewer"),
         QStringLiteral("Reads posts. The default role for new users."),
         permissions({read}),
         {}},
        {QStringLiteral("editor"), QStringLiteral("Reads and writes posts."), permissions({read, write}), {}},
        {QStringLiteral("admin"),
         QStringLiteral("Reads, writes and deletes posts; manages users."),
         permissions({read, write, remove, manageUsers}),
         {}},
        {QStringLiteral("superadmin"),
         QStringLiteral("Every permission, through the admin:all wildcard."),
         permissions({Permission::wildcard().toString()}),
         {}},
    };
}

RoleGraph DefaultRoles::graph()
{
    // The definitions are constants; failing here would be a bug caught by the tests.
    return RoleGraph::fromDefinitions(definitions()).value_or(RoleGraph());
}

} // namespace tessera
