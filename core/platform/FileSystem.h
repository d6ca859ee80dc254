#pragma once

#include "common/Error.h"

#include <QString>

namespace tessera {

// Durability helpers for replacing files atomically: write beside, fsync, rename, fsync the directory.
class FileSystem
{
public:
    static QString siblingTempPath(const QString& path, const QString& tag);
    static Status syncFile(const QString& path);
    static Status syncParentDirectory(const QString& path);
    static Status replace(const QString& from, const QString& to); // rename(2) + directory sync
    static Status copyDurably(const QString& from, const QString& to);
    static Status checkParentDirectory(const QString& path); // exists and is a directory
    // Creates an empty file readable by its owner only (0600); fails if it exists.
    static Status createPrivateFile(const QString& path);
    // Writes `bytes` to a 0600 sibling, flushes it and renames it over `path`: readers see the old file
    // or the whole new one, never half of it.
    static Status writePrivately(const QString& path, const QByteArray& bytes);
};

} // namespace tessera
