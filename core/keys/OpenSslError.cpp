#include "keys/OpenSslError.h"

#include <QStringList>
#include <openssl/err.h>

namespace tessera::keys {

QString OpenSslError::drain(const QString& context)
{
    QStringList reasons;
    unsigned long code = 0;
    while ((code = ERR_get_error()) != 0) {
        const char* reason = ERR_reason_error_string(code);
        const char* library = ERR_lib_error_string(code);
        QString text = reason ? QString::fromLatin1(reason) : QStringLiteral("error %1").arg(code, 0, 16);
        if (library) {
            text = QString::fromLatin1(library) + QLatin1Char(' ') + text;
        }
        if (!reasons.contains(text)) {
            reasons.append(text);
        }
    }
    if (reasons.isEmpty()) {
        return context;
    }
    return context + QStringLiteral(" (") + reasons.join(QStringLiteral("; ")) + QLatin1Char(')');
}

void OpenSslError::clear()
{
    ERR_clear_error();
}

std::unexpected<Error> OpenSslError::fail(ErrorKind kind, const QString& context)
{
    return tessera::fail(kind, drain(context));
}

} // namespace tessera::keys
