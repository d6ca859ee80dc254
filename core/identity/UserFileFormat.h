#pragma once

#include "common/Error.h"
#include "identity/ImportBatch.h"

#include <QByteArrayView>
#include <QString>
#include <optional>

namespace tessera {

// Which import format a file is in: its extension (.csv, .json) when it has one of those, else its
// content (a document whose first non-blank character is '{' or '[' is JSON, anything else CSV).
class UserFileFormat
{
public:
    enum class Kind
    {
        Csv,
        Json
    };

    static constexpr qint64 kMaxFileBytes = qint64{512} * 1024 * 1024; // far above 100,000 users

    static std::optional<Kind> fromExtension(const QString& path);
    static Kind sniff(QByteArrayView content);
    static Kind detect(const QString& path, QByteArrayView content);
    static QString name(Kind kind); // "csv", "json"

    static ImportBatch read(QByteArrayView content, Kind kind);
    // Reads, detects and parses a file; the raw bytes (which hold any plaintext passwords) are wiped
    // before returning. Input when the file cannot be read or is too large (for the CLI, unreadable input is exit 2).
    static Result<ImportBatch> readFile(const QString& path);
};

} // namespace tessera
