#pragma once

#include "common/Error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace tessera {

// The bundled one-entry-per-line data files (resources/data/, compiled in under :/data/): a `#` line
// names the source and licence, blank lines are ignored, line endings may be \n or \r\n.
class DataFile
{
public:
    static constexpr const char* kCommonPasswordsPath = ":/data/common-passwords.txt";
    static constexpr const char* kWordListPath = ":/data/wordlist.txt";

    static Result<QByteArray> read(const QString& path);
    static QList<QByteArrayView> entries(QByteArrayView text); // views into text
};

} // namespace tessera
