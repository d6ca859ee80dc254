#pragma once

#include <QString>

namespace tessera {

// Who is making changes: the operating-system account and the front end ("gui" or "cli").
struct AuditActor
{
    QString osUser;
    QString via;

    static AuditActor current(const QString& via);
};

} // namespace tessera
