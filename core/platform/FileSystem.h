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
};

} // namespace tessera
