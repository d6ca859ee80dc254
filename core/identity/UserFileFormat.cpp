#include "identity/UserFileFormat.h"

#include "identity/CsvRecordReader.h"
#include "identity/UserCsvReader.h"
#include "identity/UserJsonReader.h"

#include <QFile>
#include <QFileInfo>

namespace tessera {

std::optional<UserFileFormat::Kind> UserFileFormat::fromExtension(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toCaseFolded();
    if (suffix == u"csv") {
        return Kind::Csv;
    }
    if (suffix == u"json") {
        return Kind::Json;
    }
    return std::nullopt;
}

UserFileFormat::Kind UserFileFormat::sniff(QByteArrayView content)
{
    qsizetype i = CsvRecordReader::hasBom(content) ? 3 : 0;
    while (i < content.size() &&
           (content[i] == ' ' || content[i] == '\t' || content[i] == '\r' || content[i] == '\n')) {
        ++i;
    }
    // No CSV header can start with a brace or bracket: column names are words.
    if (i < content.size() && (content[i] == '{' || content[i] == '[')) {
        return Kind::Json;
    }
    return Kind::Csv;
}

UserFileFormat::Kind UserFileFormat::detect(const QString& path, QByteArrayView content)
{
    return fromExtension(path).value_or(sniff(content));
}

QString UserFileFormat::name(Kind kind)
{
    return kind == Kind::Json ? QStringLiteral("json") : QStringLiteral("csv");
}

ImportBatch UserFileFormat::read(QByteArrayView content, Kind kind)
{
    return kind == Kind::Json ? UserJsonReader::read(content) : UserCsvReader::read(content);
}

Result<ImportBatch> UserFileFormat::readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(ErrorKind::Input, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    }
    if (file.size() > kMaxFileBytes) {
        return fail(ErrorKind::Input, QStringLiteral("%1 is larger than %2 MiB; split it into smaller files")
                                          .arg(path, QString::number(kMaxFileBytes / (1024 * 1024))));
    }
    QByteArray content = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        wipeBytes(content);
        return fail(ErrorKind::Input, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    }
    ImportBatch batch = read(content, detect(path, content));
    wipeBytes(content);
    return batch;
}

} // namespace tessera
