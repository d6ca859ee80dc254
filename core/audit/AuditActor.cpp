#include "audit/AuditActor.h"

#include <pwd.h>
#include <unistd.h>

namespace tessera {

AuditActor AuditActor::current(const QString& via)
{
    QString user;
    passwd entry{};
    passwd* found = nullptr;
    char buffer[1024];
    if (getpwuid_r(geteuid(), &entry, buffer, sizeof buffer, &found) == 0 && found) {
        user = QString::fromLocal8Bit(found->pw_name);
    } else {
        user = QStringLiteral("uid:%1").arg(geteuid());
    }
    return AuditActor{user, via};
}

} // namespace tessera
