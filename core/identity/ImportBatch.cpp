#include "identity/ImportBatch.h"

namespace tessera {

QString ImportProblem::toText() const
{
    if (field.isEmpty()) {
        return QStringLiteral("line %1: %2").arg(line).arg(message);
    }
    return QStringLiteral("line %1 (%2): %3").arg(line).arg(field, message);
}

} // namespace tessera
