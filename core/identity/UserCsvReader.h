#pragma once

#include "identity/ImportBatch.h"

#include <QByteArrayView>

namespace tessera {

// Reads a users CSV or a roles CSV (docs/import-format.md) into an ImportBatch. The header row decides
// which: a `username` column makes a users file, a `role` column (and no `username`) a roles file.
// Every bad row becomes an ImportProblem with the physical line where its record starts, and reading
// goes on, so one pass lists every problem. Only rows without problems land in `users` / `roles`.
// A plaintext `password` cell goes straight into ImportBatch::secrets; it is never in a UserRecord.
// The caller owns `data` and should wipe it afterwards (it holds those passwords too).
class UserCsvReader
{
public:
    static ImportBatch read(QByteArrayView data);
};

} // namespace tessera
