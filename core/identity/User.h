#pragma once

#include "access/UserAccess.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace tessera {

// One local account as stored in the vault. The password hash never leaves core except through
// explicit export with hashes.
struct User
{
    qint64 id = 0;
    QString username; // as typed; unique ignoring case
    QString displayName;
    QString email;
    bool disabled = false;
    bool mustChangePassword = false;
    QString notes;
    QMap<QString, QString> attributes;
    QStringList roles; // sorted
    QList<ObjectGrant> objectGrants;
    bool hasPassword = false; // the hash itself stays in the store
    qint64 createdMs = 0;
    qint64 updatedMs = 0;
    qint64 lastLoginMs = 0; // 0 = never
    // Brute-force protection state.
    int failedLogins = 0;
    qint64 firstFailureMs = 0;
    qint64 lockedUntilMs = 0;
    int lockCount = 0;

    bool isLockedAt(qint64 nowMs) const { return lockedUntilMs > nowMs; }
};

// What the users table shows: one row per user, light enough for 100,000 of them.
struct UserSummary
{
    qint64 id = 0;
    QString username;
    QString displayName;
    QString email;
    QString roles; // comma-separated, sorted
    bool disabled = false;
    qint64 lockedUntilMs = 0;
    qint64 lastLoginMs = 0;
    bool hasPassword = false;
};

} // namespace tessera
