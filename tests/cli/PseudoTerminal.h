#pragma once

#include "CliRunner.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

class QProcess;

namespace tessera::test {

// A pseudo-terminal pair whose slave side becomes a child's stdin, so tessera-cli sees a terminal
// (no-echo prompts, confirmations) in black-box tests.
class PseudoTerminal
{
public:
    PseudoTerminal();
    ~PseudoTerminal();
    PseudoTerminal(const PseudoTerminal&) = delete;
    PseudoTerminal& operator=(const PseudoTerminal&) = delete;

    bool isValid() const { return m_master >= 0 && m_slave >= 0; }
    void type(const QByteArray& line) const; // as if typed on the terminal
    bool echoIsOn() const;
    std::function<void()> attachToStdin() const; // for CliRunner::runInteractive's child hook

private:
    int m_master = -1;
    int m_slave = -1;
};

// Reads the child's stderr until a prompt (text ending in ": ") has arrived; returns it trimmed.
QString awaitPrompt(QProcess& process);

// A run of tessera-cli with `terminal` on its stdin, each prompt answered by the next of `answers`
// (e.g. a new secret and its repetition).
struct AnsweredRun
{
    CliRun run;
    QStringList prompts;      // the prompts as they arrived, trimmed
    QList<bool> echoAtPrompt; // whether the terminal echoed typing while each prompt waited
};
AnsweredRun runAnswering(const CliRunner& runner, const QStringList& arguments,
                         const PseudoTerminal& terminal, const QList<QByteArray>& answers);

} // namespace tessera::test
