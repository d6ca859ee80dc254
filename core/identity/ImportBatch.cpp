#include "identity/ImportBatch.h"

namespace tessera {

QString ImportProblem::toText() const
{
    // Multi-argument arg() so a '%1' inside a message or field is never substituted again.
    if (line <= 0) {
        return field.isEmpty() ? message : QStringLiteral("%1: %2").arg(field, message);
    }
    if (field.isEmpty()) {
        return QStringLiteral("line %1: %2").arg(QString::number(line), message);
    }
    return QStringLiteral("line %1 (%2): %3").arg(QString::number(line), field, message);
}

} // namespace tessera
