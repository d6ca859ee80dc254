#pragma once

#include "common/Error.h"

#include <span>

namespace tessera {

class Database;

struct MigrationStep
{
    int version;             // user_version after this step
    const char* description; // for logs and the audit trail
    const char* sql;
};

// Append-only schema history. Each step runs in its own transaction together with the
// user_version bump, so a crash leaves the vault at a whole version.
class Migrations
{
public:
    static std::span<const MigrationStep> steps();
    static int latestVersion();
    static Status apply(Database& db, int fromVersion, std::span<const MigrationStep> steps = Migrations::steps());
};

} // namespace tessera
