#include "password/DataFile.h"

#include <QFile>

namespace tessera {

Result<QByteArray> DataFile::read(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(ErrorKind::Io,
                    QStringLiteral("cannot read the data file %1: %2").arg(path, file.errorString()));
    }
    return file.readAll();
}

QList<QByteArrayView> DataFile::entries(QByteArrayView text)
{
    QList<QByteArrayView> out;
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0) {
            end = text.size();
        }
        QByteArrayView line = text.sliced(start, end - start);
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        if (!line.isEmpty() && !line.startsWith('#')) {
            out.append(line);
        }
        start = end + 1;
    }
    return out;
}

} // namespace tessera
