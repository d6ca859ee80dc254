#include "ParsedArgs.h"

namespace tessera::cli {

QString ParsedArgs::value(const QString& option, const QString& fallback) const
{
    const auto it = m_values.constFind(option);
    return it == m_values.constEnd() ? fallback : *it;
}

} // namespace tessera::cli
