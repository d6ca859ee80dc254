#pragma once

#include "common/Error.h"
#include "jose/JsonObjectView.h"

#include <QByteArrayView>
#include <QJsonDocument>
#include <QJsonObject>

namespace tessera::jose {

// QJsonDocument keeps the last of two members with the same name and has no useful depth limit;
// in a security token either would let two readers see different claims. StrictJson first scans
// the text against RFC 8259 with the stricter rules below, then lets QJsonDocument build the tree.
//   - duplicate member names at any depth (compared after unescaping: "a" and "\u0061" clash)
//   - nesting deeper than maxDepth (objects and arrays; the outermost value is depth 1)
//   - invalid UTF-8 (overlong forms, encoded surrogates, beyond U+10FFFF) and \u escapes of lone
//     surrogates
//   - control characters in strings, trailing commas, comments, leading zeros, text after the value
//   - numbers beyond the range of a double (as QJsonDocument refuses them)
// Errors are ErrorKind::Input and name the byte offset.
class StrictJson
{
public:
    static constexpr int DefaultMaxDepth = 64;

    static Status validate(QByteArrayView json, int maxDepth = DefaultMaxDepth);
    static Result<QJsonDocument> parse(QByteArrayView json, int maxDepth = DefaultMaxDepth);
    // As parse(), and the top level must be an object.
    static Result<QJsonObject> parseObject(QByteArrayView json, int maxDepth = DefaultMaxDepth);
    // As parseObject(), without building the QJsonObject unless a member needs it (see
    // JsonObjectView); the view keeps json.
    static Result<JsonObjectView> scanObject(QByteArray json, int maxDepth = DefaultMaxDepth);
};

} // namespace tessera::jose
