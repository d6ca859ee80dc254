#include "PseudoTerminal.h"

#include <QProcess>
#include <cstdlib>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace tessera::test {

PseudoTerminal::PseudoTerminal()
{
    m_master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (m_master < 0 || ::grantpt(m_master) != 0 || ::unlockpt(m_master) != 0) {
        return;
    }
    const char* name = ::ptsname(m_master);
    m_slave = name ? ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC) : -1;
}

PseudoTerminal::~PseudoTerminal()
{
    if (m_slave >= 0) {
        ::close(m_slave);
    }
    if (m_master >= 0) {
        ::close(m_master);
    }
}

void PseudoTerminal::type(const QByteArray& line) const
{
    (void)!::write(m_master, line.constData(), static_cast<std::size_t>(line.size()));
}

bool PseudoTerminal::echoIsOn() const
{
    termios attributes{};
    return ::tcgetattr(m_slave, &attributes) == 0 && (attributes.c_lflag & ECHO) != 0;
}

std::function<void()> PseudoTerminal::attachToStdin() const
{
    const int slave = m_slave;
    return [slave] {
        ::dup2(slave, STDIN_FILENO);
    };
}

QString awaitPrompt(QProcess& process)
{
    process.setReadChannel(QProcess::StandardError);
    QByteArray seen;
    while (!seen.endsWith(": ")) {
        if (!process.waitForReadyRead(30000)) {
            break;
        }
        seen += process.readAll();
    }
    return QString::fromUtf8(seen).trimmed();
}

AnsweredRun runAnswering(const CliRunner& runner, const QStringList& arguments,
                         const PseudoTerminal& terminal, const QList<QByteArray>& answers)
{
    AnsweredRun answered;
    answered.run = runner.runInteractive(arguments, terminal.attachToStdin(), [&](QProcess& process) {
        for (const QByteArray& answer : answers) {
            answered.prompts << awaitPrompt(process);
            answered.echoAtPrompt << terminal.echoIsOn();
            terminal.type(answer);
        }
    });
    return answered;
}

} // namespace tessera::test
