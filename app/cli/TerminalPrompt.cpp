#include "TerminalPrompt.h"

#include <QByteArray>
#include <cerrno>
#include <csignal>
#include <iterator>
#include <signal.h>
#include <termios.h>
#include <unistd.h>

namespace tessera::cli {

namespace {

// Saved for the signal handler, which may only call async-signal-safe functions.
termios g_savedTerminal{};
volatile std::sig_atomic_t g_echoOff = 0;

constexpr int kRestoredSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

void restoreOnSignal(int signal)
{
    if (g_echoOff) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &g_savedTerminal);
    }
    struct sigaction fallback
    {
    };
    fallback.sa_handler = SIG_DFL;
    ::sigaction(signal, &fallback, nullptr);
    ::raise(signal);
}

void writeStderr(const QByteArray& bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n =
            ::write(STDERR_FILENO, bytes.constData() + done, static_cast<std::size_t>(bytes.size() - done));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return;
        }
        done += n;
    }
}

// Switches echo off for its lifetime and restores the terminal when it goes away.
class EchoOff
{
public:
    EchoOff()
    {
        if (::tcgetattr(STDIN_FILENO, &g_savedTerminal) != 0) {
            return;
        }
        termios quiet = g_savedTerminal;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        struct sigaction restore
        {
        };
        restore.sa_handler = restoreOnSignal;
        for (std::size_t i = 0; i < std::size(kRestoredSignals); ++i) {
            ::sigaction(kRestoredSignals[i], &restore, &m_previous[i]);
        }
        m_handlersInstalled = true;
        g_echoOff = 1;
        // TCSAFLUSH drops anything typed ahead while echo was still on.
        m_active = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
    ~EchoOff()
    {
        if (m_active) {
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_savedTerminal);
        }
        g_echoOff = 0;
        if (!m_handlersInstalled) {
            return;
        }
        for (std::size_t i = 0; i < std::size(kRestoredSignals); ++i) {
            ::sigaction(kRestoredSignals[i], &m_previous[i], nullptr);
        }
    }
    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;

    bool isActive() const { return m_active; }

private:
    bool m_active = false;
    bool m_handlersInstalled = false;
    struct sigaction m_previous[std::size(kRestoredSignals)]{};
};

} // namespace

bool TerminalPrompt::isInteractive()
{
    return ::isatty(STDIN_FILENO) == 1;
}

CliResult<SecretBuffer> TerminalPrompt::readSecret(const QString& prompt)
{
    SecretBuffer line(kMaxLength);
    std::size_t length = 0;
    bool ended = false;
    bool tooLong = false;
    {
        const EchoOff echoOff;
        if (!echoOff.isActive()) {
            return cliFail(CliError::input(
                QStringLiteral("cannot switch off echo on the terminal to read the password")));
        }
        // The prompt comes after echo is off, so nothing typed in answer to it is ever shown.
        writeStderr(prompt.toUtf8());
        while (true) {
            char c = 0;
            const ssize_t n = ::read(STDIN_FILENO, &c, 1);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n <= 0) {
                break; // end of input (Ctrl+D) or a read error
            }
            if (c == '\n') {
                ended = true;
                break;
            }
            if (length == kMaxLength) {
                tooLong = true; // keep reading to the end of the line so nothing is left for the shell
                continue;
            }
            line.data()[length++] = static_cast<std::uint8_t>(c);
            c = 0;
        }
    }
    writeStderr("\n"); // the user's Enter was not echoed
    if (length > 0 && line.data()[length - 1] == '\r') {
        --length;
    }
    if (tooLong) {
        return cliFail(
            CliError::input(QStringLiteral("the password is longer than %1 bytes").arg(kMaxLength)));
    }
    if (!ended && length == 0) {
        return cliFail(CliError::input(QStringLiteral("no password was entered")));
    }
    if (length == 0) {
        return cliFail(CliError::input(QStringLiteral("the password is empty")));
    }
    return SecretBuffer::fromBytes(QByteArrayView(line.data(), static_cast<qsizetype>(length)));
}

} // namespace tessera::cli
