#pragma once

#include "identity/ImportBatch.h"

#include <QByteArrayView>

namespace tessera {

// Reads a Tessera users JSON document (`"format": "tessera-users"`, docs/import-format.md) into an
// ImportBatch, with the same rules as UserCsvReader. A problem names the line where the offending user
// or role object starts (JsonLineScanner finds it); a syntax error is one problem at the line of the
// error. Unknown keys are problems, so a misspelt key never silently drops data. Only users and roles
// without problems land in the batch; plaintext passwords go into ImportBatch::secrets.
class UserJsonReader
{
public:
    static ImportBatch read(QByteArrayView data);
};

} // namespace tessera
