#pragma once

#include <QString>

namespace tessera {

// The character rules shared by permission parts and role names, and how a bad character is shown in
// a message (control characters as \uXXXX so they cannot garble a terminal).
bool isAccessNameChar(QChar c); // a-z, 0-9, '_' or '-'
bool isAsciiUpper(QChar c);
QString describeAccessChar(QChar c);          // "'X'", "a space" or "\u0007"
QString quoteForMessage(const QString& text); // 'text' with control characters escaped

} // namespace tessera
