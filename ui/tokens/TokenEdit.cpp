#include "tokens/TokenEdit.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMimeData>
#include <QStringDecoder>
#include <QTextCursor>
#include <QUrl>

namespace tessera::ui {

namespace {

// The first local file among dropped URLs, or an empty string (a web link stays text).
QString droppedFile(const QMimeData* source)
{
    if (!source->hasUrls()) {
        return {};
    }
    for (const QUrl& url : source->urls()) {
        if (url.isLocalFile()) {
            return url.toLocalFile();
        }
    }
    return {};
}

} // namespace

TokenEdit::TokenEdit(QWidget* parent)
    : QPlainTextEdit(parent)
{
}

Result<QString> TokenEdit::readTokenFile(const QString& path)
{
    const QString name = QDir::toNativeSeparators(path);
    const QFileInfo info(path);
    if (info.exists() && !info.isFile()) {
        return fail(ErrorKind::Input, tr("%1 is not a file.").arg(name));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(ErrorKind::Input, tr("Cannot read %1: %2").arg(name, file.errorString()));
    }
    // Read one byte past the limit rather than trust size(): a pipe or a growing file has none.
    const QByteArray bytes = file.read(MaxFileBytes + 1);
    if (file.error() != QFileDevice::NoError) {
        return fail(ErrorKind::Input, tr("Cannot read %1: %2").arg(name, file.errorString()));
    }
    if (bytes.size() > MaxFileBytes) {
        return fail(ErrorKind::Input,
                    tr("%1 is larger than %2 KiB: too large to hold a token.").arg(name).arg(MaxFileBytes / 1024));
    }
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString text = utf8.decode(bytes);
    if (utf8.hasError() || bytes.contains('\0')) {
        return fail(ErrorKind::Input, tr("%1 is not a text file.").arg(name));
    }
    return text.trimmed();
}

bool TokenEdit::canInsertFromMimeData(const QMimeData* source) const
{
    return !droppedFile(source).isEmpty() || QPlainTextEdit::canInsertFromMimeData(source);
}

void TokenEdit::insertFromMimeData(const QMimeData* source)
{
    const QString path = droppedFile(source);
    if (path.isEmpty()) {
        QPlainTextEdit::insertFromMimeData(source);
        return;
    }
    Result<QString> text = readTokenFile(path);
    if (!text) {
        Q_EMIT fileRejected(text.error().message);
        return;
    }
    // The file holds the whole token: it replaces what was there rather than going in at the drop point,
    // as one step that Undo takes back.
    QTextCursor cursor(document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(*text);
    setTextCursor(cursor);
}

} // namespace tessera::ui
