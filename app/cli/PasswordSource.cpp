#include "PasswordSource.h"

#include "CliContext.h"
#include "TerminalPrompt.h"

#include <QFile>

namespace tessera::cli {

namespace {

constexpr qint64 kMaxFileRead = 64 * 1024;

} // namespace

PasswordSource::PasswordSource(QString label, QString file, QString fileOption, QString environmentVariable)
    : m_label(std::move(label)), m_file(std::move(file)), m_fileOption(std::move(fileOption)),
      m_environmentVariable(std::move(environmentVariable))
{}

PasswordSource PasswordSource::master(const CliContext& context)
{
    return PasswordSource(QStringLiteral("master password"), context.options().passwordFile,
                          QStringLiteral("--password-file"), QStringLiteral("TESSERA_PASSWORD"));
}

bool PasswordSource::fromEnvironment() const
{
    // An empty variable counts as unset, like most tools treat it.
    return !qEnvironmentVariableIsEmpty(m_environmentVariable.toLocal8Bit().constData());
}

CliStatus PasswordSource::requireAvailable() const
{
    if (!m_file.isEmpty() || fromEnvironment() || TerminalPrompt::isInteractive()) {
        return {};
    }
    return cliFail(unavailable());
}

CliError PasswordSource::unavailable() const
{
    return CliError::usage(
        QStringLiteral("no %1 given: use %2 FILE, set %3, or run in a terminal to be asked")
            .arg(m_label, m_fileOption, m_environmentVariable));
}

CliResult<SecretBuffer> PasswordSource::readFirstLine(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return cliFail(CliError::input(
            QStringLiteral("cannot read the password file %1: %2").arg(path, file.errorString())));
    }
    QByteArray bytes = file.read(kMaxFileRead);
    qsizetype end = bytes.indexOf('\n');
    if (end < 0) {
        end = bytes.size();
    }
    if (end > 0 && bytes.at(end - 1) == '\r') {
        --end;
    }
    SecretBuffer secret;
    if (end > 0 && end <= static_cast<qsizetype>(TerminalPrompt::kMaxLength)) {
        secret = SecretBuffer::fromBytes(QByteArrayView(bytes.constData(), end));
    }
    wipeBytes(bytes);
    if (end == 0) {
        return cliFail(
            CliError::input(QStringLiteral("the first line of the password file %1 is empty").arg(path)));
    }
    if (secret.isEmpty()) {
        return cliFail(
            CliError::input(QStringLiteral("the first line of the password file %1 is longer than %2 bytes")
                                .arg(path)
                                .arg(TerminalPrompt::kMaxLength)));
    }
    return secret;
}

CliResult<SecretBuffer> PasswordSource::read(const QString& prompt) const
{
    if (!m_file.isEmpty()) {
        return readFirstLine(m_file);
    }
    if (fromEnvironment()) {
        QByteArray value = qgetenv(m_environmentVariable.toLocal8Bit().constData());
        SecretBuffer secret = SecretBuffer::fromBytes(value);
        wipeBytes(value);
        return secret;
    }
    if (TerminalPrompt::isInteractive()) {
        return TerminalPrompt::readSecret(prompt);
    }
    return cliFail(unavailable());
}

CliResult<SecretBuffer> PasswordSource::readNew(const QString& prompt, const QString& confirmPrompt) const
{
    if (!m_file.isEmpty() || fromEnvironment() || !TerminalPrompt::isInteractive()) {
        return read(prompt);
    }
    auto first = TerminalPrompt::readSecret(prompt);
    if (!first) {
        return first;
    }
    auto second = TerminalPrompt::readSecret(confirmPrompt);
    if (!second) {
        return second;
    }
    if (!first->equals(*second)) {
        return cliFail(CliError::negative(QStringLiteral("password-mismatch"),
                                          QStringLiteral("the passwords do not match")));
    }
    return std::move(*first);
}

} // namespace tessera::cli
