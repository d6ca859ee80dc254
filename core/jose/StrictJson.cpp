#include "jose/StrictJson.h"

#include <QVarLengthArray>
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <list>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::jose {

namespace {

// A recursive-descent validator over raw bytes. Recursion is bounded by maxDepth.
class Scanner
{
public:
    // The members of the outermost value, recorded when it must be an object.
    struct TopMembers
    {
        QVarLengthArray<JsonObjectView::Member, 8> members;
        bool plainNames = true;
    };

    Scanner(QByteArrayView text, int maxDepth, TopMembers* top = nullptr)
        : m_text(text), m_maxDepth(maxDepth), m_top(top)
    {}

    Status run()
    {
        skipSpace();
        if (atEnd()) {
            return error(QStringLiteral("empty document"));
        }
        if (m_top && peek() != '{') {
            return fail(ErrorKind::Input, QStringLiteral("JSON: the top level must be an object"));
        }
        if (auto ok = value(1); !ok) {
            return ok;
        }
        skipSpace();
        if (!atEnd()) {
            return error(QStringLiteral("unexpected %1 after the end of the JSON value").arg(describe()));
        }
        return {};
    }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    unsigned char peek() const { return static_cast<unsigned char>(m_text[m_pos]); }

    std::unexpected<Error> error(const QString& what) const
    {
        return fail(ErrorKind::Input, QStringLiteral("JSON: %1 at offset %2").arg(what).arg(m_pos));
    }

    QString describe() const
    {
        if (atEnd()) {
            return QStringLiteral("end of input");
        }
        const unsigned char c = peek();
        if (c >= 0x21 && c < 0x7f) {
            return QStringLiteral("'%1'").arg(QLatin1Char(static_cast<char>(c)));
        }
        return QStringLiteral("byte 0x%1").arg(c, 2, 16, QLatin1Char('0'));
    }

    void skipSpace()
    {
        while (!atEnd()) {
            const unsigned char c = peek();
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            ++m_pos;
        }
    }

    Status value(int depth)
    {
        if (atEnd()) {
            return error(QStringLiteral("unexpected end of input, expected a value"));
        }
        switch (peek()) {
        case '{':
            return object(depth);
        case '[':
            return array(depth);
        case '"': {
            std::string ignored;
            return string(ignored, false);
        }
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default:
            return number();
        }
    }

    Status enter(int depth) const
    {
        if (depth > m_maxDepth) {
            return error(QStringLiteral("nesting deeper than %1 levels").arg(m_maxDepth));
        }
        return {};
    }

    Status object(int depth)
    {
        if (auto ok = enter(depth); !ok) {
            return ok;
        }
        ++m_pos; // '{'
        skipSpace();
        if (!atEnd() && peek() == '}') {
            ++m_pos;
            return {};
        }
        const std::size_t firstName = m_names.size(); // this object's names follow its ancestors'
        for (;;) {
            skipSpace();
            if (atEnd() || peek() != '"') {
                return error(
                    QStringLiteral("expected a member name in double quotes, found %1").arg(describe()));
            }
            const qsizetype nameOffset = m_pos;
            const std::size_t decodedBefore = m_decodedNames.size();
            if (auto ok = memberName(nameOffset); !ok) {
                return ok;
            }
            const qsizetype nameEnd = m_pos;
            const bool plainName = m_decodedNames.size() == decodedBefore;
            skipSpace();
            if (atEnd() || peek() != ':') {
                return error(QStringLiteral("expected ':' after a member name, found %1").arg(describe()));
            }
            ++m_pos;
            skipSpace();
            const qsizetype valueStart = m_pos;
            if (auto ok = value(depth + 1); !ok) {
                return ok;
            }
            if (depth == 1 && m_top) {
                record(nameOffset, nameEnd, plainName, valueStart);
            }
            skipSpace();
            if (atEnd()) {
                return error(QStringLiteral("unterminated object"));
            }
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == '}') {
                ++m_pos;
                break;
            }
            return error(QStringLiteral("expected ',' or '}' in an object, found %1").arg(describe()));
        }
        auto ok = checkDuplicates(firstName);
        m_names.resize(firstName);
        return ok;
    }

    // A member name as a view of the text when it has no escapes (the usual case, no allocation),
    // else unescaped into m_decodedNames.
    Status memberName(qsizetype nameOffset)
    {
        const qsizetype start = m_pos + 1;
        qsizetype end = start;
        while (end < m_text.size() && m_text[end] != '"' && m_text[end] != '\\' &&
               static_cast<unsigned char>(m_text[end]) >= 0x20 &&
               static_cast<unsigned char>(m_text[end]) < 0x80) {
            ++end;
        }
        if (end < m_text.size() && m_text[end] == '"') {
            m_names.push_back(
                {std::string_view(m_text.data() + start, static_cast<std::size_t>(end - start)), nameOffset});
            m_pos = end + 1;
            return {};
        }
        std::string decoded;
        if (auto ok = string(decoded, true); !ok) {
            return ok;
        }
        m_decodedNames.push_back(std::move(decoded));
        m_names.push_back({std::string_view(m_decodedNames.back()), nameOffset});
        return {};
    }

    // One member of the outermost object: its name [nameOffset, nameEnd) with quotes, plain when it
    // needed no unescaping, and its value from valueStart to m_pos.
    void record(qsizetype nameOffset, qsizetype nameEnd, bool plainName, qsizetype valueStart)
    {
        using Kind = JsonObjectView::Kind;
        if (m_pos > std::numeric_limits<qint32>::max()) {
            m_top->plainNames = false; // offsets would not fit: lookups go through the object
            return;
        }
        JsonObjectView::Member member;
        member.nameStart = static_cast<qint32>(nameOffset + 1);
        member.nameLength = static_cast<qint32>(nameEnd - nameOffset - 2);
        member.valueStart = static_cast<qint32>(valueStart);
        member.valueLength = static_cast<qint32>(m_pos - valueStart);
        switch (m_text[valueStart]) {
        case '"': {
            member.kind = Kind::String;
            ++member.valueStart;
            member.valueLength -= 2;
            const QByteArrayView text = m_text.sliced(member.valueStart, member.valueLength);
            member.plainString = !text.contains('\\');
            break;
        }
        case '{':
            member.kind = Kind::Object;
            break;
        case '[':
            member.kind = Kind::Array;
            break;
        case 't':
            member.kind = Kind::True;
            break;
        case 'f':
            member.kind = Kind::False;
            break;
        case 'n':
            member.kind = Kind::Null;
            break;
        default:
            member.kind = Kind::Number;
            break;
        }
        m_top->plainNames = m_top->plainNames && plainName;
        m_top->members.push_back(member);
    }

    Status checkDuplicates(std::size_t first)
    {
        const auto begin = m_names.begin() + static_cast<std::ptrdiff_t>(first);
        const auto count = m_names.end() - begin;
        const auto duplicate = [](const std::pair<std::string_view, qsizetype>& name) {
            return fail(ErrorKind::Input,
                        QStringLiteral("JSON: duplicate member name \"%1\" at offset %2")
                            .arg(QString::fromUtf8(name.first.data(), static_cast<qsizetype>(name.first.size())))
                            .arg(name.second));
        };
        if (count <= 8) {
            // A token's objects are small: comparing each pair beats sorting. Names are in text
            // order, so the one reported is a second occurrence.
            for (auto later = begin + 1; later < m_names.end(); ++later) {
                const std::string_view name = later->first;
                for (auto earlier = begin; earlier < later; ++earlier) {
                    // Length and first byte settle most pairs without a call to memcmp.
                    const std::string_view other = earlier->first;
                    if (other.size() == name.size() && (name.empty() || other[0] == name[0]) && other == name) {
                        return duplicate(*later);
                    }
                }
            }
            return {};
        }
        // Sort by name, then by position, so the reported offset is the second occurrence.
        std::sort(begin, m_names.end());
        for (auto it = begin + 1; it != m_names.end(); ++it) {
            if (it->first == (it - 1)->first) {
                return duplicate(*it);
            }
        }
        return {};
    }

    Status array(int depth)
    {
        if (auto ok = enter(depth); !ok) {
            return ok;
        }
        ++m_pos; // '['
        skipSpace();
        if (!atEnd() && peek() == ']') {
            ++m_pos;
            return {};
        }
        for (;;) {
            skipSpace();
            if (auto ok = value(depth + 1); !ok) {
                return ok;
            }
            skipSpace();
            if (atEnd()) {
                return error(QStringLiteral("unterminated array"));
            }
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == ']') {
                ++m_pos;
                return {};
            }
            return error(QStringLiteral("expected ',' or ']' in an array, found %1").arg(describe()));
        }
    }

    Status literal(const char* word)
    {
        const QByteArrayView expected(word);
        if (m_text.sliced(m_pos).startsWith(expected)) {
            m_pos += expected.size();
            return {};
        }
        return error(QStringLiteral("invalid literal, expected '%1'").arg(QLatin1String(word)));
    }

    static bool isDigit(unsigned char c) { return c >= '0' && c <= '9'; }

    Status number()
    {
        const qsizetype start = m_pos;
        if (!atEnd() && peek() == '-') {
            ++m_pos;
        }
        if (atEnd() || !isDigit(peek())) {
            m_pos = start;
            return error(QStringLiteral("unexpected %1, expected a value").arg(describe()));
        }
        if (peek() == '0') {
            ++m_pos;
            if (!atEnd() && isDigit(peek())) {
                return error(QStringLiteral("leading zero in a number"));
            }
        } else {
            while (!atEnd() && isDigit(peek())) {
                ++m_pos;
            }
        }
        bool integral = true;
        if (!atEnd() && peek() == '.') {
            integral = false;
            ++m_pos;
            if (atEnd() || !isDigit(peek())) {
                return error(QStringLiteral("expected a digit after the decimal point"));
            }
            while (!atEnd() && isDigit(peek())) {
                ++m_pos;
            }
        }
        if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
            integral = false;
            ++m_pos;
            if (!atEnd() && (peek() == '+' || peek() == '-')) {
                ++m_pos;
            }
            if (atEnd() || !isDigit(peek())) {
                return error(QStringLiteral("expected a digit in the exponent"));
            }
            while (!atEnd() && isDigit(peek())) {
                ++m_pos;
            }
        }
        // QJsonDocument refuses what does not fit a double (1e400, 1e-400); so does this reader,
        // which lets JsonObjectView read numbers from the text and agree with QJsonDocument. An
        // integer of fewer than 309 digits always fits (DBL_MAX is about 1.8e308): no conversion.
        if (integral && m_pos - start <= 300) {
            return {};
        }
        double parsed = 0;
        if (std::from_chars(m_text.data() + start, m_text.data() + m_pos, parsed).ec != std::errc()) {
            m_pos = start;
            return error(QStringLiteral("number out of the range of a double"));
        }
        return {};
    }

    static void appendUtf8(std::string& out, std::uint32_t cp)
    {
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
        } else {
            out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
        }
    }

    Result<std::uint32_t> hex4()
    {
        if (m_text.size() - m_pos < 4) {
            return error(QStringLiteral("truncated \\u escape"));
        }
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i) {
            const unsigned char c = peek();
            v <<= 4;
            if (c >= '0' && c <= '9') {
                v |= c - '0';
            } else if (c >= 'a' && c <= 'f') {
                v |= c - 'a' + 10;
            } else if (c >= 'A' && c <= 'F') {
                v |= c - 'A' + 10;
            } else {
                return error(QStringLiteral("invalid hex digit %1 in a \\u escape").arg(describe()));
            }
            ++m_pos;
        }
        return v;
    }

    Status escape(std::string& out, bool keep)
    {
        ++m_pos; // backslash
        if (atEnd()) {
            return error(QStringLiteral("unterminated escape"));
        }
        const unsigned char c = peek();
        char plain = 0;
        switch (c) {
        case '"':
            plain = '"';
            break;
        case '\\':
            plain = '\\';
            break;
        case '/':
            plain = '/';
            break;
        case 'b':
            plain = '\b';
            break;
        case 'f':
            plain = '\f';
            break;
        case 'n':
            plain = '\n';
            break;
        case 'r':
            plain = '\r';
            break;
        case 't':
            plain = '\t';
            break;
        case 'u': {
            ++m_pos;
            auto first = hex4();
            if (!first) {
                return std::unexpected(first.error());
            }
            std::uint32_t cp = *first;
            if (cp >= 0xdc00 && cp <= 0xdfff) {
                return error(QStringLiteral("\\u escape of a lone low surrogate"));
            }
            if (cp >= 0xd800 && cp <= 0xdbff) {
                if (m_text.size() - m_pos < 2 || m_text[m_pos] != '\\' || m_text[m_pos + 1] != 'u') {
                    return error(QStringLiteral("\\u escape of a lone high surrogate"));
                }
                m_pos += 2;
                auto second = hex4();
                if (!second) {
                    return std::unexpected(second.error());
                }
                if (*second < 0xdc00 || *second > 0xdfff) {
                    return error(QStringLiteral("\\u escape of a lone high surrogate"));
                }
                cp = 0x10000 + ((cp - 0xd800) << 10) + (*second - 0xdc00);
            }
            if (keep) {
                appendUtf8(out, cp);
            }
            return {};
        }
        default:
            return error(QStringLiteral("invalid escape \\%1").arg(describe()));
        }
        ++m_pos;
        if (keep) {
            out.push_back(plain);
        }
        return {};
    }

    // One multi-byte UTF-8 sequence starting at m_pos (lead byte >= 0x80), per RFC 3629 table 3.
    Status utf8Sequence(std::string& out, bool keep)
    {
        const unsigned char lead = peek();
        int length = 0;
        unsigned char lo = 0x80;
        unsigned char hi = 0xbf;
        if (lead >= 0xc2 && lead <= 0xdf) {
            length = 2;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            length = 3;
            if (lead == 0xe0) {
                lo = 0xa0; // no overlong forms
            } else if (lead == 0xed) {
                hi = 0x9f; // no encoded surrogates
            }
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            length = 4;
            if (lead == 0xf0) {
                lo = 0x90;
            } else if (lead == 0xf4) {
                hi = 0x8f; // nothing above U+10FFFF
            }
        } else {
            return error(QStringLiteral("invalid UTF-8 (byte 0x%1 cannot start a character)")
                             .arg(lead, 2, 16, QLatin1Char('0')));
        }
        if (m_text.size() - m_pos < length) {
            return error(QStringLiteral("invalid UTF-8 (truncated sequence)"));
        }
        for (int i = 1; i < length; ++i) {
            const auto c = static_cast<unsigned char>(m_text[m_pos + i]);
            const unsigned char min = i == 1 ? lo : 0x80;
            const unsigned char max = i == 1 ? hi : 0xbf;
            if (c < min || c > max) {
                return error(QStringLiteral("invalid UTF-8 sequence"));
            }
        }
        if (keep) {
            out.append(m_text.data() + m_pos, static_cast<std::size_t>(length));
        }
        m_pos += length;
        return {};
    }

    // Validates a string; with keep, collects its unescaped UTF-8 (member names only).
    Status string(std::string& out, bool keep)
    {
        const qsizetype start = m_pos;
        ++m_pos; // opening quote
        while (!atEnd()) {
            const unsigned char c = peek();
            if (c == '"') {
                ++m_pos;
                return {};
            }
            if (c == '\\') {
                if (auto ok = escape(out, keep); !ok) {
                    return ok;
                }
            } else if (c < 0x20) {
                return error(QStringLiteral("unescaped control character 0x%1 in a string")
                                 .arg(c, 2, 16, QLatin1Char('0')));
            } else if (c < 0x80) {
                if (keep) {
                    out.push_back(static_cast<char>(c));
                }
                ++m_pos;
            } else if (auto ok = utf8Sequence(out, keep); !ok) {
                return ok;
            }
        }
        m_pos = start;
        return error(QStringLiteral("unterminated string"));
    }

    QByteArrayView m_text;
    int m_maxDepth;
    TopMembers* m_top;
    qsizetype m_pos = 0;
    // Names of the objects being scanned, innermost last; a token's fit the inline storage, so
    // scanning one allocates nothing here.
    QVarLengthArray<std::pair<std::string_view, qsizetype>, 32> m_names;
    // Unescaped names, rare; a list, so views into it stay valid and an empty one costs nothing.
    std::list<std::string> m_decodedNames;
};

} // namespace

Status StrictJson::validate(QByteArrayView json, int maxDepth)
{
    return Scanner(json, maxDepth).run();
}

Result<QJsonDocument> StrictJson::parse(QByteArrayView json, int maxDepth)
{
    if (auto ok = validate(json, maxDepth); !ok) {
        return std::unexpected(ok.error());
    }
    QJsonParseError parseError;
    // fromRawData: no copy; QJsonDocument copies what it keeps.
    const QByteArray raw = QByteArray::fromRawData(json.data(), json.size());
    QJsonDocument doc = QJsonDocument::fromJson(raw, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // The scanner accepted it, so this is a Qt limit (e.g. document size), not bad JSON.
        return fail(
            ErrorKind::Input,
            QStringLiteral("JSON: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset));
    }
    return doc;
}

Result<JsonObjectView> StrictJson::scanObject(QByteArray json, int maxDepth)
{
    Scanner::TopMembers top;
    if (auto ok = Scanner(json, maxDepth, &top).run(); !ok) {
        return std::unexpected(ok.error());
    }
    return JsonObjectView(std::move(json), std::move(top.members), top.plainNames);
}

Result<QJsonObject> StrictJson::parseObject(QByteArrayView json, int maxDepth)
{
    auto doc = parse(json, maxDepth);
    if (!doc) {
        return std::unexpected(doc.error());
    }
    if (!doc->isObject()) {
        return fail(ErrorKind::Input, QStringLiteral("JSON: the top level must be an object"));
    }
    return doc->object();
}

} // namespace tessera::jose
