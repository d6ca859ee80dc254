#pragma once

#include <QSyntaxHighlighter>

namespace tessera::ui {

// Colours a compact token's parts as jwt.io does: header, payload and signature (a JWE's five parts
// cycle through the same colours), with the dots muted. Colours suit the palette's base colour.
class TokenHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit TokenHighlighter(QTextDocument* document);

    static QColor partColor(int part, const QPalette& palette);

protected:
    void highlightBlock(const QString& text) override;
};

} // namespace tessera::ui
