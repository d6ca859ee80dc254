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
    const QString passes = iterations == 1 ? QStringLiteral("1 pass") : QStringLiteral("%1 passes").arg(iterations);
    return QStringLiteral("Argon2id, %1, %2").arg(passes, memory);
}

} // namespace tessera
