#include "common/ErrorText.h"

#include <QCoreApplication>

namespace tessera::ui {

QString ErrorText::sentence(const QString& text)
{
    QString result = text.trimmed();
    if (result.isEmpty()) {
        return result;
    }
    result[0] = result.at(0).toUpper();
    if (!result.endsWith(u'.') && !result.endsWith(u'?') && !result.endsWith(u'!')) {
        result += u'.';
    }
    return result;
}

QString ErrorText::forUser(const Error& error)
{
    switch (error.kind) {
    case ErrorKind::WrongPassword:
        return QCoreApplication::translate("ErrorText",
                                           "Wrong master password, or the vault file is damaged.");
    case ErrorKind::InUse:
        return QCoreApplication::translate("ErrorText",
                                           "The vault is in use by another Tessera window or program. "
                                           "Close it there and try again.");
    case ErrorKind::Cancelled:
        return QCoreApplication::translate("ErrorText", "Cancelled.");
    default:
        return sentence(error.message);
    }
}

} // namespace tessera::ui
