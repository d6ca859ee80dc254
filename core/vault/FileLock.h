#pragma once

#include "common/Error.h"

#include <QString>

namespace tessera {

// Advisory whole-file lock (flock) held for as long as a vault is open, so a second process gets a
// clear "in use" refusal instead of racing. flock locks are independent of SQLite's own POSIX locks,
// and the descriptor stays open until after SQLite closes, so SQLite's locks are never dropped early.
class FileLock
{
public:
    enum class Kind { Shared, Exclusive };

    FileLock() = default;
    ~FileLock();
    FileLock(FileLock&& other) noexcept;
    FileLock& operator=(FileLock&& other) noexcept;
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

    static Result<FileLock> acquire(const QString& path, Kind kind);
    void release();
    bool isHeld() const { return m_fd >= 0; }

private:
    explicit FileLock(int fd) : m_fd(fd) {}
    int m_fd = -1;
};

} // namespace tessera
