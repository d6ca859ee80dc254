#include "crypto/KdfParams.h"

namespace tessera {

bool KdfParams::isValid() const
{
    return iterations >= 1 && memoryLog2 >= kMinMemoryLog2 && memoryLog2 <= kMaxMemoryLog2;
}

QString KdfParams::describe() const
{
    const double mib = static_cast<double>(memoryBytes()) / (1024.0 * 1024.0);
    const QString memory = mib >= 1.0 ? QStringLiteral("%1 MiB").arg(mib, 0, 'f', 0)
                                      : QStringLiteral("%1 KiB").arg(memoryBytes() / 1024);
    return QStringLiteral("Argon2id, %1 passes, %2").arg(iterations).arg(memory);
}

} // namespace tessera
