#pragma once

#include "common/Error.h"
#include "identity/ImportBatch.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

namespace tessera {

class Directory;

// What an import would do, shown before anything is written.
struct ImportPreview
{
    QList<ImportProblem> problems; // the file's own problems plus conflicts with the vault, by line
    int users = 0;
    QStringList newRoles;         // roles the file defines that the vault lacks
    int plaintextPasswords = 0;   // hashed during the import (and worth a warning: plaintext was present)
    int preHashedPasswords = 0;

    bool canImport() const { return problems.isEmpty(); }
    QString summary() const; // "3 users, 1 new role (auditor), 2 plaintext passwords to hash"
};

struct ImportOptions
{
    int threads = 0;                        // password hashing threads; 0 = one per core
    bool mustChangePlaintextPasswords = true; // plaintext passwords were seen by whoever wrote the file
    QString sourceName;                     // for the audit entry, e.g. the file name
};

struct ImportSummary
{
    int usersAdded = 0;
    QStringList rolesAdded;
    int passwordsHashed = 0;
};

// Imports users, roles and assignments all-or-nothing: a preview lists every problem by line first;
// plaintext passwords are hashed in parallel (progress and cancel) before one transaction writes
// everything; a single audit entry records the import.
class UserImporter
{
public:
    // Called from the importing thread, about every 50 ms while hashing; return false to cancel.
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    explicit UserImporter(Directory& directory) : m_directory(directory) {}

    ImportPreview preview(const ImportBatch& batch) const;
    // Input error when the preview has problems (nothing written); Cancelled when progress said stop.
    // Wipes the batch's plaintext passwords in every case.
    Result<ImportSummary> run(ImportBatch& batch, const ImportOptions& options = {}, const Progress& progress = {});

private:
    Directory& m_directory;
};

} // namespace tessera
