#pragma once

#include <QString>

namespace tessera {

struct AuditEntry
{
    qint64 id = 0;
    qint64 atMs = 0; // Unix epoch milliseconds, UTC
    QString osUser;
    QString via;
    QString action;  // dotted verb, e.g. "vault.create", "settings.change"
    QString target;  // what it acted on
    QString summary; // what changed; never a secret, hash or key
};

struct AuditFilter
{
    QString text;   // case-insensitive match on any text column
    QString action; // exact action, or prefix when it ends with '.'
    qint64 fromMs = 0;
    qint64 toMs = 0; // exclusive; 0 = no bound
    int limit = 0;   // 0 = all; newest first when limited
};

struct AuditVerifyReport
{
    bool ok = true;
    qint64 entriesChecked = 0;
    qint64 firstBadId = 0; // 0 when the problem is not one entry (a removed tail)
    QString problem;
};

} // namespace tessera
