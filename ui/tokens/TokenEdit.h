#pragma once

#include "common/Error.h"

#include <QPlainTextEdit>

namespace tessera::ui {

// The inspector's token editor. A file dropped on it is read and its text, trimmed, becomes the token
// (Qt's own drop would insert the file's URL); a file too large to be a token, or one that cannot be
// read, leaves the token as it was and is reported through fileRejected.
class TokenEdit : public QPlainTextEdit
{
    Q_OBJECT

public:
    // Tokens run to a few KiB; 64 KiB is far beyond any real one, the rest leaves room for white space
    // and a "Bearer " prefix around it.
    static constexpr qint64 MaxFileBytes = 64 * 1024 + 1024;

    explicit TokenEdit(QWidget* parent = nullptr);

    // The text of a token file, trimmed; Input when it cannot be read, is larger than MaxFileBytes or
    // is not text.
    static Result<QString> readTokenFile(const QString& path);

Q_SIGNALS:
    void fileRejected(const QString& problem);

protected:
    bool canInsertFromMimeData(const QMimeData* source) const override;
    void insertFromMimeData(const QMimeData* source) override;
};

} // namespace tessera::ui
