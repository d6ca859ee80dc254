#include "CliContext.h"

#include "JsonOutput.h"
#include "platform/AppPaths.h"

#include <QFileInfo>

namespace tessera::cli {

namespace {

void writeBytes(std::FILE* stream, const QByteArray& bytes)
{
    std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stream);
    std::fflush(stream);
}

void writeTo(std::FILE* stream, const QString& text)
{
    writeBytes(stream, text.toUtf8());
}

} // namespace

CliContext::CliContext(std::FILE* out, std::FILE* err) : m_out(out), m_err(err) {}

QString CliContext::vaultPath() const
{
    // Absolute, so messages and JSON name the file unambiguously whatever the working directory.
    return QFileInfo(m_options.vault ? *m_options.vault : AppPaths::defaultVaultPath()).absoluteFilePath();
}

void CliContext::writeOut(const QString& text)
{
    writeTo(m_out, text);
}

void CliContext::writeErr(const QString& text)
{
    writeTo(m_err, text);
}

void CliContext::status(const QString& text)
{
    if (!jsonMode()) {
        writeErr(text + QLatin1Char('\n'));
    }
}

int CliContext::succeed(const QJsonObject& fields, const QString& text)
{
    if (jsonMode()) {
        QJsonObject document = fields;
        document.insert(QStringLiteral("ok"), true);
        writeDocument(document);
    } else if (!text.isEmpty()) {
        writeOut(text.endsWith(QLatin1Char('\n')) ? text : text + QLatin1Char('\n'));
    }
    return 0;
}

int CliContext::fail(const CliError& error, const QJsonObject& fields, const QString& text)
{
    // The message is one line whatever the core put in it.
    QString message = error.message;
    message.replace(QLatin1Char('\n'), QLatin1Char(' '));
    writeErr(QStringLiteral("tessera-cli: error: %1\n").arg(message));
    if (jsonMode()) {
        QJsonObject document = fields;
        document.insert(QStringLiteral("ok"), false);
        document.insert(QStringLiteral("error"), JsonOutput::error(error));
        writeDocument(document);
    } else if (!text.isEmpty()) {
        writeOut(text.endsWith(QLatin1Char('\n')) ? text : text + QLatin1Char('\n'));
    }
    return error.exitCode;
}

void CliContext::ensureDocument(int exitCode)
{
    if (!jsonMode() || m_documentWritten) {
        return;
    }
    if (exitCode == 0) {
        writeDocument(QJsonObject{{QStringLiteral("ok"), true}});
    } else {
        const CliError error{QStringLiteral("internal"),
                             QStringLiteral("the command failed without a message"), exitCode};
        writeDocument(
            QJsonObject{{QStringLiteral("ok"), false}, {QStringLiteral("error"), JsonOutput::error(error)}});
    }
}

void CliContext::writeDocument(const QJsonObject& document)
{
    if (m_documentWritten) {
        return; // the contract is one document; a second would break every parser
    }
    m_documentWritten = true;
    writeBytes(m_out, JsonOutput::serialize(document));
}

} // namespace tessera::cli
