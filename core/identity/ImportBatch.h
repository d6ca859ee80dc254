#pragma once

#include "access/RoleDefinition.h"
#include "crypto/SecretArena.h"
#include "identity/UserRecord.h"

#include <QList>
#include <QString>
#include <vector>

namespace tessera {

// One problem in an import file, located for people: "line 7, column email: 'bob@' is not a valid
// email address". Line numbers are 1-based physical lines of the file (a CSV record spanning lines
// reports its first line); for JSON, the line where the offending object starts.
struct ImportProblem
{
    int line = 0;
    QString field; // column or key; empty when the whole line/record is at fault
    QString message;

    QString toText() const; // "line 7 (email): ..."
};

// A user read from a file.
struct ImportedUser
{
    int line = 0;
    UserRecord record;
    SecretArena::Slice plaintextPassword; // into ImportBatch::secrets; hashed on import, never stored
};

// What an import file holds, parsed and checked on its own (syntax, field rules, duplicates within the
// file, roles defined in the file). Checks against the vault (existing usernames, unknown roles) are the
// Directory's job at preview time. Nothing is written while a batch is built.
struct ImportBatch
{
    QList<RoleDefinition> roles; // roles defined by the file (JSON "roles", or a roles CSV)
    QList<int> roleLines;        // line of each role, parallel to `roles`
    std::vector<ImportedUser> users;
    SecretArena secrets; // plaintext passwords of `users`
    QList<ImportProblem> problems; // every bad row; an import with problems writes nothing

    bool hasPlaintextPasswords() const
    {
        for (const ImportedUser& user : users) {
            if (!user.plaintextPassword.isNull()) {
                return true;
            }
        }
        return false;
    }
};

} // namespace tessera
