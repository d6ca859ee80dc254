#pragma once

#include "audit/AuditEntry.h"

#include <QString>
#include <vector>

namespace tessera::cli {

// Audit entries as aligned text columns for people: ID, TIME (UTC), USER, VIA, ACTION, TARGET, SUMMARY.
// Control characters in a field are shown as spaces so one entry stays on one line.
class AuditTable
{
public:
    static QString render(const std::vector<AuditEntry>& entries);
};

} // namespace tessera::cli
