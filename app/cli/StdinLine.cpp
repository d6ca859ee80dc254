#include "StdinLine.h"

#include "TerminalPrompt.h"

#include <cerrno>
#include <unistd.h>

namespace tessera::cli {

namespace {

struct Line
{
    std::size_t length = 0;
    bool any = false;     // a byte (even just the line ending) arrived before the end of input
    bool tooLong = false; // more than `out`'s size; the rest of the line was still consumed
};

Line readLine(SecretBuffer& out)
{
    Line line;
    while (true) {
        char c = 0;
        const ssize_t n = ::read(STDIN_FILENO, &c, 1);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        line.any = true;
        if (c == '\n') {
            break;
        }
        if (line.length == out.size()) {
            line.tooLong = true;
            continue;
        }
        out.data()[line.length++] = static_cast<std::uint8_t>(c);
        c = 0;
    }
    if (line.length > 0 && out.data()[line.length - 1] == '\r') {
        --line.length;
    }
    return line;
}

} // namespace

CliResult<SecretBuffer> StdinLine::readSecret()
{
    SecretBuffer buffer(TerminalPrompt::kMaxLength);
    const Line line = readLine(buffer);
    if (!line.any) {
        return cliFail(CliError::input(QStringLiteral("no password on stdin")));
    }
    if (line.tooLong) {
        return cliFail(CliError::input(
            QStringLiteral("the password on stdin is longer than %1 bytes").arg(TerminalPrompt::kMaxLength)));
    }
    if (line.length == 0) {
        return cliFail(CliError::input(QStringLiteral("the password on stdin is empty")));
    }
    return SecretBuffer::fromBytes(QByteArrayView(buffer.data(), static_cast<qsizetype>(line.length)));
}

QString StdinLine::readAnswer()
{
    SecretBuffer buffer(64);
    const Line line = readLine(buffer);
    if (line.tooLong) {
        return {};
    }
    return QString::fromUtf8(QByteArrayView(buffer.data(), static_cast<qsizetype>(line.length)));
}

} // namespace tessera::cli
