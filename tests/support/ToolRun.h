#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace tessera::test {

// One run of an outside program used as a reference implementation (argon2, mkpasswd, ...).
struct ToolRun
{
    bool started = false; // false: the program is not installed or could not start
    int exitCode = -1;    // -1 when it crashed or did not finish within a minute
    QByteArray out;
    QByteArray err;
};

// Starts `program`, writes `input` to its stdin and closes it, and waits up to a minute.
ToolRun runTool(const QString& program, const QStringList& arguments, const QByteArray& input = {});

// The first python3 that can import `module`, Debian's (/usr/bin/python3) before the one on PATH,
// which may be a pyenv or venv interpreter without the Debian package; empty when neither can.
QString pythonWithModule(const QString& module);

} // namespace tessera::test
