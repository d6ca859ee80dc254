#include "tokens/TokenHighlighter.h"

#include <QApplication>
#include <QPalette>
#include <QTextDocument>

namespace tessera::ui {

TokenHighlighter::TokenHighlighter(QTextDocument* document) : QSyntaxHighlighter(document) {}

QColor TokenHighlighter::partColor(int part, const QPalette& palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    static const QColor light[] = {QColor(0xc0, 0x2b, 0x4c), QColor(0x7b, 0x3f, 0xb8), QColor(0x0b, 0x7f, 0xa6)};
    static const QColor darkColors[] = {QColor(0xff, 0x6b, 0x8a), QColor(0xc3, 0x9b, 0xf5), QColor(0x4f, 0xc8, 0xee)};
    return dark ? darkColors[part % 3] : light[part % 3];
}

void TokenHighlighter::highlightBlock(const QString& text)
{
    // The part count carries over lines: a token pasted with line breaks keeps its colours.
    int part = qMax(previousBlockState(), 0);
    const QPalette palette = QApplication::palette();
    QColor muted = palette.color(QPalette::Text);
    muted.setAlphaF(0.45);
    int start = 0;
    for (int i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text.at(i) == u'.') {
            if (i > start) {
                setFormat(start, i - start, partColor(part, palette));
            }
            if (i < text.size()) {
                setFormat(i, 1, muted);
                ++part;
            }
            start = i + 1;
        }
    }
    setCurrentBlockState(part);
}

} // namespace tessera::ui
